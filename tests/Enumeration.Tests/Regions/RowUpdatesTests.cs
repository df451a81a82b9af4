using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The vector forms of the maps' row updates against their scalar definitions, bit for bit: every row
/// width the engine meets (3 for 2-D inputs, 4 for 3-D, 5 and 7 for 4-D and 6-D), every tail length, zero factors
/// (whose rows keep a −0) and numbers of many magnitudes.</summary>
public class RowUpdatesTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    public void AddScaled_MatchesTheScalarLoopBitForBit(int width)
    {
        var rng = new Random(width);
        for (int rows = 0; rows <= 13; rows++)
            for (int trial = 0; trial < 20; trial++)
            {
                var factors = Enumerable.Range(0, rows).Select(_ => Number(rng)).ToArray();
                var delta = Enumerable.Range(0, width).Select(_ => Number(rng)).ToArray();
                var start = Enumerable.Range(0, rows * width).Select(_ => rng.Next(8) == 0 ? -0.0 : Number(rng)).ToArray();
                var expected = (double[])start.Clone();
                RowUpdates.AddScaledScalar(expected, factors, delta);
                var actual = (double[])start.Clone();
                RowUpdates.AddScaled(actual, factors, delta);
                Assert.Equal(Bits(expected), Bits(actual));
            }
    }

    [Fact]
    public void AddScaled_LeavesAZeroFactorsRowAlone()
    {
        // Row 1 (factor 0) holds −0: adding 0 × delta would make it +0.
        double[] rows = [1, 2, 3, -0.0, -0.0, -0.0, 1, 2, 3, 1, 2, 3];
        RowUpdates.AddScaled(rows, [1, 0, 1, 1], [0.5, 0.5, 0.5]);
        Assert.Equal([1.5, 2.5, 3.5], rows[..3]);
        Assert.All(rows[3..6], v => Assert.True(double.IsNegative(v) && v == 0));
        Assert.Equal([1.5, 2.5, 3.5, 1.5, 2.5, 3.5], rows[6..]);
    }

    [Fact]
    public void AddMultiple_MatchesTheScalarLoopBitForBit()
    {
        var rng = new Random(11);
        for (int n = 0; n <= 13; n++)
        {
            var sums = Enumerable.Range(0, n).Select(_ => Math.Abs(Number(rng))).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => rng.Next(5) == 0 ? 0 : Math.Abs(Number(rng))).ToArray();
            double factor = Number(rng);
            var expected = (double[])sums.Clone();
            for (int r = 0; r < n; r++) expected[r] += weights[r] * factor;
            RowUpdates.AddMultiple(sums, weights, factor);
            Assert.Equal(Bits(expected), Bits(sums));
        }
    }

    [Fact]
    public void Drifted_MatchesTheScalarTestRowForRow()
    {
        var rng = new Random(12);
        for (int n = 0; n <= 13; n++)
            for (int trial = 0; trial < 30; trial++)
            {
                // Scales of 1e-3 to 1e3 and histories about where the test turns (45 times the scale), some NaN.
                var scale = Enumerable.Range(0, n).Select(_ => Math.Pow(10, rng.Next(-3, 4))).ToArray();
                var history = scale.Select(v => rng.Next(12) == 0 ? double.NaN : v * rng.Next(30, 60)).ToArray();
                var expected = new int[n];
                int expectedCount = RowUpdates.DriftedScalar(history, scale, expected);
                var actual = new int[n];
                int count = RowUpdates.Drifted(history, scale, actual);
                Assert.Equal(expected[..expectedCount], actual[..count]);
            }
    }

    // Signs, magnitudes from 1e-6 to 1e6, and some zeros.
    private static double Number(Random rng) =>
        rng.Next(10) == 0 ? 0 : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 7));

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
