using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary><see cref="FlatChebyshev"/>: the largest ball of a polytope inside a flat, on cases with known answers,
/// with the certificate (the centre lies on the flat and the ball within the polytope) checked.</summary>
public sealed class FlatChebyshevTests
{
    private static readonly HPolytope Square = HPolytope.FromBox(Box.Cube(2, -1, 1));
    private static readonly HPolytope Cube = HPolytope.FromBox(Box.Cube(3, -1, 1));

    [Fact]
    public void Compute_DiagonalOfTheSquare_IsHalfTheDiagonal()
    {
        double s = Math.Sqrt(0.5);
        var ball = new FlatChebyshev().Compute(Square, [[s, s]], [0], [0.3, -0.1], 1e-9);
        Assert.Equal(LpStatus.Optimal, ball.Status);
        Assert.Equal(1, ball.Dimension);
        Assert.Equal(Math.Sqrt(2), ball.Radius, 12);
        AssertCertificate(Square, [[s, s]], [0], ball);
    }

    [Fact]
    public void Compute_HorizontalPlaneThroughTheCube_IsTheSquareInradius()
    {
        var ball = new FlatChebyshev().Compute(Cube, [[0, 0, 1]], [0.5], [0.2, 0.2, 0.2], 1e-9);
        Assert.Equal(1, ball.Radius, 12);
        Assert.Equal(0.5, ball.Centre[2], 12);
        AssertCertificate(Cube, [[0, 0, 1]], [0.5], ball);
    }

    [Fact]
    public void Compute_LineOfTwoPlanesThroughTheCube_IsHalfItsLength()
    {
        var ball = new FlatChebyshev().Compute(Cube, [[0, 0, 1], [1, 0, 0]], [0.5, 0.25], [0, 0, 0], 1e-9);
        Assert.Equal(1, ball.Dimension);
        Assert.Equal(1, ball.Radius, 12);
        AssertCertificate(Cube, [[0, 0, 1], [1, 0, 0]], [0.5, 0.25], ball);
    }

    [Fact]
    public void Compute_PlaneTouchingOnlyAnEdge_HasRadiusZero()
    {
        double s = Math.Sqrt(0.5);
        var ball = new FlatChebyshev().Compute(Cube, [[s, s, 0]], [2 * s], [0, 0, 0], 1e-9);
        Assert.True(Math.Abs(ball.Radius) < 1e-9, $"radius {ball.Radius}");
    }

    [Fact]
    public void Compute_PlaneMissingTheCube_HasNegativeRadius()
    {
        double s = Math.Sqrt(0.5);
        var ball = new FlatChebyshev().Compute(Cube, [[s, s, 0]], [2.5 * s], [0, 0, 0], 1e-9);
        Assert.True(ball.Radius < -1e-3, $"radius {ball.Radius}");
    }

    [Fact]
    public void Compute_FlatParallelToARowAndOutside_IsEmpty()
    {
        var ball = new FlatChebyshev().Compute(Square, [[1, 0]], [2], [0, 0], 1e-9);
        Assert.Equal(LpStatus.Infeasible, ball.Status);
        Assert.True(double.IsNegativeInfinity(ball.Radius));
    }

    [Fact]
    public void Compute_PointFlat_GivesTheDepthOfThePoint()
    {
        var ball = new FlatChebyshev().Compute(Square, [[1, 0], [0, 1]], [0.5, 0.25], [0, 0], 1e-9);
        Assert.Equal(0, ball.Dimension);
        Assert.Equal(0.5, ball.Radius, 12);
        Assert.Equal([0.5, 0.25], ball.Centre);
    }

    [Fact]
    public void Compute_DependentNormals_IsEmpty()
    {
        var ball = new FlatChebyshev().Compute(Cube, [[1, 0, 0], [2, 0, 0]], [0, 0], [0, 0, 0], 1e-9);
        Assert.True(double.IsNegativeInfinity(ball.Radius));
    }

    [Fact]
    public void ClipLine_ThroughTheSquare_GivesTheChord()
    {
        var (lo, hi) = new FlatChebyshev().ClipLine(Square, [0, 0.5], [1, 0], 1e-9);
        Assert.Equal(-1, lo, 12);
        Assert.Equal(1, hi, 12);
        var (lo2, hi2) = new FlatChebyshev().ClipLine(Square, [0, 1.5], [1, 0], 1e-9);
        Assert.True(lo2 > hi2);
    }

    /// <summary>The centre satisfies the flat's equations, and points at distance r from it inside the flat (along
    /// the flat's directions found by projecting coordinate axes) satisfy every row.</summary>
    private static void AssertCertificate(HPolytope p, double[][] normals, double[] offsets, FlatBall ball)
    {
        for (int i = 0; i < normals.Length; i++)
            Assert.Equal(offsets[i], VectorMath.Dot(normals[i], ball.Centre), 10);
        int d = p.Dimension;
        for (int j = 0; j < d; j++)
        {
            var u = new double[d];
            u[j] = 1;
            foreach (var n in normals)
            {
                double nn = VectorMath.Dot(n, n), c = VectorMath.Dot(u, n) / nn;
                for (int t = 0; t < d; t++) u[t] -= c * n[t];
            }
            double norm = VectorMath.Norm(u);
            if (norm < 1e-6) continue;
            foreach (int sign in new[] { 1, -1 })
            {
                var x = ball.Centre.Select((v, t) => v + sign * ball.Radius * u[t] / norm).ToArray();
                Assert.True(p.Contains(x, 1e-9), $"ball point {string.Join(", ", x)} is outside");
            }
        }
    }
}
