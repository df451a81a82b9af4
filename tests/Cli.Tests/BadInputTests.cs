namespace Polytopes.Cli.Tests;

/// <summary>Every kind of bad input ends in one line "polytopes: error: ..." naming the file or option and the
/// problem, exit code 2, nothing on stdout and no stack trace.</summary>
public class BadInputTests
{
    private static readonly string Good2D = Reference.Net("relu_2d_8");

    /// <summary>A valid 2-2-1 ReLU network with the given pieces substituted into its text.</summary>
    private static string Net(string inputDim = "2", string domain = """{"lo": [-1, -1], "hi": [1, 1]}""",
        string weight0 = "[[1, 0], [0, 1]]", string bias0 = "[0, 0]", string activation0 = "\"relu\"",
        string extra0 = "", string weight1 = "[[1, 1]]") => $$"""
        {
          "name": "t",
          "input_dim": {{inputDim}},
          "domain": {{domain}},
          "layers": [
            {"weight": {{weight0}}, "bias": {{bias0}}, "activation": {{activation0}}{{extra0}}},
            {"weight": {{weight1}}, "bias": [0], "activation": "identity"}
          ]
        }
        """;

    private static string RunOnBadNet(string text, params string[] fragments)
    {
        using var dir = new TempDir();
        var path = dir.Write("net.json", text);
        var line = Cli.AssertBadInput(Cli.Run("enumerate", path));
        Assert.Contains(path, line);
        foreach (var fragment in fragments) Assert.Contains(fragment, line);
        return line;
    }

    [Fact]
    public void TheBaseNetworkOfTheseTests_IsValid()
    {
        using var dir = new TempDir();
        var path = dir.Write("net.json", Net());
        var result = Cli.Run("enumerate", path, "--json");
        Cli.AssertSuccess(result);
        Assert.Equal(4, Cli.SingleJsonObject(result.Stdout).GetProperty("regions").GetInt32());
    }

    [Fact]
    public void MissingNetworkFile_IsOneLineNamingTheFile_Exit2()
    {
        using var dir = new TempDir();
        var path = dir.File("no-such-net.json");
        var line = Cli.AssertBadInput(Cli.Run("enumerate", path));
        Assert.Contains(path, line);
        Assert.Contains("not found", line);
    }

    [Fact]
    public void MalformedJson_IsOneLineNamingTheFileAndPosition_Exit2() =>
        RunOnBadNet("""{"name": "t", "input_dim": 2, "layers": [""", "malformed JSON", "line 1");

    [Fact]
    public void EmptyFile_IsOneLineNamingTheFile_Exit2() => RunOnBadNet("", "empty");

    [Fact]
    public void WeightColumnsDifferingFromThePreviousWidth_IsOneLineNamingTheLayer_Exit2() =>
        RunOnBadNet(Net(weight1: "[[1, 1, 1]]"), "layers[1].weight", "3 columns", "previous layer outputs 2");

    [Fact]
    public void FirstLayerColumnsDifferingFromInputDim_IsOneLineNamingTheLayer_Exit2() =>
        RunOnBadNet(Net(weight0: "[[1, 0, 0], [0, 1, 0]]"), "layers[0].weight", "3 columns", "input_dim is 2");

    [Fact]
    public void BiasLengthDifferingFromWeightRows_IsOneLineNamingTheBias_Exit2() =>
        RunOnBadNet(Net(bias0: "[0]"), "layers[0].bias", "length 1", "2 rows");

    [Fact]
    public void RaggedWeightRows_IsOneLineNamingTheRow_Exit2() =>
        RunOnBadNet(Net(weight0: "[[1, 0], [0]]"), "layers[0].weight[1]", "ragged");

    [Fact]
    public void NonFiniteNumber_IsOneLineNamingTheEntry_Exit2() =>
        RunOnBadNet(Net(weight0: "[[1e999, 0], [0, 1]]"), "layers[0].weight[0][0]", "not a finite number", "1e999");

    [Fact]
    public void NumberGivenAsString_IsOneLineNamingTheEntry_Exit2() =>
        RunOnBadNet(Net(bias0: """[0, "1"]"""), "layers[0].bias[1]", "should be a number");

    [Fact]
    public void InputDimDifferingFromTheDomain_IsOneLineNamingBoth_Exit2() =>
        RunOnBadNet(Net(inputDim: "3"), "input_dim is 3", "domain.lo has 2 entries");

    [Fact]
    public void DomainWithLoNotBelowHi_IsOneLineNamingTheCoordinate_Exit2() =>
        RunOnBadNet(Net(domain: """{"lo": [-1, 1], "hi": [1, 1]}"""), "domain", "lo[1] >= hi[1]");

    [Fact]
    public void UnknownActivation_IsOneLineNamingIt_Exit2() =>
        RunOnBadNet(Net(activation0: "\"tanh\""), "layers[0].activation", "'tanh'", "relu");

    [Fact]
    public void MaxoutRowsNotDivisibleByPieces_IsOneLineNamingTheLayer_Exit2() =>
        RunOnBadNet(Net(weight0: "[[1, 0], [0, 1], [1, 1]]", bias0: "[0, 0, 0]", activation0: "\"maxout\"",
            extra0: """, "pieces": 2"""), "layers[0]", "maxout has 3 rows", "2 pieces");

    [Fact]
    public void MissingRequiredKey_IsOneLineNamingTheKey_Exit2() =>
        RunOnBadNet("""{"name": "t", "input_dim": 2}""", "\"layers\"");

    [Fact]
    public void OnnxNetworkWithAnUnsupportedOperator_IsOneLineNamingIt_Exit2()
    {
        var path = TestPaths.Fixture("onnx", "unsupported_sigmoid.onnx");
        var line = Cli.AssertBadInput(Cli.Run("enumerate", path));
        Assert.Contains(path, line);
        Assert.Contains("Sigmoid", line);
    }

    [Fact]
    public void BoxWithLoEqualToHi_IsOneLineNamingTheOption_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--box", "1,1"));
        Assert.Contains("--box", line);
        Assert.Contains("lo >= hi", line);
    }

    /// <summary>A box whose sides differ so much that the tolerances (relative to its largest half-side) would drop
    /// sizeable regions along its short side is refused, naming where the box came from: a campaign's box of
    /// aspect 2^20 lost 17 of 407 regions (with a warning only), one of 1e9 ended in an internal error.</summary>
    [Fact]
    public void ABoxFarLongerThanWide_IsOneLineNamingTheSource_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--box=-1e6,1e6;-1,1"));
        Assert.Contains("--box", line);
        Assert.Contains("longer than wide", line);
        line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--box=-1,1;-1e-10,1e-10"));
        Assert.Contains("--box", line);

        using var dir = new TempDir();
        var slice = dir.File("thin.slice.json");
        File.WriteAllText(slice, """{"origin": [0, 0], "basis": [[1e-6, 0], [0, 1]], "lo": [-1e6, -1], "hi": [1e6, 1]}""");
        line = Cli.AssertBadInput(Cli.Run("histogram", Good2D, "--slice", slice));
        Assert.Contains(slice, line);
        Assert.Contains("longer than wide", line);
        // The same slice is fine with a tolerance small enough for its aspect.
        Assert.Equal(0, Cli.Run("enumerate", Good2D, "--slice", slice, "--tolerance", "1e-14").ExitCode);
    }

    /// <summary>Coordinates beyond ±1e150 (Box.MaxCoordinate) are refused, wherever they come from: the
    /// engine squares lengths on the input's scale, and a box of ±1e155 used to end in an internal error (±1e154
    /// silently lost most regions). A segment's end points of ±1e200 were reported as "the basis vector is zero".</summary>
    [Fact]
    public void CoordinatesBeyond1e150_AreOneLineNamingTheSource_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--box=-1e155,1e155"));
        Assert.Contains("--box", line);
        Assert.Contains("1e150", line);

        using var dir = new TempDir();
        var net = dir.File("huge_domain.json");
        File.WriteAllText(net, """
            {"name": "t", "input_dim": 1, "domain": {"lo": [-1e200], "hi": [1]},
             "layers": [{"weight": [[1]], "bias": [0], "activation": "relu"},
                        {"weight": [[1]], "bias": [0], "activation": "identity"}]}
            """);
        line = Cli.AssertBadInput(Cli.Run("enumerate", net));
        Assert.Contains(net, line);
        Assert.Contains("1e150", line);

        var slice = dir.File("slice.json");
        File.WriteAllText(slice, """{"origin": [0, 0], "basis": [[1, 0]], "lo": [-1e308], "hi": [1e308]}""");
        line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--slice", slice));
        Assert.Contains(slice, line);
        Assert.Contains("1e150", line);

        line = Cli.AssertBadInput(Cli.Run("line", Good2D, "--from", "-1e200,0", "--to", "1e200,0"));
        Assert.Contains("1e150", line);
        Assert.DoesNotContain("zero", line);
    }

    [Fact]
    public void BoxWithLoAboveHi_IsOneLineNamingTheCoordinate_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--box", "0,1;1,0"));
        Assert.Contains("--box", line);
        Assert.Contains("coordinate 1", line);
    }

    [Fact]
    public void BoxWithThreeIntervalsForA2DNet_IsOneLineNamingTheCountAndDimension_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--box", "0,1;0,1;0,1"));
        Assert.Contains("--box", line);
        Assert.Contains("3 intervals", line);
        Assert.Contains("input_dim 2", line);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1")]
    [InlineData("0,1,2")]
    [InlineData("0,inf")]
    [InlineData("0,NaN")]
    [InlineData("0,1e999")]
    public void BoxThatIsNotTwoFiniteNumbers_IsOneLineQuotingIt_Exit2(string box)
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--box", box));
        Assert.Contains("--box", line);
        Assert.Contains($"'{box}'", line);
    }

    [Fact]
    public void NegativeMaxRegions_IsOneLineNamingTheOption_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--max-regions", "-1"));
        Assert.Contains("--max-regions", line);
        Assert.Contains("-1", line);
    }

    [Fact]
    public void NonIntegerMaxRegions_IsOneLineNamingTheOption_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--max-regions", "abc"));
        Assert.Contains("--max-regions", line);
        Assert.Contains("abc", line);
    }

    [Fact]
    public void UnknownOption_IsOneLineNamingIt_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--bogus"));
        Assert.Contains("--bogus", line);
    }

    [Fact]
    public void UnknownCommand_IsOneLineNamingIt_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerat", Good2D));
        Assert.Contains("enumerat", line);
    }

    [Fact]
    public void MissingNetworkArgument_IsOneLineNamingTheArgument_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate"));
        Assert.Contains("'net'", line);
        Assert.Contains("missing", line);
    }

    [Fact]
    public void OptionMissingItsValue_IsOneLineNamingTheOption_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Good2D, "--box"));
        Assert.Contains("--box", line);
    }
}
