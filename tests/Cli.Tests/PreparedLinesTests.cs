using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Cli.Tests;

/// <summary>enumerate --out computes 3-D shapes on the search's threads as records are built
/// (RegionLines.Prepare) and each neighbour pair's angles once for both of its lines. The lines must be byte for
/// byte the plain definition: each region's RegionJson.Write with statistics computed from the region and all its
/// neighbours, nothing shared — for a real search on 1, 2 and 3 threads, in 2-D (polygons), 3-D (vertices and
/// volume from the facets) and 4-D, and after a region limit (neighbours beyond it get null angles).</summary>
public class PreparedLinesTests
{
    private static byte[] PlainLines(IReadOnlyList<Region> regions, int inputDim, double scale)
    {
        var statistics = new RegionStatistics(inputDim, scale);
        var byId = regions.ToDictionary(r => r.Id);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Json.Compact))
            foreach (var r in regions)
            {
                RegionJson.Write(w, r, inputDim, statistics.Of(r, id => byId.GetValueOrDefault(id)));
                w.Flush();
                w.Reset();
                stream.WriteByte((byte)'\n');
            }
        return stream.ToArray();
    }

    /// <summary>The lines as enumerate --out makes them: the search's regions through a <see cref="LineWriterThread"/>
    /// (or, with <paramref name="ownThread"/> false, a <see cref="RegionLines"/> called by the search directly).</summary>
    private static byte[] LinesOfSearch(Network network, int threads, int maxRegions = 0, bool ownThread = true)
    {
        using var stream = new MemoryStream();
        var lines = new RegionLines(stream, network.InputDim);
        lines.UseScale(new RegionEnumerator(network).Box!.Scale());
        using (IDisposable writer = ownThread ? new LineWriterThread(lines) : lines)
        {
            new RegionEnumerator(network, new SearchOptions
            {
                Threads = threads, MaxRegions = maxRegions, KeepRegions = false,
                OnRegionBuilt = lines.Prepare,
                OnRegion = writer is LineWriterThread thread ? thread.Add : lines.Add,
            }).Run();
        }
        return stream.ToArray();
    }

    [Theory]
    [InlineData("reference", "relu_2d_16x16")]
    [InlineData("reference", "relu_3d_12x12")]
    [InlineData("nets", "dead_and_duplicate")]
    [InlineData("nets", "hyperplanes_3d_general_6")]
    public void LinesOfASearch_AreThePlainLines(string folder, string name)
    {
        var network = NetworkFiles.Read(TestPaths.Fixture(folder, name + ".json"));
        var enumerator = new RegionEnumerator(network);
        var expected = PlainLines(enumerator.Run().Regions, network.InputDim, enumerator.Box!.Scale());
        Assert.True(expected.Length > 0);
        foreach (int threads in new[] { 1, 2, 3 })
            Assert.Equal(expected, LinesOfSearch(network, threads));
        Assert.Equal(expected, LinesOfSearch(network, 2, ownThread: false));
    }

    [Fact]
    public void LinesOfA4DSearchStoppedAtARegionLimit_AreThePlainLines()
    {
        var network = Enumeration.Benchmarking.BenchmarkSuite.Networks.First(n => n.Name == "4-10-10-10").Create();
        var regions = new RegionEnumerator(network, new SearchOptions { MaxRegions = 600 }).Run().Regions;
        Assert.Equal(600, regions.Count);
        Assert.Equal(PlainLines(regions, 4, 1), LinesOfSearch(network, 2, maxRegions: 600));
    }

    /// <summary>Regions added far faster than lines are made (all of a 4756-region search at once, more than the
    /// writer's queue holds): the adder must wait for room and then go on, and the lines stay the plain ones, in
    /// order, none lost or repeated.</summary>
    [Fact]
    public void RegionsAddedFasterThanTheWriterKeepsUp_GiveThePlainLines()
    {
        var network = Enumeration.Benchmarking.BenchmarkSuite.Networks.First(n => n.Name == "2-64-64").Create();
        var enumerator = new RegionEnumerator(network);
        var regions = enumerator.Run().Regions;
        Assert.True(regions.Count > 4096);
        using var stream = new MemoryStream();
        var lines = new RegionLines(stream, network.InputDim);
        lines.UseScale(enumerator.Box!.Scale());
        using (var writer = new LineWriterThread(lines))
            foreach (var r in regions) writer.Add(r);
        Assert.Equal(PlainLines(regions, network.InputDim, enumerator.Box!.Scale()), stream.ToArray());
    }

    /// <summary>A stream that fails every write, as a full disk does.</summary>
    private sealed class FullDisk : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");
    }

    [Fact]
    public void AFailedWriteOnTheWritersThread_IsThrownToTheSearch()
    {
        var network = NetworkFiles.Read(TestPaths.Fixture("reference", "relu_2d_16x16.json"));
        var writer = new LineWriterThread(new RegionLines(new FullDisk(), network.InputDim));
        // 241 regions of ~1 KB: the 64 KB chunks fill, and a write fails, before the search ends; the search then
        // stops at its next region or, at the latest, when the writer is closed.
        var thrown = Record.Exception(() =>
        {
            new RegionEnumerator(network, new SearchOptions { KeepRegions = false, OnRegion = writer.Add }).Run();
            writer.Dispose();
        });
        Assert.IsType<IOException>(thrown);
        writer.Dispose(); // once failed, closing again does nothing
    }
}
