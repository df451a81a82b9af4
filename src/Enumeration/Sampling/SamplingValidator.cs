using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Statistics;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Sampling;

/// <summary>What to validate: sample sizes (positive, strictly increasing), repeats per size, seed, box.</summary>
public sealed record ValidationOptions
{
    public Box? Box { get; init; }
    public ulong Seed { get; init; } = 1;
    public int Threads { get; init; } = Environment.ProcessorCount;
    public IReadOnlyList<long> Sizes { get; init; } = [100, 1000, 10000];
    public int Repeats { get; init; } = 5;
}

/// <summary>How a region's size is measured in a validation report: exactly in 1-D and 2-D (and in higher
/// dimensions when the enumerator gives volumes); otherwise by the volume of its inscribed (Chebyshev) ball
/// κ_d·r^d, a lower bound of its volume.</summary>
public enum SizeMeasure { Length, Area, Volume, InscribedBallVolume }

/// <summary>One estimator at one sample size over the repeats. Sd is null for a single repeat.</summary>
public sealed record EstimateStats(long Points, int Lines, IReadOnlyList<double> Values, double Mean, double? Sd,
    double Min, double Max, double RelativeError);

public sealed record EstimatorSeries(string Key, string Description, IReadOnlyList<EstimateStats> BySize);

/// <summary>Regions whose size, as a fraction of the box, is in [Lo, Hi): how many, the fraction of them found
/// (over regions and repeats) and the fraction expected, the mean of 1 − (1 − q)^N over the bin's regions.</summary>
public sealed record VolumeBin(double Lo, double Hi, int Regions, double FoundFraction, double ExpectedFound);

/// <summary>An exact region that some repeats missed: its id, pattern, size (<see cref="SizeMeasure"/>) and in how
/// many repeats it was missed.</summary>
public sealed record MissedRegion(int Id, string Pattern, double Size, int MissedIn);

/// <summary>Which exact regions the samples of one size found. PatternsNotEnumerated: sampled patterns that are
/// not exact regions (the most over the repeats; 0 unless a point fell on a boundary).</summary>
public sealed record CoverageAtSize(long Points, double FoundFraction, IReadOnlyList<VolumeBin> Bins,
    IReadOnlyList<MissedRegion> Missed, int PatternsNotEnumerated);

/// <summary>2-D only: the exact total length of the region boundaries inside the box against its Crofton estimate.</summary>
public sealed record BoundaryCheck(double Exact, IReadOnlyList<EstimateStats> Estimates);

public sealed record ValidationReport(
    Network Network,
    Box Box,
    EnumerationResult Exact,
    ValidationOptions Options,
    SizeMeasure Measure,
    IReadOnlyList<EstimatorSeries> Estimators,
    IReadOnlyList<CoverageAtSize> Coverage,
    BoundaryCheck? Boundary,
    IReadOnlyList<TheoreticalBound> Bounds);

/// <summary>
/// Runs the exact enumeration once and every estimator <see cref="ValidationOptions.Repeats"/> times at every
/// sample size, and compares. Repeat r has its own seed derived from (seed, r); within a repeat the sizes are
/// prefixes of one stream of points (and of chords: <see cref="EstimatorCatalog.LinesFor"/> chords at N points),
/// so a larger size always finds a superset of the regions a smaller one found.
/// </summary>
public sealed class SamplingValidator
{
    private readonly Network network;
    private readonly ValidationOptions options;
    private readonly Box box;

    public SamplingValidator(Network network, ValidationOptions options)
    {
        this.network = network;
        this.options = options;
        PointSampler.CheckSizes(options.Sizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repeats, 1);
        box = new SamplingOptions { Box = options.Box, Threads = options.Threads }.BoxFor(network);
    }

    public ValidationReport Run(CancellationToken cancel = default)
    {
        var exact = new RegionEnumerator(network,
            new SearchOptions { Box = box, KeepRegions = true, Threads = options.Threads }).Run(cancel);
        if (exact.Stop != StopReason.Complete) throw new OperationCanceledException("the exact enumeration did not finish");
        var regions = exact.Regions;
        // Keyed by the pattern text: the format both sides promise, whatever their internal packing.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < regions.Count; i++) index[regions[i].Pattern.ToString()] = i;
        int d = network.InputDim;
        var measure = d switch
        {
            1 => SizeMeasure.Length,
            2 => SizeMeasure.Area,
            _ when regions.All(x => x.Volume is double v && double.IsFinite(v)) => SizeMeasure.Volume,
            _ => SizeMeasure.InscribedBallVolume,
        };
        var size = regions.Select(r => measure == SizeMeasure.InscribedBallVolume
            ? LineEstimators.BallVolume(d) * Math.Pow(r.Radius, d) : r.Volume ?? double.NaN).ToArray();

        var sizes = options.Sizes;
        var lines = sizes.Select(EstimatorCatalog.LinesFor).ToArray();
        var values = EstimatorCatalog.Keys.ToDictionary(k => k, _ => sizes.Select(_ => new List<double>()).ToArray());
        var boundary = sizes.Select(_ => new List<double>()).ToArray();
        var missedIn = sizes.Select(_ => new int[regions.Count]).ToArray();
        var notEnumerated = new int[sizes.Count];
        for (int r = 0; r < options.Repeats; r++)
        {
            var sampling = new SamplingOptions
            {
                Box = box, Threads = options.Threads, Seed = SeedStreams.Derive(options.Seed, SeedStreams.Repeats, (ulong)r),
            };
            var samples = new PointSampler(network, sampling).SamplePrefixes(sizes, cancel);
            var chords = new LineSampler(network, sampling).Sample(lines[^1], cancel);
            for (int s = 0; s < sizes.Count; s++)
            {
                foreach (var (key, value) in EstimatorCatalog.FromPoints(samples[s])) values[key][s].Add(value);
                var prefix = chords.Prefix(lines[s]);
                foreach (var (key, value) in EstimatorCatalog.FromLines(prefix, box)) values[key][s].Add(value);
                boundary[s].Add(LineEstimators.BoundaryMeasure(prefix.CrossingDensity, box));
                var found = new bool[regions.Count];
                int unmatched = 0;
                foreach (var p in samples[s].Patterns)
                    if (index.TryGetValue(p.ToString(), out int i)) found[i] = true; else unmatched++;
                for (int i = 0; i < found.Length; i++) if (!found[i]) missedIn[s][i]++;
                notEnumerated[s] = Math.Max(notEnumerated[s], unmatched);
            }
        }

        double exactCount = exact.RegionCount;
        var series = EstimatorCatalog.Keys.Select(k => new EstimatorSeries(k, EstimatorCatalog.Describe(k),
            sizes.Select((n, s) => Stats(n, lines[s], values[k][s], exactCount)).ToArray())).ToArray();
        var coverage = sizes.Select((n, s) => Coverage(n, regions, size, missedIn[s], notEnumerated[s])).ToArray();
        BoundaryCheck? check = d == 2 && regions.All(x => x.Vertices != null)
            ? Boundary(regions, sizes, lines, boundary)
            : null;
        return new ValidationReport(network, box, exact, options, measure, series, coverage, check,
            TheoreticalBounds.For(network, box));
    }

    private BoundaryCheck Boundary(IReadOnlyList<Region> regions, IReadOnlyList<long> sizes, int[] lines, List<double>[] estimates)
    {
        double exact = BoundaryLength(regions, box);
        return new BoundaryCheck(exact, sizes.Select((n, s) => Stats(n, lines[s], estimates[s], exact)).ToArray());
    }

    internal static EstimateStats Stats(long points, int lines, IReadOnlyList<double> values, double exact)
    {
        double mean = values.Average();
        double? sd = values.Count > 1
            ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1))
            : null;
        return new EstimateStats(points, lines, values.ToArray(), mean, sd, values.Min(), values.Max(), (mean - exact) / exact);
    }

    private CoverageAtSize Coverage(long n, IReadOnlyList<Region> regions, double[] size, int[] missedIn, int unmatched)
    {
        int repeats = options.Repeats;
        double boxVolume = box.Volume();
        var fraction = size.Select(v => Math.Clamp(v / boxVolume, 0, 1)).ToArray();
        // Decade bins of the size as a fraction of the box: [1e-k-1, 1e-k); the top bin includes 1.
        int Decade(double q) => q <= 0 ? int.MinValue : Math.Min((int)Math.Floor(Math.Log10(q)), -1);
        var bins = Enumerable.Range(0, regions.Count).GroupBy(i => Decade(fraction[i])).OrderBy(g => g.Key)
            .Select(g => new VolumeBin(
                g.Key == int.MinValue ? 0 : Math.Pow(10, g.Key),
                g.Key == int.MinValue ? 0 : Math.Pow(10, g.Key + 1),
                g.Count(),
                g.Sum(i => repeats - missedIn[i]) / (double)(g.Count() * repeats),
                g.Average(i => -double.ExpM1(n * double.LogP1(-fraction[i])))))
            .ToArray();
        var missed = Enumerable.Range(0, regions.Count).Where(i => missedIn[i] > 0)
            .OrderByDescending(i => size[i]).ThenBy(i => i)
            .Select(i => new MissedRegion(regions[i].Id, regions[i].Pattern.ToString(), size[i], missedIn[i])).ToArray();
        double found = regions.Count == 0 ? 1 : missedIn.Sum(m => repeats - m) / (double)(regions.Count * repeats);
        return new CoverageAtSize(n, found, bins, missed, unmatched);
    }

    /// <summary>Total length of region boundaries inside the box: every interior edge is shared by two polygons,
    /// the box's sides belong to one: (Σ perimeters − box perimeter) / 2.</summary>
    internal static double BoundaryLength(IReadOnlyList<Region> regions, Box box)
    {
        double sum = 0;
        foreach (var r in regions)
        {
            var v = r.Vertices!;
            int n = r.VertexCount;
            for (int i = 0; i < n; i++)
            {
                int j = (i + 1) % n;
                double dx = v[2 * i] - v[2 * j], dy = v[2 * i + 1] - v[2 * j + 1];
                sum += Math.Sqrt(dx * dx + dy * dy);
            }
        }
        double boxPerimeter = 2 * (box.Hi[0] - box.Lo[0] + box.Hi[1] - box.Lo[1]);
        return (sum - boxPerimeter) / 2;
    }
}
