using System.Xml.Linq;

namespace Polytopes.Cli.Tests;

/// <summary>polytopes track on a series of checkpoints built by hand (see <see cref="AnalysisNets"/>).</summary>
public class TrackCommandTests
{
    private static string[] Write(TempDir dir) =>
        [dir.Write("step0.json", AnalysisNets.Step0), dir.Write("step1.json", AnalysisNets.Step1), dir.Write("step2.json", AnalysisNets.Step2)];

    [Fact]
    public void Json_HandBuiltSeries_GivesTheHandCountedRows()
    {
        using var dir = new TempDir();
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run(["track", .. Write(dir), "--json"])));
        var rows = json.GetProperty("checkpoints").EnumerateArray().ToArray();
        Assert.Equal([2, 4, 4], rows.Select(r => r.GetProperty("regions").GetInt32()));
        Assert.Equal([2, 4, 2], rows.Select(r => r.GetProperty("linear_regions").GetInt32()));
        Assert.Equal([4.0, 4.0, 4.0], rows.Select(r => r.GetProperty("mean_faces").GetDouble()));
        Assert.Equal([1, 3, 1], rows.Select(r => r.GetProperty("boundary_pieces").GetInt32()));
        Assert.Equal(0.425, rows[1].GetProperty("median_radius").GetDouble(), 12);
        Assert.EndsWith("step2.json", rows[2].GetProperty("file").GetString());
    }

    [Fact]
    public void CsvAndSvg_HaveOneRowAndOnePointPerCheckpointAndQuantity()
    {
        using var dir = new TempDir();
        string csv = dir.File("t.csv"), svg = dir.File("t.svg");
        var stdout = Cli.AssertSuccess(Cli.Run(["track", .. Write(dir), "--csv", csv, "--svg", svg]));
        Assert.Contains("step1.json", stdout);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("step,checkpoint,regions,linear_regions,mean_faces,median_radius,boundary_pieces", lines[0]);
        var fields = lines[2].Split(',');
        Assert.Equal(["1", "step1.json", "4", "4", "4"], fields[..5]);
        Assert.Equal(0.425, double.Parse(fields[5], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(["3", "3"], fields[6..8]);
        Assert.Equal(0.3 * Math.Sqrt(2) + 2.3, double.Parse(fields[8], System.Globalization.CultureInfo.InvariantCulture), 12);

        var doc = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(5 * 3, doc.Descendants(ns + "circle").Count(e => (string?)e.Attribute("class") == "point"));
        Assert.Equal(5, doc.Descendants(ns + "polyline").Count(e => (string?)e.Attribute("class") == "series"));
    }

    [Fact]
    public void UnreadableCheckpoint_IsBadInputNamingItAndWritesNothing()
    {
        using var dir = new TempDir();
        var files = Write(dir);
        var broken = dir.Write("step3.json", "{ \"input_dim\": 2, \"layers\": [ ");
        string csv = dir.File("t.csv");
        var line = Cli.AssertBadInput(Cli.Run(["track", .. files, broken, "--csv", csv]));
        Assert.Contains("step3.json", line);
        Assert.False(File.Exists(csv));
        Assert.Contains("gone.json", Cli.AssertBadInput(Cli.Run("track", files[0], dir.File("gone.json"))));
    }

    [Fact]
    public void NoCheckpoints_IsBadInput() => Cli.AssertBadInput(Cli.Run("track"));

    [Fact]
    public void CheckpointsOfDifferentInputDimensions_AreBadInput()
    {
        using var dir = new TempDir();
        var line = Cli.AssertBadInput(Cli.Run("track", dir.Write("a.json", AnalysisNets.Step0), Reference.Net("relu_1d_32x32")));
        Assert.Contains("input_dim", line);
    }
}
