using System.Xml.Linq;

namespace Polytopes.Cli.Tests;

/// <summary>polytopes map: a well-formed SVG with one polygon per region and one line per boundary piece.</summary>
public class MapCommandTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static int Count(XDocument doc, string tag, string cls) =>
        doc.Descendants(Ns + tag).Count(e => (string?)e.Attribute("class") == cls);

    [Theory]
    [InlineData("pattern")]
    [InlineData("output")]
    public void Svg_ReferenceNetwork_HasOnePolygonPerRegionAndTheBoundaryOnTop(string colour)
    {
        using var dir = new TempDir();
        string svg = dir.File("map.svg");
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("map", Reference.Net("relu_2d_16x16"), "--svg", svg, "--colour", colour, "--json")));
        var doc = XDocument.Load(svg);
        Assert.Equal(241, Count(doc, "polygon", "region"));
        Assert.Equal(json.GetProperty("boundary_pieces").GetInt32(), Count(doc, "line", "boundary"));
        // The boundary group comes after the regions, so it is drawn on top.
        var groups = doc.Root!.Elements(Ns + "g").Select(g => (string?)g.Attribute("class")).ToList();
        Assert.True(groups.IndexOf("decision-boundary") > groups.IndexOf("regions"));
    }

    [Fact]
    public void Svg_StraightBoundary_HasNinePolygonsAndFiveBoundarySegments()
    {
        using var dir = new TempDir();
        string svg = dir.File("grid.svg");
        var stdout = Cli.AssertSuccess(Cli.Run("map", dir.Write("grid.json", AnalysisNets.StraightBoundaryGrid), "--svg", svg));
        Assert.Contains("9 regions", stdout);
        var doc = XDocument.Load(svg);
        Assert.Equal(9, Count(doc, "polygon", "region"));
        Assert.Equal(5, Count(doc, "line", "boundary"));
    }

    [Fact]
    public void ThreeDimensionalInputWithoutASlice_IsBadInputAskingForOne()
    {
        using var dir = new TempDir();
        string svg = dir.File("map.svg");
        var line = Cli.AssertBadInput(Cli.Run("map", Reference.Net("relu_3d_12x12"), "--svg", svg));
        Assert.Contains("input_dim is 3", line);
        Assert.Contains("--slice", line);
        Assert.False(File.Exists(svg));
    }

    [Fact]
    public void ThreeDimensionalInputWithASlice_DrawsTheSlice()
    {
        using var dir = new TempDir();
        string svg = dir.File("map.svg");
        var slice = dir.Write("slice.json", AnalysisNets.SliceZ0);
        var json = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("map", Reference.Net("relu_3d_12x12"), "--slice", slice, "--svg", svg, "--json")));
        Assert.Equal(json.GetProperty("regions").GetInt32(), Count(XDocument.Load(svg), "polygon", "region"));
    }

    [Fact]
    public void UnknownColouring_IsBadInput()
    {
        using var dir = new TempDir();
        Assert.Contains("--colour", Cli.AssertBadInput(Cli.Run("map", Reference.Net("relu_2d_8"), "--svg", dir.File("m.svg"), "--colour", "rainbow")));
    }

    [Fact]
    public void MissingSvgOption_IsBadInput() =>
        Assert.Contains("--svg", Cli.AssertBadInput(Cli.Run("map", Reference.Net("relu_2d_8"))));
}
