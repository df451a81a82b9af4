using Polytopes.Enumeration.Sweep;

namespace Polytopes.Enumeration.Tests.Sweep;

/// <summary>Per-configuration statistics over seeds, and the reference count.</summary>
public class SweepSummaryTests
{
    private static SweepRecord Record(string config, ulong seed, long regions, bool complete = true) => new(
        $"{config}|seed={seed}", [2, 4, 1], "relu", "he_normal", null, "box=-1,1", seed, 2, 4, 0,
        complete ? regions : null, complete ? regions - 1 : null, complete, null, 0.5, "");

    [Fact]
    public void Groups_GiveMeanSampleSdMinMaxOverCompleteSeeds()
    {
        var records = new[]
        {
            Record("a", 0, 4), Record("a", 1, 6), Record("a", 2, 11), Record("a", 3, 0, complete: false),
            Record("b", 0, 7),
        };
        var groups = SweepSummary.Of(records);
        Assert.Equal(["a", "b"], groups.Select(g => g.ConfigKey));
        var a = groups[0];
        Assert.Equal(4, a.Count);
        Assert.Equal(1, a.Incomplete);
        Assert.Equal(7.0, a.MeanRegions, 12);
        Assert.Equal(Math.Sqrt((9 + 1 + 16) / 2.0), a.StdRegions, 12); // sample sd, n − 1
        Assert.Equal(4, a.MinRegions);
        Assert.Equal(11, a.MaxRegions);
        Assert.Equal(6.0, a.MeanLinearRegions, 12);
        Assert.Equal(0.0, groups[1].StdRegions);
        Assert.Equal(1, a.Depth);
    }

    [Theory]
    [InlineData(4, 2, 11)]     // 1 + 4 + 6
    [InlineData(32, 2, 529)]   // 1 + 32 + 496
    [InlineData(3, 5, 8)]      // all 2^3 sign patterns when N <= d
    [InlineData(10, 1, 11)]
    public void Zaslavsky_CountsRegionsOfNHyperplanesInGeneralPosition(int n, int d, double expected) =>
        Assert.Equal(expected, ReferenceBounds.Zaslavsky(n, d));
}
