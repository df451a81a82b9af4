using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Polytopes.Cli.Tests;

/// <summary>polytopes histogram: histograms against the reference truth (cddlib face counts), the pooled
/// histogram, the reference value, CSV and SVG files, and errors.</summary>
public class HistogramCommandTests
{
    private static readonly string[] Names = ["relu_2d_8", "relu_2d_16x16", "degenerate_2d"];

    [Fact]
    public void Json_ReferenceNetworks_MatchTheTruthAndPoolIntoAll()
    {
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run(["histogram", .. Names.Select(Reference.Net), "--json"])));
        var networks = json.GetProperty("networks").EnumerateArray().ToArray();
        Assert.Equal(Names.Length, networks.Length);
        var pooled = new SortedDictionary<string, int>();
        for (int i = 0; i < Names.Length; i++)
        {
            var truth = Reference.Truth(Names[i]);
            Assert.Equal(Reference.Histogram(truth.GetProperty("face_hist_total")), Reference.Histogram(networks[i].GetProperty("face_histogram")));
            Assert.Equal(Reference.Histogram(truth.GetProperty("face_hist_neuron")), Reference.Histogram(networks[i].GetProperty("neuron_face_histogram")));
            Assert.Equal(truth.GetProperty("mean_faces").GetDouble(), networks[i].GetProperty("mean_faces").GetDouble(), 12);
            Assert.Equal(truth.GetProperty("regions").GetInt32(), networks[i].GetProperty("regions").GetInt32());
            foreach (var (k, v) in Reference.Histogram(truth.GetProperty("face_hist_total"))) pooled[k] = pooled.GetValueOrDefault(k) + v;
        }
        var all = json.GetProperty("all");
        Assert.Equal(pooled, Reference.Histogram(all.GetProperty("face_histogram")));
        Assert.Equal(26 + 241 + 36, all.GetProperty("regions").GetInt32());
        var reference = all.GetProperty("reference");
        Assert.Equal(4, reference.GetProperty("mean_faces").GetDouble());
        Assert.Equal(6, reference.GetProperty("bound").GetDouble());
        Assert.Contains("Euler", reference.GetProperty("bound_source").GetString());
    }

    [Fact]
    public void Json_NetworksOfDifferentDimensions_PoolWithoutAReference()
    {
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("histogram", Reference.Net("relu_2d_8"), Reference.Net("relu_1d_32x32"), "--json")));
        var all = json.GetProperty("all");
        Assert.Equal(JsonValueKind.Null, all.GetProperty("input_dim").ValueKind);
        Assert.Equal(JsonValueKind.Null, all.GetProperty("reference").ValueKind);
        Assert.Equal(2, json.GetProperty("networks")[1].GetProperty("reference").GetProperty("mean_faces").GetDouble());
    }

    [Fact]
    public void Text_PrintsMeansTablesAndTheReferenceWithItsSource()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("histogram", Reference.Net("relu_2d_8"), Reference.Net("relu_3d_12x12")));
        Assert.Contains("relu_2d_8", stdout);
        Assert.Contains("all (2 networks)", stdout);
        Assert.Contains("reference (d = 2): mean faces 4", stdout);
        Assert.Contains("bound     (d = 2): mean faces < 6", stdout);
        Assert.Contains("reference (d = 3): mean faces 6", stdout);
        Assert.Contains("Buck 1943", stdout);
        Assert.Contains("6.0221", stdout); // the truth's mean_faces of relu_3d_12x12, 6.022123893805309
    }

    [Fact]
    public void CsvAndSvg_AreWrittenWithOneRowPerCountAndOneBarPerNonEmptyClass()
    {
        using var dir = new TempDir();
        string csv = dir.File("h.csv"), svg = dir.File("h.svg");
        Cli.AssertSuccess(Cli.Run("histogram", Reference.Net("relu_2d_8"), Reference.Net("degenerate_2d"), "--csv", csv, "--svg", svg));

        var lines = File.ReadAllLines(csv);
        Assert.Equal("network,faces,regions,neuron_face_regions", lines[0]);
        // relu_2d_8: faces 3..6, neuron faces 1..5 → keys 1..6.
        Assert.Contains("relu_2d_8,4,15,7", lines);
        Assert.Contains("relu_2d_8,1,0,1", lines);
        Assert.Equal(26, lines.Where(l => l.StartsWith("relu_2d_8,", StringComparison.Ordinal)).Sum(l => int.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)));

        var doc = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        var bars = doc.Descendants(ns + "rect").Where(e => (string?)e.Attribute("class") == "bar").ToArray();
        // Series: relu_2d_8 (4 + 5 classes), degenerate_2d (5 + 6), all (5 + 6).
        Assert.Equal(4 + 5 + 5 + 6 + 5 + 6, bars.Length);
        Assert.Equal(3, doc.Descendants(ns + "rect").Count(e => (string?)e.Attribute("class") == "legend-swatch"));
        Assert.All(bars, b => Assert.NotNull(b.Element(ns + "title")));
    }

    [Fact]
    public void EmptyNetworkList_IsBadInput()
    {
        var line = Cli.AssertBadInput(Cli.Run("histogram"));
        Assert.Contains("nets", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UnreadableNetwork_IsBadInputNamingTheFile()
    {
        using var dir = new TempDir();
        var bad = dir.Write("bad.json", "{ not json");
        var line = Cli.AssertBadInput(Cli.Run("histogram", Reference.Net("relu_2d_8"), bad));
        Assert.Contains("bad.json", line);
        Assert.Contains("missing.json", Cli.AssertBadInput(Cli.Run("histogram", dir.File("missing.json"))));
    }

    [Fact]
    public void Slice_Of3DNetwork_IsAccepted()
    {
        using var dir = new TempDir();
        var slice = dir.Write("slice.json", AnalysisNets.SliceZ0);
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("histogram", Reference.Net("relu_3d_12x12"), "--slice", slice, "--json")));
        Assert.Equal(2, json.GetProperty("networks")[0].GetProperty("input_dim").GetInt32());
    }
}
