using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Formats;

public sealed class NetworkJsonTests : IDisposable
{
    private readonly string directory =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "polytopes-netjson-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // 2-2-1: h = relu([[1, 2], [-1, 1]] x + [0.5, -1]),  y = [3, -2] h + 1.
    private const string SmallNet = """
        {
          "input_dim": 2,
          "domain": { "lo": [-1, -1], "hi": [1, 2] },
          "layers": [
            { "weight": [[1, 2], [-1, 1]], "bias": [0.5, -1], "activation": "relu" },
            { "weight": [[3, -2]], "bias": [1], "activation": "identity" }
          ],
          "note": "unknown keys are ignored",
          "seed": 7
        }
        """;

    [Fact]
    public void SmallNetworkReadsAndEvaluates()
    {
        string path = Path.Combine(directory, "small_221.json");
        File.WriteAllText(path, SmallNet);

        var net = NetworkJson.Read(path);

        Assert.Equal("small_221", net.Name); // no "name": the file name without extension
        Assert.Equal(2, net.InputDim);
        Assert.Equal(1, net.OutputDim);
        Assert.Equal(2, net.UnitCount);
        Assert.Equal([-1.0, -1.0], net.Domain!.Lo.ToArray());
        Assert.Equal([1.0, 2.0], net.Domain.Hi.ToArray());
        Assert.Equal([-1.0, 1.0], net.Layers[0].WeightRow(1).ToArray());
        // x = (0, 2): z = (0 + 4 + 0.5, 0 + 2 - 1) = (4.5, 1), both active; y = 3·4.5 - 2·1 + 1 = 12.5.
        Assert.Equal(12.5, net.Evaluate([0, 2])[0]);
        // x = (1, 0.5): z = (1 + 1 + 0.5, -1 + 0.5 - 1) = (2.5, -1.5), second off; y = 3·2.5 + 1 = 8.5.
        Assert.Equal(8.5, net.Evaluate([1, 0.5])[0]);
    }

    [Fact]
    public void NameFromJsonWinsOverFileName()
    {
        var net = NetworkJson.Parse("""{"name": "given", "input_dim": 1, "layers": [{"weight": [[1]], "bias": [0], "activation": "identity"}]}""",
            "dir/other.json");
        Assert.Equal("given", net.Name);
        Assert.Null(net.Domain);
    }

    [Fact]
    public void RoundTripIsBitIdentical()
    {
        // Awkward values: shortest round-trip digits, subnormal, extremes, negative zero, float32-derived.
        double[] awkward = [0.1, 1.0 / 3, -2.0 / 7, double.Epsilon, -double.MaxValue, 1e-300, -0.0, (double)0.6027625f, 123456789.125];
        var hidden = new Layer(awkward, rows: 3, inputWidth: 3, bias: [Math.PI, -Math.E, 5e-324], Activation.LeakyRelu, negativeSlope: 0.1 + 0.2);
        var maxout = new Layer([1e-17, -7.5, 2.0 / 3, 0.7, 9.999999999999999e22, -1e22], rows: 2, inputWidth: 3,
            bias: [0.3, -0.0], Activation.Maxout, pieces: 2);
        var output = new Layer([1.1], rows: 1, inputWidth: 1, bias: [-1.7976931348623157e308], Activation.Identity);
        var net = new Network("weird \"name\"\n<é>", 3, [hidden, maxout, output], new Box([-0.1, -1e-9, 0], [0.2, 1e-9, 1.0 / 3]));

        string path = Path.Combine(directory, "round_trip.json");
        NetworkJson.WriteFile(net, path);
        var back = NetworkJson.Read(path);

        Assert.Equal(net.Name, back.Name);
        Assert.Equal(net.InputDim, back.InputDim);
        Assert.Equal(net.Layers.Count, back.Layers.Count);
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var (a, b) = (net.Layers[l], back.Layers[l]);
            Assert.Equal((a.Rows, a.InputWidth, a.Activation, a.Pieces), (b.Rows, b.InputWidth, b.Activation, b.Pieces));
            Assert.Equal(Bits(a.Weight), Bits(b.Weight));
            Assert.Equal(Bits(a.Bias), Bits(b.Bias));
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.NegativeSlope), BitConverter.DoubleToInt64Bits(b.NegativeSlope));
        }
        Assert.Equal(Bits(net.Domain!.Lo), Bits(back.Domain!.Lo));
        Assert.Equal(Bits(net.Domain.Hi), Bits(back.Domain.Hi));
        Assert.Equal(NetworkJson.Write(net), NetworkJson.Write(back));
        Assert.Single(Directory.GetFiles(directory)); // the temporary file was renamed, not left behind
    }

    [Fact]
    public void WriteFileReplacesAnExistingFile()
    {
        string path = Path.Combine(directory, "replace.json");
        File.WriteAllText(path, "old contents that are not a network");
        var net = NetworkJson.Parse(SmallNet, "small");
        NetworkJson.WriteFile(net, path);
        Assert.Equal(NetworkJson.Write(net), File.ReadAllText(path));
    }

    [Fact]
    public void LeakyReluSlopeDefaultsToOneHundredth()
    {
        var net = NetworkJson.Parse("""
            {"input_dim": 1, "layers": [
              {"weight": [[1]], "bias": [0], "activation": "leaky_relu"},
              {"weight": [[1]], "bias": [0], "activation": "leaky_relu", "negative_slope": 0.2}]}
            """, "leaky");
        Assert.Equal(Activation.LeakyRelu, net.Layers[0].Activation);
        Assert.Equal(0.01, net.Layers[0].NegativeSlope);
        Assert.Equal(0.2, net.Layers[1].NegativeSlope);
    }

    [Fact]
    public void MaxoutPiecesAreRead()
    {
        // Unit 0 = max(x, -x, 0) = |x|, unit 1 = max(2x, 1, 0).
        var net = NetworkJson.Parse("""
            {"input_dim": 1, "layers": [
              {"weight": [[1], [-1], [0], [2], [0], [0]], "bias": [0, 0, 0, 0, 1, 0], "activation": "maxout", "pieces": 3}]}
            """, "maxout");
        var layer = net.Layers[0];
        Assert.Equal(Activation.Maxout, layer.Activation);
        Assert.Equal(3, layer.Pieces);
        Assert.Equal(2, layer.OutputWidth);
        Assert.Equal(2, net.UnitCount);
        Assert.Equal([1.5, 1.0], net.Evaluate([-1.5]));
    }

    public static TheoryData<string, int, int[]> ReferenceNetworks => new()
    {
        // name, input_dim, rows per layer (layer_sizes in the matching .truth.json)
        { "relu_2d_8", 2, [8, 1] },
        { "relu_2d_16x16", 2, [16, 16, 1] },
        { "degenerate_2d", 2, [8, 6, 1] },
        { "relu_3d_12x12", 3, [12, 12, 1] },
        { "relu_1d_32x32", 1, [32, 32, 1] },
    };

    [Theory]
    [MemberData(nameof(ReferenceNetworks))]
    public void ReferenceNetworkReads(string name, int inputDim, int[] rows)
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", name + ".json"));

        Assert.Equal(name, net.Name);
        Assert.Equal(inputDim, net.InputDim);
        Assert.Equal(rows, net.Layers.Select(l => l.Rows).ToArray());
        Assert.All(net.Layers.SkipLast(1), l => Assert.Equal(Activation.Relu, l.Activation));
        Assert.Equal(Activation.Identity, net.Layers[^1].Activation);
        Assert.Equal(rows.SkipLast(1).Sum(), net.UnitCount);
        Assert.Equal(Box.Cube(inputDim, -1, 1).Lo.ToArray(), net.Domain!.Lo.ToArray()); // README: domain [-1,1]^d
        Assert.Equal(Box.Cube(inputDim, -1, 1).Hi.ToArray(), net.Domain.Hi.ToArray());
        Assert.Equal(NetworkJson.Write(net), NetworkJson.Write(NetworkJson.Parse(NetworkJson.Write(net), name)));
    }

    [Fact]
    public void Relu2d8HasItsFirstWeightExactly()
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", "relu_2d_8.json"));
        Assert.Equal(8, net.UnitCount);
        Assert.Equal(-0.6027625203132629, net.Layers[0].Weight[0]); // first entry of the file, a float32 value
        Assert.Equal(-0.04354359582066536, net.Layers[1].Bias[0]);
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        return bits;
    }

    /// <summary>Residual: h = relu(x1 + x2), y = relu(2 h + x) (identity skip from the input, 2 rows), out = y1 − y2.
    /// At x = (1, 0.5): h = 1.5, y = relu(3 + 1, 3 + 0.5) = (4, 3.5), out = 0.5.</summary>
    [Fact]
    public void SkipConnection_IsReadEvaluatedAndRoundTripped()
    {
        const string json = """
            { "input_dim": 2, "layers": [
              { "weight": [[1, 1]], "bias": [0], "activation": "relu" },
              { "weight": [[2], [2]], "bias": [0, 0], "activation": "relu", "skip": {"from": -1} },
              { "weight": [[1, -1]], "bias": [0], "activation": "identity", "skip": {"from": 0, "weight": [[0]]} } ] }
            """;
        var net = NetworkJson.Parse(json, "residual.json");
        Assert.Equal(0.5, net.Evaluate([1, 0.5])[0], 12);
        var again = NetworkJson.Parse(NetworkJson.Write(net), "again.json");
        Assert.Equal(-1, again.Layers[1].Skip!.From);
        Assert.True(again.Layers[1].Skip!.IsIdentity);
        Assert.Equal([0.0], again.Layers[2].Skip!.Weight!);
    }

    [Fact]
    public void SkipConnection_FromALaterLayer_IsRejected()
    {
        const string json = """
            { "input_dim": 2, "layers": [
              { "weight": [[1, 1]], "bias": [0], "activation": "relu", "skip": {"from": 0} } ] }
            """;
        var e = Assert.Throws<InputException>(() => NetworkJson.Parse(json, "bad.json"));
        Assert.Contains("skip.from", e.Message);
    }
}
