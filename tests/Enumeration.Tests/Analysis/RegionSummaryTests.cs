using Polytopes.Enumeration.Statistics;

namespace Polytopes.Enumeration.Tests.Analysis;

/// <summary><see cref="RegionSummary"/>'s radius statistics (found by selection, not sorting) against the sorted
/// values: the smallest, the largest, and the middle one or the mean of the two middle ones.</summary>
public class RegionSummaryTests
{
    [Fact]
    public void RadiusStatisticsMatchTheSortedRadii()
    {
        var rng = new Random(3);
        for (int n = 0; n <= 60; n++)
        for (int trial = 0; trial < 20; trial++)
        {
            // Few distinct values in some trials, so that the middle falls in runs of equal values.
            int distinct = trial % 3 == 0 ? 3 : 1000;
            var radii = Enumerable.Range(0, n).Select(_ => rng.Next(distinct) / 7.0).ToList();
            if (n > 2 && trial % 4 == 1) radii[rng.Next(n)] = double.PositiveInfinity; // left out, as unbounded
            var sorted = radii.Where(double.IsFinite).OrderBy(r => r).ToArray();

            var summary = RegionSummary.Of(new int[radii.Count], new int[radii.Count], radii);

            if (sorted.Length == 0)
            {
                Assert.True(double.IsNaN(summary.RadiusMin) && double.IsNaN(summary.RadiusMedian) && double.IsNaN(summary.RadiusMax));
                continue;
            }
            int k = sorted.Length / 2;
            double median = sorted.Length % 2 == 1 ? sorted[k] : 0.5 * (sorted[k - 1] + sorted[k]);
            Assert.Equal(sorted[0], summary.RadiusMin);
            Assert.Equal(median, summary.RadiusMedian);
            Assert.Equal(sorted[^1], summary.RadiusMax);
        }
    }

    [Fact]
    public void HistogramCountsEveryValueInOrder()
    {
        var rng = new Random(9);
        // Face counts (small), and values outside the directly counted range (negative, large).
        var values = Enumerable.Range(0, 500).Select(_ => rng.Next(4) == 0 ? rng.Next(-5, 5000) : rng.Next(3, 20)).ToList();
        var expected = values.GroupBy(v => v).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
        Assert.Equal(expected, RegionSummary.Histogram(values).Select(kv => (kv.Key, kv.Value)).ToList());
        Assert.Equal(expected, RegionSummary.Histogram(values.Where(_ => true)).Select(kv => (kv.Key, kv.Value)).ToList());
    }

    /// <summary>Long spans, where the selection goes by the values' bits: negative, zero and positive values over
    /// many binades, runs of equal values, and values a few bits apart, against the sorted values.</summary>
    [Fact]
    public void MedianOfLongSpansMatchesTheSortedValues()
    {
        var rng = new Random(11);
        foreach (int n in new[] { 33, 34, 100, 2047, 2048, 5001, 20000 })
        for (int trial = 0; trial < 6; trial++)
        {
            var values = Enumerable.Range(0, n).Select(_ => trial switch
            {
                0 => Math.Exp(rng.NextDouble() * -30),                        // radii over many binades
                1 => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 5)), // both signs
                2 => rng.Next(4) - 1.5,                                        // runs of equal values
                3 => 1 + rng.Next(64) * Math.Pow(2, -52),                      // a few ulps apart
                4 => rng.Next(3) == 0 ? 0.0 : rng.Next(2) == 0 ? -0.0 : 1e-300, // zeros of both signs
                _ => rng.NextDouble(),
            }).ToArray();
            var sorted = values.OrderBy(v => v).ToArray();
            int k = n / 2;
            double expected = n % 2 == 1 ? sorted[k] : 0.5 * (sorted[k - 1] + sorted[k]);
            Assert.Equal(expected, RegionSummary.MedianInPlace(values.ToArray()));
        }
    }

    [Fact]
    public void MedianOfTwoIsTheirMean() =>
        Assert.Equal(2.5, RegionSummary.MedianInPlace(new double[] { 4, 1 }));
}
