using Polytopes.Enumeration.Formats.Onnx.Proto;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Formats.Onnx;

public static partial class OnnxImporter
{
    private sealed partial class Walk
    {
        private void Evaluate()
        {
            if (node.Domain is not ("" or "ai.onnx"))
                throw Fail($"operator {node.Domain}:{node.OpType} is not supported (only the standard ONNX domain is)");
            switch (node.OpType)
            {
                case "Identity": Set(Input(0)); break;
                case "Dropout": Dropout(); break;
                case "Constant": Set(ConstantValue()); break;
                case "Cast": Cast(); break;
                case "Shape": Shape(); break;
                case "Flatten": Flatten(); break;
                case "Reshape": Reshape(); break;
                case "Squeeze": Squeeze(); break;
                case "Unsqueeze": Unsqueeze(); break;
                case "Transpose": Set(Transpose(Input(0), Perm(Input(0).Rank))); break;
                case "Gather": Gather(); break;
                case "Slice": Slice(); break;
                case "Concat": Concat(); break;
                case "Add": Set(Add(Input(0), Input(1))); break;
                case "Sub": Set(Add(Input(0), Scale(Input(1), -1))); break;
                case "Neg": Set(Scale(Input(0), -1)); break;
                case "Sum": Set(Enumerable.Range(0, node.Input.Count).Select(Input).Aggregate(Add)); break;
                case "Mul": Set(Multiply(Input(0), Input(1))); break;
                case "Div": Divide(); break;
                case "Gemm": Gemm(); break;
                case "MatMul": Set(MatMul(Input(0), Input(1))); break;
                case "BatchNormalization": BatchNormalization(); break;
                case "Relu": Set(Activate(Input(0), Activation.Relu, 0)); break;
                case "LeakyRelu": Set(Activate(Input(0), Activation.LeakyRelu, Float("alpha", 0.01f))); break;
                case "PRelu": PRelu(); break;
                case "Clip": Clip(); break;
                case "ReduceMax": Reduce(min: false); break;
                case "ReduceMin": Reduce(min: true); break;
                case "Max": Extremum(min: false); break;
                case "Min": Extremum(min: true); break;
                default:
                    throw Fail($"unsupported operator {node.OpType}: polytopes imports piecewise-linear networks built from " +
                               string.Join(", ", SupportedOperators));
            }
        }

        // ------------------------------------------------------------------ inputs, outputs, attributes

        private SymbolicTensor Input(int i)
        {
            if (i >= node.Input.Count || node.Input[i].Length == 0) throw Fail($"input {i + 1} is missing");
            return Value(node.Input[i], $"input '{node.Input[i]}'");
        }

        private SymbolicTensor? OptionalInput(int i) =>
            i < node.Input.Count && node.Input[i].Length > 0 ? Input(i) : null;

        private SymbolicTensor ConstantInput(int i, string what)
        {
            var t = Input(i);
            return t.IsConstant ? t : throw Fail($"{what} must be a constant, but it depends on the network input");
        }

        /// <summary>The values of a constant input as integers (shapes, axes, indices).</summary>
        private int[] Integers(SymbolicTensor t, string what)
        {
            if (!t.IsConstant) throw Fail($"{what} must be a constant, but it depends on the network input");
            var result = new int[t.Count];
            for (int i = 0; i < result.Length; i++)
            {
                double v = t.Values[i];
                if (v != Math.Floor(v)) throw Fail($"{what} should hold integers but has {v}");
                // Slice ends are often ±2^63−1 ("to the end"): clamp to int, which every use clamps again anyway.
                result[i] = (int)Math.Clamp(v, int.MinValue, int.MaxValue);
            }
            return result;
        }

        private void Set(SymbolicTensor value) => SetOutput(0, value);

        private void SetOutput(int i, SymbolicTensor value)
        {
            if (value.Count > Shapes.MaxElements) throw Fail($"output {Shapes.Show(value.Shape)} is too large");
            if (i < node.Output.Count && node.Output[i].Length > 0) values[node.Output[i]] = value;
        }

        private AttributeProto? Attribute(string attributeName) => node.Attribute.FirstOrDefault(a => a.Name == attributeName);

        private long Int(string attributeName, long fallback)
        {
            var a = Attribute(attributeName);
            if (a == null) return fallback;
            if (a.Type is not (AttributeProto.Types.AttributeType.Int or AttributeProto.Types.AttributeType.Undefined))
                throw Fail($"attribute {attributeName} should be an integer but is {a.Type}");
            return a.I;
        }

        private double Float(string attributeName, float fallback)
        {
            var a = Attribute(attributeName);
            if (a == null) return fallback;
            if (a.Type is not (AttributeProto.Types.AttributeType.Float or AttributeProto.Types.AttributeType.Undefined))
                throw Fail($"attribute {attributeName} should be a float but is {a.Type}");
            return a.F;
        }

        private int[]? Ints(string attributeName)
        {
            var a = Attribute(attributeName);
            if (a == null) return null;
            if (a.Type is not (AttributeProto.Types.AttributeType.Ints or AttributeProto.Types.AttributeType.Undefined))
                throw Fail($"attribute {attributeName} should be a list of integers but is {a.Type}");
            return a.Ints.Select(v => (int)Math.Clamp(v, int.MinValue, int.MaxValue)).ToArray();
        }

        /// <summary>Axes given as the (opset 13+) input <paramref name="inputIndex"/>, else as the attribute "axes".</summary>
        private int[]? Axes(int inputIndex)
        {
            var t = OptionalInput(inputIndex);
            return t != null ? Integers(t, "axes") : Ints("axes");
        }

        private int Axis(int axis, int rank, string what = "axis")
        {
            if (axis < -rank || axis >= rank) throw Fail($"{what} {axis} is out of range for rank {rank}");
            return axis < 0 ? axis + rank : axis;
        }

        // ------------------------------------------------------------------ constants and shapes

        private void Dropout()
        {
            var training = OptionalInput(2);
            if (training != null && (!training.IsConstant || training.Values.Any(v => v != 0)))
                throw Fail("training_mode is not supported (export the model in eval mode)");
            Set(Input(0));
        }

        private SymbolicTensor ConstantValue()
        {
            var a = node.Attribute.FirstOrDefault() ?? throw Fail("has no value attribute");
            return a.Name switch
            {
                "value" => OnnxTensors.Decode(a.T ?? throw Fail("value is not a tensor"), $"node '{NodeName}' value"),
                "value_float" => SymbolicTensor.Const([], [a.F]),
                "value_floats" => SymbolicTensor.Const([a.Floats.Count], a.Floats.Select(v => (double)v).ToArray()),
                "value_int" => SymbolicTensor.Const([], [a.I]),
                "value_ints" => SymbolicTensor.Const([a.Ints.Count], a.Ints.Select(v => (double)v).ToArray()),
                _ => throw Fail($"a constant given as {a.Name} is not supported"),
            };
        }

        private void Cast()
        {
            var x = Input(0);
            int to = (int)Int("to", 1);
            if (!x.IsConstant)
            {
                if (!OnnxTensors.IsFloatingPoint(to))
                    throw Fail($"casts a tensor that depends on the network input to {OnnxTensors.TypeName(to)}");
                Set(x);
                return;
            }
            Func<double, double> convert = (TensorProto.Types.DataType)to switch
            {
                TensorProto.Types.DataType.Float => v => (float)v,
                TensorProto.Types.DataType.Double => v => v,
                TensorProto.Types.DataType.Float16 or TensorProto.Types.DataType.Bfloat16 => v => (double)(Half)v,
                TensorProto.Types.DataType.Bool => v => v != 0 ? 1 : 0,
                _ => Math.Truncate,
            };
            Set(SymbolicTensor.Const(x.Shape, x.Values.Select(convert).ToArray()));
        }

        private void Shape()
        {
            var x = Input(0);
            int rank = x.Rank;
            int start = (int)Int("start", 0), end = (int)Int("end", rank);
            start = Math.Clamp(start < 0 ? start + rank : start, 0, rank);
            end = Math.Clamp(end < 0 ? end + rank : end, 0, rank);
            var dims = x.Shape[start..Math.Max(start, end)].Select(d => (double)d).ToArray();
            Set(SymbolicTensor.Const([dims.Length], dims));
        }

        private void Flatten()
        {
            var x = Input(0);
            int rank = x.Rank;
            int axis = (int)Int("axis", 1);
            if (axis < -rank || axis > rank) throw Fail($"axis {axis} is out of range for rank {rank}");
            if (axis < 0) axis += rank;
            Set(x.Reshaped([Shapes.Count(x.Shape.AsSpan(0, axis)), Shapes.Count(x.Shape.AsSpan(axis))]));
        }

        private void Reshape()
        {
            var x = Input(0);
            var target = Integers(Input(1), "the target shape");
            bool allowZero = Int("allowzero", 0) != 0;
            var shape = new int[target.Length];
            int infer = -1;
            long known = 1;
            for (int a = 0; a < target.Length; a++)
            {
                int d = target[a];
                if (d == -1)
                {
                    if (infer >= 0) throw Fail($"target shape {Shapes.Show(target)} has more than one -1");
                    infer = a;
                    continue;
                }
                if (d == 0 && !allowZero)
                {
                    if (a >= x.Rank) throw Fail($"target shape {Shapes.Show(target)} copies dimension {a} of {Shapes.Show(x.Shape)}, which has none");
                    d = x.Shape[a];
                }
                if (d < 0) throw Fail($"target shape {Shapes.Show(target)} has a negative dimension");
                shape[a] = d;
                known *= d;
            }
            if (infer >= 0)
            {
                if (known == 0 || x.Count % known != 0)
                    throw Fail($"cannot reshape {Shapes.Show(x.Shape)} ({x.Count} elements) to {Shapes.Show(target)}");
                shape[infer] = (int)(x.Count / known);
            }
            else if (known != x.Count)
                throw Fail($"cannot reshape {Shapes.Show(x.Shape)} ({x.Count} elements) to {Shapes.Show(target)}");
            Set(x.Reshaped(shape));
        }

        private void Squeeze()
        {
            var x = Input(0);
            var axes = Axes(1);
            var drop = new HashSet<int>();
            if (axes == null || axes.Length == 0)
            {
                for (int a = 0; a < x.Rank; a++) if (x.Shape[a] == 1) drop.Add(a);
            }
            else
            {
                foreach (var axis in axes)
                {
                    int a = Axis(axis, x.Rank);
                    if (x.Shape[a] != 1) throw Fail($"cannot squeeze axis {a} of {Shapes.Show(x.Shape)}: its size is not 1");
                    drop.Add(a);
                }
            }
            Set(x.Reshaped(Enumerable.Range(0, x.Rank).Where(a => !drop.Contains(a)).Select(a => x.Shape[a]).ToArray()));
        }

        private void Unsqueeze()
        {
            var x = Input(0);
            var axes = Axes(1) ?? throw Fail("has no axes");
            int rank = x.Rank + axes.Length;
            var inserted = axes.Select(a => Axis(a, rank)).ToHashSet();
            if (inserted.Count != axes.Length) throw Fail($"axes {Shapes.Show(axes)} repeat an axis");
            var shape = new int[rank];
            int next = 0;
            for (int a = 0; a < rank; a++) shape[a] = inserted.Contains(a) ? 1 : x.Shape[next++];
            Set(x.Reshaped(shape));
        }

        private int[] Perm(int rank)
        {
            var perm = Ints("perm") ?? Enumerable.Range(0, rank).Reverse().ToArray();
            if (perm.Length != rank || perm.Order().Where((p, i) => p != i).Any())
                throw Fail($"perm {Shapes.Show(perm)} is not a permutation of the {rank} axes");
            return perm;
        }

        private static SymbolicTensor Transpose(SymbolicTensor x, int[] perm)
        {
            var inStrides = Shapes.Strides(x.Shape);
            var shape = perm.Select(p => x.Shape[p]).ToArray();
            var map = new int[x.Count];
            var index = new int[shape.Length];
            for (int e = 0; e < map.Length; e++)
            {
                int s = 0;
                for (int a = 0; a < shape.Length; a++) s += index[a] * inStrides[perm[a]];
                map[e] = s;
                Shapes.Increment(index, shape);
            }
            return x.Gathered(shape, map);
        }

        private void Gather()
        {
            var data = Input(0);
            var indicesTensor = Input(1);
            var indices = Integers(indicesTensor, "indices");
            if (data.Rank == 0) throw Fail("cannot gather from a scalar");
            int axis = Axis((int)Int("axis", 0), data.Rank);
            int size = data.Shape[axis];
            for (int i = 0; i < indices.Length; i++)
            {
                if (indices[i] < -size || indices[i] >= size) throw Fail($"index {indices[i]} is out of range for size {size}");
                if (indices[i] < 0) indices[i] += size;
            }
            int outer = Shapes.Count(data.Shape.AsSpan(0, axis)), inner = Shapes.Count(data.Shape.AsSpan(axis + 1));
            var shape = data.Shape[..axis].Concat(indicesTensor.Shape).Concat(data.Shape[(axis + 1)..]).ToArray();
            var map = new int[outer * indices.Length * inner];
            int e = 0;
            for (int o = 0; o < outer; o++)
                foreach (int i in indices)
                    for (int n = 0; n < inner; n++) map[e++] = (o * size + i) * inner + n;
            Set(data.Gathered(shape, map));
        }

        private void Slice()
        {
            var x = Input(0);
            int[] starts, ends;
            int[]? axes, steps = null;
            if (node.Input.Count > 1)
            {
                starts = Integers(Input(1), "starts");
                ends = Integers(Input(2), "ends");
                axes = OptionalInput(3) is { } a ? Integers(a, "axes") : null;
                steps = OptionalInput(4) is { } s ? Integers(s, "steps") : null;
            }
            else
            {
                starts = Ints("starts") ?? throw Fail("has no starts");
                ends = Ints("ends") ?? throw Fail("has no ends");
                axes = Ints("axes");
            }
            axes ??= Enumerable.Range(0, starts.Length).ToArray();
            steps ??= Enumerable.Repeat(1, starts.Length).ToArray();
            if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
                throw Fail("starts, ends, axes and steps have different lengths");
            var first = new int[x.Rank];
            var step = Enumerable.Repeat(1, x.Rank).ToArray();
            var shape = x.Shape.ToArray();
            for (int i = 0; i < starts.Length; i++)
            {
                int a = Axis(axes[i], x.Rank), dim = x.Shape[a];
                if (steps[i] == 0) throw Fail("a step is 0");
                long s = starts[i] < 0 ? (long)starts[i] + dim : starts[i];
                long t = ends[i] < 0 ? (long)ends[i] + dim : ends[i];
                if (steps[i] > 0) { s = Math.Clamp(s, 0, dim); t = Math.Clamp(t, 0, dim); }
                else { s = Math.Clamp(s, 0, dim - 1); t = Math.Clamp(t, -1, dim - 1); }
                long n = steps[i] > 0 ? (t - s + steps[i] - 1) / steps[i] : (s - t - steps[i] - 1) / -steps[i];
                first[a] = (int)s;
                step[a] = steps[i];
                shape[a] = (int)Math.Max(0, n);
            }
            var strides = Shapes.Strides(x.Shape);
            var map = new int[Shapes.Count(shape)];
            var index = new int[shape.Length];
            for (int e = 0; e < map.Length; e++)
            {
                int s = 0;
                for (int a = 0; a < shape.Length; a++) s += (first[a] + index[a] * step[a]) * strides[a];
                map[e] = s;
                Shapes.Increment(index, shape);
            }
            Set(x.Gathered(shape, map));
        }

        private void Concat()
        {
            var parts = Enumerable.Range(0, node.Input.Count).Select(Input).ToList();
            if (parts.Count == 0) throw Fail("has no inputs");
            int rank = parts[0].Rank;
            int axis = Axis((int)(Attribute("axis") != null ? Int("axis", 0) : throw Fail("has no axis")), rank);
            foreach (var p in parts)
                if (p.Rank != rank || Enumerable.Range(0, rank).Any(a => a != axis && p.Shape[a] != parts[0].Shape[a]))
                    throw Fail($"cannot concatenate {Shapes.Show(parts[0].Shape)} and {Shapes.Show(p.Shape)} along axis {axis}");
            var shape = parts[0].Shape.ToArray();
            shape[axis] = parts.Sum(p => p.Shape[axis]);
            var stacked = AffineRows.Stack(parts.Select(p => p.Rows).ToList());
            int outer = Shapes.Count(shape.AsSpan(0, axis)), inner = Shapes.Count(shape.AsSpan(axis + 1));
            var map = new int[Shapes.Count(shape)];
            int e = 0;
            for (int o = 0; o < outer; o++)
            {
                int offset = 0;
                foreach (var p in parts)
                {
                    int block = p.Shape[axis] * inner;
                    for (int k = 0; k < block; k++) map[e++] = offset + o * block + k;
                    offset += p.Count;
                }
            }
            Set(new SymbolicTensor(shape, stacked.Select(map)));
        }

        // ------------------------------------------------------------------ affine arithmetic

        private int[] BroadcastShape(SymbolicTensor a, SymbolicTensor b) => BroadcastShape(a.Shape, b.Shape);

        private int[] BroadcastShape(int[] a, int[] b) =>
            Shapes.Broadcast(a, b) ?? throw Fail($"input shapes {Shapes.Show(a)} and {Shapes.Show(b)} do not broadcast");

        private SymbolicTensor Add(SymbolicTensor a, SymbolicTensor b)
        {
            var shape = BroadcastShape(a, b);
            return new SymbolicTensor(shape, a.BroadcastTo(shape).Rows.Plus(b.BroadcastTo(shape).Rows));
        }

        private static SymbolicTensor Scale(SymbolicTensor x, double s) =>
            s == 1 ? x : x.Gathered(x.Shape, Enumerable.Range(0, x.Count).ToArray(), Enumerable.Repeat(s, x.Count).ToArray());

        /// <summary>Elementwise product; one factor must be constant (a product of two network-dependent values is
        /// not piecewise linear).</summary>
        private SymbolicTensor Multiply(SymbolicTensor a, SymbolicTensor b)
        {
            if (!a.IsConstant && !b.IsConstant)
                throw Fail("multiplies two tensors that both depend on the network input (not piecewise linear)");
            var (factor, x) = b.IsConstant ? (b, a) : (a, b);
            var shape = BroadcastShape(a, b);
            return x.BroadcastTo(shape).Gathered(shape, Enumerable.Range(0, Shapes.Count(shape)).ToArray(),
                factor.BroadcastTo(shape).Values);
        }

        private void Divide()
        {
            var a = Input(0);
            var b = Input(1);
            if (!b.IsConstant) throw Fail("divides by a tensor that depends on the network input (not piecewise linear)");
            if (b.Values.Any(v => v == 0)) throw Fail("divides by zero");
            var shape = BroadcastShape(a, b);
            var divisor = b.BroadcastTo(shape).Values;
            if (a.IsConstant)
            {
                var dividend = a.BroadcastTo(shape).Values;
                Set(SymbolicTensor.Const(shape, dividend.Select((v, i) => v / divisor[i]).ToArray()));
                return;
            }
            Set(a.BroadcastTo(shape).Gathered(shape, Enumerable.Range(0, divisor.Length).ToArray(),
                divisor.Select(v => 1 / v).ToArray()));
        }

        private void Gemm()
        {
            var a = Input(0);
            var b = Input(1);
            var c = OptionalInput(2);
            if (a.Rank != 2 || b.Rank != 2)
                throw Fail($"A and B must be matrices, got shapes {Shapes.Show(a.Shape)} and {Shapes.Show(b.Shape)}");
            if (Int("transA", 0) != 0) a = Transpose(a, [1, 0]);
            if (Int("transB", 0) != 0) b = Transpose(b, [1, 0]);
            var y = Scale(MatMul(a, b), Float("alpha", 1f));
            if (c != null)
            {
                if (Shapes.Broadcast(c.Shape, y.Shape) is not { } s || !s.SequenceEqual(y.Shape))
                    throw Fail($"C has shape {Shapes.Show(c.Shape)}, which does not broadcast to the product's {Shapes.Show(y.Shape)}");
                y = Add(y, Scale(c, Float("beta", 1f)));
            }
            Set(y);
        }

        /// <summary>numpy.matmul with one constant factor: a linear map on the rows of the other factor.</summary>
        private SymbolicTensor MatMul(SymbolicTensor a, SymbolicTensor b)
        {
            if (!a.IsConstant && !b.IsConstant)
                throw Fail("multiplies two tensors that both depend on the network input (not piecewise linear)");
            if (a.Rank == 0 || b.Rank == 0) throw Fail("MatMul of a scalar");
            string shapes = $"{Shapes.Show(a.Shape)} x {Shapes.Show(b.Shape)}";
            if (b.IsConstant)
            {
                if (b.Rank > 2) throw Fail($"batched MatMul {shapes} is not supported");
                int k = a.Shape[^1], n = b.Rank == 2 ? b.Shape[1] : 1;
                if (b.Shape[0] != k) throw Fail($"inner dimensions differ: {shapes}");
                int outer = a.Count / Math.Max(k, 1);
                var weights = b.Values;
                var map = new RowMap(a.Count);
                for (int p = 0; p < outer; p++)
                    for (int j = 0; j < n; j++)
                    {
                        for (int i = 0; i < k; i++) map.Add(p * k + i, weights[i * n + j]);
                        map.EndRow();
                    }
                int[] shape = b.Rank == 2 ? [.. a.Shape[..^1], n] : a.Shape[..^1];
                return new SymbolicTensor(shape, a.Rows.Apply(map));
            }
            else
            {
                if (a.Rank > 2 || b.Rank > 2) throw Fail($"batched MatMul {shapes} is not supported");
                int m = a.Rank == 2 ? a.Shape[0] : 1, k = a.Shape[^1], n = b.Rank == 2 ? b.Shape[1] : 1;
                if (b.Shape[0] != k) throw Fail($"inner dimensions differ: {shapes}");
                var weights = a.Values;
                var map = new RowMap(b.Count);
                for (int r = 0; r < m; r++)
                    for (int j = 0; j < n; j++)
                    {
                        for (int i = 0; i < k; i++) map.Add(i * n + j, weights[r * k + i]);
                        map.EndRow();
                    }
                int[] shape = [.. (a.Rank == 2 ? new[] { m } : []), .. (b.Rank == 2 ? new[] { n } : [])];
                return new SymbolicTensor(shape, b.Rows.Apply(map));
            }
        }

        /// <summary>Inference mode: y = scale · (x − mean) / sqrt(var + ε) + B per channel (axis 1), an affine map
        /// that folds into its neighbours.</summary>
        private void BatchNormalization()
        {
            var x = Input(0);
            if (Int("training_mode", 0) != 0) throw Fail("training mode is not supported (export the model in eval mode)");
            if (x.Rank < 2) throw Fail($"input has shape {Shapes.Show(x.Shape)}; it needs a channel axis (rank >= 2)");
            int channels = x.Shape[1];
            double[] Parameter(int i, string what)
            {
                var t = ConstantInput(i, what);
                if (t.Count != channels)
                    throw Fail($"{what} has {t.Count} values but the input {Shapes.Show(x.Shape)} has {channels} channels");
                return t.Values;
            }
            var gamma = Parameter(1, "scale");
            var beta = Parameter(2, "bias");
            var mean = Parameter(3, "mean");
            var variance = Parameter(4, "var");
            double epsilon = Float("epsilon", 1e-5f);
            var scale = new double[channels];
            var shift = new double[channels];
            for (int ch = 0; ch < channels; ch++)
            {
                if (!(variance[ch] + epsilon > 0)) throw Fail($"var + epsilon is not positive for channel {ch}");
                scale[ch] = gamma[ch] / Math.Sqrt(variance[ch] + epsilon);
                shift[ch] = beta[ch] - mean[ch] * scale[ch];
            }
            int inner = Shapes.Count(x.Shape.AsSpan(2));
            int Channel(int e) => e / inner % channels;
            var scaled = x.Gathered(x.Shape, Enumerable.Range(0, x.Count).ToArray(),
                Enumerable.Range(0, x.Count).Select(e => scale[Channel(e)]).ToArray());
            var shifted = SymbolicTensor.Const(x.Shape, Enumerable.Range(0, x.Count).Select(e => shift[Channel(e)]).ToArray());
            Set(Add(scaled, shifted));
        }

        // ------------------------------------------------------------------ piecewise-linear operators

        /// <summary>relu or leaky relu of x: a new network layer, unless x is constant (then it is folded).</summary>
        private SymbolicTensor Activate(SymbolicTensor x, Activation activation, double slope)
        {
            if (x.IsConstant)
                return SymbolicTensor.Const(x.Shape, x.Values.Select(v => v > 0 ? v : activation == Activation.Relu ? 0 : slope * v).ToArray());
            return new SymbolicTensor(x.Shape, builder.Emit(x.Rows, activation, slope));
        }

        private void PRelu()
        {
            var x = Input(0);
            var slope = ConstantInput(1, "slope");
            if (slope.Count == 0 || slope.Values.Any(v => v != slope.Values[0]))
                throw Fail("a different slope per channel is not supported (a layer has one negative slope)");
            Set(Activate(x, Activation.LeakyRelu, slope.Values[0]));
        }

        /// <summary>clip(x, lo, hi) = lo + relu(x − lo) − relu(x − hi): one ReLU layer of twice the width.</summary>
        private void Clip()
        {
            var x = Input(0);
            double? lo, hi;
            if (node.Input.Count > 1 || Attribute("min") == null && Attribute("max") == null)
            {
                lo = OptionalInput(1) is { } l ? Scalar(l, "min") : null;
                hi = OptionalInput(2) is { } h ? Scalar(h, "max") : null;
            }
            else
            {
                lo = Attribute("min") != null ? Float("min", 0) : null;
                hi = Attribute("max") != null ? Float("max", 0) : null;
            }
            if (lo is { } a && hi is { } b && a > b) throw Fail($"min {a} is above max {b}");
            if (x.IsConstant)
            {
                Set(SymbolicTensor.Const(x.Shape, x.Values.Select(v => Math.Min(Math.Max(v, lo ?? v), hi ?? v)).ToArray()));
                return;
            }
            if (lo == null && hi == null) { Set(x); return; }
            int n = x.Count;
            var identity = Enumerable.Range(0, n).ToArray();
            var parts = new List<AffineRows>();
            if (lo != null) parts.Add(x.Rows.Plus(AffineRows.Const(Enumerable.Repeat(-lo.Value, n).ToArray())));
            // With a lower bound: x − hi; without: hi − x (then clip = hi − relu(hi − x)).
            if (hi != null)
                parts.Add(lo != null
                    ? x.Rows.Plus(AffineRows.Const(Enumerable.Repeat(-hi.Value, n).ToArray()))
                    : x.Rows.Select(identity, Enumerable.Repeat(-1.0, n).ToArray()).Plus(AffineRows.Const(Enumerable.Repeat(hi.Value, n).ToArray())));
            var h2 = builder.Emit(AffineRows.Stack(parts), Activation.Relu);
            var map = new RowMap(h2.Rows);
            for (int i = 0; i < n; i++)
            {
                if (lo != null) map.Add(i, 1);
                if (hi != null) map.Add(lo != null ? n + i : i, -1);
                map.EndRow();
            }
            var offset = AffineRows.Const(Enumerable.Repeat(lo ?? hi!.Value, n).ToArray());
            Set(new SymbolicTensor(x.Shape, h2.Apply(map).Plus(offset)));
        }

        private double Scalar(SymbolicTensor t, string what)
        {
            if (!t.IsConstant) throw Fail($"{what} must be a constant, but it depends on the network input");
            if (t.Count != 1) throw Fail($"{what} should be a scalar but has shape {Shapes.Show(t.Shape)}");
            return t.Values[0];
        }

        /// <summary>ReduceMax over the piece axes = a maxout layer (ReduceMin = −maxout of −x).</summary>
        private void Reduce(bool min)
        {
            var x = Input(0);
            var axes = Axes(1);
            bool keepDims = Int("keepdims", 1) != 0;
            if (axes == null || axes.Length == 0)
            {
                if (Int("noop_with_empty_axes", 0) != 0) { Set(x); return; }
                axes = Enumerable.Range(0, x.Rank).ToArray();
            }
            var reduced = axes.Select(a => Axis(a, x.Rank)).ToHashSet();
            var outShape = Enumerable.Range(0, x.Rank).Where(a => keepDims || !reduced.Contains(a))
                .Select(a => reduced.Contains(a) ? 1 : x.Shape[a]).ToArray();
            int pieces = reduced.Aggregate(1, (p, a) => p * x.Shape[a]);
            if (pieces == 0) throw Fail("reduces over an empty axis");
            int units = x.Count / pieces;
            // map[u·pieces + p] = the input element that is piece p of output element u (row-major in both).
            var map = new int[x.Count];
            var index = new int[x.Rank];
            for (int e = 0; e < x.Count; e++)
            {
                int u = 0, p = 0;
                for (int a = 0; a < x.Rank; a++)
                {
                    if (reduced.Contains(a)) p = p * x.Shape[a] + index[a];
                    else u = u * x.Shape[a] + index[a];
                }
                map[u * pieces + p] = e;
                Shapes.Increment(index, x.Shape);
            }
            Set(Maxout(outShape, x.Rows.Select(map), units, pieces, min));
        }

        /// <summary>Elementwise Max / Min of several (broadcast) inputs: one maxout unit per element, the inputs
        /// its pieces.</summary>
        private void Extremum(bool min)
        {
            var inputs = Enumerable.Range(0, node.Input.Count).Select(Input).ToList();
            if (inputs.Count == 0) throw Fail("has no inputs");
            var shape = inputs[0].Shape;
            foreach (var t in inputs.Skip(1)) shape = BroadcastShape(shape, t.Shape);
            int units = Shapes.Count(shape), pieces = inputs.Count;
            var stacked = AffineRows.Stack(inputs.Select(t => t.BroadcastTo(shape).Rows).ToList());
            var map = new int[units * pieces];
            for (int u = 0; u < units; u++)
                for (int p = 0; p < pieces; p++) map[u * pieces + p] = p * units + u;
            Set(Maxout(shape, stacked.Select(map), units, pieces, min));
        }

        /// <summary>max (or min) over consecutive groups of <paramref name="pieces"/> rows.</summary>
        private SymbolicTensor Maxout(int[] shape, AffineRows grouped, int units, int pieces, bool min)
        {
            if (grouped.IsConstant)
            {
                var v = grouped.Constant;
                var folded = new double[units];
                for (int u = 0; u < units; u++)
                {
                    var group = v.AsSpan(u * pieces, pieces);
                    folded[u] = min ? group.ToArray().Min() : group.ToArray().Max();
                }
                return SymbolicTensor.Const(shape, folded);
            }
            if (pieces == 1) return new SymbolicTensor(shape, grouped);
            var negate = Enumerable.Repeat(-1.0, grouped.Rows).ToArray();
            var all = Enumerable.Range(0, grouped.Rows).ToArray();
            if (min) grouped = grouped.Select(all, negate); // min(a, b) = −max(−a, −b)
            var result = builder.Emit(grouped, Activation.Maxout, pieces: pieces);
            if (min) result = result.Select(Enumerable.Range(0, units).ToArray(), Enumerable.Repeat(-1.0, units).ToArray());
            return new SymbolicTensor(shape, result);
        }
    }
}
