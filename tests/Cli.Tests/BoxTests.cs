using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>--box replaces the network's domain; counts are checked on fixture nets whose count in a box follows
/// from their construction (fixtures/nets/README.md).</summary>
public class BoxTests
{
    private static string NetFixture(string name) => TestPaths.Fixture("nets", name + ".json");

    private static JsonElement Summary(params string[] args) =>
        Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run([.. args, "--json"])));

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    [Theory]
    [InlineData("--box", "-2,2")]
    [InlineData("--box=-2,2")]
    [InlineData("--box", "-2,2;-2,2")]
    [InlineData("--box", " -2 , 2 ; -2 , 2 ")]
    public void Box_MinusTwoToTwo_OnRelu2d8_IsUsedAndGivesAWellFormedSummary(params string[] boxArgs)
    {
        var summary = Summary(["enumerate", Reference.Net("relu_2d_8"), .. boxArgs]);
        Assert.Equal([-2.0, -2.0], Numbers(summary.GetProperty("box_lo")));
        Assert.Equal([2.0, 2.0], Numbers(summary.GetProperty("box_hi")));
        Assert.True(summary.GetProperty("complete").GetBoolean());

        int regions = summary.GetProperty("regions").GetInt32();
        Assert.True(regions > 0);
        Assert.InRange(summary.GetProperty("linear_regions").GetInt32(), 1, regions);
        Assert.Equal(regions, summary.GetProperty("face_histogram").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(regions, summary.GetProperty("neuron_face_histogram").EnumerateObject().Sum(p => p.Value.GetInt32()));
        var radius = summary.GetProperty("radius");
        double min = radius.GetProperty("min").GetDouble(), median = radius.GetProperty("median").GetDouble(),
            max = radius.GetProperty("max").GetDouble();
        Assert.True(0 < min && min <= median && median <= max && max <= 2, $"radius {min} {median} {max}");
    }

    [Fact]
    public void Box_MinusTwoToTwo_OnRelu2d8_WritesRegionsInsideTheBox()
    {
        using var dir = new TempDir();
        var target = dir.File("regions.jsonl");
        var summary = Summary("enumerate", Reference.Net("relu_2d_8"), "--box", "-2,2", "--out", target);
        var lines = File.ReadAllLines(target);
        Assert.Equal(summary.GetProperty("regions").GetInt32(), lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var centre = Numbers(doc.RootElement.GetProperty("centre"));
            double radius = doc.RootElement.GetProperty("radius").GetDouble();
            Assert.All(centre, c => Assert.InRange(c, -2 + radius - 1e-9, 2 - radius + 1e-9));
        }
    }

    // The arrangement's vertices all lie inside [-1,1]^d, so every cell meets any larger box: the count in
    // [-2,2]^d is the same Zaslavsky count as in the domain.
    [Theory]
    [InlineData("lines_general_k5", 16)]
    [InlineData("lines_general_k8", 37)]
    [InlineData("hyperplanes_3d_general_6", 42)]
    [InlineData("concurrent_lines_4", 8)]
    [InlineData("one_d_relu", 5)]
    public void Box_MinusTwoToTwo_OnAOneHiddenLayerNetWithAllVerticesInside_KeepsTheKnownCount(string name, int expected)
    {
        var summary = Summary("enumerate", NetFixture(name), "--box", "-2,2");
        Assert.Equal(expected, summary.GetProperty("regions").GetInt32());
        Assert.Equal(-2.0, Numbers(summary.GetProperty("box_lo"))[0]);
    }

    // one_d_relu's breakpoints are -3/4, -1/4, 1/8, 5/8: [0,1] holds two of them, [-0.2,0.1] none.
    [Theory]
    [InlineData("0,1", 3)]
    [InlineData("-0.2,0.1", 1)]
    [InlineData("-1,-0.5", 2)]
    public void Box_SmallerThanTheDomain_OnOneDRelu_CountsOnlyTheBreakpointsInside(string box, int expected)
    {
        var summary = Summary("enumerate", NetFixture("one_d_relu"), "--box", box);
        Assert.Equal(expected, summary.GetProperty("regions").GetInt32());
    }

    [Fact]
    public void Box_PerCoordinate_IsAppliedCoordinateByCoordinate()
    {
        var summary = Summary("enumerate", Reference.Net("relu_2d_8"), "--box", "-1,0.5;-0.25,2");
        Assert.Equal([-1.0, -0.25], Numbers(summary.GetProperty("box_lo")));
        Assert.Equal([0.5, 2.0], Numbers(summary.GetProperty("box_hi")));
    }

    [Fact]
    public void Box_EqualToTheDomain_GivesTheSameSummaryAsNoBox()
    {
        var withBox = Summary("enumerate", Reference.Net("relu_2d_8"), "--box", "-1,1");
        var without = Summary("enumerate", Reference.Net("relu_2d_8"));
        foreach (var key in new[] { "regions", "linear_regions", "face_histogram", "neuron_face_histogram", "radius" })
            Assert.Equal(without.GetProperty(key).GetRawText(), withBox.GetProperty(key).GetRawText());
    }

    /// <summary>Four planes in general position in R³ (normals e1, e2, (1,1,1), (1,−1,½), no three through a line
    /// and no four through a point) make Σ_{i≤3} C(4, i) = 15 cells, of which C(3, 3) = 1 is bounded, of size about
    /// 1. In a box of ±1e9 or ±1e150 every unbounded cell meets the box and the bounded one is far below the radius
    /// tolerance (relative to the box): 14 regions, up to the largest coordinates accepted.</summary>
    [Theory]
    [InlineData("-1e9,1e9")]
    [InlineData("-1e150,1e150")]
    public void HugeBoxes_HoldEveryUnboundedCellOfAnArrangement(string box)
    {
        using var dir = new TempDir();
        var net = dir.File("planes.json");
        File.WriteAllText(net, """
            {"name": "planes", "input_dim": 3,
             "layers": [{"weight": [[1, 0, 0], [0, 1, 0], [1, 1, 1], [1, -1, 0.5]], "bias": [0, 0.5, -0.5, 0],
                         "activation": "relu"},
                        {"weight": [[1, 1, 1, 1]], "bias": [0], "activation": "identity"}]}
            """);
        Assert.Equal(15, Summary("enumerate", net, "--domain", "all").GetProperty("regions").GetInt32());
        Assert.Equal(14, Summary("enumerate", net, "--box=" + box).GetProperty("regions").GetInt32());
    }
}
