using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>
/// Deep (leaky) ReLU networks with zero biases (fixtures/zero_bias): every hyperplane passes through the box
/// centre, and a unit whose inputs are all off on a region is identically zero there, so off. The expected
/// regions, patterns and face histograms are exact (make_truth.py: pattern enumeration in rational arithmetic
/// with lrslib's LP and cddlib's redundancy removal). Before the incremental maps were refreshed
/// (NumericGuards.IncrementalMapRoundoff), the rounding residue of such a unit's old map gave it a spurious state
/// across some facets: 106, 18 and 24 regions instead of 85, 12 and 25; and before a facet's deeper owners were
/// decided even when the layers between kept their maps, the leaky network gave 6 instead of 10; and the 5-D
/// network with nearly dependent first-layer rows ended in an internal error (Clarkson's loop, see
/// fixtures/geometry/sliver_5d).
/// </summary>
public class ZeroBiasNetworkTests
{
    public static TheoryData<string, int> Fixtures()
    {
        var data = new TheoryData<string, int>();
        foreach (var f in Directory.GetFiles(TestPaths.Fixture("zero_bias"), "*.json").Order())
            if (!f.EndsWith(".truth.json"))
                foreach (int threads in new[] { 1, 2 }) data.Add(Path.GetFileName(f), threads);
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ZeroBias_GivesTheExactRegionsPatternsAndFaces(string file, int threads)
    {
        var net = NetworkJson.Read(TestPaths.Fixture("zero_bias", file));
        var result = new RegionEnumerator(net, new SearchOptions { Threads = threads, KeepRegions = true }).Run();
        Truth.AssertExact(Truth.Exact(Path.ChangeExtension(file, ".truth.json")), result);
        Assert.Equal(0, result.FacetsWithoutNeighbour); // every neuron facet leads to a region of the list
    }
}
