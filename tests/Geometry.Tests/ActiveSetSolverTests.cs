using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary><see cref="ActiveSetSolver"/> on LPs whose optima are known by hand, on infeasible and unbounded
/// LPs, and on degenerate vertices; every Optimal answer's certificate is checked.</summary>
public sealed class ActiveSetSolverTests
{
    private static LinearProgram Lp(double[][] rows, double[] rhs, double[] c) => new(HPolytope.FromRows(rows, rhs), c);

    /// <summary>The optimality certificate of an Optimal result: the point is feasible, multipliers are ≥ 0,
    /// non-zero only on rows tight at the point, and Σ λ_i A_i = c. (Primal feasible + dual feasible with
    /// complementary slackness proves optimality without trusting the solver.)</summary>
    internal static void AssertCertificate(LinearProgram lp, LpResult r, string context = "")
    {
        Assert.True(r.Status == LpStatus.Optimal, $"{context} status {r.Status}");
        var p = lp.Constraints;
        int n = p.Dimension;
        Assert.Equal(p.Count, r.Multipliers.Length);
        var sum = new double[n];
        for (int i = 0; i < p.Count; i++)
        {
            double slack = p.Slack(i, r.Point), lambda = r.Multipliers[i];
            Assert.True(slack >= -1e-9, $"{context} row {i} violated by {-slack:R}");
            Assert.True(lambda >= -1e-12, $"{context} multiplier {i} = {lambda:R} < 0");
            if (lambda != 0) Assert.True(Math.Abs(slack) <= 1e-9, $"{context} multiplier {i} = {lambda:R} on a row with slack {slack:R}");
            for (int t = 0; t < n; t++) sum[t] += lambda * p.Row(i)[t];
        }
        // Σ λ_i A_i is computed in doubles, so it cannot match c better than roundoff times Σ |λ_i| ‖A_i‖: at a
        // vertex held by nearly dependent rows the multipliers are large (1e9 in ApexLpTests) and so is that error.
        double weight = 0;
        for (int i = 0; i < p.Count; i++) weight += Math.Abs(r.Multipliers[i]) * VectorMath.Norm(p.Row(i));
        double allowed = Math.Max(1e-9, 1e-12 * weight);
        for (int t = 0; t < n; t++)
            Assert.True(Math.Abs(sum[t] - lp.Objective[t]) <= allowed,
                $"{context} (Σ λ_i A_i)[{t}] = {sum[t]:R}, c[{t}] = {lp.Objective[t]:R}, Σ |λ_i| ‖A_i‖ = {weight:G3}");
        Assert.Equal(VectorMath.Dot(lp.Objective.ToArray(), r.Point), r.Objective, 1e-12);
    }

    [Fact]
    public void Two_variable_LP_reaches_the_hand_computed_vertex()
    {
        // max 3x + 2y  s.t.  x + y <= 4,  x + 3y <= 6,  x <= 3.5,  x >= 0,  y >= 0.
        // Vertices (0,0) (3.5,0) (3.5,0.5) (3,1) (0,2) give 0, 10.5, 11.5, 11, 4: the optimum is (3.5, 0.5) = 11.5,
        // where x + y <= 4 and x <= 3.5 are tight; (3, 2) = 2·(1, 1) + 1·(1, 0), so λ = (2, 0, 1, 0, 0).
        var lp = Lp([[1, 1], [1, 3], [1, 0], [-1, 0], [0, -1]], [4, 6, 3.5, 0, 0], [3, 2]);
        var r = new ActiveSetSolver().Maximize(lp);
        AssertCertificate(lp, r);
        Assert.Equal(11.5, r.Objective, 12);
        Assert.Equal(3.5, r.Point[0], 12);
        Assert.Equal(0.5, r.Point[1], 12);
        Assert.Equal([2, 0, 1, 0, 0], r.Multipliers.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Three_variable_LP_reaches_the_hand_computed_vertex()
    {
        // max x + 2y + 3z over the box [0,1]×[0,2]×[0,3] cut by x + y + z <= 5.5. The largest weights go first:
        // z = 3, y = 2, and x takes what the cut leaves, 0.5: optimum (0.5, 2, 3) = 0.5 + 4 + 9 = 13.5.
        // (1, 2, 3) = 1·(1,1,1) + 1·(0,1,0) + 2·(0,0,1): λ = 1 on the cut, 1 on y <= 2, 2 on z <= 3.
        var lp = Lp([[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, 0, 0], [0, -1, 0], [0, 0, -1], [1, 1, 1]],
            [1, 2, 3, 0, 0, 0, 5.5], [1, 2, 3]);
        var r = new ActiveSetSolver().Maximize(lp);
        AssertCertificate(lp, r);
        Assert.Equal(13.5, r.Objective, 12);
        Assert.Equal([0.5, 2, 3], r.Point.Select(v => Math.Round(v, 12)));
        Assert.Equal([0, 1, 2, 0, 0, 0, 1], r.Multipliers.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Phase_one_finds_a_start_when_the_origin_is_infeasible()
    {
        // max −x − 2y  s.t.  x + y >= 2,  x <= 5,  y >= 0,  x >= 0 (the origin violates the first row).
        // Minimising x + 2y on x + y >= 2 puts everything on x: (2, 0) = −2. (−1, −2) = 1·(−1, −1) + 1·(0, −1).
        var lp = Lp([[-1, -1], [1, 0], [0, -1], [-1, 0]], [-2, 5, 0, 0], [-1, -2]);
        var r = new ActiveSetSolver().Maximize(lp);
        AssertCertificate(lp, r);
        Assert.Equal(-2, r.Objective, 12);
        Assert.Equal([1, 0, 1, 0], r.Multipliers.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void A_warm_start_gives_the_same_optimum_as_phase_one()
    {
        var lp = Lp([[1, 1], [1, 3], [1, 0], [-1, 0], [0, -1]], [4, 6, 3.5, 0, 0], [3, 2]);
        var r = new ActiveSetSolver().Maximize(lp, [1, 1]);
        AssertCertificate(lp, r);
        Assert.Equal(11.5, r.Objective, 12);
    }

    [Fact]
    public void A_zero_objective_is_optimal_at_the_start()
    {
        var lp = Lp([[1, 0], [-1, 0], [0, 1], [0, -1]], [1, 1, 1, 1], [0, 0]);
        var r = new ActiveSetSolver().Maximize(lp);
        AssertCertificate(lp, r);
        Assert.Equal(0, r.Objective);
    }

    [Fact]
    public void An_infeasible_LP_reports_Infeasible_without_throwing()
    {
        // x <= 0 and x >= 1.
        var r = new ActiveSetSolver().Maximize(Lp([[1], [-1]], [0, -1], [1]));
        Assert.Equal(LpStatus.Infeasible, r.Status);
        // x + y <= 1 and x + y >= 2, inside a box.
        r = new ActiveSetSolver().Maximize(Lp([[1, 1], [-1, -1], [1, 0], [-1, 0], [0, 1], [0, -1]], [1, -2, 5, 5, 5, 5], [1, 0]));
        Assert.Equal(LpStatus.Infeasible, r.Status);
    }

    [Fact]
    public void An_LP_infeasible_by_a_small_margin_reports_Infeasible()
    {
        // x <= 0 and x >= 1/64 (the empty_2d_tight idea in 1-D).
        var r = new ActiveSetSolver().Maximize(Lp([[1], [-1]], [0, -1.0 / 64], [1]));
        Assert.Equal(LpStatus.Infeasible, r.Status);
    }

    [Fact]
    public void An_unbounded_LP_reports_Unbounded()
    {
        // max x  s.t.  -1 <= y <= 1,  x >= 0: the ray (t, 0) is feasible for every t >= 0.
        var lp = Lp([[0, 1], [0, -1], [-1, 0]], [1, 1, 0], [1, 0]);
        var r = new ActiveSetSolver().Maximize(lp);
        Assert.Equal(LpStatus.Unbounded, r.Status);
        Assert.Equal(double.PositiveInfinity, r.Objective);
        // With no constraints blocking the objective at all.
        r = new ActiveSetSolver().Maximize(Lp([[1, 0]], [1], [0, 1]));
        Assert.Equal(LpStatus.Unbounded, r.Status);
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(1.0, 0.1)]
    [InlineData(0.1, 1.0)]
    [InlineData(1.0, 0.0)]
    public void Twenty_lines_through_the_optimal_vertex_terminate_Optimal(double cx, double cy)
    {
        // x >= 0, y >= 0 and 20 lines through (1, 1) with normals at angles 0..90°: every normal's half-plane
        // contains the square [0,1]², and c lies in the cone of the normals, so (1, 1) is optimal with value cx + cy
        // (uniquely when cx, cy > 0; for c = (1, 0) the whole edge x = 1 is optimal).
        var rows = new List<double[]> { new double[] { -1, 0 }, new double[] { 0, -1 } };
        var rhs = new List<double> { 0, 0 };
        for (int k = 0; k < 20; k++)
        {
            double t = k * (Math.PI / 2) / 19;
            rows.Add([Math.Cos(t), Math.Sin(t)]);
            rhs.Add(Math.Cos(t) + Math.Sin(t));
        }
        var lp = new LinearProgram(HPolytope.FromRows(rows, rhs), [cx, cy]);
        foreach (var r in new[] { new ActiveSetSolver().Maximize(lp), new ActiveSetSolver().Maximize(lp, [0.5, 0.25]) })
        {
            AssertCertificate(lp, r);
            Assert.Equal(cx + cy, r.Objective, 12);
            Assert.Equal(1, r.Point[0], 9);
            if (cy > 0) Assert.Equal(1, r.Point[1], 9);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Thirty_planes_through_the_optimal_vertex_in_3D_terminate_Optimal(int seed)
    {
        // x, y, z >= 0 and 30 planes through (1, 1, 1) with random normals in the positive octant (their cone
        // contains c = (1, 1, 1) because the three axis normals are among them): (1, 1, 1) is optimal, value 3.
        var rng = new Random(seed);
        var rows = new List<double[]> { new double[] { -1, 0, 0 }, new double[] { 0, -1, 0 }, new double[] { 0, 0, -1 },
            new double[] { 1, 0, 0 }, new double[] { 0, 1, 0 }, new double[] { 0, 0, 1 } };
        var rhs = new List<double> { 0, 0, 0, 1, 1, 1 };
        for (int k = 0; k < 27; k++)
        {
            double[] a = [rng.NextDouble(), rng.NextDouble(), rng.NextDouble()];
            rows.Insert(3, a); // before the axis planes, so the solver meets them first
            rhs.Insert(3, a.Sum());
        }
        var lp = new LinearProgram(HPolytope.FromRows(rows, rhs), [1, 1, 1]);
        var r = new ActiveSetSolver().Maximize(lp);
        AssertCertificate(lp, r);
        Assert.Equal(3, r.Objective, 9);
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    public void Random_bounded_LPs_come_with_a_valid_certificate(int seed)
    {
        // Random polytopes (box plus random cuts, some not containing the origin so phase 1 has work) and random
        // objectives: the certificate alone proves the answer optimal.
        var rng = new Random(seed);
        for (int trial = 0; trial < 40; trial++)
        {
            int d = 2 + trial % 3;
            var p = RandomPolytopes.Make(rng, d, 5 + rng.Next(25));
            var shift = Enumerable.Range(0, d).Select(_ => 0.5 * (2 * rng.NextDouble() - 1)).ToArray();
            // Shift the polytope by `shift` (b += A·shift) so the origin may lie outside.
            var b = Enumerable.Range(0, p.Count).Select(i => p.Rhs(i) + VectorMath.Dot(p.Row(i), shift)).ToArray();
            var shifted = new HPolytope(d, p.RowMajorA.ToArray(), b);
            var c = Enumerable.Range(0, d).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
            var lp = new LinearProgram(shifted, c);
            AssertCertificate(lp, new ActiveSetSolver().Maximize(lp), $"seed {seed} trial {trial}\n{TestUtil.Dump(shifted)}");
        }
    }
}
