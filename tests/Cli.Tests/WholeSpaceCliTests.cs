using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>enumerate --domain all: fixtures/nets/lines_general_k8.json has 8 lines in general position, so R²
/// has 1 + 8 + C(8,2) = 37 regions of which C(7,2) = 21 are bounded (Zaslavsky).</summary>
public class WholeSpaceCliTests
{
    [Fact]
    public void DomainAll_Json_ReportsBoundedAndUnboundedCounts()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", TestPaths.Fixture("nets", "lines_general_k8.json"), "--domain", "all", "--json"));
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("all", root.GetProperty("domain").GetString());
        Assert.Equal(37, root.GetProperty("regions").GetInt32());
        Assert.Equal(21, root.GetProperty("bounded_regions").GetInt32());
        Assert.Equal(16, root.GetProperty("unbounded_regions").GetInt32());
    }

    [Fact]
    public void DomainAll_Out_UnboundedRegionsHaveNullRadiusAndNoBoxFaces()
    {
        var dir = Directory.CreateTempSubdirectory("polytopes-all-").FullName;
        var outFile = Path.Combine(dir, "regions.jsonl");
        Cli.AssertSuccess(Cli.Run("enumerate", TestPaths.Fixture("nets", "lines_general_k8.json"), "--domain", "all", "--out", outFile));
        var lines = File.ReadAllLines(outFile);
        Assert.Equal(37, lines.Length);
        foreach (var line in lines)
        {
            var r = JsonDocument.Parse(line).RootElement;
            Assert.Equal(0, r.GetProperty("box_faces").GetInt32());
            // An unbounded cell of a line arrangement is a wedge or strip; here no two lines are parallel, so
            // every unbounded cell contains arbitrarily large discs: radius null.
            if (!r.GetProperty("bounded").GetBoolean()) Assert.Equal(JsonValueKind.Null, r.GetProperty("radius").ValueKind);
        }
        Directory.Delete(dir, true);
    }

    /// <summary>concurrent_lines_4.json: 4 distinct lines through one point cut R² into 2·4 = 8 sectors, every one
    /// a cone that holds arbitrarily large discs. With no finite radius the radius statistics are null (JSON has no
    /// NaN; this used to be an internal error), and the summary says so.</summary>
    [Fact]
    public void DomainAll_NoFiniteRadius_GivesNullRadiusStatistics()
    {
        string net = TestPaths.Fixture("nets", "concurrent_lines_4.json");
        using var doc = JsonDocument.Parse(Cli.AssertSuccess(Cli.Run("enumerate", net, "--domain", "all", "--json")));
        var root = doc.RootElement;
        Assert.Equal(8, root.GetProperty("regions").GetInt32());
        Assert.Equal(8, root.GetProperty("unbounded_regions").GetInt32());
        foreach (var key in new[] { "min", "median", "max" })
            Assert.Equal(JsonValueKind.Null, root.GetProperty("radius").GetProperty(key).ValueKind);
        Assert.Contains("none finite", Cli.AssertSuccess(Cli.Run("enumerate", net, "--domain", "all")));
    }

    [Fact]
    public void DomainAll_WithBox_IsBadInput()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", TestPaths.Fixture("nets", "lines_general_k8.json"), "--domain", "all", "--box", "0,1"));
        Assert.Contains("--domain", line);
    }

    [Fact]
    public void DomainOtherThanAll_IsBadInput()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", TestPaths.Fixture("nets", "lines_general_k8.json"), "--domain", "sphere"));
        Assert.Contains("--domain", line);
    }

    /// <summary>A region's size has one name per dimension whatever the domain and --certify: length (1-D), area
    /// (2-D), volume (3-D), null when unbounded. All of R^2 wrote bounded regions' areas as "volume", and all of
    /// R^3 wrote unbounded regions' size as "length".</summary>
    [Theory]
    [InlineData("nets/lines_general_k8.json", "area")]
    [InlineData("nets/hyperplanes_3d_general_6.json", "volume")]
    [InlineData("nets/one_d_relu.json", "length")]
    public void Out_SizeHasTheDimensionsName_InABoxAndInAllOfRd(string net, string size)
    {
        using var dir = new TempDir();
        string[] others = new[] { "length", "area", "volume" }.Where(k => k != size).ToArray();
        foreach (var extra in new[] { Array.Empty<string>(), ["--domain", "all"], ["--domain", "all", "--certify"] })
        {
            var outFile = dir.File("regions.jsonl");
            Cli.AssertSuccess(Cli.Run(["enumerate", TestPaths.Fixture(net.Split('/')), "--out", outFile, .. extra]));
            foreach (var line in File.ReadAllLines(outFile))
            {
                using var doc = JsonDocument.Parse(line);
                var record = doc.RootElement;
                bool bounded = !record.TryGetProperty("bounded", out var b) || b.GetBoolean();
                Assert.True(record.TryGetProperty(size, out var value), $"{string.Join(" ", extra)}: no {size} in {line}");
                Assert.Equal(bounded, value.ValueKind == JsonValueKind.Number);
                foreach (var other in others) Assert.False(record.TryGetProperty(other, out _), $"{other} in {line}");
            }
        }
    }
}
