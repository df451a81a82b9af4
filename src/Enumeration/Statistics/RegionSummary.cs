using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Statistics;

/// <summary>Face-count histograms and radius order statistics over a set of regions. The median of an even
/// number of values is the mean of the two middle ones (as numpy's). Infinite radii (unbounded regions of
/// R^d) are left out of the radius statistics.</summary>
public sealed record RegionSummary(
    SortedDictionary<int, int> FaceHistogram,
    SortedDictionary<int, int> NeuronFaceHistogram,
    double RadiusMin,
    double RadiusMedian,
    double RadiusMax)
{
    public static RegionSummary Of(IReadOnlyList<int> faces, IReadOnlyList<int> neuronFaces, IReadOnlyList<double> radii) =>
        OfSpans(AsSpan(faces), AsSpan(neuronFaces), AsSpan(radii));

    /// <summary>As <see cref="Of"/>; the finite radii are reordered in a pooled array (a fresh one was new memory
    /// after every search: see <see cref="PooledList{T}"/>).</summary>
    internal static RegionSummary OfSpans(ReadOnlySpan<int> faces, ReadOnlySpan<int> neuronFaces, ReadOnlySpan<double> radii)
    {
        var finite = ArrayPool<double>.Shared.Rent(radii.Length);
        int n = 0;
        double min = double.NaN, max = double.NaN;
        foreach (double r in radii)
        {
            if (!double.IsFinite(r)) continue;
            finite[n++] = r;
            if (!(r >= min)) min = r;
            if (!(r <= max)) max = r;
        }
        double median = MedianInPlace(finite.AsSpan(0, n));
        ArrayPool<double>.Shared.Return(finite);
        return new RegionSummary(HistogramOf(faces), HistogramOf(neuronFaces), min, median, max);
    }

    /// <summary>The median of finite values (their span may be reordered): the middle one, or the mean of the two
    /// middle ones, the same numbers <see cref="Median"/> gives on the sorted values. Found by selection in linear
    /// time (<see cref="KthSmallest"/>) and, for the lower middle one, one more pass. After every search, where a
    /// sort of all radii took several per cent of a 2-D search, and a quickselect 0.22 ms of 20 000 radii.</summary>
    public static double MedianInPlace(Span<double> values)
    {
        int n = values.Length;
        if (n == 0) return double.NaN;
        int k = n / 2;
        double upper = KthSmallest(values, k);
        if (n % 2 == 1) return upper;
        // The lower middle one: the largest value below the upper, unless the upper also holds rank k − 1.
        int below = 0;
        double lower = double.NegativeInfinity;
        foreach (double v in values)
            if (v < upper) { below++; lower = Math.Max(lower, v); }
        return 0.5 * ((below == k ? lower : upper) + upper);
    }

    /// <summary>The k-th smallest (0-based) of finite values, by their bits: each double as an unsigned key in the
    /// values' order, the keys counted by the RadixBits bits below the prefix all candidates share, and only the
    /// bucket holding rank k kept, until a few are left to sort. Three passes over the values and few over the
    /// rest, none with a branch on the data as a quickselect's partition has (it mispredicted about every other
    /// comparison).</summary>
    private static double KthSmallest(ReadOnlySpan<double> values, int k)
    {
        const int RadixBits = 11, Buckets = 1 << RadixBits, FewEnoughToSort = 32;
        int count = values.Length;
        var pooled = ArrayPool<ulong>.Shared.Rent(count);
        var keys = pooled.AsSpan(0, count);
        ulong lo = ulong.MaxValue, hi = 0;
        for (int i = 0; i < count; i++)
        {
            ulong key = Key(values[i]);
            keys[i] = key;
            lo = Math.Min(lo, key);
            hi = Math.Max(hi, key);
        }
        Span<int> counts = stackalloc int[Buckets];
        while (count > FewEnoughToSort && lo != hi)
        {
            // The candidates share the bits above lo ^ hi's highest; bucket them by the next RadixBits.
            int shift = Math.Max(0, 64 - BitOperations.LeadingZeroCount(lo ^ hi) - RadixBits);
            counts.Clear();
            foreach (ulong key in keys[..count]) counts[(int)(key >> shift) & (Buckets - 1)]++;
            int bucket = 0;
            while (k >= counts[bucket]) k -= counts[bucket++];
            int kept = 0;
            (lo, hi) = (ulong.MaxValue, 0);
            foreach (ulong key in keys[..count])
            {
                if (((int)(key >> shift) & (Buckets - 1)) != bucket) continue;
                keys[kept++] = key;
                lo = Math.Min(lo, key);
                hi = Math.Max(hi, key);
            }
            count = kept;
        }
        keys[..count].Sort();
        double kth = Value(keys[k]);
        ArrayPool<ulong>.Shared.Return(pooled);
        return kth;
    }

    // A double's bits as an unsigned key in the doubles' order (negatives' bits reversed, positives' sign bit set).
    private static ulong Key(double x)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(x);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    private static double Value(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);

    private const ulong SignBit = 1UL << 63;

    /// <summary>Counts per value, then sorted by value. The values are a few distinct face counts and the regions
    /// many, so small non-negative values are counted in an array (a tree lookup per region, and then a hash lookup,
    /// cost more than the search's own bookkeeping after every search); others in a hash table.</summary>
    public static SortedDictionary<int, int> Histogram(IEnumerable<int> values) =>
        HistogramOf(values is IReadOnlyList<int> list ? AsSpan(list) : values.ToArray());

    private static SortedDictionary<int, int> HistogramOf(ReadOnlySpan<int> values)
    {
        const int Direct = 1024;
        var direct = new int[Direct];
        var others = new Dictionary<int, int>();
        foreach (int v in values) Count(v);
        var histogram = new SortedDictionary<int, int>(others);
        for (int v = 0; v < Direct; v++) if (direct[v] > 0) histogram.Add(v, direct[v]);
        return histogram;

        void Count(int v)
        {
            if ((uint)v < Direct) { direct[v]++; return; }
            ref int count = ref CollectionsMarshal.GetValueRefOrAddDefault(others, v, out _);
            count++;
        }
    }

    /// <summary>The list's items as a span (an array's or a list's without a copy).</summary>
    private static ReadOnlySpan<T> AsSpan<T>(IReadOnlyList<T> list) => list switch
    {
        T[] array => array,
        List<T> items => CollectionsMarshal.AsSpan(items),
        _ => list.ToArray(),
    };

    /// <summary>Median of an ascending array.</summary>
    public static double Median(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        if (n == 0) return double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
