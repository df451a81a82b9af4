using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary><see cref="ChebyshevSolver.SolveNearest"/>, which guesses the optimal vertex from the rows nearest the
/// start, against the simplex (<see cref="ChebyshevSolver.Solve(ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, Span{double}, out double)"/>)
/// on random polytopes, and where the ball is not unique (it can slide) or held by more rows than a vertex needs.</summary>
public sealed class ChebyshevNearestTests
{
    [Theory]
    [InlineData(2, 6, 1)]
    [InlineData(2, 9, 2)]
    [InlineData(3, 8, 3)]
    [InlineData(3, 12, 4)]
    [InlineData(3, 20, 5)] // more rows than the guess takes: the simplex
    public void The_same_ball_as_the_simplex(int n, int m, int seed)
    {
        var rng = new Random(seed);
        var nearest = new ChebyshevSolver();
        var simplex = new ChebyshevSolver();
        int guessed = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var (a, b) = RandomPolytope(rng, n, m);
            var start = new double[n];
            for (int t = 0; t < n; t++) start[t] = (rng.NextDouble() - 0.5) * 0.2;
            var c1 = new double[n];
            var c2 = new double[n];
            var s1 = nearest.SolveNearest(a, b, n, start, c1, out double r1);
            var s2 = simplex.Solve(a, b, n, start, c2, out double r2);
            Assert.Equal(s2, s1);
            Assert.Equal(r2, r1, 1e-13);
            for (int t = 0; t < n; t++) Assert.Equal(c2[t], c1[t], 1e-12);
            if (nearest.LastIterations == 0) guessed++;
        }
        if (m <= 12) Assert.True(guessed > 40, $"the guess held only {guessed} of 400 times"); // exercised, not only the simplex
    }

    /// <summary>Starts near a corner, so that the rows nearest the start are not those that hold the ball: the
    /// dual simplex steps then find it, and it is the simplex's.</summary>
    [Theory]
    [InlineData(10, 6)]
    [InlineData(14, 7)]
    public void Dual_steps_from_a_poor_start_reach_the_simplexs_ball(int m, int seed)
    {
        var rng = new Random(seed);
        var nearest = new ChebyshevSolver();
        var simplex = new ChebyshevSolver();
        int stepped = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var (a, b) = RandomPolytope(rng, 3, m);
            // A point near the boundary: from the ball's centre, nine tenths of the way to the boundary along a
            // random direction.
            var centre = new double[3];
            simplex.Solve(a, b, 3, new double[3], centre, out _);
            var start = new double[3];
            for (int t = 0; t < 3; t++) start[t] = centre[t];
            double[] direction = [rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5];
            double reach = double.PositiveInfinity;
            for (int i = 0; i < m; i++)
            {
                double along = a[3 * i] * direction[0] + a[3 * i + 1] * direction[1] + a[3 * i + 2] * direction[2];
                double slack = b[i] - (a[3 * i] * centre[0] + a[3 * i + 1] * centre[1] + a[3 * i + 2] * centre[2]);
                if (along > 0) reach = Math.Min(reach, slack / along);
            }
            for (int t = 0; t < 3; t++) start[t] += 0.9 * reach * direction[t];
            var c1 = new double[3];
            var c2 = new double[3];
            var s1 = nearest.SolveNearest(a, b, 3, start, c1, out double r1);
            var s2 = simplex.Solve(a, b, 3, start, c2, out double r2);
            Assert.Equal(s2, s1);
            Assert.Equal(r2, r1, 1e-13);
            for (int t = 0; t < 3; t++) Assert.Equal(c2[t], c1[t], 1e-12);
            if (nearest.LastDualSteps > 0) stepped++;
        }
        Assert.True(stepped > 20, $"dual steps settled only {stepped} of 400 balls"); // exercised
    }

    [Fact]
    public void A_ball_that_can_slide_is_the_simplexs()
    {
        // The box [0, 4] × [0, 1] × [0, 1]: balls of radius 1/2 fit all along x, so no vertex is the only optimum
        // and the simplex picks one, as it always did.
        double[] a = [1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1];
        double[] b = [4, 0, 1, 0, 1, 0];
        double[] start = [3.5, 0.4, 0.6];
        var c1 = new double[3];
        var c2 = new double[3];
        new ChebyshevSolver().SolveNearest(a, b, 3, start, c1, out double r1);
        new ChebyshevSolver().Solve(a, b, 3, start, c2, out double r2);
        Assert.Equal(0.5, r1, 1e-15);
        Assert.Equal(r2, r1);
        Assert.Equal(c2, c1);
    }

    [Fact]
    public void A_cube_touched_by_all_six_sides()
    {
        double[] a = [1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1];
        double[] b = [1, 1, 1, 1, 1, 1];
        var centre = new double[3];
        var status = new ChebyshevSolver().SolveNearest(a, b, 3, [0.3, -0.2, 0.1], centre, out double radius);
        Assert.Equal(LpStatus.Optimal, status);
        Assert.Equal(1, radius, 1e-15);
        foreach (double x in centre) Assert.Equal(0, x, 1e-15);
    }

    /// <summary>A box's 2n sides 1–2 from the origin (so bounded), then m − 2n random unit normals 0.3–1 from it.</summary>
    private static (double[] A, double[] B) RandomPolytope(Random rng, int n, int m)
    {
        var a = new double[m * n];
        var b = new double[m];
        for (int i = 0; i < m; i++)
        {
            if (i < 2 * n)
            {
                a[i * n + i / 2] = i % 2 == 0 ? 1 : -1;
                b[i] = 1 + rng.NextDouble();
                continue;
            }
            double norm = 0;
            for (int t = 0; t < n; t++) { a[i * n + t] = rng.NextDouble() * 2 - 1; norm += a[i * n + t] * a[i * n + t]; }
            norm = Math.Sqrt(norm);
            for (int t = 0; t < n; t++) a[i * n + t] /= norm;
            b[i] = 0.3 + 0.7 * rng.NextDouble();
        }
        return (a, b);
    }
}
