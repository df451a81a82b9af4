using Polytopes.Cli.Output;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Cli.Tests;

/// <summary>enumerate --out writes most of each line on the search's threads (RegionLines.Prepare) and adds the
/// neighbour relations in id order, computing each pair's angles once for both of its lines. The lines must be
/// byte for byte those written one region at a time from the region alone (the path without Prepare, which
/// computes every relation from both ends), for any thread count, in 2-D (polygons), 3-D (vertices and volume from
/// the facets) and 4-D.</summary>
public class PreparedLinesTests
{
    private static byte[] Lines(IReadOnlyList<Region> regions, int inputDim, double scale, bool prepare, int threads)
    {
        using var stream = new MemoryStream();
        using (var lines = new RegionLines(stream, inputDim))
        {
            lines.UseScale(scale);
            if (prepare) Parallel.ForEach(regions, new ParallelOptions { MaxDegreeOfParallelism = threads }, lines.Prepare);
            foreach (var r in regions) lines.Add(r);
        }
        return stream.ToArray();
    }

    [Theory]
    [InlineData("reference", "relu_2d_16x16")]
    [InlineData("reference", "relu_3d_12x12")]
    [InlineData("nets", "dead_and_duplicate")]
    [InlineData("nets", "hyperplanes_3d_general_6")]
    public void PreparedLines_AreTheLinesWrittenRegionByRegion(string folder, string name)
    {
        var network = NetworkFiles.Read(TestPaths.Fixture(folder, name + ".json"));
        var enumerator = new RegionEnumerator(network);
        var regions = enumerator.Run().Regions;
        double scale = enumerator.Box!.Scale();
        var expected = Lines(regions, network.InputDim, scale, prepare: false, threads: 1);
        Assert.True(expected.Length > 0);
        Assert.Equal(expected, Lines(regions, network.InputDim, scale, prepare: true, threads: 1));
        Assert.Equal(expected, Lines(regions, network.InputDim, scale, prepare: true, threads: 4));
    }

    [Fact]
    public void PreparedLines_OfA4DNetwork_AreTheLinesWrittenRegionByRegion()
    {
        var network = Enumeration.Benchmarking.BenchmarkSuite.Networks.First(n => n.Name == "4-10-10-10").Create();
        var regions = new RegionEnumerator(network, new SearchOptions { MaxRegions = 400 }).Run().Regions;
        var expected = Lines(regions, 4, 1, prepare: false, threads: 1);
        Assert.Equal(expected, Lines(regions, 4, 1, prepare: true, threads: 3));
    }
}
