using System.Text.Json;
using System.Xml.Linq;

namespace Polytopes.Cli.Tests;

/// <summary>polytopes sample and polytopes validate: JSON against the reference truth, determinism for any thread
/// count, the SVG, help, and bad arguments.</summary>
public class SampleValidateTests
{
    private static int TruthRegions(string name) => Reference.Truth(name).GetProperty("regions").GetInt32();

    [Fact]
    public void SampleJson_Relu2d16x16_PatternsAreTruthPatternsAndCountsAddUp()
    {
        var o = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("sample", Reference.Net("relu_2d_16x16"), "--points", "5000", "--lines", "20", "--json")));
        var truth = Reference.Truth("relu_2d_16x16").GetProperty("patterns").EnumerateArray().Select(p => p.GetString()!).ToHashSet();
        var patterns = o.GetProperty("patterns").EnumerateArray().ToArray();
        Assert.Equal(5000, o.GetProperty("points").GetInt64());
        Assert.Equal(patterns.Length, o.GetProperty("distinct").GetInt32());
        Assert.True(patterns.Length <= TruthRegions("relu_2d_16x16"));
        Assert.All(patterns, p => Assert.Contains(p.GetProperty("pattern").GetString()!, truth));
        Assert.Equal(5000, patterns.Sum(p => p.GetProperty("count").GetInt32()));
        var counts = patterns.Select(p => p.GetProperty("count").GetInt32()).ToArray();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        var f = o.GetProperty("frequency_counts").EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => p.Value.GetInt32());
        Assert.Equal(counts.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()), f);

        var estimates = o.GetProperty("estimates");
        foreach (var key in new[] { "distinct", "chao1", "ace", "jackknife1", "lines", "lines_hr" })
        {
            Assert.True(estimates.GetProperty(key).GetDouble() > 0, key);
            Assert.False(string.IsNullOrEmpty(o.GetProperty("estimators").GetProperty(key).GetString()));
        }
        Assert.Equal(20, o.GetProperty("lines").GetProperty("chords").GetInt32());
        var bounds = o.GetProperty("bounds").EnumerateArray().ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("value").GetDouble());
        Assert.Equal(137, bounds["zaslavsky_first_layer"]); // 1 + 16 + 120
        Assert.Equal(2048, bounds["hanin_rolnick_scaling"]); // 4 · 32² / 2
        Assert.True(bounds["serra_2018"] >= TruthRegions("relu_2d_16x16"));
    }

    [Fact]
    public void SampleJson_FixedSeed_IsIdenticalForOneAndSeveralThreads()
    {
        string[] args = ["sample", Reference.Net("relu_3d_12x12"), "--points", "20000", "--lines", "12", "--seed", "42", "--json"];
        var one = Cli.AssertSuccess(Cli.Run([.. args, "--threads", "1"]));
        var three = Cli.AssertSuccess(Cli.Run([.. args, "--threads", "3"]));
        Assert.Equal(one, three);
        var other = Cli.AssertSuccess(Cli.Run("sample", Reference.Net("relu_3d_12x12"), "--points", "20000", "--lines", "12", "--seed", "43", "--json"));
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void SampleJson_OnAPlaneSliceOfA3dNet_SeesOnlyPatternsOfThe3dRegions()
    {
        // A region of the plane z = 0.2 with positive area lies in a full-dimensional 3-D region with the same
        // pattern (the plane is in general position to the hyperplanes), so its pattern is in the 3-D truth.
        using var dir = new TempDir();
        var slice = dir.Write("slice.json", "{\"origin\": [0, 0, 0.2], \"basis\": [[1, 0, 0], [0, 1, 0]], \"lo\": [-1, -1], \"hi\": [1, 1]}");
        var o = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("sample", Reference.Net("relu_3d_12x12"), "--slice", slice,
            "--points", "20000", "--lines", "10", "--json")));
        Assert.Equal(2, o.GetProperty("input_dim").GetInt32());
        var truth = Reference.Truth("relu_3d_12x12").GetProperty("patterns").EnumerateArray().Select(p => p.GetString()!).ToHashSet();
        var patterns = o.GetProperty("patterns").EnumerateArray().Select(p => p.GetProperty("pattern").GetString()!).ToArray();
        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.Contains(p, truth));
    }

    [Fact]
    public void SampleHuman_ListsEstimatesLinesAndReferences()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("sample", Reference.Net("relu_2d_8"), "--points", "2000"));
        foreach (var word in new[] { "distinct", "chao1", "ace", "jackknife1", "lines", "Zaslavsky", "Serra", "Hanin-Rolnick", "coverage" })
            Assert.Contains(word, stdout);
    }

    [Fact]
    public void ValidateJson_RelativeErrorsAreAgainstTheTruthCount()
    {
        var o = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("validate", Reference.Net("relu_2d_8"), "--points", "50,500", "--repeats", "3", "--json")));
        int truth = TruthRegions("relu_2d_8");
        Assert.Equal(truth, o.GetProperty("exact").GetProperty("regions").GetInt32());
        Assert.Equal("area", o.GetProperty("size_measure").GetString());
        foreach (var e in o.GetProperty("estimators").EnumerateArray())
        {
            var results = e.GetProperty("results").EnumerateArray().ToArray();
            Assert.Equal([50L, 500L], results.Select(r => r.GetProperty("points").GetInt64()));
            foreach (var r in results)
            {
                var values = r.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                Assert.Equal(3, values.Length);
                double mean = r.GetProperty("mean").GetDouble();
                Assert.Equal(values.Average(), mean, 9);
                Assert.Equal((mean - truth) / truth, r.GetProperty("relative_error").GetDouble(), 9);
            }
        }
        var coverage = o.GetProperty("coverage").EnumerateArray().ToArray();
        Assert.Equal(2, coverage.Length);
        foreach (var c in coverage)
        {
            Assert.Equal(truth, c.GetProperty("by_size").EnumerateArray().Sum(b => b.GetProperty("regions").GetInt32()));
            Assert.Equal(0, c.GetProperty("patterns_not_enumerated").GetInt32());
            foreach (var m in c.GetProperty("missed").EnumerateArray())
                Assert.InRange(m.GetProperty("missed_in").GetInt32(), 1, 3);
        }
        Assert.True(o.GetProperty("boundary_length").GetProperty("exact").GetDouble() > 0);
    }

    [Fact]
    public void ValidateJson_FixedSeed_IsIdenticalForOneAndSeveralThreadsApartFromTheTime()
    {
        static string WithoutSeconds(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\"seconds\":[^,}]*", "\"seconds\":0");
        string[] args = ["validate", Reference.Net("relu_2d_16x16"), "--points", "100,5000", "--repeats", "2", "--json"];
        var one = Cli.AssertSuccess(Cli.Run([.. args, "--threads", "1"]));
        var two = Cli.AssertSuccess(Cli.Run([.. args, "--threads", "2"]));
        Assert.Equal(WithoutSeconds(one), WithoutSeconds(two));
    }

    [Fact]
    public void Validate_Svg_IsAnSvgDocumentWithTheExactCountAndEveryEstimator()
    {
        using var dir = new TempDir();
        var svg = dir.File("plot.svg");
        var stdout = Cli.AssertSuccess(Cli.Run("validate", Reference.Net("relu_2d_8"), "--points", "50,500", "--repeats", "2", "--svg", svg));
        Assert.Contains("exact", stdout);
        var doc = XDocument.Load(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        var text = File.ReadAllText(svg);
        Assert.Contains($"exact {TruthRegions("relu_2d_8")}", text);
        foreach (var key in new[] { "distinct", "chao1", "ace", "jackknife1", "lines", "lines_hr" }) Assert.Contains($">{key}<", text);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void ValidateHuman_ShowsExactBoundsEstimatesAndMissedRegionsByArea()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("validate", Reference.Net("relu_2d_8"), "--points", "100,1000", "--repeats", "2"));
        Assert.Contains($"exact           {TruthRegions("relu_2d_8")} regions", stdout);
        foreach (var word in new[] { "Serra", "Zaslavsky", "chao1", "rel.err", "regions found", "by area", "boundary length" })
            Assert.Contains(word, stdout);
    }

    [Theory]
    [InlineData("--points", "0", "--points must be a positive")]
    [InlineData("--points", "-5", "--points must be a positive")]
    [InlineData("--lines", "-1", "--lines must be >= 0")]
    [InlineData("--threads", "0", "--threads must be at least 1")]
    [InlineData("--box", "1,-1", "--box")]
    public void Sample_BadArgument_IsOneClearLineAndExitCode2(string option, string value, string expected)
    {
        // option=value: a value starting with '-' would otherwise be read as an option name.
        var line = Cli.AssertBadInput(Cli.Run("sample", Reference.Net("relu_2d_8"), $"{option}={value}"));
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData("--points", "", "empty")]
    [InlineData("--points", ",", "empty")]
    [InlineData("--points", "100,100", "strictly increasing")]
    [InlineData("--points", "1000,100", "strictly increasing")]
    [InlineData("--points", "0,100", "positive")]
    [InlineData("--points", "100,-3", "positive")]
    [InlineData("--points", "-3", "positive")]
    [InlineData("--points", "100,abc", "'abc' is not a whole number")]
    [InlineData("--repeats", "0", "--repeats must be at least 1")]
    [InlineData("--threads", "-2", "--threads must be at least 1")]
    public void Validate_BadArgument_IsOneClearLineAndExitCode2(string option, string value, string expected)
    {
        var line = Cli.AssertBadInput(Cli.Run("validate", Reference.Net("relu_2d_8"), option, value));
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Validate_SvgInAMissingDirectory_FailsBeforeAnyWork()
    {
        var line = Cli.AssertBadInput(Cli.Run("validate", Reference.Net("relu_2d_8"), "--svg", "/nonexistent-dir/plot.svg"));
        Assert.Contains("does not exist", line);
    }

    [Fact]
    public void Sample_MissingNetworkFile_IsBadInput()
    {
        Cli.AssertBadInput(Cli.Run("sample", "/nonexistent/net.json"));
    }

    [Theory]
    [InlineData("sample", new[] { "--points", "--seed", "--lines", "--threads", "--box", "--json" })]
    [InlineData("validate", new[] { "--points", "--repeats", "--seed", "--threads", "--box", "--json", "--svg" })]
    public void Help_ListsEveryOptionWithADescription(string command, string[] options)
    {
        var stdout = Cli.AssertSuccess(Cli.Run(command, "--help"));
        var lines = stdout.ReplaceLineEndings("\n").Split('\n');
        foreach (var option in options)
        {
            var line = lines.FirstOrDefault(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.True(line != null, $"no line for {option} in\n{stdout}");
            var rest = line.TrimStart()[option.Length..].Trim();
            if (rest.StartsWith('<')) rest = rest[(rest.IndexOf('>') + 1)..].Trim();
            Assert.True(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3, $"{option} has no description: '{line}'");
        }
        var root = Cli.AssertSuccess(Cli.Run("--help"));
        Assert.Contains(command, root);
    }
}
