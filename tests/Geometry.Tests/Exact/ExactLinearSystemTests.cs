using Polytopes.Geometry.Exact;

namespace Polytopes.Geometry.Tests.Exact;

public class ExactLinearSystemTests
{
    private static Rational[] R(params string[] values) => values.Select(Rational.Parse).ToArray();

    [Fact]
    public void SquareSystem_HasItsUniqueRationalSolution()
    {
        // 2x + y = 1, x + 3y = 2  →  x = 1/5, y = 3/5.
        var y = ExactLinearSystem.Solve(R("2", "1", "1", "3"), 2, 2, R("1", "2"));
        Assert.Equal(R("1/5", "3/5"), y);
    }

    [Fact]
    public void FractionalEntries_AreScaledAwayWithoutChangingTheSolution()
    {
        // (1/3)x + (1/2)y = 1, (1/4)x − (1/6)y = 0  →  y = 3x/2, 13x/12 = 1: x = 12/13, y = 18/13.
        var y = ExactLinearSystem.Solve(R("1/3", "1/2", "1/4", "-1/6"), 2, 2, R("1", "0"));
        Assert.Equal(R("12/13", "18/13"), y);
    }

    [Fact]
    public void ThreeByThree_NeedingARowSwap()
    {
        // 0x + y + z = 3, x + 0y + z = 2, x + y + 0z = 1  →  x = 0, y = 1, z = 2.
        var y = ExactLinearSystem.Solve(R("0", "1", "1", "1", "0", "1", "1", "1", "0"), 3, 3, R("3", "2", "1"));
        Assert.Equal(R("0", "1", "2"), y);
    }

    [Fact]
    public void OverdeterminedConsistentSystem_IsSolved()
    {
        // Columns a1 = (1, 2, 3), a2 = (0, 1, 1); target 2·a1 − a2 = (2, 3, 5).
        var m = R("1", "0", "2", "1", "3", "1");
        Assert.Equal(R("2", "-1"), ExactLinearSystem.Solve(m, 3, 2, R("2", "3", "5")));
    }

    [Fact]
    public void InconsistentSystem_GivesNull()
    {
        var m = R("1", "0", "2", "1", "3", "1");
        Assert.Null(ExactLinearSystem.Solve(m, 3, 2, R("2", "3", "6")));
    }

    [Fact]
    public void SingularConsistentSystem_SetsFreeVariablesToZero()
    {
        // x + 2y = 3 twice: y free → 0, x = 3.
        Assert.Equal(R("3", "0"), ExactLinearSystem.Solve(R("1", "2", "2", "4"), 2, 2, R("3", "6")));
        Assert.Equal(1, ExactLinearSystem.Rank(R("1", "2", "2", "4"), 2, 2));
        Assert.Equal(2, ExactLinearSystem.Rank(R("1", "2", "2", "5"), 2, 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomSystems_SolutionSatisfiesTheSystemExactly(int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = rng.Next(1, 6);
            var m = new Rational[n * n];
            for (int k = 0; k < m.Length; k++) m[k] = Rational.FromDouble(rng.Next(-50, 50) / 8.0 * Math.Pow(2, rng.Next(-30, 30)));
            var x = Enumerable.Range(0, n).Select(_ => Rational.Create(rng.Next(-20, 20), rng.Next(1, 9))).ToArray();
            var r = Enumerable.Range(0, n).Select(i => Rational.Dot(m.AsSpan(i * n, n), x)).ToArray();
            var y = ExactLinearSystem.Solve(m, n, n, r);
            Assert.NotNull(y);
            for (int i = 0; i < n; i++) Assert.Equal(r[i], Rational.Dot(m.AsSpan(i * n, n), y));
            if (ExactLinearSystem.Rank(m, n, n) == n) Assert.Equal(x, y);
        }
    }

    [Theory]
    [InlineData(31, 2)]
    [InlineData(32, 3)]
    [InlineData(33, 4)]
    public void Cramer_InIntegers_MatchesTheRationalSolution(int seed, int n)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            var m = new Rational[n * n];
            for (int k = 0; k < m.Length; k++) m[k] = Rational.FromDouble(rng.Next(-64, 64) / 16.0);
            var r = Enumerable.Range(0, n).Select(_ => Rational.FromDouble(rng.Next(-64, 64) / 8.0)).ToArray();
            bool regular = ExactLinearSystem.SolveByCramer(m, n, r, out var numerators, out var determinant);
            Assert.Equal(ExactLinearSystem.Rank(m, n, n) == n, regular);
            if (!regular) continue;
            var y = ExactLinearSystem.Solve(m, n, n, r)!;
            for (int j = 0; j < n; j++) Assert.Equal(y[j], Rational.Create(numerators[j], determinant));
        }
    }
}
