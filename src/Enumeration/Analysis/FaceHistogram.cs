using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Analysis;

/// <summary>
/// The face-count histograms of a set of regions (Fan et al. 2023, "Deep ReLU networks have surprisingly simple
/// polytopes"): <see cref="Total"/> counts every facet of a region, box sides included; <see cref="Neuron"/> only
/// the facets owned by units. Immutable; two histograms <see cref="Merge"/> into the histogram of both region sets
/// (so networks can be pooled). Means are exact (Σ k·n_k / N); the median of an even count is the mean of the
/// two middle values (as numpy's). <see cref="InputDim"/> is null for a pool of networks of different dimensions.
/// </summary>
public sealed record FaceHistogram(string Name, int? InputDim, SortedDictionary<int, int> Total, SortedDictionary<int, int> Neuron)
{
    public static FaceHistogram Of(string name, int inputDim, IEnumerable<Region> regions)
    {
        var total = new SortedDictionary<int, int>();
        var neuron = new SortedDictionary<int, int>();
        foreach (var r in regions)
        {
            total[r.FaceCount] = total.GetValueOrDefault(r.FaceCount) + 1;
            neuron[r.NeuronFaceCount] = neuron.GetValueOrDefault(r.NeuronFaceCount) + 1;
        }
        return new FaceHistogram(name, inputDim, total, neuron);
    }

    /// <summary>From an enumeration's own histograms (no regions needed).</summary>
    public static FaceHistogram Of(string name, EnumerationResult result) =>
        new(name, result.InputDim, new SortedDictionary<int, int>(result.FaceHistogram),
            new SortedDictionary<int, int>(result.NeuronFaceHistogram))
        {
            WholeSpace = result.WholeSpace,
            UnboundedRegions = result.UnboundedRegions,
        };

    /// <summary>True when the regions are those of all of R^d (no box sides; some regions may be unbounded). A
    /// pool is whole-space only when every part is.</summary>
    public bool WholeSpace { get; init; }
    /// <summary>Regions that are unbounded polyhedra (only with <see cref="WholeSpace"/>).</summary>
    public int UnboundedRegions { get; init; }
    public int BoundedRegions => Regions - UnboundedRegions;

    /// <summary>The reference value for this histogram's dimension and domain (null for a pool of mixed dimensions
    /// or of box and whole-space histograms).</summary>
    public FaceReference? Reference => InputDim is not int d ? null
        : WholeSpace ? FaceReference.ForWholeSpace(d)
        : MixedDomains ? null : FaceReference.For(d);

    private bool MixedDomains { get; init; }

    public int Regions => Total.Values.Sum();
    public double MeanFaces => Mean(Total);
    public double MedianFaces => Median(Total);
    public double MeanNeuronFaces => Mean(Neuron);
    public double MedianNeuronFaces => Median(Neuron);

    /// <summary>The pooled histogram of both region sets.</summary>
    public FaceHistogram Merge(FaceHistogram other, string name) =>
        new(name, InputDim == other.InputDim ? InputDim : null, Add(Total, other.Total), Add(Neuron, other.Neuron))
        {
            WholeSpace = WholeSpace && other.WholeSpace,
            MixedDomains = MixedDomains || other.MixedDomains || WholeSpace != other.WholeSpace,
            UnboundedRegions = UnboundedRegions + other.UnboundedRegions,
        };

    /// <summary>Pools any number of histograms (empty list: an empty histogram of unknown dimension).</summary>
    public static FaceHistogram Pool(string name, IReadOnlyList<FaceHistogram> parts)
    {
        if (parts.Count == 0) return new FaceHistogram(name, null, new(), new());
        var pooled = parts[0] with { Name = name };
        for (int i = 1; i < parts.Count; i++) pooled = pooled.Merge(parts[i], name);
        return pooled;
    }

    public static double Mean(IReadOnlyDictionary<int, int> h)
    {
        long n = 0, sum = 0;
        foreach (var (k, c) in h) { n += c; sum += (long)k * c; }
        return n == 0 ? double.NaN : (double)sum / n;
    }

    /// <summary>The median of the values a histogram counts (mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyDictionary<int, int> h)
    {
        long n = h.Values.Sum(c => (long)c);
        if (n == 0) return double.NaN;
        return n % 2 == 1 ? At(h, n / 2) : 0.5 * (At(h, n / 2 - 1) + At(h, n / 2));
    }

    /// <summary>The value at 0-based rank <paramref name="rank"/> in ascending order.</summary>
    private static int At(IReadOnlyDictionary<int, int> h, long rank)
    {
        foreach (var (k, c) in h.OrderBy(kv => kv.Key))
        {
            if (rank < c) return k;
            rank -= c;
        }
        throw new ArgumentOutOfRangeException(nameof(rank));
    }

    private static SortedDictionary<int, int> Add(SortedDictionary<int, int> a, SortedDictionary<int, int> b)
    {
        var sum = new SortedDictionary<int, int>(a);
        foreach (var (k, c) in b) sum[k] = sum.GetValueOrDefault(k) + c;
        return sum;
    }
}

/// <summary>What the mean number of faces per region is compared with, for one input dimension:
/// <see cref="Value"/> the reference value and where it comes from; <see cref="Bound"/> an upper bound valid for
/// every subdivision considered, when there is one.</summary>
public sealed record FaceReference(int InputDim, double Value, string ValueSource, double? Bound, string BoundSource)
{
    public static FaceReference For(int inputDim)
    {
        if (inputDim < 1) throw new ArgumentOutOfRangeException(nameof(inputDim));
        return inputDim switch
        {
            1 => new FaceReference(1, 2,
                "every region of a line segment is an interval with exactly 2 faces (its endpoints)",
                2, "exact in 1-D"),
            2 => new FaceReference(2, 4,
                "Euler's formula V - E + F = 2 for the subdivision of the box: the mean is exactly 4 when every vertex " +
                "inside the box is a simple crossing of two lines (degree 4, also where a deeper unit's line bends on " +
                "an earlier one) and every vertex on the box boundary has degree 3; e.g. n lines in general position " +
                "crossing inside the box give (2n^2 + 2n + 4) faces over (n^2 + n + 2)/2 regions = 4. Lines through one " +
                "point lower the mean, lines ending on others (T-junctions) raise it",
                6, "Euler's formula with every vertex of degree >= 3 except the 4 box corners: E <= 3N + 1 and at least " +
                   "4 edges on the box boundary, so the faces of N regions sum to at most 6N - 2 (mean < 6)"),
            _ => new FaceReference(inputDim, 2 * inputDim,
                $"n hyperplanes in general position in R^{inputDim}: mean facets per cell 2 f_{inputDim - 1} / f_{inputDim} " +
                $"-> 2d = {2 * inputDim} as n grows (face numbers of a simple arrangement, f_k = sum_(i<=k) C(d-i, k-i) " +
                "C(n, d-i); Buck 1943); box sides, counted here, add to it",
                null, $"none: Euler's relation does not bound the mean number of facets per cell in {inputDim}-D"),
        };
    }

    /// <summary>The reference for the regions of all of R^d (faces are hyperplane pieces only, no box sides).</summary>
    public static FaceReference ForWholeSpace(int inputDim)
    {
        if (inputDim < 1) throw new ArgumentOutOfRangeException(nameof(inputDim));
        return inputDim switch
        {
            1 => new FaceReference(1, 2,
                "n distinct points cut R into n + 1 intervals, the two unbounded ones with 1 face: mean 2n/(n + 1) -> 2",
                2, "every interval has at most 2 endpoints"),
            2 => new FaceReference(2, 4,
                "n lines in general position: every line is cut into n edges by the others (n^2 edges, each bordering 2 " +
                "regions) over 1 + n + C(n,2) regions: mean 2n^2/(1 + n + C(n,2)) -> 4 (exactly 4 is not reached on R^2)",
                6, "Euler's formula on the sphere (R^2 plus one point at infinity where the unbounded edges end): " +
                   "V + 1 - E + N = 2 and 2E >= 3V + u (u unbounded edges) give E <= 3N - 3, so the faces of N regions " +
                   "sum to at most 6N - 6 (mean < 6)"),
            _ => new FaceReference(inputDim, 2 * inputDim,
                $"n hyperplanes in general position in R^{inputDim}: mean facets per cell 2 f_{inputDim - 1} / f_{inputDim} " +
                $"-> 2d = {2 * inputDim} as n grows (face numbers of a simple arrangement, f_k = sum_(i<=k) C(d-i, k-i) " +
                "C(n, d-i); Buck 1943)",
                null, $"none: Euler's relation does not bound the mean number of facets per cell in {inputDim}-D"),
        };
    }
}
