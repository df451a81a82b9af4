using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>enumerate --out writes one JSON object per region (JSON lines) that agrees with the reference truth.</summary>
public class RegionLinesTests
{
    private static readonly string[] Keys =
        ["id", "pattern", "centre", "radius", "faces", "neuron_faces", "facets", "neighbours", "output"];

    private static List<JsonElement> Regions(string name, params string[] extraArgs)
    {
        using var dir = new TempDir();
        var target = dir.File("regions.jsonl");
        Cli.AssertSuccess(Cli.Run(["enumerate", Reference.Net(name), "--out", target, .. extraArgs]));
        var text = File.ReadAllText(target);
        Assert.EndsWith("\n", text);
        return text.TrimEnd('\n').Split('\n').Select(line =>
        {
            using var doc = JsonDocument.Parse(line); // one complete JSON value per line, nothing after it
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            return doc.RootElement.Clone();
        }).ToList();
    }

    [Fact]
    public void RegionLines_OfRelu2d8_AreOneObjectPerTruthRegionWithEveryDocumentedKey()
    {
        var regions = Regions("relu_2d_8");
        Assert.Equal(Reference.Truth("relu_2d_8").GetProperty("regions").GetInt32(), regions.Count);
        foreach (var region in regions)
            foreach (var key in Keys)
                Assert.True(region.TryGetProperty(key, out _), $"region {region.GetProperty("id")} lacks \"{key}\"");
    }

    [Theory]
    [InlineData("relu_2d_8")]
    [InlineData("relu_2d_16x16")]
    [InlineData("relu_1d_32x32")]
    [InlineData("degenerate_2d")]
    public void RegionLines_OfAReferenceNet_HaveExactlyTheTruthPatterns(string name)
    {
        var regions = Regions(name);
        var patterns = regions.Select(r => r.GetProperty("pattern").GetString()!).ToList();
        var truth = Reference.Truth(name).GetProperty("patterns").EnumerateArray().Select(p => p.GetString()!);
        Assert.Equal(patterns.Count, patterns.Distinct().Count());
        Assert.Equal(truth.Order(StringComparer.Ordinal), patterns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RegionLines_OfRelu2d8_HaveIdsZeroToNMinusOneInOrder()
    {
        var regions = Regions("relu_2d_8");
        Assert.Equal(Enumerable.Range(0, regions.Count), regions.Select(r => r.GetProperty("id").GetInt32()));
    }

    [Theory]
    [InlineData("relu_2d_8")]
    [InlineData("relu_2d_16x16")]
    public void RegionLines_Neighbours_AreSymmetricAndMatchTheNeuronFacets(string name)
    {
        var regions = Regions(name);
        var neighbours = regions.Select(r => r.GetProperty("neighbours").EnumerateArray().Select(n => n.GetInt32()).ToHashSet())
            .ToList();
        for (int a = 0; a < regions.Count; a++)
        {
            Assert.DoesNotContain(a, neighbours[a]);
            foreach (int b in neighbours[a])
            {
                Assert.InRange(b, 0, regions.Count - 1);
                Assert.True(neighbours[b].Contains(a), $"region {a} lists {b} as a neighbour but {b} does not list {a}");
            }
            // Each neighbour sits across exactly one facet; box sides have none.
            var facets = regions[a].GetProperty("facets").EnumerateArray().ToList();
            var across = facets.Where(f => f.GetProperty("neighbour").ValueKind != JsonValueKind.Null)
                .Select(f => f.GetProperty("neighbour").GetInt32()).ToList();
            Assert.Equal(neighbours[a].Order(), across.Order());
            Assert.Equal(regions[a].GetProperty("faces").GetInt32(), facets.Count);
        }
    }

    [Fact]
    public void RegionLines_OfRelu2d8_FaceCountsReproduceTheTruthHistograms()
    {
        var regions = Regions("relu_2d_8");
        var truth = Reference.Truth("relu_2d_8");
        SortedDictionary<string, int> Histogram(string key) => new(regions
            .GroupBy(r => r.GetProperty(key).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(Reference.Histogram(truth.GetProperty("face_hist_total")), Histogram("faces"));
        Assert.Equal(Reference.Histogram(truth.GetProperty("face_hist_neuron")), Histogram("neuron_faces"));
    }

    [Fact]
    public void RegionLines_OfRelu2d8_HaveCentresInsideTheirRegionAndPositiveRadii()
    {
        foreach (var region in Regions("relu_2d_8"))
        {
            var centre = region.GetProperty("centre").EnumerateArray().Select(c => c.GetDouble()).ToArray();
            double radius = region.GetProperty("radius").GetDouble();
            Assert.Equal(2, centre.Length);
            Assert.True(radius > 0);
            foreach (var facet in region.GetProperty("facets").EnumerateArray())
            {
                // Facets are normal·x <= offset with unit normals: the centre is at least radius inside each.
                var normal = facet.GetProperty("normal").EnumerateArray().Select(c => c.GetDouble()).ToArray();
                double slack = facet.GetProperty("offset").GetDouble() - (normal[0] * centre[0] + normal[1] * centre[1]);
                Assert.True(slack >= radius - 1e-9, $"centre of region {region.GetProperty("id")} is {slack} from a facet, radius {radius}");
            }
        }
    }
}
