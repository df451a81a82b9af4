using System.Text.Json;
using System.Text.Json.Serialization;

namespace Polytopes.Geometry.Tests;

/// <summary>One entry of fixtures/geometry/polytopes.json (see fixtures/geometry/README.md for where each fact
/// comes from). Row indices are 0-based.</summary>
public sealed record PolytopeFixture
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("dim")] public required int Dim { get; init; }
    [JsonPropertyName("A")] public required double[][] A { get; init; }
    [JsonPropertyName("b")] public required double[] B { get; init; }
    [JsonPropertyName("feasible")] public required bool Feasible { get; init; }
    [JsonPropertyName("full_dimensional")] public required bool FullDimensional { get; init; }
    [JsonPropertyName("facets")] public required int[] Facets { get; init; }
    [JsonPropertyName("facet_groups")] public required int[][] FacetGroups { get; init; }
    [JsonPropertyName("vertices")] public required double[][] Vertices { get; init; }
    [JsonPropertyName("volume")] public required double Volume { get; init; }
    [JsonPropertyName("chebyshev_radius")] public required double ChebyshevRadius { get; init; }
    [JsonPropertyName("note")] public string Note { get; init; } = "";

    [JsonIgnore] public HPolytope Polytope => HPolytope.FromRows(A, B);

    /// <summary>What a facet finder must report: for each row, the lowest index of its facet group, or −1 for a
    /// row in no group (redundant, or a zero row).</summary>
    public int[] ExpectedFacetOf()
    {
        var expected = Enumerable.Repeat(-1, B.Length).ToArray();
        foreach (var group in FacetGroups)
            foreach (int row in group) expected[row] = group.Min();
        return expected;
    }

    public override string ToString() => Name;
}

/// <summary>Loads fixtures/geometry/polytopes.json once, from the repository root (the directory holding
/// Polytopes.sln, found by walking up from the test binaries).</summary>
public static class Fixtures
{
    private static readonly Lazy<IReadOnlyList<PolytopeFixture>> all = new(Load);

    public static IReadOnlyList<PolytopeFixture> All => all.Value;

    public static PolytopeFixture Get(string name) =>
        All.SingleOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"no fixture polytope {name}");

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Polytopes.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Polytopes.sln above {AppContext.BaseDirectory}");
    }

    public static TheoryData<string> Names(Func<PolytopeFixture, bool> where)
    {
        var data = new TheoryData<string>();
        foreach (var p in All.Where(where)) data.Add(p.Name);
        return data;
    }

    public static TheoryData<string> FullDimensional => Names(p => p.FullDimensional);
    public static TheoryData<string> FullDimensional2D => Names(p => p.FullDimensional && p.Dim == 2);
    public static TheoryData<string> NotFullDimensional => Names(p => !p.FullDimensional);

    private static IReadOnlyList<PolytopeFixture> Load()
    {
        var path = Path.Combine(RepoRoot(), "fixtures", "geometry", "polytopes.json");
        var list = JsonSerializer.Deserialize<List<PolytopeFixture>>(File.ReadAllText(path))
                   ?? throw new InvalidDataException($"{path} is empty");
        if (list.Count != 45) throw new InvalidDataException($"{path}: expected 45 polytopes, found {list.Count}");
        return list;
    }
}

/// <summary>Small helpers shared by the tests.</summary>
internal static class TestUtil
{
    /// <summary>The instance as C#-pasteable text, for failure messages.</summary>
    public static string Dump(HPolytope p)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append($"d = {p.Dimension}, m = {p.Count}\n");
        for (int i = 0; i < p.Count; i++)
        {
            sb.Append($"  row {i,3}: [");
            sb.Append(string.Join(", ", p.Row(i).ToArray().Select(v => v.ToString("R"))));
            sb.Append($"] · x <= {p.Rhs(i):R}\n");
        }
        return sb.ToString();
    }

    public static string Show(IEnumerable<int> xs) => "[" + string.Join(", ", xs) + "]";
}
