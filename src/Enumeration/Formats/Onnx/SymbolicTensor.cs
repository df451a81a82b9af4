namespace Polytopes.Enumeration.Formats.Onnx;

/// <summary>
/// A tensor of the ONNX graph during import: its shape (the batch axis, if any, has size 1) and its elements in
/// row-major order as <see cref="AffineRows"/>. Constants (initializers, Constant nodes, shape arithmetic) are the
/// tensors without terms, so one set of shape operations serves constants and network-dependent values alike.
/// </summary>
internal sealed class SymbolicTensor
{
    public SymbolicTensor(int[] shape, AffineRows rows)
    {
        if (Shapes.Count(shape) != rows.Rows)
            throw new InvalidOperationException($"shape {Shapes.Show(shape)} does not hold {rows.Rows} rows");
        Shape = shape;
        Rows = rows;
    }

    public static SymbolicTensor Const(int[] shape, double[] values) => new(shape, AffineRows.Const(values));

    public int[] Shape { get; }
    public AffineRows Rows { get; }
    public int Rank => Shape.Length;
    public int Count => Rows.Rows;
    public bool IsConstant => Rows.IsConstant;
    /// <summary>The values of a constant tensor.</summary>
    public double[] Values => IsConstant ? Rows.Constant : throw new InvalidOperationException("not a constant");

    public SymbolicTensor Reshaped(int[] shape) => new(shape, Rows);

    /// <summary>out[index] = this[map(index)] over <paramref name="shape"/>, with an optional scale per element.</summary>
    public SymbolicTensor Gathered(int[] shape, int[] map, double[]? scale = null) => new(shape, Rows.Select(map, scale));

    /// <summary>This tensor broadcast (numpy rules) to <paramref name="shape"/>, which must be a broadcast of its shape.</summary>
    public SymbolicTensor BroadcastTo(int[] shape) =>
        Shape.SequenceEqual(shape) ? this : Gathered(shape, Shapes.BroadcastMap(Shape, shape));
}

/// <summary>Shape arithmetic: element counts, strides, numpy broadcasting.</summary>
internal static class Shapes
{
    /// <summary>The largest tensor the importer builds (elements), against runaway shapes.</summary>
    public const long MaxElements = 1 << 26;

    public static int Count(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return (int)n;
    }

    public static int[] Strides(int[] shape)
    {
        var s = new int[shape.Length];
        int stride = 1;
        for (int a = shape.Length - 1; a >= 0; a--) { s[a] = stride; stride *= shape[a]; }
        return s;
    }

    public static string Show(IEnumerable<int> shape) => "[" + string.Join(",", shape) + "]";

    /// <summary>The numpy broadcast of two shapes, or null if they do not broadcast.</summary>
    public static int[]? Broadcast(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1) return null;
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>For each element of <paramref name="target"/> (row-major), the element of <paramref name="source"/>
    /// that broadcasting places there.</summary>
    public static int[] BroadcastMap(int[] source, int[] target)
    {
        int offset = target.Length - source.Length;
        var sourceStrides = Strides(source);
        var map = new int[Count(target)];
        var index = new int[target.Length];
        for (int e = 0; e < map.Length; e++)
        {
            int s = 0;
            for (int a = 0; a < source.Length; a++)
                if (source[a] != 1) s += index[a + offset] * sourceStrides[a];
            map[e] = s;
            Increment(index, target);
        }
        return map;
    }

    /// <summary>Advances a row-major multi-index by one.</summary>
    public static void Increment(int[] index, int[] shape)
    {
        for (int a = shape.Length - 1; a >= 0; a--)
        {
            if (++index[a] < shape[a]) return;
            index[a] = 0;
        }
    }
}
