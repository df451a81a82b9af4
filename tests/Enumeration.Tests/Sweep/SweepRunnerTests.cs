using System.Text.Json;
using System.Text.RegularExpressions;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Sweep;

namespace Polytopes.Enumeration.Tests.Sweep;

/// <summary>Sweep runs: each line equals a direct enumeration of its network; runs resume without recomputing;
/// a truncated last line is recomputed; the thread count and sharding do not change the results.</summary>
public sealed class SweepRunnerTests : IDisposable
{
    private const string SpecJson = """
        { "architectures": [[2, 5, 1], [2, 4, 4, 1]], "activations": ["relu", "maxout:2"],
          "inits": ["he_normal", {"name": "glorot_uniform", "bias_std": 0.5}], "seeds": [0, 1, 2],
          "boxes": [[-1, 1], [[-2, 2], [-1, 0.5]]] }
        """;

    private readonly string dir = Path.Combine(Path.GetTempPath(), "polytopes-sweep-tests-" + Guid.NewGuid().ToString("N"));

    public SweepRunnerTests() => Directory.CreateDirectory(dir);

    public void Dispose()
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private string FilePath(string name) => Path.Combine(dir, name);

    private static SweepSpec Spec(string json = SpecJson) => SweepSpecReader.Parse(json, "spec.json");

    /// <summary>The file's lines with the timing field zeroed (everything else is deterministic).</summary>
    private static string[] Lines(string path) =>
        File.ReadAllLines(path).Select(l => Regex.Replace(l, "\"seconds\":[^,}]*", "\"seconds\":0")).ToArray();

    [Fact]
    public void EachLine_EqualsADirectEnumerationOfItsGeneratedNetwork()
    {
        var spec = Spec();
        var path = FilePath("r.jsonl");
        var run = new SweepRunner(spec, new SweepOptions { Threads = 2 }).Run(path);
        Assert.True(run.AllComplete);
        var plan = new WorkPlan(spec);
        var lines = File.ReadAllLines(path);
        Assert.Equal(plan.Items.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var item = plan.Items[i];
            var (net, box) = item.Domain.Apply(RandomNetworks.Create(item.Network));
            var expected = new RegionEnumerator(net, new SearchOptions { Box = box }).Run();
            var boundary = new DecisionBoundary(net.InputDim, box.Scale()).Analyze(expected.Regions);
            using var doc = JsonDocument.Parse(lines[i]);
            var r = doc.RootElement;
            Assert.Equal(item.Key, r.GetProperty("key").GetString());
            Assert.Equal(expected.RegionCount, r.GetProperty("regions").GetInt32());
            Assert.Equal(expected.LinearRegionCount, r.GetProperty("linear_regions").GetInt32());
            Assert.Equal(expected.Neurons, r.GetProperty("neurons").GetInt32());
            Assert.Equal(expected.FaceHistogram, r.GetProperty("face_histogram").EnumerateObject()
                .ToDictionary(p => int.Parse(p.Name), p => p.Value.GetInt32()));
            Assert.Equal(expected.RadiusMedian, r.GetProperty("radius").GetProperty("median").GetDouble());
            Assert.Equal(boundary.LinearPieces, r.GetProperty("decision_boundary_pieces").GetInt32());
            Assert.True(r.GetProperty("complete").GetBoolean());
        }
    }

    [Fact]
    public void SliceDomain_EnumeratesTheComposedNetworkOverTheSliceBox()
    {
        var spec = Spec("""{ "architectures": [[6, 8, 1]], "seeds": [4], "slices": [{"name": "plane", "dim": 2, "seed": 3, "box": [-2, 2]}] }""");
        var path = FilePath("slice.jsonl");
        new SweepRunner(spec).Run(path);
        var item = new WorkPlan(spec).Items[0];
        var slice = (SliceDomain)item.Domain;
        var net = AffineSlice.Compose(RandomNetworks.Create(item.Network), new double[6], slice.DirectionsFor(6));
        var expected = new RegionEnumerator(net, new SearchOptions { Box = Geometry.Box.Cube(2, -2, 2) }).Run();
        var record = SweepRecord.TryParse(File.ReadAllLines(path).Single())!;
        Assert.Equal(expected.RegionCount, record.Regions);
        Assert.Equal(2, record.InputDim);
        Assert.Equal("slice=plane", record.Domain);
    }

    [Fact]
    public void Rerun_OfAFinishedSweep_ComputesNothingAndLeavesTheFileUnchanged()
    {
        var path = FilePath("r.jsonl");
        var first = new SweepRunner(Spec()).Run(path);
        var bytes = File.ReadAllBytes(path);
        var second = new SweepRunner(Spec()).Run(path);
        Assert.Equal(first.ShardItems, first.Computed);
        Assert.Equal(0, second.Computed);
        Assert.Equal(second.ShardItems, second.AlreadyDone);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void TruncatedLastLine_IsCutOffAndRecomputed()
    {
        var whole = FilePath("whole.jsonl");
        new SweepRunner(Spec()).Run(whole);
        var lines = File.ReadAllLines(whole);
        var cut = FilePath("cut.jsonl");
        // Seven complete lines, then the eighth cut in the middle, as a kill during its write leaves it.
        File.WriteAllText(cut, string.Join("\n", lines.Take(7)) + "\n" + lines[7][..(lines[7].Length / 2)]);
        var run = new SweepRunner(Spec()).Run(cut);
        Assert.True(run.DroppedTruncatedLine);
        Assert.Equal(7, run.AlreadyDone);
        Assert.Equal(Lines(whole), Lines(cut));
    }

    [Fact]
    public void ResumeAfterLosingLinesInTheMiddle_FillsTheGapsAndSortsTheFile()
    {
        var whole = FilePath("whole.jsonl");
        new SweepRunner(Spec()).Run(whole);
        var lines = File.ReadAllLines(whole);
        var partial = FilePath("partial.jsonl");
        File.WriteAllLines(partial, lines.Where((_, i) => i % 3 != 1).Reverse());
        var run = new SweepRunner(Spec(), new SweepOptions { Threads = 2 }).Run(partial);
        Assert.Equal(lines.Length / 3, run.Computed);
        Assert.Equal(Lines(whole), Lines(partial));
    }

    [Fact]
    public void ThreadCount_DoesNotChangeTheFile()
    {
        var one = FilePath("one.jsonl");
        var two = FilePath("two.jsonl");
        new SweepRunner(Spec(), new SweepOptions { Threads = 1 }).Run(one);
        new SweepRunner(Spec(), new SweepOptions { Threads = 3 }).Run(two);
        Assert.Equal(Lines(one), Lines(two));
    }

    [Fact]
    public void ShardsMerged_EqualTheUnshardedRunLineForLine()
    {
        var spec = Spec();
        var whole = FilePath("whole.jsonl");
        new SweepRunner(spec).Run(whole);
        var shardFiles = Enumerable.Range(1, 3).Select(i =>
        {
            var path = FilePath($"shard-{i}.jsonl");
            var run = new SweepRunner(spec, new SweepOptions { Shard = new Shard(i, 3) }).Run(path);
            Assert.Equal(16, run.ShardItems); // 48 items / 3
            return path;
        }).ToList();
        var merged = SweepMerge.Merge(new WorkPlan(spec), shardFiles);
        var mergedPath = FilePath("merged.jsonl");
        ResultsFile.WriteAtomically(mergedPath, merged.Select(r => r.Line));
        Assert.Equal(Lines(whole), Lines(mergedPath));
    }

    [Fact]
    public void Merge_RefusesMissingDuplicateForeignAndTruncatedLines()
    {
        var spec = Spec();
        var plan = new WorkPlan(spec);
        var a = FilePath("a.jsonl");
        var b = FilePath("b.jsonl");
        new SweepRunner(spec, new SweepOptions { Shard = new Shard(1, 2) }).Run(a);
        new SweepRunner(spec, new SweepOptions { Shard = new Shard(2, 2) }).Run(b);

        var missing = Assert.Throws<InputException>(() => SweepMerge.Merge(plan, [a]));
        Assert.Contains("24 of 48 work items are missing, e.g. arch=2-5-1|act=relu|init=he_normal|box=-1,1|seed=1", missing.Message);

        var twice = Assert.Throws<InputException>(() => SweepMerge.Merge(plan, [a, b, a]));
        Assert.Contains("appears twice", twice.Message);

        var foreign = FilePath("foreign.jsonl");
        File.WriteAllLines(foreign, File.ReadAllLines(b).Select(l => l.Replace("seed=", "seed=9")));
        Assert.Contains("is not a work item of the spec", Assert.Throws<InputException>(() => SweepMerge.Merge(plan, [a, foreign])).Message);

        var truncated = FilePath("truncated.jsonl");
        File.WriteAllText(truncated, File.ReadAllText(b)[..^40]);
        Assert.Contains("the last line is truncated", Assert.Throws<InputException>(() => SweepMerge.Merge(plan, [a, truncated])).Message);

        Assert.Equal(48, SweepMerge.Merge(plan, [b, a]).Count);
    }

    [Fact]
    public void ResultsOfAnotherSpecOrShard_AreNotMixedIn()
    {
        var path = FilePath("r.jsonl");
        new SweepRunner(Spec(), new SweepOptions { Shard = new Shard(1, 2) }).Run(path);
        var otherShard = Assert.Throws<InputException>(() => new SweepRunner(Spec(), new SweepOptions { Shard = new Shard(2, 2) }).Run(path));
        Assert.Contains("belongs to another shard than 2/2", otherShard.Message);
        var otherSpec = Assert.Throws<InputException>(() => new SweepRunner(Spec("""{ "architectures": [[2, 3, 1]], "seeds": [0] }""")).Run(path));
        Assert.Contains("is not a work item of this spec", otherSpec.Message);
        var otherLimit = Assert.Throws<InputException>(() => new SweepRunner(Spec(SpecJson.Replace("\"seeds\"", "\"max_regions\": 5, \"seeds\""))).Run(path));
        Assert.Contains("max_regions", otherLimit.Message);
    }

    [Fact]
    public void DamagedLineInTheMiddle_IsReportedNotDeleted()
    {
        var path = FilePath("r.jsonl");
        new SweepRunner(Spec()).Run(path);
        var lines = File.ReadAllLines(path);
        lines[3] = "{\"key\": garbage";
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<InputException>(() => new SweepRunner(Spec()).Run(path));
        Assert.Contains("line 4 is not a sweep results line", e.Message);
        Assert.Equal(lines, File.ReadAllLines(path));
    }

    [Fact]
    public void OpenResultsFile_IsLockedAgainstASecondWriter()
    {
        var path = FilePath("locked.jsonl");
        using var first = ResultsFile.Open(path);
        var e = Assert.Throws<InputException>(() => ResultsFile.Open(path));
        Assert.Contains("is another sweep writing to it", e.Message);
    }

    [Fact]
    public void RegionLimit_GivesIncompleteLinesThatTheSummaryLeavesOut()
    {
        var spec = Spec("""{ "architectures": [[2, 12, 1]], "seeds": [0, 1], "max_regions": 3 }""");
        var run = new SweepRunner(spec).Run(FilePath("limit.jsonl"));
        Assert.False(run.AllComplete);
        Assert.All(run.Records, r => Assert.False(r.Complete));
        Assert.All(run.Records, r => Assert.Contains("\"decision_boundary_pieces\":null", r.Line));
        var group = SweepSummary.Of(run.Records).Single();
        Assert.Equal(2, group.Incomplete);
        Assert.True(double.IsNaN(group.MeanRegions));
    }
}
