using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Polytopes.Geometry;

/// <summary>Small dense vector helpers on spans (no allocation).</summary>
public static class VectorMath
{
    // Inlined: most calls are on rows of 3 to 13 entries, where the call cost as much as the sum.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        y = y[..x.Length]; // one length check, none per entry
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
    /// several rows per SIMD vector. Each entry is summed in the order of <see cref="Dot"/> (t = 0, 1, …, no fused
    /// multiply-add), so result[i] is bit-identical to Dot(row i, v).
    /// </summary>
    public static void MultiplyColumns(ReadOnlySpan<double> columns, int rows, ReadOnlySpan<double> v, Span<double> result) =>
        MultiplyColumns(columns, rows, rows, v, result);

    /// <summary>As <see cref="MultiplyColumns(ReadOnlySpan{double}, int, ReadOnlySpan{double}, Span{double})"/> for
    /// the first <paramref name="rows"/> rows of a matrix whose columns are <paramref name="stride"/> apart (room
    /// left for rows appended later). Four rows at a time are summed in a register over all columns.</summary>
    public static void MultiplyColumns(ReadOnlySpan<double> columns, int stride, int rows, ReadOnlySpan<double> v,
        Span<double> result)
    {
        result = result[..rows];
        int n = v.Length, i = 0;
        if (n == 0 || rows == 0) { result.Clear(); return; }
        if (columns.Length < (n - 1) * stride + rows)
            throw new ArgumentException("the columns do not hold that many rows", nameof(columns));
        if (Vector256.IsHardwareAccelerated)
        {
            ref double c0 = ref MemoryMarshal.GetReference(columns);
            ref double r0 = ref MemoryMarshal.GetReference(result);
            for (; i <= rows - 4; i += 4)
            {
                var acc = Vector256<double>.Zero;
                for (int t = 0; t < n; t++)
                    acc += Vector256.LoadUnsafe(ref c0, (nuint)(t * stride + i)) * Vector256.Create(v[t]);
                acc.StoreUnsafe(ref r0, (nuint)i);
            }
        }
        for (; i < rows; i++)
        {
            double sum = 0;
            for (int t = 0; t < n; t++) sum += columns[t * stride + i] * v[t];
            result[i] = sum;
        }
    }

    /// <summary>
    /// The indices of <paramref name="keys"/> in increasing order of key, equal keys in increasing index (a stable
    /// sort): <paramref name="order"/>[r] is the index of rank r. Each key's rank is counted directly — the keys
    /// below it, and the equal ones before it — four keys per vector compare: O(m²) comparisons but no branch on
    /// the data, which for the 10–40 rows of a region is faster than a comparison sort's mispredicted branches.
    /// The keys must be numbers (no NaN), or the ranks would not be a permutation.
    /// </summary>
    public static void RankOrder(ReadOnlySpan<double> keys, Span<int> order)
    {
        int m = keys.Length;
        order = order[..m];
        ref double k0 = ref MemoryMarshal.GetReference(keys);
        for (int i = 0; i < m; i++)
        {
            double key = keys[i];
            var mine = Vector256.Create(key);
            int rank = 0, j = 0;
            for (; j <= m - 4; j += 4)
            {
                var v = Vector256.LoadUnsafe(ref k0, (nuint)j);
                uint below = Vector256.LessThan(v, mine).ExtractMostSignificantBits();
                uint equal = Vector256.Equals(v, mine).ExtractMostSignificantBits();
                uint earlier = i >= j + 4 ? 0xFu : i > j ? (1u << (i - j)) - 1 : 0u;
                rank += System.Numerics.BitOperations.PopCount(below | (equal & earlier));
            }
            for (; j < m; j++)
                if (keys[j] < key || (keys[j] == key && j < i)) rank++;
            order[rank] = i;
        }
    }

    /// <summary>
    /// The ratio test of a ray: writes ratios[j] = num[j] / den[j] where den[j] &gt; 0 and +∞ elsewhere, and returns
    /// the lowest index of the least ratio (−1 when every den[j] ≤ 0), with that ratio in <paramref name="least"/>.
    /// Four rows per step where 256-bit vectors are accelerated: a scalar loop mispredicts the sign test on about
    /// every other row. Same quotients and the same index as the scalar loop (a lane keeps its first least ratio;
    /// the lanes are then compared by ratio, then index).
    /// </summary>
    public static int LeastPositiveRatio(ReadOnlySpan<double> num, ReadOnlySpan<double> den, Span<double> ratios,
        out double least)
    {
        int m = den.Length, j = 0, best = -1;
        least = double.PositiveInfinity;
        num = num[..m];
        ratios = ratios[..m];
        if (Vector256.IsHardwareAccelerated && m >= 2 * Vector256<double>.Count)
        {
            var infinity = Vector256.Create(double.PositiveInfinity);
            var leastLanes = infinity;
            var index = Vector256.Create(0L, 1L, 2L, 3L);
            var step = Vector256.Create(4L);
            var bestLanes = Vector256.Create(-1L);
            ref double n0 = ref MemoryMarshal.GetReference(num);
            ref double d0 = ref MemoryMarshal.GetReference(den);
            ref double r0 = ref MemoryMarshal.GetReference(ratios);
            for (; j <= m - 4; j += 4)
            {
                var d = Vector256.LoadUnsafe(ref d0, (nuint)j);
                var t = Vector256.ConditionalSelect(Vector256.GreaterThan(d, Vector256<double>.Zero),
                    Vector256.LoadUnsafe(ref n0, (nuint)j) / d, infinity);
                t.StoreUnsafe(ref r0, (nuint)j);
                var better = Vector256.LessThan(t, leastLanes);
                leastLanes = Vector256.ConditionalSelect(better, t, leastLanes);
                bestLanes = Vector256.ConditionalSelect(better.AsInt64(), index, bestLanes);
                index += step;
            }
            for (int lane = 0; lane < 4; lane++)
            {
                long at = bestLanes.GetElement(lane);
                double t = leastLanes.GetElement(lane);
                if (at >= 0 && (t < least || (t == least && at < best))) { least = t; best = (int)at; }
            }
        }
        for (; j < m; j++)
        {
            double t = den[j] > 0 ? num[j] / den[j] : double.PositiveInfinity;
            ratios[j] = t;
            if (t < least) { least = t; best = j; }
        }
        return best;
    }

    /// <summary>
    /// The simplex's ratio test, without choosing: ratios[j] = max(slack[j], 0) / along[j] for the rows that block
    /// the move (along[j] &gt; <paramref name="factor"/> × norm[j]) and +∞ for the others, four rows per step where
    /// 256-bit vectors are accelerated (the scalar sign test mispredicts on about every other row). The quotients
    /// are the scalar loop's (a non-positive slack gives 0).
    /// </summary>
    public static void BlockingRatios(ReadOnlySpan<double> slack, ReadOnlySpan<double> along, ReadOnlySpan<double> norm,
        double factor, Span<double> ratios)
    {
        int m = along.Length, j = 0;
        slack = slack[..m];
        norm = norm[..m];
        ratios = ratios[..m];
        if (Vector256.IsHardwareAccelerated && m >= Vector256<double>.Count)
        {
            var infinity = Vector256.Create(double.PositiveInfinity);
            var f = Vector256.Create(factor);
            ref double s0 = ref MemoryMarshal.GetReference(slack);
            ref double a0 = ref MemoryMarshal.GetReference(along);
            ref double n0 = ref MemoryMarshal.GetReference(norm);
            ref double r0 = ref MemoryMarshal.GetReference(ratios);
            for (; j <= m - 4; j += 4)
            {
                var a = Vector256.LoadUnsafe(ref a0, (nuint)j);
                var blocks = Vector256.GreaterThan(a, f * Vector256.LoadUnsafe(ref n0, (nuint)j));
                var s = Vector256.LoadUnsafe(ref s0, (nuint)j);
                var t = Vector256.ConditionalSelect(Vector256.GreaterThan(s, Vector256<double>.Zero), s / a, Vector256<double>.Zero);
                Vector256.ConditionalSelect(blocks, t, infinity).StoreUnsafe(ref r0, (nuint)j);
            }
        }
        for (; j < m; j++)
            ratios[j] = along[j] > factor * norm[j] ? (slack[j] > 0 ? slack[j] / along[j] : 0) : double.PositiveInfinity;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Dot(x, x));

    /// <summary>‖x‖₂ without overflow or underflow in the squares (entries up to the largest double): scaled by the
    /// largest entry when that is outside [1e-150, 1e150]. For statistics of arbitrary networks' maps, not for hot
    /// loops.</summary>
    public static double ScaledNorm(ReadOnlySpan<double> x)
    {
        double m = MaxAbs(x);
        if (m == 0 || !double.IsFinite(m) || (m > 1e-150 && m < 1e150)) return Norm(x);
        double s = 0;
        foreach (var v in x) s += v / m * (v / m);
        return m * Math.Sqrt(s);
    }

    /// <summary>Whether every entry is a finite double.</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (var v in x) if (!double.IsFinite(v)) return false;
        return true;
    }

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
