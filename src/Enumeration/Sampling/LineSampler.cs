using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Sampling;

/// <summary>One random chord of the box and the exact number of regions it passes through.</summary>
public readonly record struct ChordCount(double Length, int Pieces)
{
    /// <summary>Boundary crossings along the chord: pieces − 1.</summary>
    public int Crossings => Pieces - 1;
}

/// <summary>
/// Counts, exactly, the regions met by random chords of the box. Chord i goes through a uniform random point p of
/// the box in a uniform random direction v (a normalised Gaussian vector), both drawn from a
/// <see cref="SplitMix64"/> seeded from (seed, i) (<see cref="SeedStreams"/>), so chord i is the same for any
/// number of threads and any number of chords. Its pieces are the regions of the one-input network
/// <see cref="LineRestriction.Compose"/> over the chord's parameter interval, enumerated by
/// <see cref="RegionEnumerator"/> (each region is convex, so it meets a line in at most one interval).
/// Chords through uniform points are length-biased: a chord is drawn with probability proportional to its length
/// among isotropic uniform random (IUR) lines; <see cref="LineSample.CrossingDensity"/> undoes that bias.
/// </summary>
public sealed class LineSampler
{
    private readonly Network network;
    private readonly SamplingOptions options;

    public LineSampler(Network network, SamplingOptions? options = null)
    {
        this.network = network;
        this.options = options ?? new SamplingOptions();
        Box = this.options.BoxFor(network);
    }

    public Box Box { get; }

    /// <summary>The first <paramref name="lines"/> chords of the stream, each with its exact piece count. Chords run
    /// in parallel, each enumerated on one thread.</summary>
    public LineSample Sample(int lines, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var chords = new ChordCount[lines];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancel };
        PointSampler.Run(() => Parallel.For(0, lines, parallel, i => chords[i] = Count(i)));
        return new LineSample(chords);
    }

    /// <summary>Chord i: a point p, a unit direction v and the parameter interval [t0, t1] of the box.</summary>
    public (double[] P, double[] V, double T0, double T1) Chord(int i)
    {
        int d = network.InputDim;
        var rng = new SplitMix64(SeedStreams.Derive(options.Seed, SeedStreams.Lines, (ulong)i));
        var p = new double[d];
        PointSampler.UniformPoint(rng, Box, p);
        var v = new double[d];
        double norm;
        do
        {
            norm = 0;
            for (int j = 0; j < d; j++) { v[j] = rng.NextGaussian(); norm += v[j] * v[j]; }
            norm = Math.Sqrt(norm);
        } while (!(norm > 1e-12)); // a zero vector has no direction; its probability is nil, redraw
        for (int j = 0; j < d; j++) v[j] /= norm;
        double t0 = double.NegativeInfinity, t1 = double.PositiveInfinity;
        for (int j = 0; j < d; j++)
        {
            if (v[j] == 0) continue;
            double a = (Box.Lo[j] - p[j]) / v[j], b = (Box.Hi[j] - p[j]) / v[j];
            t0 = Math.Max(t0, Math.Min(a, b));
            t1 = Math.Min(t1, Math.Max(a, b));
        }
        return (p, v, t0, t1);
    }

    private ChordCount Count(int i)
    {
        var (p, v, t0, t1) = Chord(i);
        var restricted = LineRestriction.Compose(network, p, v, t0, t1);
        var result = new RegionEnumerator(restricted, new SearchOptions { KeepRegions = false, Threads = 1 }).Run();
        return new ChordCount(t1 - t0, result.RegionCount);
    }
}

/// <summary>Chords with their exact piece counts, and the crossing density they measure.</summary>
public sealed class LineSample(IReadOnlyList<ChordCount> chords)
{
    public IReadOnlyList<ChordCount> Chords { get; } = chords.ToArray();

    /// <summary>The first <paramref name="lines"/> chords.</summary>
    public LineSample Prefix(int lines) => new(Chords.Take(lines).ToArray());

    public double MeanPieces => Chords.Count == 0 ? double.NaN : Chords.Average(c => (double)c.Pieces);
    public double MeanLength => Chords.Count == 0 ? double.NaN : Chords.Average(c => c.Length);

    /// <summary>
    /// ρ, boundary crossings per unit length along isotropic uniform random lines: the mean over chords of
    /// crossings/length. A chord through a uniform point is an IUR line weighted by its length, so the mean of
    /// crossings/length is E_IUR[crossings]/E_IUR[length], exactly the ratio Crofton's formula needs.
    /// </summary>
    public double CrossingDensity => Chords.Count == 0 ? double.NaN : Chords.Average(c => c.Crossings / c.Length);
}
