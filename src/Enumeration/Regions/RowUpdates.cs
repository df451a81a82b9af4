using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The vector forms of <see cref="PatternMaps"/>' incremental updates of a layer's pre-activation rows, each number
/// computed with the scalar definition's operations in its order (a multiply, then an add: no fused multiply–add),
/// so that results are bit-identical to it. Rows of 3 numbers (2-D inputs: two gradient entries and a constant)
/// are taken four at a time, 12 numbers in three vectors; rows of 4 or more a vector at a time. On 2-128-128 the
/// scalar loops, 3 numbers a row, were about a tenth of the subdivision's samples.
/// </summary>
internal static class RowUpdates
{
    /// <summary>rows[r] += factors[r] × delta for every row r whose factor is not zero (rows of
    /// <paramref name="delta"/>'s length, one after another): the scalar definition, which the vector forms
    /// match bit for bit. A zero factor's row is left alone (adding 0 × delta would turn a −0 into +0).</summary>
    public static void AddScaledScalar(Span<double> rows, ReadOnlySpan<double> factors, ReadOnlySpan<double> delta)
    {
        int w = delta.Length;
        for (int r = 0; r < factors.Length; r++)
        {
            double c = factors[r];
            if (c == 0) continue;
            var row = rows.Slice(r * w, w);
            for (int t = 0; t < w; t++) row[t] += c * delta[t];
        }
    }

    /// <summary>As <see cref="AddScaledScalar"/>, four rows at a time where the rows are 3 numbers, a vector a row
    /// where they are 4 or more.</summary>
    public static void AddScaled(Span<double> rows, ReadOnlySpan<double> factors, ReadOnlySpan<double> delta)
    {
        if (!Vector256.IsHardwareAccelerated || delta.Length < 3)
        {
            AddScaledScalar(rows, factors, delta);
            return;
        }
        if (delta.Length == 3) AddScaled3(rows, factors, delta);
        else AddScaledWide(rows, factors, delta);
    }

    private static void AddScaled3(Span<double> rows, ReadOnlySpan<double> factors, ReadOnlySpan<double> delta)
    {
        // Four rows are 12 numbers: factors c0 c0 c0 c1 | c1 c1 c2 c2 | c2 c3 c3 c3 against delta repeating.
        var d0 = Vector256.Create(delta[0], delta[1], delta[2], delta[0]);
        var d1 = Vector256.Create(delta[1], delta[2], delta[0], delta[1]);
        var d2 = Vector256.Create(delta[2], delta[0], delta[1], delta[2]);
        ref double at = ref MemoryMarshal.GetReference(rows);
        ref double f = ref MemoryMarshal.GetReference(factors);
        int r = 0, count = factors.Length;
        for (; r + 4 <= count; r += 4)
        {
            var c = Vector256.LoadUnsafe(ref f, (nuint)r);
            if (Vector256.EqualsAny(c, Vector256<double>.Zero))
            {
                AddScaledScalar(rows.Slice(3 * r, 12), factors.Slice(r, 4), delta);
                continue;
            }
            nuint k = (nuint)(3 * r);
            var c0 = Vector256.Shuffle(c, Vector256.Create(0L, 0, 0, 1));
            var c1 = Vector256.Shuffle(c, Vector256.Create(1L, 1, 2, 2));
            var c2 = Vector256.Shuffle(c, Vector256.Create(2L, 3, 3, 3));
            (Vector256.LoadUnsafe(ref at, k) + c0 * d0).StoreUnsafe(ref at, k);
            (Vector256.LoadUnsafe(ref at, k + 4) + c1 * d1).StoreUnsafe(ref at, k + 4);
            (Vector256.LoadUnsafe(ref at, k + 8) + c2 * d2).StoreUnsafe(ref at, k + 8);
        }
        AddScaledScalar(rows[(3 * r)..], factors[r..], delta);
    }

    private static void AddScaledWide(Span<double> rows, ReadOnlySpan<double> factors, ReadOnlySpan<double> delta)
    {
        int w = delta.Length, vectors = w / 4;
        ref double at = ref MemoryMarshal.GetReference(rows);
        ref double d = ref MemoryMarshal.GetReference(delta);
        for (int r = 0; r < factors.Length; r++)
        {
            double c = factors[r];
            if (c == 0) continue;
            var cs = Vector256.Create(c);
            nuint row = (nuint)(r * w);
            for (int v = 0; v < vectors; v++)
            {
                nuint k = (nuint)(4 * v);
                (Vector256.LoadUnsafe(ref at, row + k) + cs * Vector256.LoadUnsafe(ref d, k)).StoreUnsafe(ref at, row + k);
            }
            for (int t = 4 * vectors; t < w; t++) rows[r * w + t] += c * delta[t];
        }
    }

    /// <summary>sums[r] += weights[r] × factor for every r, four at a time (bit-identical to the scalar loop).</summary>
    public static void AddMultiple(Span<double> sums, ReadOnlySpan<double> weights, double factor)
    {
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double s = ref MemoryMarshal.GetReference(sums);
            ref double wt = ref MemoryMarshal.GetReference(weights);
            var fs = Vector256.Create(factor);
            for (; r + 4 <= weights.Length; r += 4)
                (Vector256.LoadUnsafe(ref s, (nuint)r) + Vector256.LoadUnsafe(ref wt, (nuint)r) * fs).StoreUnsafe(ref s, (nuint)r);
        }
        for (; r < weights.Length; r++) sums[r] += weights[r] * factor;
    }

    /// <summary>The rows whose rounding, by their history, is no longer small against their scale
    /// (history × <see cref="NumericGuards.DoubleRoundoff"/> > <see cref="NumericGuards.IncrementalMapRoundoff"/> ×
    /// scale), in increasing order into <paramref name="rows"/>; returns how many. The scalar definition.</summary>
    public static int DriftedScalar(ReadOnlySpan<double> history, ReadOnlySpan<double> scale, Span<int> rows)
    {
        int count = 0;
        for (int r = 0; r < history.Length; r++)
            if (history[r] * NumericGuards.DoubleRoundoff > NumericGuards.IncrementalMapRoundoff * scale[r])
                rows[count++] = r;
        return count;
    }

    /// <summary>As <see cref="DriftedScalar"/>, four rows tested at once.</summary>
    public static int Drifted(ReadOnlySpan<double> history, ReadOnlySpan<double> scale, Span<int> rows)
    {
        int count = 0, r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double h = ref MemoryMarshal.GetReference(history);
            ref double s = ref MemoryMarshal.GetReference(scale);
            for (; r + 4 <= history.Length; r += 4)
            {
                var rounding = Vector256.LoadUnsafe(ref h, (nuint)r) * NumericGuards.DoubleRoundoff;
                var limit = Vector256.LoadUnsafe(ref s, (nuint)r) * NumericGuards.IncrementalMapRoundoff;
                for (uint drifted = Vector256.GreaterThan(rounding, limit).ExtractMostSignificantBits(); drifted != 0;
                     drifted &= drifted - 1)
                    rows[count++] = r + BitOperations.TrailingZeroCount(drifted);
            }
        }
        for (; r < history.Length; r++)
            if (history[r] * NumericGuards.DoubleRoundoff > NumericGuards.IncrementalMapRoundoff * scale[r])
                rows[count++] = r;
        return count;
    }
}
