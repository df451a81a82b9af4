using Polytopes.Geometry.Exact;
using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary>Chebyshev centre and radius against HiGHS (fixture <c>chebyshev_radius</c>), with the ball itself
/// checked as a certificate.</summary>
public sealed class ChebyshevTests
{
    public static TheoryData<string> FullDimensional => Fixtures.FullDimensional;
    public static TheoryData<string> NotFullDimensional => Fixtures.NotFullDimensional;

    [Theory]
    [MemberData(nameof(FullDimensional))]
    public void Chebyshev_radius_matches_the_fixture_and_the_ball_fits(string name)
    {
        var f = Fixtures.Get(name);
        var p = f.Polytope.Normalized();
        var ball = new ChebyshevSolver().Compute(p);

        Assert.Equal(LpStatus.Optimal, ball.Status);
        double error = Math.Abs(ball.Radius - f.ChebyshevRadius) / Math.Max(1, f.ChebyshevRadius);
        Assert.True(error <= 1e-9, $"{name}: radius {ball.Radius:R}, fixture {f.ChebyshevRadius:R}");
        // Certificate: with unit normals the slack of a row is the distance from the centre to its hyperplane,
        // so the ball of that radius fits when every slack is at least the radius.
        for (int i = 0; i < p.Count; i++)
        {
            if (VectorMath.Norm(p.Row(i)) == 0) { Assert.True(p.Rhs(i) >= 0); continue; }
            double slack = p.Slack(i, ball.Centre);
            Assert.True(slack >= ball.Radius - 1e-9, $"{name}: row {i} slack {slack:R} < radius {ball.Radius:R}");
        }
    }

    [Theory]
    [MemberData(nameof(FullDimensional))]
    public void Chebyshev_radius_does_not_depend_on_row_scaling(string name)
    {
        var f = Fixtures.Get(name);
        var raw = new ChebyshevSolver().Compute(f.Polytope);
        var normalised = new ChebyshevSolver().Compute(f.Polytope.Normalized());
        Assert.Equal(normalised.Radius, raw.Radius, 1e-9);
    }

    [Theory]
    [MemberData(nameof(NotFullDimensional))]
    public void Empty_and_lower_dimensional_polytopes_have_no_inscribed_ball(string name)
    {
        var f = Fixtures.Get(name);
        var ball = new ChebyshevSolver().Compute(f.Polytope.Normalized());
        Assert.True(ball.Radius <= Tolerances.Default.Radius,
            $"{name} (feasible: {f.Feasible}): radius {ball.Radius:R}");
        // Lower-dimensional but non-empty: the optimum is a (near-)zero radius, and the centre lies on the set.
        if (f.Feasible)
        {
            Assert.Equal(LpStatus.Optimal, ball.Status);
            Assert.True(Math.Abs(ball.Radius) <= 1e-9, $"{name}: radius {ball.Radius:R}");
        }
        else Assert.True(ball.Radius < -1e-9, $"{name}: an empty polytope should have a negative radius, got {ball.Radius:R}");
    }

    [Fact]
    public void A_warm_start_far_outside_gives_the_same_ball()
    {
        var p = Fixtures.Get("random_3d_2").Polytope.Normalized();
        var cold = new ChebyshevSolver().Compute(p);
        var warm = new ChebyshevSolver().Compute(p, [5, -7, 3]);
        Assert.Equal(cold.Radius, warm.Radius, 1e-12);
    }

    [Fact]
    public void A_zero_row_with_negative_offset_makes_the_set_empty()
    {
        var p = HPolytope.FromRows([[1, 0], [0, 0]], [1, -0.5]);
        var ball = new ChebyshevSolver().Compute(p);
        Assert.Equal(LpStatus.Infeasible, ball.Status);
        Assert.True(ball.Radius < 0);
    }
}

/// <summary>Thin wedges {y ≥ 0, x ≤ 1, y ≤ εx}, times [−1, 1]^k in further coordinates: the inscribed radius is
/// the triangle's, 2·area/perimeter = ε / (1 + ε + √(1 + ε²)) (every further side is 1 away, farther than that).
/// The active-set kernel reaches the vertex by steps that land on rows met at angle ε, so its rounding grows like
/// 1/ε² (relative 5e-4 at ε = 2^-20 before VertexPolish); the polished optimum must give the formula to 1e-13
/// relative at every ε down to 2^-28 (radius 1.9e-9, about the smallest the search keeps, Tolerances.Radius).
/// From 3-D on the centre can slide along the further coordinates: an optimum on a face, not a vertex.</summary>
public sealed class ThinWedgeChebyshevTests
{
    [Theory]
    [InlineData(2), InlineData(3), InlineData(4), InlineData(6)]
    public void Chebyshev_radius_of_a_thin_wedge_matches_the_formula(int dimension)
    {
        var failures = new List<string>();
        for (int k = 4; k <= 28; k += 2)
        {
            double eps = Math.ScaleB(1, -k);
            var rows = new List<double[]>();
            var rhs = new List<double>();
            void Add(double[] a, double b) { rows.Add(a); rhs.Add(b); }
            var e = (int j, double v) => { var a = new double[dimension]; a[j] = v; return a; };
            Add(e(1, -1), 0);                       // y >= 0
            Add(e(0, 1), 1);                        // x <= 1
            var slanted = new double[dimension];    // y - eps x <= 0, normalised
            double norm = Math.Sqrt(1 + eps * eps);
            slanted[0] = -eps / norm; slanted[1] = 1 / norm;
            Add(slanted, 0);
            for (int j = 2; j < dimension; j++) { Add(e(j, 1), 1); Add(e(j, -1), 1); }
            var p = HPolytope.FromRows(rows.ToArray(), rhs.ToArray());
            var start = new double[dimension];
            start[0] = 0.3; start[1] = 0.7; // outside the wedge: r starts negative
            var ball = new ChebyshevSolver().Compute(p, start);
            RadiusCheck.Add(failures, $"eps=2^-{k}", ball, eps / (1 + eps + Math.Sqrt(1 + eps * eps)), 1e-13);
        }
        Assert.True(failures.Count == 0, $"d={dimension}: " + string.Join("; ", failures));
    }
}

/// <summary>Collects the cases of a sweep whose radius is off by more than a relative bound (an LP that does not
/// end Optimal fails at once), so that one failure lists them all.</summary>
internal static class RadiusCheck
{
    public static void Add(List<string> failures, string label, ChebyshevBall ball, double expected, double relative)
    {
        Assert.Equal(LpStatus.Optimal, ball.Status);
        double rel = Math.Abs(ball.Radius - expected) / expected;
        if (rel > relative) failures.Add($"{label}: rel {rel:E1}");
    }
}

/// <summary>Tiny corner simplices far from the origin: {x_t ≥ p_t for every t, a·x ≤ a·p + δ} with an integer
/// normal a ≥ 0 of integer length N ((3, 4) and 5, (2, 3, 6) and 7, (1, 1, 1, 1) and 2). The inscribed ball
/// touches every side: its centre is p + r·1, so a·(r·1) + N·r = δ and r = δ / (Σ a_t + N), exactly. Every
/// input is a dyadic double, so the LP's data are exact; the kernel's point is right to the rounding of its size
/// (about 1e-16 here), which for r = 2^-40/12 would be 1e-4 relative: the radius must come out to 1e-15
/// relative all the same.</summary>
public sealed class SmallSimplexChebyshevTests
{
    [Theory]
    [InlineData(new double[] { 3, 4 }, 5)]
    [InlineData(new double[] { 2, 3, 6 }, 7)]
    [InlineData(new double[] { 1, 1, 1, 1 }, 2)]
    public void Radius_of_a_tiny_corner_simplex_matches_the_formula(double[] normal, double length)
    {
        int n = normal.Length;
        var corner = Enumerable.Range(0, n).Select(t => 0.6875 - 0.125 * t).ToArray();
        var failures = new List<string>();
        for (int k = 4; k <= 40; k += 4)
        {
            double delta = Math.ScaleB(1, -k);
            var rows = new List<double[]>();
            var rhs = new List<double>();
            for (int t = 0; t < n; t++)
            {
                var a = new double[n];
                a[t] = -1;
                rows.Add(a);
                rhs.Add(-corner[t]);
            }
            rows.Add(normal);
            rhs.Add(VectorMath.Dot(normal, corner) + delta);
            var ball = new ChebyshevSolver().Compute(HPolytope.FromRows(rows.ToArray(), rhs.ToArray()));
            RadiusCheck.Add(failures, $"delta=2^-{k}", ball, delta / (normal.Sum() + length), 1e-15);
        }
        Assert.True(failures.Count == 0, $"n={n}: " + string.Join("; ", failures));
    }
}

/// <summary>A 5-D region of a random maxout network (5-4-4-4, three pieces, the facet rows of its record), whose
/// Chebyshev LP from the origin took a long step along an objective remainder of 1e-5 of its length: one
/// projection pass left that direction off the held rows by 1e-11, the ball came out 9e-9 too large and violated
/// four rows, and the refinement could not repair it. The expected radius is the LP's exact optimum over the same
/// double data (row norms as the solver computes them), by brute force: every vertex of the (x, r) polyhedron
/// solves some six rows with equality, in rational arithmetic, and the largest feasible r is the optimum.</summary>
public sealed class ShortRemainderChebyshevTests
{
    [Fact]
    public void Radius_from_a_far_start_matches_the_exact_optimum()
    {
        double[][] rows =
        [
            [0, 0, 0, 1, 0],
            [-0.07989775895634574, 0.05656722821258883, 0.39003369502496044, -0.08181569621658068, 0.9119190783199301],
            [0.14755383523935348, -0.5262943355229619, 0.7076189687375969, 0.44363773997865186, -0.060853010212938444],
            [0.814534338071241, 0.04198266160520817, -0.2556506438525185, 0.272409599108643, -0.4418223928669179],
            [0.8330208312089963, 0.1497944497460606, 0.07633844048832132, 0.14343825966873902, -0.50718421284989],
            [-0.7179290390478673, -0.3034965237151597, -0.24325058659233859, 0.07119763675396276, 0.5729116892050232],
            [-0.41710951238553834, 0.2564558287445836, 0.13769218695812807, -0.28210589380686885, 0.8134538640331994],
            [-0.9047346065792276, -0.22707334794003298, 0.20046673719776395, -0.17971071181711207, 0.2396041185971233],
            [-0.9368055004796524, -0.11267942287852263, 0.04238761701751099, -0.29999035849422223, 0.13382031484388188]
        ];
        double[] rhs = [1, 0.0029601679515247666, 0.017214816240863618, -0.0010700676829781875, -0.0018759854419501587, 0.0060620047768476385, 0.023964185637079784, 0.00032021121373492466, -0.010880541360783516];
        int n = rows[0].Length, w = n + 1;
        var ext = rows.Select(a => Rational.FromDoubles([.. a, VectorMath.Norm(a)])).ToArray();
        var exactRhs = Rational.FromDoubles(rhs);
        Rational? best = null;
        foreach (var subset in Subsets(rows.Length, w))
        {
            var m = subset.SelectMany(i => ext[i]).ToArray();
            var point = ExactLinearSystem.Solve(m, w, w, subset.Select(i => exactRhs[i]).ToArray());
            if (point == null || Enumerable.Range(0, rows.Length).Any(i => Rational.Dot(ext[i], point) > exactRhs[i])) continue;
            if (best == null || point[n] > best.Value) best = point[n];
        }
        double expected = (double)best!.Value;
        var ball = new ChebyshevSolver().Compute(HPolytope.FromRows(rows, rhs), new double[n]);
        Assert.Equal(LpStatus.Optimal, ball.Status);
        Assert.True(Math.Abs(ball.Radius - expected) <= 1e-13 * expected, $"radius {ball.Radius:R}, exact {expected:R}");
    }

    private static IEnumerable<int[]> Subsets(int count, int size)
    {
        var pick = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return (int[])pick.Clone();
            int j = size - 1;
            while (j >= 0 && pick[j] == count - size + j) j--;
            if (j < 0) yield break;
            pick[j]++;
            for (int t = j + 1; t < size; t++) pick[t] = pick[t - 1] + 1;
        }
    }
}
