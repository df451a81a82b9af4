using System.Diagnostics;
using Polytopes.Enumeration.Certification;
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
    double? BaselineSpeedup)
{
    /// <summary>The engine's one-thread seconds that <see cref="BaselineSpeedup"/> divides the textbook method's by:
    /// a stretch of searches as long as the textbook run, right after it (fastest stretch, time per search);
    /// null when the baseline did not run.</summary>
    public double? EngineSecondsBesideBaseline { get; init; }

    /// <summary>Seconds to certify the one-thread result (<see cref="Certification.Certifier"/> and the
    /// materialised proved regions, one thread, warm), and that as a factor of the one-thread search; null when
    /// not measured.</summary>
    public double? CertifySeconds { get; init; }
    public double? CertifyFactor => CertifySeconds / SecondsOneThread;

    /// <summary>Wall-clock microseconds per region of the search on <see cref="Threads"/> threads (the default of
    /// <c>polytopes enumerate</c>), fastest stretch of runs as long as a one-thread run (time per search).</summary>
    public double MicrosecondsPerRegionAllThreads => SecondsAllThreads / Regions * 1e6;

    /// <summary>The speed-up <see cref="Threads"/> independent one-thread copies of the same search (streaming their
    /// records) got, run at once, over one alone (<see cref="BenchmarkSuite.SideBySideSeconds"/>): what the machine
    /// gave this work with nothing shared between the threads, about the most a parallel search could gain then. On
    /// a virtual machine whose cores are shared with other machines, or whose cores share caches and memory
    /// bandwidth, it can be well below the core count.</summary>
    public double ParallelCeiling { get; init; } = double.NaN;

    /// <summary>Seconds of the one-thread search as <c>polytopes enumerate</c> runs it without <c>--out</c>: no
    /// record kept or built, only the statistics (fastest run).</summary>
    public double SecondsStreaming { get; init; } = double.NaN;
    public double MicrosecondsPerRegionStreaming => SecondsStreaming / Regions * 1e6;

    /// <summary>How unsteady the machine was while this row was timed: the median of the one-thread runs over the
    /// fastest, less 1 (<see cref="BenchmarkSuite.Spread"/>); 0.3 means half the runs took 30 % longer than the
    /// fastest, so the row's ratios are uncertain by about as much.</summary>
    public double OneThreadSpread { get; init; } = double.NaN;

    /// <summary>As <see cref="OneThreadSpread"/>, of the runs on <see cref="Threads"/> threads.</summary>
    public double AllThreadsSpread { get; init; } = double.NaN;
}

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

    public static BenchmarkRow Measure(BenchmarkNetwork spec, bool baseline, Action<string>? progress = null,
        bool certify = false)
    {
        var net = spec.Create();
        progress?.Invoke($"{spec.Name}: warm-up");
        WarmUp(net);

        progress?.Invoke($"{spec.Name}: one thread");
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var one = new RegionEnumerator(net, new SearchOptions { Threads = 1 }).Run();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        progress?.Invoke($"{spec.Name}: one thread and all threads, interleaved");
        int threads = Environment.ProcessorCount;
        MapsSecondsPerRegion(net, one.Regions); // warm-up, as for the search
        var (t1, tAll, ceiling, tStream, maps, spreadOne, spreadAll) = BestSeconds(net, threads, one.Regions);

        // Peak managed heap of a streaming run (records not kept, as with --out), sampled every 256 regions.
        GC.Collect();
        long baseHeap = GC.GetTotalMemory(true), peak = 0;
        new RegionEnumerator(net, new SearchOptions
        {
            Threads = 1, KeepRegions = false,
            OnRegion = r => { if ((r.Id & 255) == 0) peak = Math.Max(peak, GC.GetTotalMemory(false) - baseHeap); },
        }).Run();

        double? tBase = null, tBeside = null;
        if (baseline)
        {
            progress?.Invoke($"{spec.Name}: textbook baseline");
            (tBase, tBeside) = BaselineSeconds(net);
        }

        double? tCertify = null;
        if (certify)
        {
            progress?.Invoke($"{spec.Name}: certify");
            tCertify = CertifySeconds(net);
        }

        int n = one.RegionCount;
        double perRegion = t1 / n;
        return new BenchmarkRow(spec.Name, n, t1, perRegion * 1e6, n / t1, (double)allocated / n, (double)peak / n, maps * 1e6,
            perRegion / maps, threads, tAll, t1 / tAll, tBase, tBase / tBeside)
        {
            EngineSecondsBesideBaseline = tBeside,
            CertifySeconds = tCertify, ParallelCeiling = ceiling, SecondsStreaming = tStream,
            OneThreadSpread = spreadOne, AllThreadsSpread = spreadAll,
        };
    }

    /// <summary>The textbook method's time on one thread (<see cref="SearchOptions.Textbook"/>), started on a collected
    /// heap like the engine's runs, and the engine's time to set against it. Runs under a second are repeated until
    /// a second has passed (at least twice) and the fastest kept: with two runs only, a short baseline still read
    /// 26×, 53× or 65–93× the engine on the maxout network depending on what the process had run before
    /// (compilation of the textbook code, the collector's state). Right after each textbook run the engine's
    /// one-thread search (records kept) runs again and again for as long as that run took, and its time is the
    /// fastest such stretch's time per search: a textbook run of seconds averages over the host's fast and slow
    /// moments, and set against the fastest of the engine's short runs it would credit the engine with the
    /// host's fastest moments alone (the rule the limit's maps follow, <see cref="BestSeconds"/>).</summary>
    private static (double Textbook, double Engine) BaselineSeconds(Network net)
    {
        double best = double.PositiveInfinity, beside = double.PositiveInfinity;
        var total = Stopwatch.StartNew();
        for (int run = 0; best < 1 ? run < 2 || total.Elapsed.TotalSeconds < 1 : run < 1; run++)
        {
            CollectGarbage();
            var clock = Stopwatch.StartNew();
            new RegionEnumerator(net, new SearchOptions { Threads = 1, Textbook = true }).Run();
            double seconds = clock.Elapsed.TotalSeconds;
            best = Math.Min(best, seconds);
            beside = Math.Min(beside, StretchSecondsPerSearch(net, 1, seconds));
        }
        return (best, beside);
    }

    /// <summary>The search on <paramref name="threads"/> threads (records kept, each run on a collected heap) run
    /// until the runs have taken <paramref name="seconds"/> in all (at least once): their mean time.</summary>
    private static double StretchSecondsPerSearch(Network net, int threads, double seconds)
    {
        double sum = 0;
        int runs = 0;
        do { sum += Seconds(net, threads); runs++; } while (sum < seconds);
        return sum / runs;
    }

    /// <summary>The certification time of a one-thread search (proof and materialised records, as
    /// <c>enumerate --certify</c> reports it), the better of two runs (the first warms the exact code up).</summary>
    private static double CertifySeconds(Network net)
    {
        var options = new RegionSearchOptions { Search = new SearchOptions { Threads = 1 }, Certify = true };
        double best = double.PositiveInfinity;
        for (int run = 0; run < 2; run++)
            best = Math.Min(best, RegionSearch.Run(net, options).Certification!.Seconds);
        return best;
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

    /// <summary>The fastest of several complete searches (every record kept, the library's default) on one
    /// thread and on <paramref name="threads"/>, the runs interleaved so that a machine whose speed drifts (a shared
    /// virtual machine) affects both alike; the minimum is the estimate least disturbed by other work. Each
    /// one-thread run is followed by a stretch of searches on all threads as long as it (their mean time per
    /// search), so that the speed-up's two minima are over stretches of one length (as the limit's, below). At least
    /// three rounds, and more for short searches (until the rounds have taken two seconds, at most 15): a pause of a
    /// few milliseconds is a large share of a 0.1 s search. Each round also times one streaming search alone and
    /// <paramref name="threads"/> of them side by side (<see cref="SideBySideSeconds"/>); the ceiling is
    /// threads × (one alone) / (side by side), fastest of each: the speed-up the machine gave this very work with
    /// nothing shared between the threads. Each round also times a one-thread search that builds no records, on
    /// this thread (<see cref="BenchmarkRow.SecondsStreaming"/>; a copy on a thread of its own pays for starting
    /// it, a large share of a small search). Right after each one-thread search the affine maps of the regions are
    /// timed for as long as that search took (<see cref="MapsSecondsPerRegion"/>), so that the limit ratio's two
    /// minima are over as many stretches of the same length, from the same minutes: on this project's 2-core VM the
    /// maps alone ran 1.2–2.1 µs a region on 6-12-12 in consecutive 0.2 s stretches, and fixed stretches of 0.05 s
    /// caught the fastest moments of the machine where a 2 s search could only average over them, raising that
    /// network's limit (26.0 against 21.8 for the median of the ratios of neighbouring stretches). The spreads of
    /// the one-thread and all-thread runs (<see cref="Spread"/>) tell how far to trust the minima.</summary>
    private static (double One, double All, double Ceiling, double Stream, double Maps, double SpreadOne,
        double SpreadAll) BestSeconds(Network net, int threads, IReadOnlyList<Region> regions)
    {
        double maps = double.PositiveInfinity;
        var (ones, alls) = (new List<double>(), new List<double>());
        double alone = double.PositiveInfinity, sideBySide = double.PositiveInfinity, stream = double.PositiveInfinity;
        var clock = Stopwatch.StartNew();
        for (int run = 0; run < 3 || (run < 15 && clock.Elapsed.TotalSeconds < 2); run++)
        {
            ones.Add(Seconds(net, 1));
            maps = Math.Min(maps, MapsSecondsPerRegion(net, regions, ones[^1]));
            alls.Add(StretchSecondsPerSearch(net, threads, ones[^1]));
            stream = Math.Min(stream, Seconds(net, 1, keepRegions: false));
            alone = Math.Min(alone, SideBySideSeconds(net, 1));
            sideBySide = Math.Min(sideBySide, SideBySideSeconds(net, threads));
        }
        return (ones.Min(), alls.Min(), threads * alone / sideBySide, stream, maps, Spread(ones), Spread(alls));
    }

    /// <summary>The median of repeated timings over the fastest, less 1: 0 on a steady machine, 0.3 when half the
    /// runs took 30 % longer than the fastest (a virtual machine whose host is busy: on this project's 2-core VM,
    /// one-thread 2-128-128 runs in one minute ranged over 50 %, from other machines' use of the shared caches and
    /// cores). The median of an even count is the mean of the middle two.</summary>
    public static double Spread(IReadOnlyList<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        return median / sorted[0] - 1;
    }

    /// <summary>Above this <see cref="Spread"/> a row's times, and the ratios between them, are called unsteady
    /// (<c>polytopes bench</c> says so under its table).</summary>
    public const double UnsteadySpread = 0.10;

    /// <summary>Seconds until <paramref name="copies"/> one-thread searches of the network, each on its own thread,
    /// have all finished (started on a collected heap, as <see cref="Seconds"/>). The copies stream their records
    /// (kept by none), so that N copies hold no more memory, and collect no more often, than one search does.</summary>
    public static double SideBySideSeconds(Network net, int copies)
    {
        CollectGarbage();
        var clock = Stopwatch.StartNew();
        var runners = new Thread[copies];
        for (int t = 0; t < copies; t++)
            (runners[t] = new Thread(() =>
                new RegionEnumerator(net, new SearchOptions { Threads = 1, KeepRegions = false }).Run())).Start();
        foreach (var runner in runners) runner.Join();
        return clock.Elapsed.TotalSeconds;
    }

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>One search's wall-clock seconds, started on a collected heap: the garbage of earlier runs (a user's
    /// process has none) would otherwise be collected during this one, by a collector thread competing with the
    /// search's threads for the cores.</summary>
    private static double Seconds(Network net, int threads, bool keepRegions = true)
    {
        CollectGarbage();
        var clock = Stopwatch.StartNew();
        new RegionEnumerator(net, new SearchOptions { Threads = threads, KeepRegions = keepRegions }).Run();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Seconds to compute every pre- and post-activation map of one region's pattern, averaged over the
    /// regions, taken in order and round again, until at least <paramref name="minSeconds"/> have passed (the clock
    /// read every 64 regions, so that a stretch can be as short as a search however many regions there are).</summary>
    public static double MapsSecondsPerRegion(Network net, IReadOnlyList<Region> regions, double minSeconds = 0.2)
    {
        var layout = new NetworkLayout(net);
        var maps = new PatternMaps(layout);
        var states = regions.Select(r => r.Pattern.States()).ToArray();
        long done = 0;
        int next = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            for (int k = 0; k < 64; k++, done++)
            {
                var s = states[next];
                if (++next == states.Length) next = 0;
                for (int l = 0; l < layout.LayerCount; l++)
                {
                    maps.ComputePre(l);
                    maps.ComputePost(l, s);
                }
            }
        } while (clock.Elapsed.TotalSeconds < minSeconds);
        return clock.Elapsed.TotalSeconds / done;
    }
}
