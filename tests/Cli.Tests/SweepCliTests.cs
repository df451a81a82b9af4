using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Polytopes.Cli.Tests;

/// <summary>polytopes init, sweep and merge in-process: sweep lines equal enumerate on the networks init writes,
/// resuming, the table and plot, merge, and one clear line for each kind of bad input.</summary>
public class SweepCliTests
{
    private const string SmallSpec = """
        { "architectures": [[2, 6, 1], [2, 4, 4, 1]], "activations": ["relu", "maxout:2"],
          "inits": ["he_normal", {"name": "lecun_uniform", "bias_std": 0.3}], "seeds": [0, 1], "boxes": [[-2, 2]] }
        """;

    private static string[] WithoutSeconds(IEnumerable<string> lines) =>
        lines.Select(l => Regex.Replace(l, "\"seconds\":[^,}]*", "\"seconds\":0")).ToArray();

    [Fact]
    public void Init_SameSeedTwice_WritesIdenticalBytes_AndEnumerateReadsIt()
    {
        using var dir = new TempDir();
        string a = dir.File("a.json"), b = dir.File("b.json"), c = dir.File("c.json");
        var stdout = Cli.AssertSuccess(Cli.Run("init", "--widths", "2,16,16,1", "--init", "glorot_normal", "--seed", "7", "--out", a));
        Assert.Contains("2-16-16-1 relu glorot_normal seed 7", stdout);
        Cli.AssertSuccess(Cli.Run("init", "--widths", "2,16,16,1", "--init", "glorot_normal", "--seed", "7", "--out", b));
        Cli.AssertSuccess(Cli.Run("init", "--widths", "2,16,16,1", "--init", "glorot_normal", "--seed", "8", "--out", c));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
        var summary = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", a, "--json")));
        Assert.Equal(32, summary.GetProperty("neurons").GetInt32());
    }

    [Fact]
    public void Init_MaxoutSchemesOfTseranAndMontufar_WriteMaxoutNetworks()
    {
        using var dir = new TempDir();
        foreach (var init in new[] { "maxout_he", "sphere", "many_regions" })
        {
            var path = dir.File(init + ".json");
            Cli.AssertSuccess(Cli.Run("init", "--widths", "2,5,1", "--activation", "maxout:3", "--init", init, "--out", path));
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var layer = doc.RootElement.GetProperty("layers")[0];
            Assert.Equal("maxout", layer.GetProperty("activation").GetString());
            Assert.Equal(3, layer.GetProperty("pieces").GetInt32());
            Assert.Equal(15, layer.GetProperty("weight").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("--init kaiming", "--init: unknown scheme 'kaiming'")]
    [InlineData("--widths 2", "--widths '2': give an input and an output width")]
    [InlineData("--widths 2,x,1", "'x' is not a positive whole number")]
    [InlineData("--activation tanh", "'tanh' is not an activation")]
    [InlineData("--init sphere", "maxout layers only")]
    [InlineData("--activation maxout:2 --init many_regions --bias-std 0.1", "sets its own biases")]
    [InlineData("--bias-std -1", "must be a finite number >= 0")]
    public void Init_BadInput_GetsOneClearLine(string options, string message)
    {
        using var dir = new TempDir();
        var args = new List<string> { "init", "--out", dir.File("n.json") };
        if (!options.Contains("--widths")) args.AddRange(["--widths", "2,4,1"]);
        args.AddRange(options.Split(' '));
        var line = Cli.AssertBadInput(Cli.Run(args.ToArray()));
        Assert.Contains(message, line);
        Assert.False(File.Exists(dir.File("n.json")));
    }

    /// <summary>Every sweep line equals what enumerate --json reports for the network init writes with the same
    /// parameters: the sweep generates exactly the networks it names.</summary>
    [Fact]
    public void SweepLines_EqualEnumerateOnTheNetworksInitWrites()
    {
        using var dir = new TempDir();
        var spec = dir.Write("spec.json", SmallSpec);
        var results = dir.File("results.jsonl");
        Cli.AssertSuccess(Cli.Run("sweep", spec, "--out", results, "--threads", "2"));
        var lines = File.ReadAllLines(results);
        Assert.Equal(16, lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var args = new List<string>
            {
                "init", "--widths", string.Join(",", r.GetProperty("arch").EnumerateArray().Select(e => e.GetInt32())),
                "--activation", r.GetProperty("activation").GetString()!, "--init", r.GetProperty("init").GetString()!,
                "--seed", r.GetProperty("seed").GetUInt64().ToString(), "--out", dir.File("net.json"),
            };
            if (r.GetProperty("bias_std").ValueKind == JsonValueKind.Number)
                args.AddRange(["--bias-std", r.GetProperty("bias_std").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)]);
            Cli.AssertSuccess(Cli.Run(args.ToArray()));
            var e = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", dir.File("net.json"), "--box=-2,2", "--json")));
            foreach (var field in new[] { "regions", "linear_regions", "neurons", "input_dim", "candidates_tested", "facets_without_neighbour" })
                Assert.True(e.GetProperty(field).GetInt64() == r.GetProperty(field).GetInt64(), $"{field} differs for {r.GetProperty("key")}");
            foreach (var field in new[] { "face_histogram", "neuron_face_histogram", "radius" })
                Assert.Equal(e.GetProperty(field).GetRawText(), r.GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public void Sweep_PrintsTheTableAndPlot_AndARerunComputesNothing()
    {
        using var dir = new TempDir();
        var spec = dir.Write("spec.json", SmallSpec);
        string results = dir.File("results.jsonl"), svg = dir.File("plot.svg");
        var first = Cli.AssertSuccess(Cli.Run("sweep", spec, "--out", results, "--svg", svg));
        Assert.Contains("16 work items; 0 already done, 16 computed", first);
        var table = first.Split('\n').Where(l => l.StartsWith("2-", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, table.Count); // 2 architectures × 2 activations × 2 inits, 2 seeds each
        Assert.Contains(table, l => l.StartsWith("2-4-4-1", StringComparison.Ordinal) && l.Contains("maxout:2") && l.Contains("lecun_uniform bias_std=0.3"));
        Assert.Contains("zaslavsky", first);
        var plot = XDocument.Load(svg);
        Assert.Equal("svg", plot.Root!.Name.LocalName);
        Assert.Equal(8, plot.Descendants().Count(e => e.Name.LocalName == "circle"));
        Assert.Contains(plot.Descendants(), e => e.Name.LocalName == "polyline" && (string?)e.Attribute("stroke-dasharray") != null);

        var bytes = File.ReadAllBytes(results);
        var second = Cli.AssertSuccess(Cli.Run("sweep", spec, "--out", results));
        Assert.Contains("16 already done, 0 computed", second);
        Assert.Equal(bytes, File.ReadAllBytes(results));
    }

    /// <summary>The shipped example must keep running in under a minute (it takes a few seconds here).</summary>
    [Fact]
    public void ExampleSpec_RunsInUnderAMinute()
    {
        using var dir = new TempDir();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stdout = Cli.AssertSuccess(Cli.Run("sweep", Path.Combine(TestPaths.RepoRoot, "examples", "sweep-small.json"),
            "--out", dir.File("r.jsonl"), "--svg", dir.File("p.svg")));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"took {clock.Elapsed}");
        Assert.Contains("280 work items", stdout);
        Assert.Equal(280, File.ReadAllLines(dir.File("r.jsonl")).Length);
    }

    [Fact]
    public void Sweep_DefaultOutFile_IsNamedAfterTheSpecAndShard()
    {
        Assert.Equal("grid.results.jsonl", Commands.SweepCommand.DefaultOut("some/dir/grid.json", Enumeration.Sweep.Shard.All));
        Assert.Equal("grid.shard-2-of-5.jsonl", Commands.SweepCommand.DefaultOut("grid.json", new Enumeration.Sweep.Shard(2, 5)));
    }

    [Fact]
    public void Merge_OfShardRuns_EqualsTheUnshardedRun_AndRefusesAnIncompleteSet()
    {
        using var dir = new TempDir();
        var spec = dir.Write("spec.json", SmallSpec);
        var whole = dir.File("whole.jsonl");
        Cli.AssertSuccess(Cli.Run("sweep", spec, "--out", whole));
        var shards = Enumerable.Range(1, 3).Select(i => dir.File($"s{i}.jsonl")).ToArray();
        for (int i = 0; i < 3; i++) Cli.AssertSuccess(Cli.Run("sweep", spec, "--shard", $"{i + 1}/3", "--out", shards[i]));
        var merged = dir.File("merged.jsonl");
        var stdout = Cli.AssertSuccess(Cli.Run(["merge", "--spec", spec, "--out", merged, .. shards]));
        Assert.Contains("16 work items", stdout);
        Assert.Equal(WithoutSeconds(File.ReadAllLines(whole)), WithoutSeconds(File.ReadAllLines(merged)));

        var line = Cli.AssertBadInput(Cli.Run("merge", "--spec", spec, "--out", dir.File("m2.jsonl"), shards[0], shards[2]));
        Assert.Contains("work items are missing", line);
        Assert.False(File.Exists(dir.File("m2.jsonl")));
    }

    [Theory]
    [InlineData("""{ "architectures": [], "seeds": [0] }""", "", "architectures is empty")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "inits": ["xavier"] }""", "", "unknown init 'xavier'")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0] }""", "--shard 3/2", "--shard 3/2: I must be between 1 and N = 2")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0] }""", "--threads 0", "--threads must be at least 1")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0] """, "", "malformed JSON")]
    public void Sweep_BadInput_GetsOneClearLineNamingTheProblem(string json, string options, string message)
    {
        using var dir = new TempDir();
        var spec = dir.Write("spec.json", json);
        var args = new List<string> { "sweep", spec, "--out", dir.File("r.jsonl") };
        if (options.Length > 0) args.AddRange(options.Split(' '));
        var line = Cli.AssertBadInput(Cli.Run(args.ToArray()));
        Assert.Contains(message, line);
    }

    [Theory]
    [InlineData("init", new[] { "--widths", "--activation", "--init", "--bias-std", "--seed", "--out" })]
    [InlineData("sweep", new[] { "--out", "--threads", "--shard", "--svg", "--log" })]
    [InlineData("merge", new[] { "--spec", "--out", "--svg" })]
    public void Help_ListsEveryOptionWithADescription(string command, string[] options)
    {
        var stdout = Cli.AssertSuccess(Cli.Run(command, "--help"));
        var lines = stdout.ReplaceLineEndings("\n").Split('\n');
        foreach (var option in options)
        {
            var line = lines.SingleOrDefault(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.True(line != null, $"no line for {option} in\n{stdout}");
            var rest = line.TrimStart()[option.Length..].Trim();
            if (rest.StartsWith('<')) rest = rest[(rest.IndexOf('>') + 1)..].Trim();
            if (rest.StartsWith("(REQUIRED)", StringComparison.Ordinal)) rest = rest["(REQUIRED)".Length..].Trim();
            Assert.True(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3, $"{option} has no description: '{line}'");
        }
    }

    [Fact]
    public void InitHelp_DocumentsEverySchemeWithItsSource()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("init", "--help"));
        foreach (var (name, source) in new[]
                 {
                     ("he_normal", "He et al. 2015"), ("he_uniform", "He et al. 2015"), ("glorot_normal", "Glorot & Bengio 2010"),
                     ("glorot_uniform", "Glorot & Bengio 2010"), ("lecun_normal", "LeCun et al. 1998"), ("lecun_uniform", "LeCun et al. 1998"),
                     ("pytorch", "nn.Linear"), ("orthogonal", "Saxe et al. 2014"), ("maxout_he", "Tseran & Montufar 2021"),
                     ("sphere", "Tseran & Montufar 2021"), ("many_regions", "Tseran & Montufar 2021"),
                 })
        {
            var line = stdout.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
            Assert.True(line != null && line.Contains(source), $"{name}: no line citing {source} in\n{stdout}");
        }
    }
}
