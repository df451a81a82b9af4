using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The parallel search gives the same records whatever the thread count, and the textbook baseline
/// (one fresh LP per constraint) finds the same regions as the engine.</summary>
public class ParallelAndBaselineTests
{
    public static TheoryData<string> Nets => new()
    {
        "reference/relu_2d_16x16.json", "reference/degenerate_2d.json", "reference/relu_3d_12x12.json",
        "random:3:11:2,10,10,10", "maxout:5:2,4,4:3", "residual:7:2,6,2",
        "random:12:4:4,6,6", "random:13:5:5,7,5", // d >= 4: Clarkson's facets with rays, warm starts, dual bounds
    };

    [Theory]
    [MemberData(nameof(Nets))]
    public void Enumerate_AnyThreadCount_GivesIdenticalRecords(string spec)
    {
        var net = InvariantTests.Load(spec);
        var one = new RegionEnumerator(net, new SearchOptions { Threads = 1 }).Run();
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var many = new RegionEnumerator(net, new SearchOptions { Threads = threads }).Run();
            Assert.Equal(threads, many.Threads);
            Assert.Equal(one.RegionCount, many.RegionCount);
            for (int i = 0; i < one.RegionCount; i++)
            {
                var a = one.Regions[i];
                var b = many.Regions[i];
                Assert.Equal(a.Pattern, b.Pattern);
                Assert.Equal(a.Centre, b.Centre);           // bit-identical doubles
                Assert.Equal(a.Radius, b.Radius);
                Assert.Equal(a.Facets.Select(f => f.Neighbour), b.Facets.Select(f => f.Neighbour));
                Assert.Equal(a.OutputBias, b.OutputBias);
            }
            Assert.Equal(one.LinearRegionCount, many.LinearRegionCount);
        }
    }

    /// <summary>A search stopped at a region limit keeps the first regions of the whole search, whatever the thread
    /// count, and hands each record to <see cref="SearchOptions.OnRegion"/> once, in id order, on the calling thread
    /// (the threads account for a level's records while the next level is tested).</summary>
    [Theory]
    [InlineData("reference/relu_2d_16x16.json", 37)]
    [InlineData("random:3:11:2,10,10,10", 200)]
    [InlineData("random:12:4:4,6,6", 150)]
    public void RegionLimit_KeepsTheFirstRegionsOfTheWholeSearch_OnAnyThreadCount(string spec, int limit)
    {
        var net = InvariantTests.Load(spec);
        var whole = new RegionEnumerator(net, new SearchOptions { Threads = 1 }).Run();
        Assert.True(whole.RegionCount > limit);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var handed = new List<int>();
            int caller = Environment.CurrentManagedThreadId;
            var stopped = new RegionEnumerator(net, new SearchOptions
            {
                Threads = threads, MaxRegions = limit,
                OnRegion = r => { Assert.Equal(caller, Environment.CurrentManagedThreadId); handed.Add(r.Id); },
            }).Run();
            Assert.Equal(StopReason.RegionLimit, stopped.Stop);
            Assert.Equal(Enumerable.Range(0, limit), handed);
            Assert.Equal(limit, stopped.RegionCount);
            for (int i = 0; i < limit; i++)
            {
                Assert.Equal(whole.Regions[i].Pattern, stopped.Regions[i].Pattern);
                Assert.Equal(whole.Regions[i].Facets.Select(f => f.Neighbour), stopped.Regions[i].Facets.Select(f => f.Neighbour));
            }
        }
    }

    /// <summary>A failure in <see cref="SearchOptions.OnRegion"/> (say, the disk behind <c>--out</c> is full) ends the
    /// search with that very exception, after the records before it were handed over, on any thread count; the
    /// crew's threads are released, and the next search runs normally.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FailureInOnRegion_EndsTheSearchWithThatException(int threads)
    {
        var net = InvariantTests.Load("random:3:11:2,10,10,10");
        var handed = new List<int>();
        var failure = Assert.Throws<IOException>(() => new RegionEnumerator(net, new SearchOptions
        {
            Threads = threads,
            OnRegion = r =>
            {
                if (r.Id == 123) throw new IOException("disk full");
                handed.Add(r.Id);
            },
        }).Run());
        Assert.Equal("disk full", failure.Message);
        Assert.Equal(Enumerable.Range(0, 123), handed);
        var again = new RegionEnumerator(net, new SearchOptions { Threads = threads }).Run();
        Assert.True(again.RegionCount > 123);
    }

    [Theory]
    [InlineData("reference/relu_2d_8.json")]
    [InlineData("reference/degenerate_2d.json")]
    [InlineData("reference/relu_1d_32x32.json")]
    [InlineData("random:4:3:3,8,8")]
    [InlineData("maxout:5:2,4,4:3")]
    [InlineData("random:12:4:4,6,6")]
    [InlineData("random:13:5:5,7,5")]
    public void TextbookBaseline_FindsTheSameRegionsFacesAndRadii(string spec)
    {
        var net = InvariantTests.Load(spec);
        var engine = new RegionEnumerator(net).Run();
        var textbook = new RegionEnumerator(net, new SearchOptions { Textbook = true }).Run();
        Assert.Equal(engine.Regions.Select(r => r.Pattern.ToString()).Order(), textbook.Regions.Select(r => r.Pattern.ToString()).Order());
        Assert.Equal(engine.FaceHistogram, textbook.FaceHistogram);
        Assert.Equal(engine.NeuronFaceHistogram, textbook.NeuronFaceHistogram);
        var byPattern = textbook.Regions.ToDictionary(r => r.Pattern.ToString());
        foreach (var r in engine.Regions)
            Assert.Equal(r.Radius, byPattern[r.Pattern.ToString()].Radius, 9);
    }
}
