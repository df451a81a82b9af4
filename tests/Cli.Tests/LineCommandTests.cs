using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>polytopes line: the exact pieces of a segment.</summary>
public class LineCommandTests
{
    /// <summary>h = relu(x1), relu(x2 − 0.25); y = h1 + h2; along (−1,−1) → (1,1) the units switch at t = 1/2, 5/8.</summary>
    private const string TwoUnits = """
        {"input_dim": 2, "layers": [
          {"weight": [[1, 0], [0, 1]], "bias": [0, -0.25], "activation": "relu"},
          {"weight": [[1, 1]], "bias": [0], "activation": "identity"}]}
        """;

    [Fact]
    public void Json_GivesBreakpointsPiecesMapsAndPatterns()
    {
        using var dir = new TempDir();
        var net = dir.Write("two.json", TwoUnits);
        var o = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("line", net, "--from=-1,-1", "--to", "1,1", "--json")));
        Assert.Equal(3, o.GetProperty("pieces").GetInt32());
        Assert.Equal(3, o.GetProperty("linear_pieces").GetInt32());
        Assert.Equal(3, o.GetProperty("distinct_maps").GetInt32());
        var breakpoints = o.GetProperty("breakpoints").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(0.5, breakpoints[0], 1e-12);
        Assert.Equal(0.625, breakpoints[1], 1e-12);
        var segments = o.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(["00", "10", "11"], segments.Select(s => s.GetProperty("pattern").GetString()));
        Assert.Equal(0.625, segments[2].GetProperty("t_from").GetDouble(), 1e-12);
        Assert.Equal(1, segments[2].GetProperty("t_to").GetDouble());
        Assert.Equal(4, segments[2].GetProperty("slope")[0].GetDouble(), 1e-12);
        Assert.Equal(-2.25, segments[2].GetProperty("intercept")[0].GetDouble(), 1e-12);
        Assert.True(o.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void Through_ReadsTheTwoPointsFromAFile()
    {
        using var dir = new TempDir();
        var net = Reference.Net("relu_2d_16x16");
        var points = dir.Write("ab.json", """{"points": [[-1, -0.3], [1, 0.55]]}""");
        var a = Cli.AssertSuccess(Cli.Run("line", net, "--through", points, "--json"));
        var b = Cli.AssertSuccess(Cli.Run("line", net, "--from=-1,-0.3", "--to=1,0.55", "--json"));
        Assert.Equal(b, a);
        Assert.True(Cli.SingleJsonObject(a).GetProperty("pieces").GetInt32() > 5);
    }

    [Fact]
    public void HumanOutput_ListsBreakpointsAndOneLinePerPiece()
    {
        using var dir = new TempDir();
        var stdout = Cli.AssertSuccess(Cli.Run("line", dir.Write("two.json", TwoUnits), "--from=-1,-1", "--to", "1,1"));
        Assert.Contains("pieces          3", stdout);
        Assert.Contains("breakpoints     0.5  0.625", stdout);
        Assert.Contains("11", stdout.Split('\n').Last(l => l.Length > 0));
    }

    [Fact]
    public void LineOnAnOnnxSlice_UsesSliceCoordinates()
    {
        using var dir = new TempDir();
        var points = dir.Write("p.json", """[[0, 0, 0], [1, 0, 0], [0, 1, 0]]""");
        var o = Cli.SingleJsonObject(Cli.AssertSuccess(
            Cli.Run("line", OnnxCliTests.Onnx("mlp"), "--plane-through", points, "--from=-0.5,-0.5", "--to=0.5,0.5", "--json")));
        Assert.Equal(2, o.GetProperty("input_dim").GetInt32());
        Assert.True(o.GetProperty("pieces").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("--from=1,2,3", "--to=0,0", "--from: 3 coordinates given but the network's input_dim is 2")]
    [InlineData("--from=1,x", "--to=0,0", "--from: '1,x' is not a comma-separated list")]
    [InlineData("--from=0.5,0.5", "--to=0.5,0.5", "the two points are the same")]
    [InlineData("--from=0,0", null, "give the segment as --from A --to B")]
    public void BadSegment_IsOneLine_Exit2(string from, string? to, string message)
    {
        var args = new List<string> { "line", Reference.Net("relu_2d_8"), from };
        if (to != null) args.Add(to);
        Assert.Contains(message, Cli.AssertBadInput(Cli.Run(args.ToArray())));
    }

    [Fact]
    public void ThroughWithThreePoints_IsOneLine_Exit2()
    {
        using var dir = new TempDir();
        var points = dir.Write("p.json", """[[0, 0], [1, 0], [0, 1]]""");
        var line = Cli.AssertBadInput(Cli.Run("line", Reference.Net("relu_2d_8"), "--through", points));
        Assert.Contains("a segment needs 2 points, got 3", line);
    }

    [Fact]
    public void ThroughTogetherWithFrom_IsOneLine_Exit2()
    {
        using var dir = new TempDir();
        var points = dir.Write("p.json", """[[0, 0], [1, 0]]""");
        Assert.Contains("cannot be used together", Cli.AssertBadInput(Cli.Run("line", Reference.Net("relu_2d_8"), "--through", points, "--from=0,0")));
    }

    [Fact]
    public void LineHelp_ListsEveryOption()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("line", "--help"));
        foreach (var option in new[] { "--from", "--to", "--through", "--json", "--slice", "--plane-through" })
            Assert.Contains(option, stdout);
    }
}
