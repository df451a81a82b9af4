using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Formats.Onnx;
using Polytopes.Enumeration.Formats.Onnx.Proto;
using static Polytopes.Enumeration.Tests.Formats.OnnxModel;

namespace Polytopes.Enumeration.Tests.Formats;

/// <summary>Every bad ONNX input is one <see cref="InputException"/> line naming the file and the problem.</summary>
public sealed class OnnxBadInputTests : IDisposable
{
    private readonly string directory =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "polytopes-onnx-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Problem(OnnxModel m, params string[] fragments)
    {
        var e = Assert.Throws<InputException>(() => m.Import("bad.onnx"));
        Assert.StartsWith("bad.onnx: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
        return e.Message;
    }

    [Fact]
    public void UnsupportedOperator_NamesTheOperatorAndTheNode()
    {
        var path = OnnxFixtures.Path("unsupported_sigmoid");
        var e = Assert.Throws<InputException>(() => NetworkFiles.Read(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("unsupported operator Sigmoid", e.Message);
        Assert.Contains("node '/1/Sigmoid'", e.Message);
    }

    [Fact]
    public void TruncatedFile_IsReportedAsTruncatedOrCorrupt()
    {
        var bytes = File.ReadAllBytes(OnnxFixtures.Path("mlp"));
        var path = Path.Combine(directory, "truncated.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InputException>(() => NetworkFiles.Read(path));
        Assert.Equal($"{path}: not a valid ONNX model: the protobuf data is truncated or corrupt", e.Message[..e.Message.IndexOf(" (", StringComparison.Ordinal)]);
    }

    [Fact]
    public void EmptyFile_IsReportedAsEmpty()
    {
        var path = Path.Combine(directory, "empty.onnx");
        File.WriteAllBytes(path, []);
        Assert.Equal($"{path}: the file is empty", Assert.Throws<InputException>(() => NetworkFiles.Read(path)).Message);
    }

    [Fact]
    public void JsonTextNamedOnnx_IsNotAValidModel()
    {
        var path = Path.Combine(directory, "net.onnx");
        File.WriteAllText(path, """{"input_dim": 2, "layers": []}""");
        var e = Assert.Throws<InputException>(() => NetworkFiles.Read(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Matches("not a valid ONNX model|no graph", e.Message);
    }

    [Fact]
    public void MissingFile_IsNotFound()
    {
        var path = Path.Combine(directory, "nothing.onnx");
        Assert.Equal($"{path}: file not found", Assert.Throws<InputException>(() => NetworkFiles.Read(path)).Message);
    }

    [Fact]
    public void GemmWithMismatchedInnerDimensions_IsAShapeError()
    {
        var m = new OnnxModel([3]);
        m.Output(m.Node("Gemm", ["x", m.Const(new double[8], 4, 2)], Int("transB", 1)));
        Problem(m, "(Gemm)", "inner dimensions differ", "[1,3] x [2,4]");
    }

    [Fact]
    public void AddOfShapesThatDoNotBroadcast_IsAShapeError()
    {
        var m = new OnnxModel([3]);
        m.Output(m.Node("Add", ["x", m.Const(new double[4], 4)]));
        Problem(m, "(Add)", "[1,3] and [4] do not broadcast");
    }

    [Fact]
    public void ReshapeToTheWrongNumberOfElements_IsAShapeError()
    {
        var m = new OnnxModel([6]);
        m.Output(m.Node("Reshape", ["x", m.Ints(-1, 4)]));
        Problem(m, "(Reshape)", "cannot reshape [1,6] (6 elements) to [-1,4]");
    }

    [Fact]
    public void BatchNormWithTooFewChannels_IsAShapeError()
    {
        var m = new OnnxModel([3]);
        var two = m.Const([1, 1], 2);
        m.Output(m.Node("BatchNormalization", ["x", two, two, two, two]));
        Problem(m, "scale has 2 values but the input [1,3] has 3 channels");
    }

    [Fact]
    public void ProductOfTwoNetworkValues_IsNotPiecewiseLinear()
    {
        var m = new OnnxModel([2]);
        m.Output(m.Node("Mul", ["x", m.Node("Relu", ["x"])]));
        Problem(m, "(Mul)", "not piecewise linear");
    }

    [Fact]
    public void DivisionByANetworkValue_IsNotPiecewiseLinear()
    {
        var m = new OnnxModel([2]);
        m.Output(m.Node("Div", [m.Const([1], 1), "x"]));
        Problem(m, "(Div)", "not piecewise linear");
    }

    [Fact]
    public void DivisionByZero_IsReported()
    {
        var m = new OnnxModel([2]);
        m.Output(m.Node("Div", ["x", m.Const([1, 0], 2)]));
        Problem(m, "(Div)", "divides by zero");
    }

    [Fact]
    public void FixedBatchLargerThanOne_IsRejected()
    {
        var m = new OnnxModel([2], batch: 4);
        m.Output(m.Node("Relu", ["x"]));
        Problem(m, "fixed batch size of 4");
    }

    [Fact]
    public void TwoGraphInputs_AreRejected()
    {
        var m = new OnnxModel([2]);
        m.Graph.Input.Add(new ValueInfoProto { Name = "y", Type = m.Graph.Input[0].Type });
        m.Output(m.Node("Relu", ["x"]));
        Problem(m, "2 inputs (x, y)", "exactly one");
    }

    [Fact]
    public void InputWithoutFixedFeatureSize_IsRejected()
    {
        var m = new OnnxModel([2]);
        m.Graph.Input[0].Type.TensorType.Shape.Dim[1] = new TensorShapeProto.Types.Dimension { DimParam = "n" };
        m.Output(m.Node("Relu", ["x"]));
        Problem(m, "dimension 1 has no fixed size ('n')");
    }

    [Fact]
    public void IntegerInput_IsRejected()
    {
        var m = new OnnxModel([2]);
        m.Graph.Input[0].Type.TensorType.ElemType = 7;
        m.Output(m.Node("Relu", ["x"]));
        Problem(m, "element type INT64");
    }

    [Fact]
    public void TensorThatNothingProduces_IsNamed()
    {
        var m = new OnnxModel([2]);
        m.Output(m.Node("Relu", ["nowhere"]));
        Problem(m, "input 'nowhere' is not produced");
    }

    [Fact]
    public void TwoGraphOutputs_AreRejected()
    {
        var m = new OnnxModel([2]);
        m.Output(m.Node("Relu", ["x"]));
        m.Output("x");
        Problem(m, "2 outputs");
    }

    [Fact]
    public void InitializerWithTooFewValues_IsNamed()
    {
        var m = new OnnxModel([2]);
        var w = m.Const([1, 2, 3], 2, 2);
        m.Output(m.Node("MatMul", ["x", w]));
        Problem(m, $"initializer '{w}' has 3 values but its dims [2,2] need 4");
    }

    [Fact]
    public void ExternalData_IsRejectedWithAHint()
    {
        var m = new OnnxModel([2]);
        var w = m.Const([1, 2, 3, 4], 2, 2);
        m.Graph.Initializer[0].DataLocation = TensorProto.Types.DataLocation.External;
        m.Output(m.Node("MatMul", ["x", w]));
        Problem(m, "external file");
    }

    [Fact]
    public void CustomDomainOperator_IsRejectedByName()
    {
        var m = new OnnxModel([2]);
        var out1 = m.Node("FusedGemm", ["x"]);
        m.Graph.Node[0].Domain = "com.microsoft";
        m.Output(out1);
        Problem(m, "com.microsoft:FusedGemm", "not supported");
    }

    [Fact]
    public void NonFiniteWeight_IsRejected()
    {
        var m = new OnnxModel([1]);
        m.Output(m.Node("Relu", [m.Node("Mul", ["x", m.Const([double.NaN], 1)])]));
        Problem(m, "non-finite");
    }

    [Fact]
    public void ModelWithoutGraph_IsRejected()
    {
        var bytes = Google.Protobuf.MessageExtensions.ToByteArray(new ModelProto { IrVersion = 7 });
        var e = Assert.Throws<InputException>(() => OnnxImporter.Import(bytes, "x.onnx"));
        Assert.Equal("x.onnx: the model has no graph (is this an ONNX model?)", e.Message);
    }
}
