using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>enumerate --slice / --plane-through: the network restricted to an affine slice of its input.</summary>
public class SliceOptionTests
{
    private static readonly string Mnist = OnnxCliTests.Onnx("mnist_mlp");

    /// <summary>A 2-D slice of the 784-pixel input through the mid-grey image, along two pixel patterns.</summary>
    private static string MnistSlice(TempDir dir, int width = 784)
    {
        var origin = Enumerable.Repeat(0.5, width).ToArray();
        var u = Enumerable.Range(0, width).Select(i => i % 28 < 14 ? 0.05 : -0.05).ToArray();
        var v = Enumerable.Range(0, width).Select(i => i / 28 < 14 ? 0.05 : 0.0).ToArray();
        var text = JsonSerializer.Serialize(new { origin, basis = new[] { u, v }, lo = new[] { -4.0, -4.0 }, hi = new[] { 4.0, 4.0 } });
        return dir.Write("slice.json", text);
    }

    [Fact]
    public void EnumerateSlice_EqualsEnumerateOfTheConvertedSlicedNetwork()
    {
        using var dir = new TempDir();
        var slice = MnistSlice(dir);
        var sliced = dir.File("sliced.json");
        Cli.AssertSuccess(Cli.Run("convert", Mnist, "--slice", slice, "--to", sliced));
        var a = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", Mnist, "--slice", slice, "--json", "--out", dir.File("a.jsonl"))));
        var b = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", sliced, "--json", "--out", dir.File("b.jsonl"))));
        Assert.Equal(2, a.GetProperty("input_dim").GetInt32());
        Assert.True(a.GetProperty("regions").GetInt32() > 5);
        Assert.Equal(b.GetProperty("regions").GetInt32(), a.GetProperty("regions").GetInt32());
        Assert.Equal(b.GetProperty("face_histogram").GetRawText(), a.GetProperty("face_histogram").GetRawText());
        Assert.Equal(File.ReadAllText(dir.File("b.jsonl")), File.ReadAllText(dir.File("a.jsonl")));
        // Region records are in t: 2-D centres inside the slice box, and areas that sum to its area.
        var lines = File.ReadAllLines(dir.File("a.jsonl"));
        double area = 0;
        foreach (var line in lines)
        {
            using var region = JsonDocument.Parse(line);
            var centre = region.RootElement.GetProperty("centre").EnumerateArray().Select(c => c.GetDouble()).ToArray();
            Assert.Equal(2, centre.Length);
            Assert.All(centre, c => Assert.InRange(c, -4, 4));
            area += region.RootElement.GetProperty("area").GetDouble();
        }
        Assert.Equal(64, area, 1e-9);
        Assert.Equal(-4, a.GetProperty("box_lo")[0].GetDouble());
    }

    [Fact]
    public void BoxWithSlice_IsInSliceCoordinates()
    {
        using var dir = new TempDir();
        var a = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", Mnist, "--slice", MnistSlice(dir), "--box=-1,1", "--json")));
        Assert.Equal(1, a.GetProperty("box_hi")[1].GetDouble());
    }

    [Fact]
    public void SliceBasisOfTheWrongWidth_IsOneLineNamingTheSliceFile_Exit2()
    {
        using var dir = new TempDir();
        var slice = MnistSlice(dir, width: 783);
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Mnist, "--slice", slice));
        Assert.Contains(slice, line);
        Assert.Contains("origin has 783 entries but the network's input_dim is 784", line);
    }

    [Fact]
    public void PlaneThroughCollinearPoints_IsOneLine_Exit2()
    {
        using var dir = new TempDir();
        var points = dir.Write("points.json", """{"points": [[0, 0], [0.5, 0.25], [-1, -0.5]]}""");
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Reference.Net("relu_2d_8"), "--plane-through", points));
        Assert.Contains(points, line);
        Assert.Contains("collinear", line);
    }

    [Fact]
    public void PlaneThroughThreePointsOfA2DNet_CoversTheirTriangle()
    {
        using var dir = new TempDir();
        var points = dir.Write("points.json", """[[-1, -1], [1, -1], [-1, 1]]""");
        var s = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_8"), "--plane-through", points, "--json")));
        // The plane of a 2-D input is the input plane itself; the box around the triangle is the [-1,1]^2 box moved
        // to the centroid, so it has the same regions as the reference box.
        Assert.Equal(26, s.GetProperty("regions").GetInt32());
    }

    [Fact]
    public void SliceAndPlaneThroughTogether_AreRejected_Exit2()
    {
        using var dir = new TempDir();
        var points = dir.Write("points.json", """[[-1, -1], [1, -1], [-1, 1]]""");
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Mnist, "--slice", MnistSlice(dir), "--plane-through", points));
        Assert.Contains("cannot be used together", line);
    }

    [Fact]
    public void EnumerateHelp_ListsTheSliceOptions()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", "--help"));
        Assert.Contains("--slice", stdout);
        Assert.Contains("--plane-through", stdout);
    }
}
