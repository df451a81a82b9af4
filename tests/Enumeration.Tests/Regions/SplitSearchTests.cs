using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>
/// The subdivision (<see cref="SplitSearch"/>, 2-D and 3-D) against the breadth-first search it stands in for: on networks where
/// it runs, the same records — ids, patterns, facets with their owners, sides and neighbours, and the linear
/// regions and histograms — with the numbers equal up to rounding (the maps of a cell are computed once for it,
/// the search's incrementally along its path); where it gives up (degenerate networks) or does not apply, exactly
/// the search's results.
/// </summary>
public class SplitSearchTests
{
    public static TheoryData<int[], Activation, ulong> Networks => new()
    {
        { [3, 8, 1], Activation.Relu, 1 },
        { [3, 12, 12, 1], Activation.Relu, 2 },
        { [3, 20, 20, 1], Activation.Relu, 3 },
        { [3, 10, 10, 10, 1], Activation.Relu, 4 },
        { [3, 14, 14, 2], Activation.LeakyRelu, 5 },
        { [3, 6, 6, 6, 6, 1], Activation.Relu, 6 },
        { [2, 10, 1], Activation.Relu, 13 },
        { [2, 24, 24, 1], Activation.Relu, 14 },
        { [2, 12, 12, 12, 1], Activation.Relu, 15 },
        { [2, 30, 30, 2], Activation.LeakyRelu, 16 },
        { [2, 70, 70, 1], Activation.Relu, 17 }, // 140 units: 256-bit states
        { [2, 20, 140, 120, 1], Activation.Relu, 21 }, // 280 units: 512-bit states
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void FindsTheSearchsRecords(int[] widths, Activation activation, ulong seed)
    {
        var net = HeNetworks.Create(widths, seed, activation);
        var search = new RegionEnumerator(net, new SearchOptions { Threads = 1, Subdivision = false }).Run();
        Assert.False(search.Subdivided);
        EnumerationResult? one = null;
        foreach (int threads in new[] { 1, 2, 3, 8 })
        {
            var split = new RegionEnumerator(net, new SearchOptions { Threads = threads }).Run();
            Assert.True(split.Subdivided);
            AssertSameRecords(search, split);
            // Bit for bit whatever the thread count: the seeds, and so each cell's maps, do not depend on it.
            AssertSameRecords(one ??= split, split, exact: true);
        }
    }

    [Fact]
    public void AnotherBoxAndEveryRegionStreamed()
    {
        var net = HeNetworks.Create([3, 12, 12, 1], 7);
        var box = new Geometry.Box([-0.5, 0, -2], [1.5, 1, 0]);
        var search = new RegionEnumerator(net, new SearchOptions { Box = box, Subdivision = false }).Run();
        var streamed = new List<Region>();
        var split = new RegionEnumerator(net, new SearchOptions { Box = box, KeepRegions = false, OnRegion = streamed.Add }).Run();
        Assert.True(split.Subdivided);
        Assert.Empty(split.Regions);
        AssertSameRecords(search, split with { Regions = streamed });
    }

    /// <summary>Regions found are reported as they are found, a thousand and twenty-four at a time per thread (on one
    /// thread: 1024, 2048, ... up to the count), before any is recorded; then the records' progress, 1 to the
    /// count in id order.</summary>
    [Fact]
    public void FoundRegionsReportedBeforeTheRecords()
    {
        var net = HeNetworks.Create([3, 20, 20, 1], 3);
        var events = new List<(bool Found, int Count)>();
        var result = new RegionEnumerator(net, new SearchOptions
        {
            Threads = 1, KeepRegions = false,
            OnFound = n => events.Add((true, n)), OnProgress = n => events.Add((false, n)),
        }).Run();
        Assert.True(result.Subdivided);
        int n = result.RegionCount, batches = n / 1024;
        Assert.True(batches >= 2, $"{n} regions");
        var expected = Enumerable.Range(1, batches).Select(b => (true, 1024 * b))
            .Concat(Enumerable.Range(1, n).Select(k => (false, k)));
        Assert.Equal(expected, events);
    }

    /// <summary>Cancelled while it splits (here at its first report of regions found), the subdivision stops within
    /// the next thousand or so regions and the search it hands over to stops at once: the run ends cancelled,
    /// having recorded at most its first region.</summary>
    [Fact]
    public void CancelledWhileSplitting()
    {
        var net = HeNetworks.Create([3, 20, 20, 1], 3);
        using var cancel = new CancellationTokenSource();
        int reports = 0;
        var result = new RegionEnumerator(net, new SearchOptions
        {
            Threads = 1, OnFound = _ => { reports++; cancel.Cancel(); },
        }).Run(cancel.Token);
        Assert.Equal(StopReason.Cancelled, result.Stop);
        Assert.False(result.Subdivided);
        Assert.Equal(1, reports); // it looked at the token with its first report, and stopped
        Assert.True(result.RegionCount <= 1, $"{result.RegionCount} regions recorded");
    }

    /// <summary>3-D with more than 128 units (256-bit states), over a box small enough to hold few regions.</summary>
    [Fact]
    public void ManyUnitsInASmallBox()
    {
        var net = HeNetworks.Create([3, 80, 60, 1], 18);
        var box = new Geometry.Box([-0.1, -0.05, 0], [0.1, 0.1, 0.15]);
        var search = new RegionEnumerator(net, new SearchOptions { Box = box, Subdivision = false }).Run();
        var split = new RegionEnumerator(net, new SearchOptions { Box = box, Threads = 2 }).Run();
        Assert.True(split.Subdivided);
        Assert.True(search.RegionCount > 100, $"{search.RegionCount} regions");
        AssertSameRecords(search, split);
    }

    /// <summary>2-D records carry their polygon: the same area, and the same vertices in the same counter-clockwise
    /// order, perhaps from another first vertex.</summary>
    [Fact]
    public void PolygonsAsTheSearchs()
    {
        var net = HeNetworks.Create([2, 20, 20, 1], 19);
        var search = new RegionEnumerator(net, new SearchOptions { Subdivision = false }).Run();
        var split = new RegionEnumerator(net, new SearchOptions { Threads = 2 }).Run();
        Assert.True(split.Subdivided);
        AssertSameRecords(search, split);
        for (int i = 0; i < search.RegionCount; i++)
        {
            var (x, y) = (search.Regions[i], split.Regions[i]);
            Assert.Equal(x.Volume!.Value, y.Volume!.Value, 1e-12);
            var (xv, yv) = (x.Vertices!.Chunk(2).ToArray(), y.Vertices!.Chunk(2).ToArray());
            int n = xv.Length;
            Assert.Equal(n, yv.Length);
            var near = (double[] p, double[] q) => Math.Abs(p[0] - q[0]) <= 1e-12 && Math.Abs(p[1] - q[1]) <= 1e-12;
            int shift = Enumerable.Range(0, n).FirstOrDefault(s => near(xv[0], yv[s]), -1);
            Assert.True(shift >= 0, $"region {i}: vertex ({xv[0][0]}, {xv[0][1]}) missing");
            for (int v = 0; v < n; v++) Assert.True(near(xv[v], yv[(v + shift) % n]), $"region {i}, vertex {v}");
        }
    }

    [Fact]
    public void SolidsAsTheSearchsWithTheirVerticesInAnyOrder()
    {
        var net = HeNetworks.Create([3, 12, 12, 1], 12);
        var search = new RegionEnumerator(net, new SearchOptions { Solids = true, Subdivision = false }).Run();
        var split = new RegionEnumerator(net, new SearchOptions { Solids = true, Threads = 2 }).Run();
        Assert.True(split.Subdivided);
        AssertSameRecords(search, split);
        for (int i = 0; i < search.RegionCount; i++)
        {
            var x = search.Regions[i].Solid!;
            var y = split.Regions[i].Solid!;
            Assert.Equal(x.Volume, y.Volume, 1e-12);
            Assert.Equal(x.Vertices.Length, y.Vertices.Length);
            var sorted = (double[][] v) => v.OrderBy(p => p[0]).ThenBy(p => p[1]).ThenBy(p => p[2]).ToArray();
            var (vx, vy) = (sorted(x.Vertices.Chunk(3).ToArray()), sorted(y.Vertices.Chunk(3).ToArray()));
            for (int v = 0; v < vx.Length; v++)
                for (int t = 0; t < 3; t++) Assert.Equal(vx[v][t], vy[v][t], 1e-12);
        }
    }

    [Fact]
    public void DegenerateNetworksGetTheSearchsResults()
    {
        // A random network with a first-layer unit copied: two planes (lines) coincide, the subdivision finds the
        // vertices of a face (edge) on the second and gives up; the search's rules for duplicates decide.
        foreach (int d in new[] { 2, 3 })
            AssertTheSearchDecides(WithFirstLayer(HeNetworks.Create([d, 10, 10, 1], 11), "copied unit", (weights, bias) =>
            {
                weights.AsSpan(0, d).CopyTo(weights.AsSpan(d, d));
                bias[1] = bias[0];
            }));
    }

    /// <summary>2-D, three first-layer lines through one point inside the box: a vertex on the third line, so the
    /// subdivision gives up and the search decides.</summary>
    [Fact]
    public void LinesThroughAPointGetTheSearchsResults()
    {
        // Units 0, 1, 2 through (0.3, −0.2): b = −w·p.
        AssertTheSearchDecides(WithFirstLayer(HeNetworks.Create([2, 6, 6, 1], 20), "three lines through a point",
            (weights, bias) =>
            {
                for (int u = 0; u < 3; u++) bias[u] = -(weights[2 * u] * 0.3 - weights[2 * u + 1] * 0.2);
            }));
    }

    /// <summary>The network with its first layer's weights and biases changed (ReLU, as made).</summary>
    private static Network WithFirstLayer(Network random, string name, Action<double[], double[]> change)
    {
        var layer = random.Layers[0];
        var weights = layer.Weight.ToArray();
        var bias = layer.Bias.ToArray();
        change(weights, bias);
        var first = new Layer(weights, layer.Rows, layer.InputWidth, bias, Activation.Relu);
        return new Network(name, random.InputDim, [first, .. random.Layers.Skip(1)]);
    }

    /// <summary>The subdivision gives up on the network, and the run has exactly the search's results.</summary>
    private static void AssertTheSearchDecides(Network net)
    {
        var search = new RegionEnumerator(net, new SearchOptions { Subdivision = false }).Run();
        var split = new RegionEnumerator(net).Run();
        Assert.False(split.Subdivided);
        AssertSameRecords(search, split, exact: true);
    }

    /// <summary>Four of the last layer's units with output weight zero: crossing one of their lines leaves the output
    /// map as it was, so neighbours on either side join into one linear region (fewer linear regions than regions),
    /// whose maps the subdivision compares as the search does.</summary>
    [Fact]
    public void UnitsTheOutputIgnoresJoinLinearRegions()
    {
        var random = HeNetworks.Create([2, 12, 12, 1], 5);
        var output = random.Layers[^1];
        var weights = output.Weight.ToArray();
        weights.AsSpan(0, 4).Clear();
        var net = new Network("four units ignored", 2, [.. random.Layers.SkipLast(1),
            new Layer(weights, output.Rows, output.InputWidth, output.Bias.ToArray(), output.Activation)]);
        var search = new RegionEnumerator(net, new SearchOptions { Subdivision = false }).Run();
        var split = new RegionEnumerator(net).Run();
        Assert.True(split.Subdivided);
        Assert.True(search.LinearRegionCount < search.RegionCount - 10, $"{search.LinearRegionCount} of {search.RegionCount}");
        AssertSameRecords(search, split);
    }

    [Fact]
    public void ConstantUnitsTakeTheirConstantsSign()
    {
        // Deep and narrow: in some cells every input of a unit is off, and its map is its bias, a constant.
        var net = HeNetworks.Create([3, 6, 6, 6, 6, 1], 6);
        var search = new RegionEnumerator(net, new SearchOptions { Subdivision = false }).Run();
        var split = new RegionEnumerator(net).Run();
        Assert.True(split.Subdivided);
        AssertSameRecords(search, split);
    }

    [Fact]
    public void NotForMaxoutOrAnotherDimension()
    {
        Assert.False(new RegionEnumerator(HeNetworks.Create([3, 6, 6, 1], 8, Activation.Maxout, 2)).Run().Subdivided);
        Assert.False(new RegionEnumerator(HeNetworks.Create([2, 6, 6, 1], 8, Activation.Maxout, 2)).Run().Subdivided);
        Assert.False(new RegionEnumerator(HeNetworks.Create([4, 6, 6, 1], 9)).Run().Subdivided);
        Assert.False(new RegionEnumerator(HeNetworks.Create([1, 12, 12, 1], 9)).Run().Subdivided);
        Assert.False(new RegionEnumerator(HeNetworks.Create([3, 12, 12, 1], 10), new SearchOptions { MaxRegions = 50 }).Run().Subdivided);
    }

    private static void AssertSameRecords(EnumerationResult a, EnumerationResult b, bool exact = false)
    {
        SameRegions.AssertSameCounts(a, b);
        Assert.Equal(a.FacetsWithoutNeighbour, b.FacetsWithoutNeighbour);
        Assert.Equal(a.RadiusMin, b.RadiusMin, 1e-12);
        Assert.Equal(a.RadiusMax, b.RadiusMax, 1e-12);
        double tolerance = exact ? 0 : 1e-12;
        for (int i = 0; i < a.RegionCount; i++)
        {
            var x = a.Regions[i];
            var y = b.Regions[i];
            Assert.Equal(i, y.Id);
            Assert.Equal(x.Pattern, y.Pattern);
            Assert.Equal(x.Radius, y.Radius, tolerance);
            for (int t = 0; t < x.Centre.Length; t++) Assert.Equal(x.Centre[t], y.Centre[t], exact ? 0 : 1e-9);
            for (int t = 0; t < x.OutputGradient.Length; t++) Assert.Equal(x.OutputGradient[t], y.OutputGradient[t], tolerance);
            for (int t = 0; t < x.OutputBias.Length; t++) Assert.Equal(x.OutputBias[t], y.OutputBias[t], tolerance);
            Assert.Equal(x.Facets.Length, y.Facets.Length);
            for (int f = 0; f < x.Facets.Length; f++)
            {
                Assert.Equal(x.Facets[f].Units, y.Facets[f].Units);
                Assert.Equal(x.Facets[f].BoxSide, y.Facets[f].BoxSide);
                Assert.Equal(x.Facets[f].Neighbour, y.Facets[f].Neighbour);
                Assert.Equal(x.Facets[f].Offset, y.Facets[f].Offset, tolerance);
                for (int t = 0; t < x.Facets[f].Normal.Length; t++)
                    Assert.Equal(x.Facets[f].Normal[t], y.Facets[f].Normal[t], tolerance);
            }
        }
    }
}
