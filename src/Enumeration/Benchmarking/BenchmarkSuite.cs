using System.Diagnostics;
using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Benchmarking;

/// <summary>One network of the fixed benchmark suite: He-normal weights from a fixed seed, box [-1,1]^d.</summary>
public sealed record BenchmarkNetwork(string Name, int[] Widths, Activation Hidden = Activation.Relu, int Pieces = 1,
    bool Baseline = false, bool Quick = false)
{
    public Network Create() => HeNetworks.Create(Widths, 20261123, Hidden, Pieces);
}

/// <summary>What one benchmark network measured. Times are seconds of wall clock in this process.</summary>
public sealed record BenchmarkRow(
    string Name,
    int Regions,
    double SecondsOneThread,
    double MicrosecondsPerRegion,
    double RegionsPerSecond,
    double BytesAllocatedPerRegion,
    double PeakHeapBytesPerRegion,
    double MapsMicrosecondsPerRegion,
    double LimitRatio,
    int Threads,
    double SecondsAllThreads,
    double ThreadSpeedup,
    double? BaselineSeconds,
    double? BaselineSpeedup);

/// <summary>
/// The benchmark suite behind <c>polytopes bench</c> and the BenchmarkDotNet project: for each network the
/// engine on one thread (time, allocation), the same search on every core, the "limit" — the time to compute one
/// region's pre-activation affine maps, the unavoidable work per region — and, where marked, the textbook method
/// (<see cref="SearchOptions.Textbook"/>) in the same process. Everything is a ratio within one run.
/// </summary>
public static class BenchmarkSuite
{
    public static IReadOnlyList<BenchmarkNetwork> Networks { get; } =
    [
        new("2-16-16", [2, 16, 16, 1], Baseline: true, Quick: true),
        new("2-32-32-32", [2, 32, 32, 32, 1]),
        new("2-64-64", [2, 64, 64, 1], Baseline: true, Quick: true),
        new("2-128-128", [2, 128, 128, 1]),
        new("3-20-20", [3, 20, 20, 1], Baseline: true, Quick: true),
        new("4-10-10-10", [4, 10, 10, 10, 1]),
        new("6-12-12", [6, 12, 12, 1]),
        new("maxout 2-(8x3)-(8x3)", [2, 8, 8, 1], Activation.Maxout, 3, Baseline: true, Quick: true),
    ];

    public static BenchmarkRow Measure(BenchmarkNetwork spec, bool baseline, Action<string>? progress = null)
    {
        var net = spec.Create();
        progress?.Invoke($"{spec.Name}: warm-up");
        WarmUp(net);

        progress?.Invoke($"{spec.Name}: one thread");
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var one = new RegionEnumerator(net, new SearchOptions { Threads = 1 }).Run();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        double t1 = BestSeconds(net, 1);

        // Peak managed heap of a streaming run (records not kept, as with --out), sampled every 256 regions.
        GC.Collect();
        long baseHeap = GC.GetTotalMemory(true), peak = 0;
        new RegionEnumerator(net, new SearchOptions
        {
            Threads = 1, KeepRegions = false,
            OnRegion = r => { if ((r.Id & 255) == 0) peak = Math.Max(peak, GC.GetTotalMemory(false) - baseHeap); },
        }).Run();

        progress?.Invoke($"{spec.Name}: affine maps only");
        MapsSecondsPerRegion(net, one.Regions); // warm-up, as for the search
        double maps = MapsSecondsPerRegion(net, one.Regions);

        progress?.Invoke($"{spec.Name}: all threads");
        int threads = Environment.ProcessorCount;
        double tAll = BestSeconds(net, threads);

        double? tBase = null;
        if (baseline)
        {
            progress?.Invoke($"{spec.Name}: textbook baseline");
            var clock = Stopwatch.StartNew();
            new RegionEnumerator(net, new SearchOptions { Threads = 1, Textbook = true }).Run();
            tBase = clock.Elapsed.TotalSeconds;
        }

        int n = one.RegionCount;
        double perRegion = t1 / n;
        return new BenchmarkRow(spec.Name, n, t1, perRegion * 1e6, n / t1, (double)allocated / n, (double)peak / n, maps * 1e6,
            perRegion / maps, threads, tAll, t1 / tAll, tBase, tBase / t1);
    }

    /// <summary>Runs the search until the just-in-time compiler has settled (at least three runs and one second:
    /// .NET recompiles hot methods with full optimisation only after tens of calls and a delay), so that the
    /// timings measure optimised code rather than compilation.</summary>
    private static void WarmUp(Network net)
    {
        var clock = Stopwatch.StartNew();
        for (int run = 0; run < 3 || clock.Elapsed.TotalSeconds < 1; run++)
            new RegionEnumerator(net, new SearchOptions { Threads = 1, KeepRegions = false }).Run();
    }

    /// <summary>The fastest of three complete searches (records kept, as a user's run keeps them): the minimum is
    /// the estimate least disturbed by other work on the machine.</summary>
    private static double BestSeconds(Network net, int threads)
    {
        double best = double.PositiveInfinity;
        for (int run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            new RegionEnumerator(net, new SearchOptions { Threads = threads }).Run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Seconds to compute every pre- and post-activation map of one region's pattern, averaged over
    /// all regions (repeated until at least 0.2 s has passed).</summary>
    public static double MapsSecondsPerRegion(Network net, IReadOnlyList<Region> regions)
    {
        var layout = new NetworkLayout(net);
        var maps = new PatternMaps(layout);
        var states = regions.Select(r => r.Pattern.States()).ToArray();
        long rounds = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var s in states)
                for (int l = 0; l < layout.LayerCount; l++)
                {
                    maps.ComputePre(l);
                    maps.ComputePost(l, s);
                }
            rounds++;
        } while (clock.Elapsed.TotalSeconds < 0.2);
        return clock.Elapsed.TotalSeconds / (rounds * states.Length);
    }
}
