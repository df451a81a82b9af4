using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Formats.Onnx;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Formats;

/// <summary>PyTorch-exported networks import as networks that compute what PyTorch computed.</summary>
public sealed class OnnxImportTests
{
    public static TheoryData<string> PyTorchNets => new()
    {
        "mlp", "mlp_batchnorm", "residual_mlp", "leaky_mlp", "maxout_mlp", "mnist_mlp",
    };

    /// <summary>PyTorch evaluated in float32; the import folds constants in float64. Each output may differ by a
    /// few float32 rounding errors of the largest partial sums: 1e-5 relative to max(1, |y|) is ~100 ulps.</summary>
    [Theory]
    [MemberData(nameof(PyTorchNets))]
    public void ImportedNetwork_ComputesPyTorchsOutputsOnTheStoredSamples(string name)
    {
        var net = OnnxImporter.Read(OnnxFixtures.Path(name));
        var (inputs, outputs) = OnnxFixtures.Samples(name);
        Assert.Equal(inputs[0].Length, net.InputDim);
        Assert.Equal(outputs[0].Length, net.OutputDim);
        for (int s = 0; s < inputs.Length; s++)
        {
            var y = net.Evaluate(inputs[s]);
            for (int o = 0; o < y.Length; o++)
                Assert.True(Math.Abs(y[o] - outputs[s][o]) <= 1e-5 * Math.Max(1, Math.Abs(outputs[s][o])),
                    $"{name} sample {s} output {o}: imported {y[o]:R}, PyTorch {outputs[s][o]:R}");
        }
    }

    [Fact]
    public void BatchNorm_FoldsIntoTheAffineMaps_NoExtraLayers()
    {
        var net = OnnxImporter.Read(OnnxFixtures.Path("mlp_batchnorm"));
        Assert.Equal([Activation.Relu, Activation.Relu, Activation.Identity], net.Layers.Select(l => l.Activation));
        Assert.Equal(24, net.UnitCount);
        Assert.All(net.Layers, l => Assert.Null(l.Skip));
    }

    [Fact]
    public void ResidualAdds_BecomeSkipConnections()
    {
        // stem relu; block1 (inner relu, outer relu + identity skip from the stem); block2 likewise; head + shortcut.
        var net = OnnxImporter.Read(OnnxFixtures.Path("residual_mlp"));
        Assert.Equal(6, net.Layers.Count);
        Assert.Null(net.Layers[0].Skip);
        Assert.Null(net.Layers[1].Skip);
        Assert.True(net.Layers[2].Skip is { From: 0, IsIdentity: true });
        Assert.Null(net.Layers[3].Skip);
        Assert.True(net.Layers[4].Skip is { From: 2, IsIdentity: true });
        var head = net.Layers[5];
        Assert.Equal(Activation.Identity, head.Activation);
        Assert.True(head.Skip is { From: -1, IsIdentity: false }); // the linear shortcut from the input: a 2x2 weight
        Assert.Equal(4, head.Skip!.Weight!.Length);
    }

    [Fact]
    public void LeakyRelu_KeepsEachLayersSlope()
    {
        var net = OnnxImporter.Read(OnnxFixtures.Path("leaky_mlp"));
        Assert.Equal((double)0.1f, net.Layers[0].NegativeSlope);
        Assert.Equal((double)0.2f, net.Layers[1].NegativeSlope);
    }

    [Fact]
    public void Maxout_ReshapeAndReduceMax_BecomeMaxoutLayersWithTheirPieces()
    {
        var net = OnnxImporter.Read(OnnxFixtures.Path("maxout_mlp"));
        Assert.Equal([Activation.Maxout, Activation.Maxout, Activation.Identity], net.Layers.Select(l => l.Activation));
        Assert.Equal([3, 2, 1], net.Layers.Select(l => l.Pieces));
        Assert.Equal([6, 4, 1], net.Layers.Select(l => l.OutputWidth));
    }

    [Fact]
    public void MnistMlp_NormalisationAndFlatten_FoldIntoTheFirstLayer()
    {
        var net = OnnxImporter.Read(OnnxFixtures.Path("mnist_mlp"));
        Assert.Equal(784, net.InputDim);
        Assert.Equal(10, net.OutputDim);
        Assert.Equal([784, 16, 12], net.Layers.Select(l => l.InputWidth));
    }

    public static TheoryData<string> ReferenceNets => new()
    {
        "relu_2d_8", "relu_2d_16x16", "degenerate_2d", "relu_3d_12x12", "relu_1d_32x32",
    };

    /// <summary>The owners' reference .onnx files were exported by PyTorch from the same weights as their .json:
    /// float32 weights are exact in float64 and Gemm copies them, so the imported weights are bit-identical.</summary>
    [Theory]
    [MemberData(nameof(ReferenceNets))]
    public void ReferenceOnnx_HasExactlyTheWeightsOfItsJson(string name)
    {
        var imported = OnnxImporter.Read(TestPaths.Fixture("reference", name + ".onnx"));
        var json = NetworkJson.Read(TestPaths.Fixture("reference", name + ".json"));
        Assert.Equal(json.InputDim, imported.InputDim);
        Assert.Equal(json.Layers.Count, imported.Layers.Count);
        for (int l = 0; l < json.Layers.Count; l++)
        {
            Assert.Equal(json.Layers[l].Activation, imported.Layers[l].Activation);
            Assert.Equal(json.Layers[l].Weight.ToArray(), imported.Layers[l].Weight.ToArray());
            Assert.Equal(json.Layers[l].Bias.ToArray(), imported.Layers[l].Bias.ToArray());
        }
    }

    [Fact]
    public void ReferenceOnnx_Relu2d8_GivesTheSameOutputsAndRegionsAsItsJson()
    {
        var imported = NetworkFiles.Read(TestPaths.Fixture("reference", "relu_2d_8.onnx"));
        var json = NetworkFiles.Read(TestPaths.Fixture("reference", "relu_2d_8.json"));
        var random = new Random(17);
        for (int i = 0; i < 100; i++)
        {
            double[] x = [random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1];
            Assert.Equal(json.Evaluate(x), imported.Evaluate(x));
        }
        var box = json.Domain;
        var a = new RegionEnumerator(imported, new SearchOptions { Box = box }).Run();
        var b = new RegionEnumerator(json, new SearchOptions { Box = box }).Run();
        Assert.Equal(26, a.RegionCount);
        Assert.Equal(b.Regions.Select(r => r.Pattern.ToString()), a.Regions.Select(r => r.Pattern.ToString()));
    }

    [Fact]
    public void ImportThenJsonRoundTrip_KeepsTheNetworkBitForBit()
    {
        var net = OnnxImporter.Read(OnnxFixtures.Path("residual_mlp"));
        var back = NetworkJson.Parse(NetworkJson.Write(net), "residual_mlp.json");
        var x = new double[] { 0.3, -0.7 };
        Assert.Equal(net.Evaluate(x), back.Evaluate(x));
        Assert.Equal(net.Layers.Select(l => l.Skip?.From), back.Layers.Select(l => l.Skip?.From));
    }

    [Fact]
    public void NetworkIsNamedAfterTheFile()
    {
        Assert.Equal("leaky_mlp", NetworkFiles.Read(OnnxFixtures.Path("leaky_mlp")).Name);
    }
}
