using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Polytopes.Cli.Tests;

/// <summary>--domain all and --certify on the analysis commands (histogram, stats, track, map), the refusal of
/// --domain all by the sampling commands, and bad option combinations. Expected values are formulas (Zaslavsky's
/// counts; every hyperplane of a general arrangement cut into Σ_{i≤d−1} C(n−1, i) pieces, each a facet of 2 regions),
/// the hand counts of fixtures/degenerate/README.md, or brute force from the weights.</summary>
public class AnalysisDomainCertifyTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static int Choose(int n, int k) => k < 0 || k > n ? 0 : k == 0 ? 1 : Choose(n - 1, k - 1) * n / k;

    /// <summary>One hidden ReLU layer of n units on R^d with random dyadic weights (multiples of 2^-12 in (−1, 1);
    /// in general position for these seeds, as the counts confirm independently of each other).</summary>
    private static string OneLayerNet(int seed, int d, int n)
    {
        var random = new Random(seed);
        string Number() => (Math.Round((random.NextDouble() * 2 - 1) * 4096) / 4096).ToString("R", CultureInfo.InvariantCulture);
        var rows = Enumerable.Range(0, n).Select(_ => "[" + string.Join(",", Enumerable.Range(0, d).Select(_ => Number())) + "]");
        var bias = Enumerable.Range(0, n).Select(_ => Number());
        return $$"""
            { "name": "one_layer_{{d}}d_{{n}}", "input_dim": {{d}}, "layers": [
              { "weight": [{{string.Join(",", rows)}}], "bias": [{{string.Join(",", bias)}}], "activation": "relu" },
              { "weight": [[{{string.Join(",", Enumerable.Repeat("1", n))}}]], "bias": [0], "activation": "identity" } ] }
            """;
    }

    private static string Lines8 => TestPaths.Fixture("nets", "lines_general_k8.json");
    private static string Lines5 => TestPaths.Fixture("nets", "lines_general_k5.json");
    private static string Degenerate(string name) => TestPaths.Fixture("degenerate", name + ".json");

    public static TheoryData<int, int, int> Arrangements => new()
    {
        // seed, d, n
        { 1, 1, 5 },
        { 2, 2, 6 },
        { 3, 3, 5 },
        { 4, 4, 5 },
    };

    [Theory]
    [MemberData(nameof(Arrangements))]
    public void Histogram_DomainAll_OneLayerInGeneralPosition_GivesZaslavskysCountsAndTheFaceSum(int seed, int d, int n)
    {
        using var dir = new TempDir();
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("histogram", dir.Write("net.json", OneLayerNet(seed, d, n)),
            "--domain", "all", "--json")));
        var h = json.GetProperty("networks")[0];
        Assert.Equal("all", h.GetProperty("domain").GetString());
        Assert.Equal(Enumerable.Range(0, d + 1).Sum(i => Choose(n, i)), h.GetProperty("regions").GetInt32());
        Assert.Equal(Choose(n - 1, d), h.GetProperty("bounded_regions").GetInt32());
        int faces = h.GetProperty("face_histogram").EnumerateObject().Sum(p => int.Parse(p.Name) * p.Value.GetInt32());
        Assert.Equal(2 * n * Enumerable.Range(0, d).Sum(i => Choose(n - 1, i)), faces);
        // No box sides over R^d: every face is a neuron face.
        Assert.Equal(h.GetProperty("face_histogram").GetRawText(), h.GetProperty("neuron_face_histogram").GetRawText());
    }

    [Fact]
    public void Histogram_DomainAll_TwoDimensionalLines_FacesSumToTwiceNSquared()
    {
        // 8 lines in general position: each is cut into 8 edges by the other 7, so there are 64 edges, each a face of
        // 2 regions: the faces sum to 128 over 1 + 8 + 28 = 37 regions.
        var h = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("histogram", Lines8, "--domain", "all", "--json")))
            .GetProperty("networks")[0];
        Assert.Equal(37, h.GetProperty("regions").GetInt32());
        Assert.Equal(128.0 / 37, h.GetProperty("mean_faces").GetDouble(), 12);
        Assert.Contains("R^2", h.GetProperty("reference").GetProperty("bound_source").GetString());
    }

    [Fact]
    public void Histogram_DomainAll_HumanOutputSaysTheDomain()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("histogram", Lines8, "--domain", "all"));
        Assert.Contains("all of R^d", stdout);
        Assert.Contains("21 bounded, 16 unbounded", stdout);
    }

    [Fact]
    public void Stats_DomainAll_RadiusAndAreaCoverTheBoundedRegionsOnly()
    {
        var s = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("stats", Lines8, "--domain", "all", "--json")));
        Assert.Equal(37, s.GetProperty("regions").GetInt32());
        Assert.Equal(21, s.GetProperty("bounded_regions").GetInt32()); // C(7, 2)
        Assert.Equal(21, s.GetProperty("radius").GetProperty("count").GetInt32());
        var volume = s.GetProperty("volume");
        Assert.Equal(21, volume.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, volume.GetProperty("box").ValueKind);
        Assert.StartsWith("bounded regions", volume.GetProperty("over").GetString());
        var human = Cli.AssertSuccess(Cli.Run("stats", Lines8, "--domain", "all"));
        Assert.Contains("over the bounded regions", human);
    }

    [Fact]
    public void Track_DomainAll_CountsEveryCheckpointOverTheWholePlane()
    {
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("track", Lines5, Lines8, "--domain", "all", "--json")));
        var rows = json.GetProperty("checkpoints").EnumerateArray().ToArray();
        // 5 and 8 general lines: 1 + n + C(n, 2) regions, C(n − 1, 2) bounded.
        Assert.Equal([16, 37], rows.Select(r => r.GetProperty("regions").GetInt32()));
        Assert.Equal([6, 21], rows.Select(r => r.GetProperty("bounded_regions").GetInt32()));
    }

    /// <summary>f = relu(x) − 1/2 is zero on the whole line x = 1/2 of the plane: one boundary piece, in the region
    /// x &gt; 0, of infinite length, which JSON writes as null (as stats does). It ended in an internal error.</summary>
    [Fact]
    public void Track_DomainAll_WritesAnUnboundedBoundaryLengthAsNull()
    {
        using var dir = new TempDir();
        var net = dir.File("half.json");
        File.WriteAllText(net, """
            {"name": "half", "input_dim": 2,
             "layers": [{"weight": [[1, 0]], "bias": [0], "activation": "relu"},
                        {"weight": [[1]], "bias": [-0.5], "activation": "identity"}]}
            """);
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("track", net, net, "--domain", "all", "--json")));
        foreach (var row in json.GetProperty("checkpoints").EnumerateArray())
        {
            Assert.Equal(2, row.GetProperty("regions").GetInt32());
            Assert.Equal(1, row.GetProperty("boundary_pieces").GetInt32());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("boundary_length").ValueKind);
        }
    }

    [Fact]
    public void Map_DomainAll_DrawsEveryRegionInAWindowHoldingEveryCrossing()
    {
        using var dir = new TempDir();
        string svg = dir.File("all.svg");
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("map", Lines8, "--domain", "all", "--svg", svg, "--json")));
        var doc = XDocument.Load(svg);
        var polygons = doc.Descendants(Ns + "polygon").Select(p => (string?)p.Attribute("class")).ToArray();
        Assert.Equal(21, polygons.Count(c => c == "region"));
        Assert.Equal(16, polygons.Count(c => c == "region unbounded"));
        Assert.Contains(doc.Descendants(Ns + "text"), t => t.Value.Contains("not the domain"));

        // Brute force: every crossing of two of the 8 lines w·x + b = 0 lies inside the reported view window.
        using var net = JsonDocument.Parse(File.ReadAllText(Lines8));
        var layer = net.RootElement.GetProperty("layers")[0];
        var w = layer.GetProperty("weight").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var b = layer.GetProperty("bias").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] lo = json.GetProperty("view_lo").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] hi = json.GetProperty("view_hi").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int i = 0; i < w.Length; i++)
            for (int j = i + 1; j < w.Length; j++)
            {
                double det = w[i][0] * w[j][1] - w[i][1] * w[j][0];
                double x = (-b[i] * w[j][1] + b[j] * w[i][1]) / det, y = (-w[i][0] * b[j] + w[j][0] * b[i]) / det;
                Assert.InRange(x, lo[0], hi[0]);
                Assert.InRange(y, lo[1], hi[1]);
            }
    }

    public static TheoryData<string, int, string> DegenerateFixtures => new()
    {
        // name, exact count, exact face histogram (fixtures/degenerate/README.md)
        { "near_concurrent_lines", 7, "{\"3\":3,\"4\":1,\"5\":3}" },
        { "last_bit_twins", 6, "{\"4\":6}" },
        { "sliver_1e-9", 6, "{\"4\":6}" },
    };

    [Theory]
    [MemberData(nameof(DegenerateFixtures))]
    public void Certify_DegenerateFixture_HistogramAndStatsGiveTheExactCounts(string name, int regions, string histogram)
    {
        var h = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("histogram", Degenerate(name), "--certify", "--json")))
            .GetProperty("networks")[0];
        Assert.True(h.GetProperty("certified").GetBoolean());
        Assert.Equal(regions, h.GetProperty("regions").GetInt32());
        Assert.Equal(histogram, h.GetProperty("face_histogram").GetRawText());

        var s = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("stats", Degenerate(name), "--certify", "--json")));
        Assert.True(s.GetProperty("certified").GetBoolean());
        Assert.Equal(regions, s.GetProperty("regions").GetInt32());
        Assert.Equal(regions, s.GetProperty("radius").GetProperty("count").GetInt32());
        // The proved polygons tile the box [-1, 1]^2.
        Assert.Equal(4, s.GetProperty("volume").GetProperty("total").GetDouble(), 12);
    }

    [Theory]
    [MemberData(nameof(DegenerateFixtures))]
    public void Certify_DegenerateFixture_OutRecordsAreTheExactRegions(string name, int regions, string histogram)
    {
        using var dir = new TempDir();
        string outFile = dir.File("regions.jsonl");
        var summary = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", Degenerate(name), "--certify", "--json", "--out", outFile)));
        Assert.Equal(regions, summary.GetProperty("regions").GetInt32());
        var records = File.ReadAllLines(outFile).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(regions, records.Length);
        Assert.Equal(Enumerable.Range(0, regions), records.Select(r => r.GetProperty("id").GetInt32()));
        var faces = records.GroupBy(r => r.GetProperty("faces").GetInt32()).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count());
        Assert.Equal(histogram, JsonSerializer.Serialize(faces));
        foreach (var r in records)
        {
            double lower = r.GetProperty("radius_lower").GetDouble(), upper = r.GetProperty("radius_upper").GetDouble();
            Assert.InRange(r.GetProperty("radius").GetDouble(), lower, upper);
            foreach (var n in r.GetProperty("neighbours").EnumerateArray())
                Assert.Contains(r.GetProperty("id").GetInt32(), records[n.GetInt32()].GetProperty("neighbours").EnumerateArray().Select(x => x.GetInt32()));
        }
    }

    [Fact]
    public void Certify_OrdinaryNetwork_StatsEqualThePlainRunWithZeroRepairs()
    {
        var plain = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("stats", Reference.Net("relu_2d_16x16"), "--json")));
        var proved = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("stats", Reference.Net("relu_2d_16x16"), "--json", "--certify")));
        Assert.True(proved.GetProperty("certified").GetBoolean());
        Assert.Equal(0, proved.GetProperty("certification_repairs").GetInt32());
        foreach (var key in new[] { "regions", "linear_regions", "radius", "vertices", "neighbour_pairs" })
            Assert.Equal(plain.GetProperty(key).GetRawText(), proved.GetProperty(key).GetRawText());
        Assert.Equal(plain.GetProperty("volume").GetProperty("total").GetDouble(), proved.GetProperty("volume").GetProperty("total").GetDouble(), 12);
        // The proved facets are the exact rows rounded, the float ones composed in floating point: lengths agree
        // to rounding, counts exactly.
        JsonElement a = plain.GetProperty("decision_boundary"), b = proved.GetProperty("decision_boundary");
        foreach (var key in new[] { "regions_crossed", "region_pieces", "linear_pieces" })
            Assert.Equal(a.GetProperty(key).GetInt32(), b.GetProperty(key).GetInt32());
        Assert.Equal(a.GetProperty("length").GetDouble(), b.GetProperty("length").GetDouble(), 12);
    }

    [Fact]
    public void Certify_Track_MarksEveryCheckpointCertified()
    {
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("track", Degenerate("sliver_1e-9"), Degenerate("near_concurrent_lines"), "--certify", "--json")));
        var rows = json.GetProperty("checkpoints").EnumerateArray().ToArray();
        Assert.Equal([6, 7], rows.Select(r => r.GetProperty("regions").GetInt32()));
        Assert.All(rows, r => Assert.True(r.GetProperty("certified").GetBoolean()));
    }

    [Fact]
    public void Certify_Map_DrawsTheExactRegions()
    {
        using var dir = new TempDir();
        string svg = dir.File("m.svg");
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("map", Degenerate("near_concurrent_lines"), "--svg", svg, "--certify", "--json")));
        Assert.Equal(7, json.GetProperty("regions").GetInt32());
        Assert.Equal(7, XDocument.Load(svg).Descendants(Ns + "polygon").Count(p => (string?)p.Attribute("class") == "region"));
    }

    public static TheoryData<string[], string> BadCombinations()
    {
        var data = new TheoryData<string[], string>();
        string net = TestPaths.Fixture("nets", "lines_general_k5.json");
        foreach (var command in new[] { "histogram", "stats", "track", "map" })
        {
            string[] head = command == "map" ? [command, net, "--svg", Path.Combine(Path.GetTempPath(), "never-written.svg")] : [command, net];
            data.Add([.. head, "--domain", "all", "--box", "0,1"], "--domain");
            data.Add([.. head, "--domain", "sphere"], "--domain");
            data.Add([.. head, "--tolerance", "0"], "--tolerance");
            data.Add([.. head, "--tolerance", "0.5", "--certify"], "--tolerance");
            data.Add([.. head, "--threads", "-1"], "--threads");
        }
        data.Add(["sample", net, "--domain", "all"], "uniform");
        data.Add(["validate", net, "--domain", "all"], "uniform");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadCombinations))]
    public void BadOptionCombination_IsOneLineAndExitTwo(string[] args, string mention)
    {
        var line = Cli.AssertBadInput(Cli.Run(args));
        Assert.Contains(mention, line);
    }
}
