using System.Runtime.ExceptionServices;
using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Sampling;

/// <summary>
/// Samples uniform random points in a box and counts their activation patterns. The points form one fixed stream
/// for a seed: point i belongs to chunk i / <see cref="ChunkSize"/>, whose own <see cref="SplitMix64"/> is seeded
/// from (seed, chunk index) (<see cref="SeedStreams"/>). Chunks run in parallel and are merged in chunk order, so
/// a sample of N points is the first N points of the stream, the same for any number of threads, and a sample of
/// N₁ &lt; N₂ points is a prefix of the sample of N₂ (which lets <see cref="SamplePrefixes"/> answer several sizes in
/// one pass).
/// </summary>
public sealed class PointSampler
{
    /// <summary>Points per chunk (fixed: changing it changes which points a seed gives).</summary>
    public const int ChunkSize = 4096;

    private readonly Network network;
    private readonly SamplingOptions options;

    public PointSampler(Network network, SamplingOptions? options = null)
    {
        this.network = network;
        this.options = options ?? new SamplingOptions();
        Box = this.options.BoxFor(network);
    }

    public Box Box { get; }

    public PatternSample Sample(long points, CancellationToken cancel = default) => SamplePrefixes([points], cancel)[0];

    /// <summary>The samples of the first sizes[0], sizes[1], … points of the stream (sizes positive and strictly
    /// increasing), computed in one pass.</summary>
    public IReadOnlyList<PatternSample> SamplePrefixes(IReadOnlyList<long> sizes, CancellationToken cancel = default)
    {
        CheckSizes(sizes);
        long total = sizes[^1];
        long chunks = (total + ChunkSize - 1) / ChunkSize;
        var table = PatternKeys.NewTable();
        // Packed like the enumerator's patterns (bits unless there is maxout), so the two compare equal.
        bool binary = network.Layers.All(l => l.Activation != Activation.Maxout);
        var patterns = new List<ActivationPattern>();
        var counts = new List<int>();
        var samples = new List<PatternSample>();
        long processed = 0;
        int next = 0;
        // Waves of chunks bound the memory held by unmerged chunks; each wave is merged in chunk order.
        int wave = options.Threads * 4;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancel };
        for (long first = 0; first < chunks; first += wave)
        {
            int inWave = (int)Math.Min(wave, chunks - first);
            var results = new Chunk[inWave];
            Run(() => Parallel.For(0, inWave, parallel, () => new Worker(network, Box),
                (i, _, worker) =>
                {
                    long c = first + i;
                    int n = (int)Math.Min(ChunkSize, total - c * ChunkSize);
                    results[i] = worker.Run(options.Seed, c, n);
                    return worker;
                }, _ => { }));
            foreach (var chunk in results)
            {
                // Local ids map to global ids when first met in point order, so a snapshot taken inside the chunk
                // holds exactly the patterns of the points before it.
                var global = new int[chunk.Patterns.Count];
                Array.Fill(global, -1);
                foreach (int local in chunk.Ids)
                {
                    int id = global[local];
                    if (id < 0)
                    {
                        var key = chunk.Patterns[local];
                        if (!table.TryGetValue(key, out id))
                        {
                            id = patterns.Count;
                            table.Add(key, id);
                            patterns.Add(new ActivationPattern(key, binary));
                            counts.Add(0);
                        }
                        global[local] = id;
                    }
                    counts[id]++;
                    processed++;
                    if (next < sizes.Count && processed == sizes[next])
                    {
                        samples.Add(new PatternSample(processed, patterns.ToArray(), counts.ToArray()));
                        next++;
                    }
                }
            }
        }
        return samples;
    }

    internal static void CheckSizes(IReadOnlyList<long> sizes)
    {
        if (sizes.Count == 0) throw new ArgumentException("at least one sample size is needed", nameof(sizes));
        for (int i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] <= 0) throw new ArgumentOutOfRangeException(nameof(sizes), sizes[i], "sample sizes must be positive");
            if (i > 0 && sizes[i] <= sizes[i - 1])
                throw new ArgumentException($"sample sizes must increase strictly ({sizes[i]} after {sizes[i - 1]})", nameof(sizes));
        }
    }

    /// <summary>Runs a parallel loop and rethrows its first failure as itself, not wrapped.</summary>
    internal static void Run(Action loop)
    {
        try { loop(); }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>One chunk's patterns (local ids in first-appearance order) and each point's local id.</summary>
    private sealed record Chunk(List<byte[]> Patterns, int[] Ids);

    /// <summary>Per-thread buffers.</summary>
    private sealed class Worker(Network network, Box box)
    {
        private readonly PatternEvaluator evaluator = new(network);
        private readonly double[] point = new double[network.InputDim];
        private readonly byte[] states = new byte[network.UnitCount];

        public Chunk Run(ulong seed, long chunk, int n)
        {
            var rng = new SplitMix64(SeedStreams.Derive(seed, SeedStreams.Points, (ulong)chunk));
            var table = PatternKeys.NewTable();
            var lookup = table.GetAlternateLookup<ReadOnlySpan<byte>>();
            var patterns = new List<byte[]>();
            var ids = new int[n];
            for (int i = 0; i < n; i++)
            {
                UniformPoint(rng, box, point);
                evaluator.Evaluate(point, states);
                if (!lookup.TryGetValue(states, out int id))
                {
                    id = patterns.Count;
                    var key = states.ToArray();
                    table.Add(key, id);
                    patterns.Add(key);
                }
                ids[i] = id;
            }
            return new Chunk(patterns, ids);
        }
    }

    /// <summary>A uniform point of the box: coordinate j is lo_j + (hi_j − lo_j)·U, U uniform in [0, 1).</summary>
    internal static void UniformPoint(SplitMix64 rng, Box box, Span<double> point)
    {
        for (int j = 0; j < point.Length; j++) point[j] = rng.Uniform(box.Lo[j], box.Hi[j]);
    }
}
