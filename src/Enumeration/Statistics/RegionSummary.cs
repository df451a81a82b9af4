using System.Runtime.InteropServices;

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
    public static RegionSummary Of(IReadOnlyList<int> faces, IReadOnlyList<int> neuronFaces, IReadOnlyList<double> radii)
    {
        var sorted = radii.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        return new RegionSummary(Histogram(faces), Histogram(neuronFaces),
            sorted.Length == 0 ? double.NaN : sorted[0], Median(sorted),
            sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    /// <summary>Counts per value, counted in a hash table (the values are a few distinct face counts, the regions
    /// many: one tree lookup per region cost more than the search's own bookkeeping), then sorted by value.</summary>
    public static SortedDictionary<int, int> Histogram(IEnumerable<int> values)
    {
        var counts = new Dictionary<int, int>();
        foreach (var v in values)
        {
            ref int count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, v, out _);
            count++;
        }
        return new SortedDictionary<int, int>(counts);
    }

    /// <summary>Median of an ascending array.</summary>
    public static double Median(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        if (n == 0) return double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
