using Google.Protobuf;
using Polytopes.Enumeration.Formats.Onnx.Proto;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Formats.Onnx;

/// <summary>
/// Imports an ONNX model (as <c>torch.onnx.export</c> writes it) as a <see cref="Network"/>. The graph is walked
/// once in node order, evaluating every tensor symbolically: each element is an affine function of the network
/// input and of earlier layer outputs (<see cref="AffineRows"/>). Affine operators (Gemm, MatMul, Add, Sub, Mul and
/// Div by constants, BatchNormalization in inference mode, reshapes) only compose these functions, so constants
/// fold into the neighbouring affine map; each piecewise-linear operator (Relu, LeakyRelu, maxout as ReduceMax/Max
/// over the pieces, …) closes one network layer. A residual Add becomes a skip connection. Only the nodes the
/// graph output depends on are evaluated. Every problem becomes one <see cref="InputException"/> "file: problem"
/// naming the node and operator.
/// </summary>
public static partial class OnnxImporter
{
    /// <summary>The operators the importer understands (others are rejected by name).</summary>
    public static readonly IReadOnlyList<string> SupportedOperators =
    [
        "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Neg", "Sum", "Relu", "LeakyRelu", "PRelu", "Clip",
        "ReduceMax", "Max", "ReduceMin", "Min", "BatchNormalization", "Identity", "Dropout", "Flatten", "Reshape",
        "Squeeze", "Unsqueeze", "Transpose", "Gather", "Slice", "Concat", "Shape", "Constant", "Cast",
    ];

    public static Network Read(string path)
    {
        return Import(InputFiles.ReadBytes(path), path);
    }

    /// <summary>Imports a serialized ModelProto; <paramref name="sourceName"/> prefixes every error message and,
    /// without directory and extension, names the network.</summary>
    public static Network Import(byte[] bytes, string sourceName)
    {
        if (bytes.Length == 0) throw new InputException($"{sourceName}: the file is empty");
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InputException(
                $"{sourceName}: not a valid ONNX model: the protobuf data is truncated or corrupt ({OneLine(e.Message)})");
        }
        try
        {
            return new Walk(model, DefaultName(sourceName)).Run();
        }
        catch (OnnxProblem e)
        {
            throw new InputException($"{sourceName}: {OneLine(e.Message)}");
        }
        catch (NetworkFormatException e)
        {
            throw new InputException($"{sourceName}: {OneLine(e.Message)}");
        }
    }

    private static string DefaultName(string sourceName)
    {
        string stem = Path.GetFileNameWithoutExtension(sourceName);
        return stem.Length > 0 ? stem : sourceName;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>One import: the graph's tensors evaluated so far and the layers built from them.</summary>
    private sealed partial class Walk
    {
        private readonly ModelProto model;
        private readonly GraphProto graph;
        private readonly string name;
        private readonly Dictionary<string, SymbolicTensor> values = new();
        private readonly Dictionary<string, TensorProto> initializers = new();
        private readonly Dictionary<string, int> usesLeft = new();
        private LayerBuilder builder = null!;
        private NodeProto node = null!;
        private int nodeIndex;

        public Walk(ModelProto model, string name)
        {
            this.model = model;
            this.name = name;
            graph = model.Graph ?? throw new OnnxProblem("the model has no graph (is this an ONNX model?)");
        }

        public Network Run()
        {
            CheckOpsets();
            foreach (var t in graph.Initializer)
                if (t.Name.Length > 0) initializers[t.Name] = t;

            var (inputName, inputShape) = ReadInput();
            int inputDim = Shapes.Count(inputShape);
            builder = new LayerBuilder(inputDim);
            values[inputName] = new SymbolicTensor(inputShape, AffineRows.Identity(-1, inputDim));

            if (graph.Output.Count != 1)
                throw new OnnxProblem($"the graph has {graph.Output.Count} outputs; polytopes needs exactly one");
            string outputName = graph.Output[0].Name;

            foreach (int index in NeededNodes(outputName))
            {
                node = graph.Node[index];
                nodeIndex = index;
                Evaluate();
                Release();
            }

            var output = Value(outputName, $"the graph output '{outputName}'");
            var rows = output.Rows;
            if (builder.Layers.Count == 0 || !rows.IsExactly(builder.Last))
                builder.Emit(rows, Activation.Identity);
            return new Network(name, inputDim, builder.Layers);
        }

        private void CheckOpsets()
        {
            foreach (var opset in model.OpsetImport)
                if (opset.Domain is "" or "ai.onnx" && opset.Version > 0 && opset.Version < 6)
                    throw new OnnxProblem($"opset {opset.Version} is older than 6, which is not supported (re-export with a recent opset)");
        }

        /// <summary>The one graph input that is not an initializer; its shape with the batch axis set to 1.</summary>
        private (string Name, int[] Shape) ReadInput()
        {
            var inputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();
            if (inputs.Count != 1)
                throw new OnnxProblem(inputs.Count == 0
                    ? "the graph has no input"
                    : $"the graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); polytopes needs exactly one");
            var input = inputs[0];
            string what = $"graph input '{input.Name}'";
            var tensor = input.Type?.TensorType ?? throw new OnnxProblem($"{what} is not a tensor");
            if (!OnnxTensors.IsFloatingPoint(tensor.ElemType))
                throw new OnnxProblem($"{what} has element type {OnnxTensors.TypeName(tensor.ElemType)}; polytopes needs a floating-point input");
            var dims = tensor.Shape?.Dim ?? throw new OnnxProblem($"{what} has no shape");
            if (dims.Count == 0) throw new OnnxProblem($"{what} is a scalar; polytopes needs a vector input");
            var shape = new int[dims.Count];
            long count = 1;
            for (int a = 0; a < dims.Count; a++)
            {
                var dim = dims[a];
                bool isBatch = a == 0 && dims.Count >= 2;
                if (isBatch)
                {
                    // One sample at a time: a symbolic or unit batch axis.
                    if (dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && dim.DimValue != 1)
                        throw new OnnxProblem($"{what} has a fixed batch size of {dim.DimValue}; export with batch size 1 " +
                                              "or a dynamic batch axis");
                    shape[a] = 1;
                    continue;
                }
                if (dim.ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || dim.DimValue <= 0)
                    throw new OnnxProblem($"{what}: dimension {a} has no fixed size" +
                                          (dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? $" ('{dim.DimParam}')" : ""));
                count *= dim.DimValue;
                if (count > Shapes.MaxElements) throw new OnnxProblem($"{what} is too large");
                shape[a] = (int)dim.DimValue;
            }
            return (input.Name, shape);
        }

        /// <summary>Indices of the nodes the output depends on, in graph order; counts how often each tensor is used.</summary>
        private List<int> NeededNodes(string outputName)
        {
            var producer = new Dictionary<string, int>();
            for (int i = 0; i < graph.Node.Count; i++)
                foreach (var o in graph.Node[i].Output)
                    if (o.Length > 0) producer[o] = i;
            var needed = new SortedSet<int>();
            var stack = new Stack<string>([outputName]);
            var seen = new HashSet<string>();
            while (stack.Count > 0)
            {
                var tensor = stack.Pop();
                if (!seen.Add(tensor) || !producer.TryGetValue(tensor, out int i) || !needed.Add(i)) continue;
                foreach (var input in graph.Node[i].Input)
                    if (input.Length > 0) stack.Push(input);
            }
            foreach (int i in needed)
                foreach (var input in graph.Node[i].Input)
                    if (input.Length > 0) usesLeft[input] = usesLeft.GetValueOrDefault(input) + 1;
            usesLeft[outputName] = int.MaxValue;
            return needed.ToList();
        }

        /// <summary>Forgets the tensors no later node uses (wide layers make large coefficient matrices).</summary>
        private void Release()
        {
            foreach (var input in node.Input)
            {
                if (input.Length == 0 || !usesLeft.TryGetValue(input, out int left) || left == int.MaxValue) continue;
                if (left <= 1) { usesLeft.Remove(input); values.Remove(input); }
                else usesLeft[input] = left - 1;
            }
        }

        /// <summary>A tensor by name: computed earlier, or an initializer (decoded on first use).</summary>
        private SymbolicTensor Value(string tensorName, string what)
        {
            if (values.TryGetValue(tensorName, out var value)) return value;
            if (initializers.TryGetValue(tensorName, out var proto))
                return values[tensorName] = OnnxTensors.Decode(proto, $"initializer '{tensorName}'");
            throw new OnnxProblem($"{what} is not produced by an earlier node, an initializer or the graph input");
        }

        private string NodeName => node.Name.Length > 0 ? node.Name : $"#{nodeIndex}";

        /// <summary>A problem with the current node: "node 'NAME' (OP): message".</summary>
        private OnnxProblem Fail(string message) => new($"node '{NodeName}' ({node.OpType}): {message}");
    }
}
