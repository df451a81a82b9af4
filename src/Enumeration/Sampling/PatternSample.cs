using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Sampling;

/// <summary>
/// The activation patterns of <see cref="Points"/> uniform random points: each distinct pattern once, in order of
/// first appearance, with how many points had it. Immutable.
/// </summary>
public sealed class PatternSample
{
    public PatternSample(long points, IReadOnlyList<ActivationPattern> patterns, IReadOnlyList<int> counts)
    {
        if (patterns.Count != counts.Count) throw new ArgumentException("one count per pattern is needed");
        if (counts.Any(c => c <= 0)) throw new ArgumentException("counts must be positive");
        if (counts.Sum(c => (long)c) != points) throw new ArgumentException("the counts must add up to the points");
        Points = points;
        Patterns = patterns.ToArray();
        Counts = counts.ToArray();
        FrequencyCounts = Frequencies(Counts);
    }

    public long Points { get; }
    /// <summary>Distinct patterns in order of first appearance.</summary>
    public IReadOnlyList<ActivationPattern> Patterns { get; }
    public IReadOnlyList<int> Counts { get; }
    public int Distinct => Patterns.Count;
    /// <summary>f_k: the number of patterns seen exactly k times (k → f_k), the input of every richness estimator.</summary>
    public SortedDictionary<int, int> FrequencyCounts { get; }

    public RichnessEstimates Estimates() => RichnessEstimators.Estimate(FrequencyCounts, Points);

    /// <summary>Patterns by decreasing count, ties by pattern text (ordinal): an order independent of sampling order.</summary>
    public IEnumerable<(ActivationPattern Pattern, int Count)> ByFrequency() =>
        Patterns.Zip(Counts).Select(pc => (pc.First, pc.Second))
            .OrderByDescending(pc => pc.Second).ThenBy(pc => pc.First.ToString(), StringComparer.Ordinal);

    public static SortedDictionary<int, int> Frequencies(IEnumerable<int> counts)
    {
        var f = new SortedDictionary<int, int>();
        foreach (var c in counts) f[c] = f.GetValueOrDefault(c) + 1;
        return f;
    }
}
