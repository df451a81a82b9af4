namespace Polytopes.Cli.Tests;

/// <summary>polytopes stats: volumes against the reference truth, the decision boundary of a hand-built net.</summary>
public class StatsCommandTests
{
    [Fact]
    public void Json_Reference3D_VolumesSumToTheBoxAndMatchTheTruth()
    {
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("stats", Reference.Net("relu_3d_12x12"), "--json")));
        var truth = Reference.Truth("relu_3d_12x12");
        Assert.Equal(678, json.GetProperty("regions").GetInt32());
        var volume = json.GetProperty("volume");
        Assert.Equal("volume", volume.GetProperty("measure").GetString());
        Assert.Equal(8, volume.GetProperty("total").GetDouble(), 9);
        Assert.Equal(8, volume.GetProperty("box").GetDouble());
        Assert.Equal(truth.GetProperty("volume_median").GetDouble(), volume.GetProperty("median").GetDouble(), 12);
        Assert.Equal(truth.GetProperty("radius_median").GetDouble(), json.GetProperty("radius").GetProperty("median").GetDouble(), 9);
        Assert.True(json.GetProperty("vertices").GetProperty("min").GetDouble() >= 4);
        Assert.True(json.GetProperty("neighbour_pairs").GetInt32() > 0);
    }

    [Fact]
    public void Json_StraightBoundary_GivesTheHandCountedBoundary()
    {
        using var dir = new TempDir();
        var net = dir.Write("grid.json", AnalysisNets.StraightBoundaryGrid);
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("stats", net, "--json")));
        Assert.Equal(9, json.GetProperty("regions").GetInt32());
        Assert.Equal(1, json.GetProperty("linear_regions").GetInt32()); // f is affine on the whole box
        Assert.Equal(4, json.GetProperty("volume").GetProperty("total").GetDouble(), 12);
        var boundary = json.GetProperty("decision_boundary");
        Assert.Equal("output = 0", boundary.GetProperty("definition").GetString());
        Assert.Equal(5, boundary.GetProperty("regions_crossed").GetInt32());
        Assert.Equal(1, boundary.GetProperty("linear_pieces").GetInt32());
        Assert.Equal(Math.Sqrt(5), boundary.GetProperty("length").GetDouble(), 12);
    }

    [Fact]
    public void Text_NamesEveryStatistic()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("stats", Reference.Net("relu_2d_8")));
        foreach (var word in new[] { "inradius", "area", "total 4 (box 4)", "vertices", "gradient angle", "normal angle", "decision boundary" })
            Assert.Contains(word, stdout);
    }

    [Fact]
    public void MissingFile_IsBadInput() =>
        Assert.Contains("nope.json", Cli.AssertBadInput(Cli.Run("stats", "nope.json")));
}
