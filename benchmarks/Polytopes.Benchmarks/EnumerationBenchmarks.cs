using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Polytopes.Enumeration.Benchmarking;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Benchmarks;

/// <summary>
/// The fixed suite (<see cref="BenchmarkSuite.Networks"/>): the engine on one thread and on all cores, and the
/// per-region limit (computing one region's affine maps) in the same run, so their ratio is the limit ratio.
/// Allocation per operation comes from the memory diagnoser; divide by the region count printed by
/// <c>polytopes bench</c> for bytes per region.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SameGcAsTheCli))]
public class EnumerationBenchmarks
{
    /// <summary>BenchmarkDotNet runs each benchmark in a process of its own making, which does not inherit this
    /// project's runtime settings: the job asks for the CLI's server GC with one heap explicitly.</summary>
    private sealed class SameGcAsTheCli : ManualConfig
    {
        public SameGcAsTheCli() => AddJob(Job.Default.WithGcServer(true).WithHeapCount(1));
    }

    private Network network = null!;
    private IReadOnlyList<Region> regions = [];

    [ParamsSource(nameof(Names))]
    public string Net { get; set; } = "";

    public static IEnumerable<string> Names => BenchmarkSuite.Networks.Select(n => n.Name);

    [GlobalSetup]
    public void Setup()
    {
        network = BenchmarkSuite.Networks.Single(n => n.Name == Net).Create();
        regions = new RegionEnumerator(network, new SearchOptions { Threads = 1 }).Run().Regions;
    }

    [Benchmark(Baseline = true)]
    public int OneThread() => new RegionEnumerator(network, new SearchOptions { Threads = 1, KeepRegions = false }).Run().RegionCount;

    [Benchmark]
    public int AllThreads() => new RegionEnumerator(network, new SearchOptions { KeepRegions = false }).Run().RegionCount;

    /// <summary>The affine maps of every region once: the unavoidable work.</summary>
    [Benchmark]
    public double AffineMapsOfAllRegions() => BenchmarkSuite.MapsSecondsPerRegion(network, regions);
}

/// <summary>The textbook method against the engine, on the networks where the suite runs the baseline.</summary>
[MemoryDiagnoser]
public class BaselineBenchmarks
{
    private Network network = null!;

    [ParamsSource(nameof(Names))]
    public string Net { get; set; } = "";

    public static IEnumerable<string> Names => BenchmarkSuite.Networks.Where(n => n.Baseline).Select(n => n.Name);

    [GlobalSetup]
    public void Setup() => network = BenchmarkSuite.Networks.Single(n => n.Name == Net).Create();

    [Benchmark(Baseline = true)]
    public int Engine() => new RegionEnumerator(network, new SearchOptions { Threads = 1, KeepRegions = false }).Run().RegionCount;

    [Benchmark]
    public int Textbook() =>
        new RegionEnumerator(network, new SearchOptions { Threads = 1, KeepRegions = false, Textbook = true }).Run().RegionCount;
}
