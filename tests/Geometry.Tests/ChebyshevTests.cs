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
