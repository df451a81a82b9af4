using System.Text.Json;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Expected values computed outside this project: the owners' reference truth files
/// (fixtures/reference/*.truth.json) and the "expected" block of fixtures/nets/*.json.</summary>
internal static class Truth
{
    public static JsonElement Reference(string name) =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("reference", name + ".truth.json"))).RootElement;

    public static int ExpectedRegions(string netFile) =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("nets", netFile))).RootElement
            .GetProperty("expected").GetProperty("regions").GetInt32();

    public static SortedDictionary<int, int> Histogram(JsonElement e)
    {
        var h = new SortedDictionary<int, int>();
        foreach (var p in e.EnumerateObject()) h[int.Parse(p.Name)] = p.Value.GetInt32();
        return h;
    }
}
