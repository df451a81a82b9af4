using Polytopes.Enumeration.Networks;
using static Polytopes.Enumeration.Tests.Formats.OnnxModel;

namespace Polytopes.Enumeration.Tests.Formats;

/// <summary>Operators on small in-memory graphs, checked against values computed by hand.</summary>
public sealed class OnnxOperatorTests
{
    private static void AssertOutputs(Network net, double[] x, double[] expected)
    {
        var y = net.Evaluate(x);
        Assert.Equal(expected.Length, y.Length);
        for (int i = 0; i < y.Length; i++) Assert.True(Math.Abs(y[i] - expected[i]) < 1e-6, $"output {i}: {y[i]} vs {expected[i]}");
    }

    [Fact]
    public void MatMulAndAdd_WithoutActivation_IsOneIdentityLayer()
    {
        var m = new OnnxModel([2]);
        var w = m.Const([1, 2, 3, 4, 5, 6], 2, 3); // x [1,2] @ W [2,3]
        var b = m.Const([0.5, -0.5, 1], 3);
        m.Output(m.Node("Add", [m.Node("MatMul", ["x", w]), b]));
        var net = m.Import();
        Assert.Single(net.Layers);
        Assert.Equal(Activation.Identity, net.Layers[0].Activation);
        AssertOutputs(net, [1, -1], [1 - 4 + 0.5, 2 - 5 - 0.5, 3 - 6 + 1]);
    }

    [Fact]
    public void GemmWithTransAAlphaBeta_MatchesItsDefinition()
    {
        // Y = 2 · A' B + 0.5 · C with A = x' reshaped to [2,1] then transposed by transA.
        var m = new OnnxModel([2]);
        var a = m.Node("Reshape", ["x", m.Ints(2, 1)]);
        var bw = m.Const([1, 0, 0, 1, 1, 1], 2, 3);
        var c = m.Const([2], 1); // C [1] broadcasts to [1,3]
        m.Output(m.Node("Gemm", [a, bw, c], Int("transA", 1), Float("alpha", 2), Float("beta", 0.5f)));
        // A'B = [3 + 4, 4, 4]; 2 · that + 0.5 · 2.
        AssertOutputs(m.Import(), [3, 4], [2 * 7 + 1, 2 * 4 + 1, 2 * 4 + 1]);
    }

    [Fact]
    public void ConstantTimesInput_MatMulFromTheLeft()
    {
        var m = new OnnxModel([3], batch: null);
        var flat = m.Node("Reshape", ["x", m.Ints(3)]); // drop the batch axis: a vector [3]
        var w = m.Const([1, 1, 0, 0, -1, 2], 2, 3);
        m.Output(m.Node("MatMul", [w, flat]));
        AssertOutputs(m.Import(), [1, 2, 3], [3, 4]);
    }

    [Fact]
    public void SubMulDiv_ByConstants_FoldIntoTheFirstLayer()
    {
        var m = new OnnxModel([2]);
        var t = m.Node("Sub", ["x", m.Const([1, -1], 2)]);
        t = m.Node("Mul", [m.Const([2], 1), t]);
        t = m.Node("Div", [t, m.Const([4, -2], 1, 2)]);
        var h = m.Node("Relu", [m.Node("Gemm", [t, m.Const([1, 1], 1, 2)], Int("transB", 1))]);
        m.Output(h);
        var net = m.Import();
        Assert.Single(net.Layers);
        // ((x0−1)·2/4) + ((x1+1)·2/−2) = 0.5 x0 − x1 − 1.5.
        Assert.Equal([0.5, -1.0], net.Layers[0].Weight.ToArray());
        Assert.Equal(-1.5, net.Layers[0].Bias[0]);
        AssertOutputs(net, [5, 0], [1]);
    }

    [Fact]
    public void ThreeBranchesMeeting_SpreadOverAChainOfIdentityLayers()
    {
        // y = relu(relu(x·W1) + relu(x·W2) + x): three sources meet in one pre-activation.
        var m = new OnnxModel([2]);
        var h1 = m.Node("Relu", [m.Node("MatMul", ["x", m.Const([1, 0, 0, 1], 2, 2)])]);
        var h2 = m.Node("Relu", [m.Node("MatMul", ["x", m.Const([-1, 0, 0, -1], 2, 2)])]);
        var sum = m.Node("Add", [m.Node("Add", [h1, h2]), "x"]);
        m.Output(m.Node("Relu", [sum]));
        var net = m.Import();
        Assert.Equal(4, net.Layers.Count);
        Assert.Equal(Activation.Identity, net.Layers[2].Activation);
        Assert.Equal(6, net.UnitCount);
        // relu(|x| + x) = 2·relu(x) elementwise.
        AssertOutputs(net, [0.5, -2], [1, 0]);
        AssertOutputs(net, [-0.25, 3], [0, 6]);
    }

    [Fact]
    public void ReluOfTheInputUsedTwice_SkipFromAnEarlierLayer()
    {
        // h = relu(x); g = relu(h·W); y = g + h  (skip from layer 0 into the output layer).
        var m = new OnnxModel([2]);
        var h = m.Node("Relu", ["x"]);
        var g = m.Node("Relu", [m.Node("MatMul", [h, m.Const([0, 1, 1, 0], 2, 2)])]);
        m.Output(m.Node("Add", [g, h]));
        var net = m.Import();
        Assert.True(net.Layers[^1].Skip is { From: 0, IsIdentity: true });
        AssertOutputs(net, [1, 2], [3, 3]);
    }

    [Fact]
    public void MaxOfTwoAffineMaps_IsOneMaxoutLayer()
    {
        var m = new OnnxModel([1]);
        var a = m.Node("Mul", ["x", m.Const([2], 1)]);
        var b = m.Node("Neg", ["x"]);
        m.Output(m.Node("Max", [a, b, m.Const([0.5], 1)]));
        var net = m.Import();
        Assert.Equal(Activation.Maxout, net.Layers[0].Activation);
        Assert.Equal(3, net.Layers[0].Pieces);
        AssertOutputs(net, [1], [2]);
        AssertOutputs(net, [-3], [3]);
        AssertOutputs(net, [0.1], [0.5]);
    }

    [Fact]
    public void ReduceMaxOverTheFirstOfTwoAxes_GroupsStridedRows()
    {
        // x [1,4] viewed as [1,2,2] (pieces, units); max over the piece axis 1: unit j = max(x_j, x_{2+j}).
        var m = new OnnxModel([4]);
        var v = m.Node("Reshape", ["x", m.Ints(-1, 2, 2)]);
        m.Output(m.Node("ReduceMax", [v], IntList("axes", 1), Int("keepdims", 0)));
        var net = m.Import();
        Assert.Equal(2, net.Layers[0].Pieces);
        AssertOutputs(net, [1, 5, 3, -2], [3, 5]);
    }

    [Fact]
    public void MinAndReduceMin_AreNegatedMaxout()
    {
        var m = new OnnxModel([3]);
        m.Output(m.Node("ReduceMin", ["x"], IntList("axes", -1), Int("keepdims", 1)));
        AssertOutputs(m.Import(), [4, -1, 2], [-1]);
    }

    [Fact]
    public void Clip_IsAReluLayerOfTwiceTheWidth()
    {
        var m = new OnnxModel([2]);
        m.Output(m.Node("Clip", ["x", m.Const([-1], []), m.Const([2], [])]));
        var net = m.Import();
        Assert.Equal(4, net.UnitCount);
        AssertOutputs(net, [-3, 0.5], [-1, 0.5]);
        AssertOutputs(net, [5, 1.5], [2, 1.5]);
    }

    [Fact]
    public void PRelu_WithOneSlope_IsLeakyRelu()
    {
        var m = new OnnxModel([2]);
        m.Output(m.Node("PRelu", ["x", m.Const([0.25], 1)]));
        var net = m.Import();
        Assert.Equal(Activation.LeakyRelu, net.Layers[0].Activation);
        AssertOutputs(net, [-4, 4], [-1, 4]);
    }

    [Fact]
    public void BatchNormalization_OnFourDimensionalInput_UsesAxisOneAsChannels()
    {
        // x [1,2,1,2]: channel 0 = (x0, x1), channel 1 = (x2, x3).
        var m = new OnnxModel([2, 1, 2]);
        var bn = m.Node("BatchNormalization", ["x", m.Const([1, 2], 2), m.Const([0, 1], 2), m.Const([1, 0], 2), m.Const([3, 0.25], 2)],
            Float("epsilon", 1));
        m.Output(m.Node("Flatten", [bn]));
        // channel 0: (x − 1)/2; channel 1: 2x/sqrt(1.25) + 1.
        double s = 2 / Math.Sqrt(1.25);
        AssertOutputs(m.Import(), [3, 5, 1, -1], [1, 2, s + 1, -s + 1]);
    }

    [Fact]
    public void ShapeGatherUnsqueezeConcat_FoldToAConstantReshapeTarget()
    {
        var m = new OnnxModel([2, 3]);
        var batch = m.Node("Gather", [m.Node("Shape", ["x"]), m.Ints(0)]);
        var target = m.Node("Concat", [batch, m.Ints(-1)], Int("axis", 0));
        m.Output(m.Node("Reshape", ["x", target]));
        var net = m.Import();
        Assert.Equal(6, net.InputDim);
        Assert.Equal(6, net.OutputDim);
        AssertOutputs(net, [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void TransposeSliceAndConcatOfNetworkValues_ReorderTheOutputs()
    {
        var m = new OnnxModel([2, 2]); // [1,2,2]
        var t = m.Node("Transpose", ["x"], IntList("perm", 0, 2, 1));
        var s = m.Node("Slice", [t, m.Ints(1), m.Ints(2), m.Ints(1)]); // row 1 of the transpose: (x01, x11)
        m.Output(m.Node("Concat", [m.Node("Flatten", [s]), m.Node("Flatten", [t])], Int("axis", 1)));
        // x = [[1,2],[3,4]]: transpose [[1,3],[2,4]]; its row 1 is [2,4]; then the whole transpose [1,3,2,4].
        var net = m.Import();
        AssertOutputs(net, [1, 2, 3, 4], [2, 4, 1, 3, 2, 4]);
    }

    [Fact]
    public void UnusedUnsupportedNode_IsIgnored()
    {
        var m = new OnnxModel([2]);
        m.Node("Sigmoid", ["x"]); // not on the path to the output
        m.Output(m.Node("Relu", ["x"]));
        Assert.Single(m.Import().Layers);
    }

    [Fact]
    public void OutputThatIsTheInput_IsOneIdentityLayer()
    {
        var m = new OnnxModel([3]);
        m.Output(m.Node("Identity", ["x"]));
        var net = m.Import();
        Assert.Single(net.Layers);
        AssertOutputs(net, [1, 2, 3], [1, 2, 3]);
    }
}
