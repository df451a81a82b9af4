using System.Text.Json;
using Google.Protobuf;
using Polytopes.Enumeration.Formats.Onnx;
using Polytopes.Enumeration.Formats.Onnx.Proto;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Tests.Formats;

/// <summary>Builds small ONNX models in memory (for operator and bad-input tests) and imports them.</summary>
internal sealed class OnnxModel
{
    private readonly GraphProto graph = new() { Name = "test" };
    private readonly ModelProto model;
    private int counter;

    /// <summary>A model whose input "x" has shape [batch, features...] (batch symbolic unless given).</summary>
    public OnnxModel(int[] featureShape, long? batch = null, int opset = 13)
    {
        model = new ModelProto { IrVersion = 7, ProducerName = "polytopes-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        var shape = new TensorShapeProto();
        shape.Dim.Add(batch is { } b ? new TensorShapeProto.Types.Dimension { DimValue = b }
                                     : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (var d in featureShape) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        graph.Input.Add(new ValueInfoProto
        {
            Name = "x",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } },
        });
    }

    public GraphProto Graph => graph;

    /// <summary>Adds a float32 initializer and returns its name.</summary>
    public string Const(double[] values, params int[] dims)
    {
        string name = $"c{counter++}";
        var t = new TensorProto { Name = name, DataType = 1 };
        t.Dims.AddRange(dims.Select(d => (long)d));
        t.FloatData.AddRange(values.Select(v => (float)v));
        graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds an int64 initializer (shapes, axes) and returns its name.</summary>
    public string Ints(params long[] values)
    {
        string name = $"c{counter++}";
        var t = new TensorProto { Name = name, DataType = 7 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds a node and returns the name of its (first) output.</summary>
    public string Node(string op, string[] inputs, params AttributeProto[] attributes)
    {
        string output = $"t{counter++}";
        var node = new NodeProto { OpType = op, Name = $"/{op}_{counter}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto IntList(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>Declares the graph output.</summary>
    public OnnxModel Output(string name)
    {
        graph.Output.Add(new ValueInfoProto { Name = name });
        return this;
    }

    public byte[] Bytes() => model.ToByteArray();

    public Network Import(string source = "model.onnx") => OnnxImporter.Import(Bytes(), source);
}

/// <summary>The PyTorch fixtures of fixtures/onnx: NAME.onnx and PyTorch's outputs on sample inputs.</summary>
internal static class OnnxFixtures
{
    public static string Path(string name) => TestPaths.Fixture("onnx", name + ".onnx");

    public static (double[][] Inputs, double[][] Outputs) Samples(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("onnx", name + ".samples.json")));
        double[][] Rows(string key) => doc.RootElement.GetProperty(key).EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return (Rows("inputs"), Rows("outputs"));
    }
}
