using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary>The Chebyshev solver (vertex simplex from a warm start, then the vertex refinement) against the same LP
/// solved by another algorithm: the textbook active-set solver with its own phase 1 (<see cref="ActiveSetSolver"/>),
/// on random polytopes in 2 to 7 dimensions with duplicate rows and rows through the box's corners (optima where
/// more rows are tight than the dimension), from starts inside and far outside; and the path taken when the simplex
/// fails (the active-set kernel from the same start) alike.</summary>
public sealed class ChebyshevDifferentialTests
{
    [Theory]
    [InlineData(1, false)] [InlineData(2, false)] [InlineData(3, false)] [InlineData(4, false)] [InlineData(5, false)]
    [InlineData(6, true)] [InlineData(7, true)]
    public void Radius_equals_the_textbook_LP_optimum_and_the_ball_fits(int seed, bool fallBack)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 40; trial++)
        {
            int d = 2 + trial % 6;
            var p = RandomPolytopes.Make(rng, d, cuts: 2 + rng.Next(3 * d * d), duplicates: rng.Next(4),
                cornerRows: rng.Next(3), shuffle: true).Normalized();
            var start = new double[d];
            if (trial % 2 == 1) for (int j = 0; j < d; j++) start[j] = 6 * rng.NextDouble() - 3;
            var ball = new ChebyshevSolver { AlwaysFallBack = fallBack }.Compute(p, start);
            double expected = TextbookRadius(p);
            string context =
                $"seed {seed} trial {trial}: radius {ball.Radius:R}, textbook {expected:R}\n{TestUtil.Dump(p)}";

            Assert.True(ball.Status == LpStatus.Optimal, context);
            Assert.True(Math.Abs(ball.Radius - expected) <= 1e-12, context);
            // With unit normals a row's slack at the centre is the centre's distance to its hyperplane.
            for (int i = 0; i < p.Count; i++)
                Assert.True(p.Slack(i, ball.Centre) >= ball.Radius - 1e-12, $"row {i}: {context}");
        }
    }

    [Fact]
    public void A_centre_that_can_slide_still_has_the_largest_ball()
    {
        // The box [0,1] x [0,4] x [-2,2] x [0,3]: the largest ball has radius 1/2 (the shortest side), and its
        // centre can slide along the three longer sides, so only the radius and the fit are fixed.
        double[] lo = [0, 0, -2, 0], hi = [1, 4, 2, 3];
        var rows = new List<double[]>();
        var rhs = new List<double>();
        for (int j = 0; j < 4; j++)
        {
            var e = new double[4]; e[j] = 1; rows.Add(e); rhs.Add(hi[j]);
            var f = new double[4]; f[j] = -1; rows.Add(f); rhs.Add(-lo[j]);
        }
        var p = HPolytope.FromRows(rows, rhs);
        foreach (var start in new[] { new double[] { 0.5, 1, 0, 1 }, [9, -9, 9, -9], [0.1, 3.9, 1.9, 0.2] })
        {
            var ball = new ChebyshevSolver().Compute(p, start);
            Assert.Equal(LpStatus.Optimal, ball.Status);
            Assert.Equal(0.5, ball.Radius, 14);
            for (int i = 0; i < p.Count; i++) Assert.True(p.Slack(i, ball.Centre) >= 0.5 - 1e-14);
        }
    }

    /// <summary>max r s.t. a_i·x + ‖a_i‖ r ≤ b_i by the textbook solver (phase 1 from scratch, no warm
    /// start).</summary>
    private static double TextbookRadius(HPolytope p)
    {
        int d = p.Dimension, w = d + 1;
        var ext = new double[p.Count * w];
        for (int i = 0; i < p.Count; i++)
        {
            p.Row(i).CopyTo(ext.AsSpan(i * w, d));
            ext[i * w + d] = VectorMath.Norm(p.Row(i));
        }
        var objective = new double[w];
        objective[d] = 1;
        var result = new ActiveSetSolver().Maximize(
            new LinearProgram(new HPolytope(w, ext, Enumerable.Range(0, p.Count).Select(p.Rhs).ToArray()), objective));
        Assert.Equal(LpStatus.Optimal, result.Status);
        return result.Point[d];
    }
}
