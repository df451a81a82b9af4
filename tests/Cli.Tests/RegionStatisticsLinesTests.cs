using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>The region statistics added to enumerate --out records: 3-D vertices and volume, vertex counts,
/// neighbour relations (each pair seen the same from both sides), in id order also when a region limit stops
/// the search.</summary>
public class RegionStatisticsLinesTests
{
    private static JsonElement[] Lines(string path) =>
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();

    [Fact]
    public void Out_3D_HasVolumesSummingToTheBoxAndVertexCounts()
    {
        using var dir = new TempDir();
        string out3 = dir.File("r.jsonl");
        Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_3d_12x12"), "--out", out3));
        var lines = Lines(out3);
        Assert.Equal(678, lines.Length);
        Assert.Equal(Enumerable.Range(0, 678), lines.Select(l => l.GetProperty("id").GetInt32()));
        Assert.Equal(8, lines.Sum(l => l.GetProperty("volume").GetDouble()), 9);
        Assert.All(lines, l => Assert.Equal(l.GetProperty("vertex_count").GetInt32(), l.GetProperty("vertices").GetArrayLength()));
    }

    [Fact]
    public void Out_2D_NeighbourRelationsAreSymmetricAndCoverEveryNeighbour()
    {
        using var dir = new TempDir();
        string out2 = dir.File("r.jsonl");
        Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_16x16"), "--out", out2));
        var lines = Lines(out2);
        var angle = new Dictionary<(int, int), double>();
        foreach (var l in lines)
        {
            int id = l.GetProperty("id").GetInt32();
            Assert.Equal(l.GetProperty("faces").GetInt32(), l.GetProperty("vertex_count").GetInt32());
            var relations = l.GetProperty("neighbour_relations").EnumerateArray().ToArray();
            Assert.Equal(l.GetProperty("neighbours").EnumerateArray().Select(n => n.GetInt32()).Distinct(),
                relations.Select(r => r.GetProperty("neighbour").GetInt32()));
            foreach (var r in relations) angle[(id, r.GetProperty("neighbour").GetInt32())] = r.GetProperty("gradient_angle").GetDouble();
        }
        foreach (var ((a, b), value) in angle) Assert.Equal(value, angle[(b, a)], 12);
    }

    [Fact]
    public void Out_WithRegionLimit_WritesEveryFoundRegionInOrder()
    {
        using var dir = new TempDir();
        string path = dir.File("r.jsonl");
        var result = Cli.Run("enumerate", Reference.Net("relu_2d_16x16"), "--out", path, "--max-regions", "20");
        Assert.Equal(1, result.ExitCode);
        var ids = Lines(path).Select(l => l.GetProperty("id").GetInt32()).ToArray();
        Assert.Equal(Enumerable.Range(0, ids.Length), ids);
        Assert.True(ids.Length >= 20);
    }
}
