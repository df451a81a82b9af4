using System.Buffers;
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

    /// <summary>The median of finite values, reordering them: the middle one (or the mean of the two middle ones)
    /// found by selection in linear expected time, the same numbers <see cref="Median"/> gives on the sorted
    /// values. After every search, where a sort of all radii took several per cent of a 2-D search.</summary>
    public static double MedianInPlace(Span<double> values)
    {
        int n = values.Length;
        if (n == 0) return double.NaN;
        int k = n / 2;
        Select(values, k);
        if (n % 2 == 1) return values[k];
        double below = values[0];
        for (int i = 1; i < k; i++) below = Math.Max(below, values[i]);
        return 0.5 * (below + values[k]);
    }

    /// <summary>Reorders <paramref name="v"/> so that v[k] is its k-th smallest value (0-based), every value before
    /// it no larger and every value after it no smaller (quickselect, median-of-three pivots).</summary>
    private static void Select(Span<double> v, int k)
    {
        int lo = 0, hi = v.Length - 1;
        while (hi > lo)
        {
            int mid = lo + (hi - lo) / 2;
            if (v[mid] < v[lo]) (v[mid], v[lo]) = (v[lo], v[mid]);
            if (v[hi] < v[lo]) (v[hi], v[lo]) = (v[lo], v[hi]);
            if (v[hi] < v[mid]) (v[hi], v[mid]) = (v[mid], v[hi]);
            double pivot = v[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (v[i] < pivot) i++;
                while (v[j] > pivot) j--;
                if (i <= j) { (v[i], v[j]) = (v[j], v[i]); i++; j--; }
            }
            // Now v[lo..j] <= pivot <= v[i..hi], and anything between j and i equals the pivot.
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return;
        }
    }

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
