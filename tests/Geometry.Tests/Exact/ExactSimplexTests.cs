using Polytopes.Geometry.Exact;
using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests.Exact;

public class ExactSimplexTests
{
    private static Rational[] R(params string[] values) => values.Select(Rational.Parse).ToArray();

    /// <summary>max x + y s.t. x ≤ 1, y ≤ 2, x + y ≤ 5/2: optimum 5/2 on the edge; the dual 1 on the third row
    /// proves it (1·(x + y) ≤ 5/2).</summary>
    [Fact]
    public void SmallLp_OptimumAndDualsAreExact()
    {
        var r = ExactSimplex.Maximize(2, R("1", "0", "0", "1", "1", "1"), R("1", "2", "5/2"), R("1", "1"));
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.Equal(Rational.Parse("5/2"), r.Objective);
        Assert.Equal(R("0", "0", "1"), r.InequalityDuals);
    }

    [Fact]
    public void NegativeRightHandSides_NeedPhaseOne()
    {
        // max −x s.t. −x ≤ −3 (x ≥ 3), x ≤ 7: optimum −3 at x = 3, dual 1 on the first row.
        var r = ExactSimplex.Maximize(1, R("-1", "1"), R("-3", "7"), R("-1"));
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.Equal(R("3"), r.Point);
        Assert.Equal(R("1", "0"), r.InequalityDuals);
    }

    [Fact]
    public void Infeasible_IsReported()
    {
        var r = ExactSimplex.Maximize(1, R("1", "-1"), R("1", "-2"), R("1")); // x ≤ 1, x ≥ 2
        Assert.Equal(LpStatus.Infeasible, r.Status);
    }

    [Fact]
    public void Unbounded_IsReported()
    {
        var r = ExactSimplex.Maximize(2, R("-1", "0", "0", "-1"), R("0", "0"), R("1", "1"));
        Assert.Equal(LpStatus.Unbounded, r.Status);
    }

    [Fact]
    public void EqualityConstraints_AndTheirDuals()
    {
        // max y s.t. x + y = 1/3, x ≥ −1 (−x ≤ 1): y = 4/3 at x = −1; duals: z = 1 on the equality, 1 on −x ≤ 1.
        var r = ExactSimplex.Maximize(2, R("-1", "0"), R("1"), R("0", "1"), R("1", "1"), R("1/3"));
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.Equal(R("-1", "4/3"), r.Point);
        Assert.Equal(R("1"), r.EqualityDuals);
        Assert.Equal(R("1"), r.InequalityDuals);
    }

    /// <summary>Many constraints through one vertex (a degenerate vertex where a naive rule can cycle): Bland's
    /// rule ends, with the right optimum.</summary>
    [Fact]
    public void DegenerateVertex_DoesNotCycle()
    {
        var rows = new List<string>();
        var rhs = new List<string>();
        for (int k = 1; k <= 12; k++) { rows.Add($"{k}"); rows.Add($"{13 - k}"); rhs.Add("13"); } // all through (1, 1)
        rows.AddRange(["-1", "0", "0", "-1"]); rhs.AddRange(["0", "0"]);
        var r = ExactSimplex.Maximize(2, R(rows.ToArray()), R(rhs.ToArray()), R("1", "1"));
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.Equal(Rational.Parse("2"), r.Objective);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void RandomBoundedLps_AgreeWithTheFloatSolver(int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 10; trial++)
        {
            int d = rng.Next(2, 4);
            var p = RandomPolytopes.Make(rng, d, rng.Next(2, 8));
            var c = RandomPolytopes.UnitNormal(rng, d);
            var exact = ExactSimplex.Maximize(d, Rational.FromDoubles(p.RowMajorA), Rational.FromDoubles(p.B), Rational.FromDoubles(c));
            var approx = new ActiveSetSolver().Maximize(new LinearProgram(p, c), new double[d]);
            Assert.Equal(LpStatus.Optimal, exact.Status);
            Assert.Equal(approx.Objective, exact.Objective.ToDouble(), 9);
        }
    }
}
