using System.Text.Json;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Expected values computed outside this project: the owners' reference truth files
/// (fixtures/reference/*.truth.json), the "expected" block of fixtures/nets/*.json and make_truth.py's exact
/// enumerations (fixtures/zero_bias).</summary>
internal static class Truth
{
    public static JsonElement Reference(string name) =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("reference", name + ".truth.json"))).RootElement;

    public static int ExpectedRegions(string netFile) =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("nets", netFile))).RootElement
            .GetProperty("expected").GetProperty("regions").GetInt32();

    /// <summary>A make_truth.py file (fixtures/zero_bias/DIR/NAME.truth.json, DIR optional).</summary>
    public static JsonElement Exact(params string[] path) =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("zero_bias", Path.Combine(path)))).RootElement;

    /// <summary>The result has make_truth.py's regions, patterns and both face histograms.</summary>
    public static void AssertExact(JsonElement truth, EnumerationResult result)
    {
        Assert.Equal(truth.GetProperty("regions").GetInt32(), result.RegionCount);
        Assert.Equal(truth.GetProperty("patterns").EnumerateArray().Select(p => p.GetString()).Order(),
            result.Regions.Select(r => r.Pattern.ToString()).Order());
        Assert.Equal(Histogram(truth.GetProperty("face_hist_total")), result.FaceHistogram);
        Assert.Equal(Histogram(truth.GetProperty("face_hist_neuron")), result.NeuronFaceHistogram);
    }

    public static SortedDictionary<int, int> Histogram(JsonElement e)
    {
        var h = new SortedDictionary<int, int>();
        foreach (var p in e.EnumerateObject()) h[int.Parse(p.Name)] = p.Value.GetInt32();
        return h;
    }
}
