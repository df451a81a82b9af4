using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>
/// In 4 and more dimensions each region's analysis leaves out the rows on no facet of its first-layer cell
/// (<see cref="FirstLayerCells"/>). Such a row is on no facet of any region inside the cell, so the regions, their
/// facets (with every owner), neighbours and radii must be those of the analysis of every row.
/// </summary>
public class FirstLayerCellsTests
{
    public static TheoryData<string> Nets => new()
    {
        "random:12:4:4,6,6", "random:13:5:5,7,5", "random:21:4:4,8,8,6", "random:22:6:6,8,8",
        "maxout:5:4,4,4:3", "leaky:6:5,6,6", "residual:7:4,6,2",
        "random:41:4:4,14,2", // cells barely shared (the second layer rarely cuts them): the search stops using them
    };

    [Theory]
    [MemberData(nameof(Nets))]
    public void Search_GivesTheRegionsOfTheAnalysisOfEveryRow(string spec) =>
        AssertSameRegions(InvariantTests.Load(spec));

    /// <summary>
    /// Hand count: h = relu(x) on [-1,1]^4 (identity weights, zero biases; a fifth unit off on the whole box) cuts
    /// the box into its 16 orthants, and
    /// v = relu(h) repeats each hyperplane in the second layer: v_i's pre-activation is x_i where h_i is on (so v_i
    /// owns the facet x_i = 0 with h_i there) and identically 0 where h_i is off. So 16 regions, each with 4 neuron
    /// facets and 4 box sides; the facet x_i = 0 has owners {h_i, v_i} on the side x_i > 0 and {h_i} on the other,
    /// and leads to the orthant across it. Rows of the second layer duplicate rows of the first-layer cell.
    /// </summary>
    [Fact]
    public void DuplicateHyperplanesAcrossLayers_KeepEveryOwner()
    {
        const int d = 4;
        // First layer: x_i, and x_1 + ... + x_4 − 10, off on the whole box (a row on no facet of any cell).
        var first = new double[(d + 1) * d];
        var second = new double[d * (d + 1)];
        for (int i = 0; i < d; i++) { first[i * d + i] = 1; first[d * d + i] = 1; second[i * (d + 1) + i] = 1; }
        var net = new Network("relu-relu", d,
        [
            new Layer(first, d + 1, d, [0, 0, 0, 0, -10], Activation.Relu),
            new Layer(second, d, d + 1, new double[d], Activation.Relu),
            new Layer(Enumerable.Repeat(1.0, d).ToArray(), 1, d, [0.0], Activation.Identity),
        ]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(16, result.RegionCount);
        foreach (var r in result.Regions)
        {
            Assert.Equal(8, r.Facets.Length);
            Assert.Equal(4, r.Facets.Count(f => f.BoxSide >= 0));
            var orthant = Enumerable.Range(0, d).Select(i => r.Centre[i] > 0).ToArray();
            foreach (var f in r.Facets.Where(f => f.BoxSide < 0))
            {
                int i = Array.FindIndex(f.Normal, c => Math.Abs(c) > 0.5);
                int[] owners = orthant[i] ? [i, d + 1 + i] : [i];
                Assert.Equal(owners, f.Units.Order());
                var across = result.Regions[f.Neighbour];
                for (int j = 0; j < d; j++) Assert.Equal(j == i ? !orthant[j] : orthant[j], across.Centre[j] > 0);
            }
        }
        AssertSameRegions(net);
    }

    private static void AssertSameRegions(Network net)
    {
        foreach (int threads in new[] { 1, 2 })
        {
            var cells = new RegionEnumerator(net, new SearchOptions { Threads = threads }).Run();
            var every = new RegionEnumerator(net, new SearchOptions { Threads = threads, FirstLayerCells = false }).Run();
            Assert.Equal(every.RegionCount, cells.RegionCount);
            for (int i = 0; i < every.RegionCount; i++)
            {
                var a = every.Regions[i];
                var b = cells.Regions[i];
                Assert.Equal(a.Pattern, b.Pattern);
                Assert.Equal(a.Radius, b.Radius, 1e-12);
                Assert.Equal(a.Facets.Length, b.Facets.Length);
                for (int f = 0; f < a.Facets.Length; f++)
                {
                    Assert.Equal(a.Facets[f].Units, b.Facets[f].Units);
                    Assert.Equal(a.Facets[f].BoxSide, b.Facets[f].BoxSide);
                    Assert.Equal(a.Facets[f].Neighbour, b.Facets[f].Neighbour);
                    Assert.Equal(a.Facets[f].Offset, b.Facets[f].Offset, 1e-12);
                }
            }
            Assert.Equal(every.LinearRegionCount, cells.LinearRegionCount);
            Assert.Equal(every.FaceHistogram, cells.FaceHistogram);
            Assert.Equal(0, cells.FacetsWithoutNeighbour);
        }
    }
}
