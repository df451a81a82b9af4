using System.Buffers.Binary;
using Polytopes.Enumeration.Formats.Onnx.Proto;

namespace Polytopes.Enumeration.Formats.Onnx;

/// <summary>Decodes an ONNX <see cref="TensorProto"/> (initializer or Constant value) into a constant tensor of
/// float64 values. Float32 and float16 values are exact in float64; integers are exact up to 2^53.</summary>
internal static class OnnxTensors
{
    public static SymbolicTensor Decode(TensorProto t, string what)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw new OnnxProblem($"{what} keeps its data in an external file, which is not supported " +
                                  "(export with the weights inside the .onnx file)");
        var shape = new int[t.Dims.Count];
        long count = 1;
        for (int a = 0; a < shape.Length; a++)
        {
            long d = t.Dims[a];
            if (d < 0 || d > int.MaxValue) throw new OnnxProblem($"{what} has an invalid dimension {d}");
            shape[a] = (int)d;
            count *= d;
            if (count > Shapes.MaxElements) throw new OnnxProblem($"{what} is too large ({Shapes.Show(shape[..(a + 1)])}...)");
        }
        var values = Values(t, (int)count, what);
        if (values.Length != count)
            throw new OnnxProblem($"{what} has {values.Length} values but its dims {Shapes.Show(shape)} need {count}");
        return SymbolicTensor.Const(shape, values);
    }

    private static double[] Values(TensorProto t, int count, string what)
    {
        var raw = t.RawData.Span;
        bool hasRaw = raw.Length > 0;
        var type = (TensorProto.Types.DataType)t.DataType;
        switch (type)
        {
            case TensorProto.Types.DataType.Float:
                return hasRaw ? FromRaw(raw, 4, what, b => BinaryPrimitives.ReadSingleLittleEndian(b))
                              : t.FloatData.Select(v => (double)v).ToArray();
            case TensorProto.Types.DataType.Double:
                return hasRaw ? FromRaw(raw, 8, what, b => BinaryPrimitives.ReadDoubleLittleEndian(b)) : t.DoubleData.ToArray();
            case TensorProto.Types.DataType.Float16:
                return hasRaw ? FromRaw(raw, 2, what, b => (double)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(b)))
                              : t.Int32Data.Select(v => (double)BitConverter.UInt16BitsToHalf((ushort)v)).ToArray();
            case TensorProto.Types.DataType.Bfloat16:
                return hasRaw ? FromRaw(raw, 2, what, b => (double)BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b) << 16))
                              : t.Int32Data.Select(v => (double)BitConverter.Int32BitsToSingle((v & 0xFFFF) << 16)).ToArray();
            case TensorProto.Types.DataType.Int64:
                return hasRaw ? FromRaw(raw, 8, what, b => BinaryPrimitives.ReadInt64LittleEndian(b)) : t.Int64Data.Select(v => (double)v).ToArray();
            case TensorProto.Types.DataType.Int32:
                return hasRaw ? FromRaw(raw, 4, what, b => BinaryPrimitives.ReadInt32LittleEndian(b)) : t.Int32Data.Select(v => (double)v).ToArray();
            case TensorProto.Types.DataType.Int16:
                return hasRaw ? FromRaw(raw, 2, what, b => BinaryPrimitives.ReadInt16LittleEndian(b)) : t.Int32Data.Select(v => (double)v).ToArray();
            case TensorProto.Types.DataType.Uint16:
                return hasRaw ? FromRaw(raw, 2, what, b => BinaryPrimitives.ReadUInt16LittleEndian(b)) : t.Int32Data.Select(v => (double)v).ToArray();
            case TensorProto.Types.DataType.Int8:
                return hasRaw ? FromRaw(raw, 1, what, b => (sbyte)b[0]) : t.Int32Data.Select(v => (double)v).ToArray();
            case TensorProto.Types.DataType.Uint8:
            case TensorProto.Types.DataType.Bool:
                return hasRaw ? FromRaw(raw, 1, what, b => b[0]) : t.Int32Data.Select(v => (double)v).ToArray();
            case TensorProto.Types.DataType.Uint32:
                return hasRaw ? FromRaw(raw, 4, what, b => BinaryPrimitives.ReadUInt32LittleEndian(b)) : t.Uint64Data.Select(v => (double)v).ToArray();
            case TensorProto.Types.DataType.Uint64:
                return hasRaw ? FromRaw(raw, 8, what, b => BinaryPrimitives.ReadUInt64LittleEndian(b)) : t.Uint64Data.Select(v => (double)v).ToArray();
            default:
                throw new OnnxProblem($"{what} has element type {TypeName(t.DataType)}, which is not supported");
        }
    }

    private delegate double Read(ReadOnlySpan<byte> bytes);

    private static double[] FromRaw(ReadOnlySpan<byte> raw, int size, string what, Read read)
    {
        if (raw.Length % size != 0)
            throw new OnnxProblem($"{what} has {raw.Length} bytes of raw data, not a multiple of {size}");
        var values = new double[raw.Length / size];
        for (int i = 0; i < values.Length; i++) values[i] = read(raw.Slice(i * size, size));
        return values;
    }

    /// <summary>The ONNX name of an element type number (e.g. 1 → FLOAT).</summary>
    public static string TypeName(int dataType) =>
        Enum.IsDefined(typeof(TensorProto.Types.DataType), dataType)
            ? ((TensorProto.Types.DataType)dataType).ToString().ToUpperInvariant()
            : $"#{dataType}";

    public static bool IsFloatingPoint(int dataType) => (TensorProto.Types.DataType)dataType is
        TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Double or TensorProto.Types.DataType.Float16
        or TensorProto.Types.DataType.Bfloat16;
}

/// <summary>A problem with the ONNX file; the importer prefixes the file name and rethrows it as
/// <see cref="InputException"/>.</summary>
internal sealed class OnnxProblem(string message) : Exception(message);
