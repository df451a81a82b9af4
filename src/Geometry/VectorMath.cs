namespace Polytopes.Geometry;

/// <summary>Small dense vector helpers on spans (no allocation).</summary>
public static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>Dot product with SIMD lanes (System.Numerics.Vector) for long spans; summation order is fixed,
    /// so results are bit-identical from run to run on one machine.</summary>
    public static double DotSimd(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, i = 0;
        double s = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && n >= 2 * System.Numerics.Vector<double>.Count)
        {
            var acc = System.Numerics.Vector<double>.Zero;
            var xv = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(x);
            var yv = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(y[..n]);
            for (int k = 0; k < xv.Length; k++) acc += xv[k] * yv[k];
            s = System.Numerics.Vector.Sum(acc);
            i = xv.Length * System.Numerics.Vector<double>.Count;
        }
        for (; i < n; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>
    /// result = M·v for a matrix stored column by column (column t is <c>columns[t·rows .. (t+1)·rows)</c>),
    /// several rows per SIMD lane. Each entry is summed in the order of <see cref="Dot"/> (t = 0, 1, …, no fused
    /// multiply-add), so result[i] is bit-identical to Dot(row i, v).
    /// </summary>
    public static void MultiplyColumns(ReadOnlySpan<double> columns, int rows, ReadOnlySpan<double> v, Span<double> result) =>
        MultiplyColumns(columns, rows, rows, v, result);

    /// <summary>As <see cref="MultiplyColumns(ReadOnlySpan{double}, int, ReadOnlySpan{double}, Span{double})"/> for
    /// the first <paramref name="rows"/> rows of a matrix whose columns are <paramref name="stride"/> apart (room
    /// left for rows appended later).</summary>
    public static void MultiplyColumns(ReadOnlySpan<double> columns, int stride, int rows, ReadOnlySpan<double> v,
        Span<double> result)
    {
        result = result[..rows];
        result.Clear();
        int lanes = System.Numerics.Vector<double>.Count, vectorRows = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && rows >= lanes)
        {
            vectorRows = rows - rows % lanes;
            var acc = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(result[..vectorRows]);
            for (int t = 0; t < v.Length; t++)
            {
                var col = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(
                    columns.Slice(t * stride, vectorRows));
                var scale = new System.Numerics.Vector<double>(v[t]);
                for (int k = 0; k < acc.Length; k++) acc[k] += col[k] * scale;
            }
        }
        for (int t = 0; t < v.Length; t++)
        {
            var col = columns.Slice(t * stride, rows);
            double vt = v[t];
            for (int i = vectorRows; i < rows; i++) result[i] += col[i] * vt;
        }
    }

    /// <summary>Writes the row-major <paramref name="rows"/> × <paramref name="n"/> matrix column by column.</summary>
    public static void Transpose(ReadOnlySpan<double> rowMajor, int rows, int n, Span<double> columns)
    {
        for (int i = 0; i < rows; i++)
        {
            var row = rowMajor.Slice(i * n, n);
            for (int t = 0; t < n; t++) columns[t * rows + i] = row[t];
        }
    }

    public static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Dot(x, x));

    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    /// <summary>Euclidean distance between two points.</summary>
    public static double Distance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) { double t = x[i] - y[i]; s += t * t; }
        return Math.Sqrt(s);
    }
}
