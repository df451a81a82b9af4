using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>Networks at the edges of what doubles hold, and networks with a single region: every command that
/// reports regions finishes (no internal error) and writes valid JSON.</summary>
public class ExtremeNetworkTests
{
    /// <summary>Weights 5e-324 (subnormal), 1e-300 and 1e300. In [-1, 1]² the lines are y = −5e-324·x (through the
    /// origin, nearly flat) and two nearly vertical ones, x = −1e-310 − 1e-300·y and x = −y/1e300, a strip 1e-310
    /// wide (their slopes differ in the last bits, so they cross only near y ≈ 1e6): the flat line cuts the strip
    /// and the two sides of it, 2 + 2 + 2 = 6 regions. In all of R² the three lines are in general position:
    /// 1 + 3 + 3 = 7 regions (Zaslavsky). The float search misses the strip; --certify finds it.</summary>
    private const string NearTheRangeOfDoubles = """
        {"name": "near_the_range_of_doubles", "input_dim": 2, "layers": [
          {"weight": [[5e-324, 1], [1, 1e-300], [1e300, 1]], "bias": [0, 1e-310, 0], "activation": "relu"},
          {"weight": [[1.0, 1.0, 1.0]], "bias": [0.0], "activation": "identity"}]}
        """;

    /// <summary>Every unit dead everywhere: one region, all of R² in --domain all (no facet at all).</summary>
    private const string AllDead = """
        {"name": "all_dead", "input_dim": 2, "layers": [
          {"weight": [[0, 0], [0, 0]], "bias": [-1, -2], "activation": "relu"},
          {"weight": [[1.0, 1.0], [2.0, -1.0]], "bias": [0.0, 1.0], "activation": "identity"}]}
        """;

    [Theory]
    [InlineData(false, 6)]
    [InlineData(true, 7)]
    public void WeightsNearTheRangeOfDoubles_CertifiedCountsAndValidRecords(bool wholeSpace, int regions)
    {
        var dir = Directory.CreateTempSubdirectory("polytopes-extreme-").FullName;
        var net = Path.Combine(dir, "net.json");
        File.WriteAllText(net, NearTheRangeOfDoubles);
        var outFile = Path.Combine(dir, "regions.jsonl");
        string[] domain = wholeSpace ? ["--domain", "all"] : [];
        var summary = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run(["enumerate", net, "--certify", "--json", "--out", outFile, .. domain])));
        Assert.True(summary.GetProperty("certified").GetBoolean());
        Assert.Equal(regions, summary.GetProperty("regions").GetInt32());
        var lines = File.ReadAllLines(outFile);
        Assert.Equal(regions, lines.Length);
        foreach (var line in lines) JsonDocument.Parse(line).Dispose(); // valid JSON: no NaN or infinity written
        Cli.AssertSuccess(Cli.Run(["stats", net, "--certify", "--json", .. domain]));
        var svg = Path.Combine(dir, "map.svg");
        Assert.Contains($"{regions} regions", Cli.AssertSuccess(Cli.Run(["map", net, "--certify", "--svg", svg, .. domain])));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void OneRegionCoveringAllOfR2_StatsAndMapFinish()
    {
        var dir = Directory.CreateTempSubdirectory("polytopes-one-region-").FullName;
        var net = Path.Combine(dir, "net.json");
        File.WriteAllText(net, AllDead);
        var stats = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("stats", net, "--domain", "all", "--json")));
        Assert.Equal(1, stats.GetProperty("regions").GetInt32());
        Assert.Equal(1, stats.GetProperty("unbounded_regions").GetInt32());
        var svg = Path.Combine(dir, "map.svg");
        Assert.Contains("1 regions", Cli.AssertSuccess(Cli.Run("map", net, "--domain", "all", "--certify", "--svg", svg)));
        Directory.Delete(dir, true);
    }
}
