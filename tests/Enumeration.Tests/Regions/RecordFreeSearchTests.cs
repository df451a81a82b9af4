using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>A search that nobody reads records from builds none and reuses its normals and centres: its summary
/// must be the one computed here from the records a keeping search returns, for any thread count.</summary>
public class RecordFreeSearchTests
{
    [Theory]
    [InlineData("reference/relu_2d_16x16.json", false)]
    [InlineData("reference/degenerate_2d.json", false)]
    [InlineData("reference/relu_3d_12x12.json", false)]
    [InlineData("reference/relu_1d_32x32.json", false)]
    [InlineData("maxout:5:2,4,4:3", false)]
    [InlineData("residual:7:2,6,2", false)]
    [InlineData("random:12:4:4,6,6", false)]
    [InlineData("random:4:3:3,8,8", true)] // all of R^3: unbounded regions, infinite radii left out
    [InlineData("random:12:4:4,6,6", false, 150)] // stopped at a region limit
    public void SummaryWithoutRecords_IsTheSummaryOfTheRecords(string spec, bool wholeSpace, int maxRegions = 0)
    {
        var net = InvariantTests.Load(spec);
        var kept = new RegionEnumerator(net,
            new SearchOptions { Threads = 1, WholeSpace = wholeSpace, MaxRegions = maxRegions }).Run();
        var regions = kept.Regions;
        Assert.Equal(maxRegions > 0 ? StopReason.RegionLimit : StopReason.Complete, kept.Stop);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var progress = new List<int>();
            var lean = new RegionEnumerator(net, new SearchOptions
            {
                Threads = threads, WholeSpace = wholeSpace, MaxRegions = maxRegions, KeepRegions = false,
                OnProgress = progress.Add,
            }).Run();
            Assert.Equal(kept.Stop, lean.Stop);
            Assert.Empty(lean.Regions);
            Assert.Equal(regions.Count, lean.RegionCount);
            Assert.Equal(Enumerable.Range(1, regions.Count), progress); // once per region, in id order
            Assert.Equal(Histogram(regions.Select(r => r.FaceCount)), lean.FaceHistogram);
            Assert.Equal(Histogram(regions.Select(r => r.NeuronFaceCount)), lean.NeuronFaceHistogram);
            var radii = regions.Select(r => r.Radius).Where(double.IsFinite).Order().ToArray();
            Assert.Equal(radii[0], lean.RadiusMin);
            Assert.Equal(radii[^1], lean.RadiusMax);
            Assert.Equal(radii.Length % 2 == 1 ? radii[radii.Length / 2] : (radii[radii.Length / 2 - 1] + radii[radii.Length / 2]) / 2,
                lean.RadiusMedian);
            Assert.Equal(regions.Sum(r => r.Facets.Count(f => !f.IsBoxSide && f.Neighbour < 0)), lean.FacetsWithoutNeighbour);
            Assert.Equal(regions.Count(r => !r.Bounded), lean.UnboundedRegions);
            Assert.Equal(kept.LinearRegionCount, lean.LinearRegionCount);
            Assert.Equal(kept.CandidatesTested, lean.CandidatesTested);
        }
    }

    private static SortedDictionary<int, int> Histogram(IEnumerable<int> values) =>
        new(values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count()));
}
