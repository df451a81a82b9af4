using System.CommandLine;
using System.Globalization;
using Polytopes.Cli.Output;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Benchmarking;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes bench [--quick] [--no-baseline] [--json]: the benchmark suite on this machine.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var quick = new Option<bool>("--quick") { Description = "only the small networks of the suite (about a minute)" };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "skip the textbook baseline runs" };
        var json = new Option<bool>("--json") { Description = "print one JSON object with a row per network" };
        var noCertify = new Option<bool>("--no-certify")
        {
            Description = "skip timing --certify (measured on the networks the textbook baseline runs on)",
        };
        var only = new Option<string[]>("--network")
        {
            Description = "measure only the named networks of the suite (repeatable), e.g. --network 2-64-64",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("bench",
            "Time the engine on a fixed suite of He-initialised networks: µs per region, allocation, the limit ratio " +
            "(time per region ÷ time to compute one region's affine maps), speed-up on all cores, and the speed-up " +
            "over the textbook method (one fresh LP per constraint) in the same run.")
        {
            quick, noBaseline, json, noCertify, only,
        };
        command.SetAction(parse => CommandRunner.Run(stderr, () =>
            Execute(Select(parse.GetValue(quick), parse.GetValue(only) ?? []), !parse.GetValue(noBaseline),
                !parse.GetValue(noCertify), parse.GetValue(json), stdout, stderr)));
        return command;
    }

    /// <summary>The suite's networks to measure: the named ones (unknown names are bad input), else all or the
    /// quick ones.</summary>
    private static List<BenchmarkNetwork> Select(bool quick, string[] names)
    {
        foreach (var name in names)
            if (!BenchmarkSuite.Networks.Any(n => n.Name == name))
                throw new InputException($"--network: no network '{name}' in the suite (one of: " +
                    string.Join(", ", BenchmarkSuite.Networks.Select(n => n.Name)) + ")");
        return BenchmarkSuite.Networks
            .Where(n => names.Length > 0 ? names.Contains(n.Name) : !quick || n.Quick).ToList();
    }

    private static ExitCode Execute(List<BenchmarkNetwork> networks, bool baseline, bool certify, bool json,
        TextWriter stdout, TextWriter stderr)
    {
        var rows = new List<BenchmarkRow>();
        foreach (var spec in networks)
            rows.Add(BenchmarkSuite.Measure(spec, baseline && spec.Baseline, msg => stderr.WriteLine($"bench: {msg}"),
                certify && spec.Baseline));
        if (json) stdout.WriteLine(Json.ToText(w => WriteJson(w, rows), indented: false));
        else PrintTable(stdout, rows);
        return ExitCode.Success;
    }

    private static void PrintTable(TextWriter o, List<BenchmarkRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"{"network",-22}{"regions",9}{"µs/region",11}{"stream",8}{"regions/s",11}{"B/region",10}{"heap B/r",9}{"maps µs",9}{"limit",7}{"threads",8}{"µs all",8}{"speed-up",9}{"cores",8}{"textbook",10}{"certify",9}"));
        foreach (var r in rows)
        {
            string textbook = r.BaselineSpeedup is double s ? string.Create(inv, $"{s:F0}x") : "-";
            string certify = r.CertifyFactor is double c ? string.Create(inv, $"{c:F1}x") : "-";
            o.WriteLine(string.Create(inv,
                $"{r.Name,-22}{r.Regions,9}{r.MicrosecondsPerRegion,11:F1}{r.MicrosecondsPerRegionStreaming,8:F1}{r.RegionsPerSecond,11:F0}{r.BytesAllocatedPerRegion,10:F0}{r.PeakHeapBytesPerRegion,9:F0}{r.MapsMicrosecondsPerRegion,9:F2}{r.LimitRatio,7:F1}{r.Threads,8}{r.MicrosecondsPerRegionAllThreads,8:F1}{r.ThreadSpeedup,8:F2}x{r.ParallelCeiling,7:F2}x{textbook,10}{certify,9}"));
        }
        o.WriteLine("B/region = bytes allocated per region; heap B/r = peak managed heap of a streaming run per region;");
        o.WriteLine("µs/region = one thread, every record kept; stream = one thread, no record built (enumerate without --out);");
        o.WriteLine("µs all = wall time per region on all threads, records kept (enumerate's default thread count);");
        o.WriteLine("limit = time per region / time to compute one region's affine maps; speed-up = 1 thread / all threads;");
        o.WriteLine("cores = one-thread copies of the search (streaming) run side by side, one per thread: threads x (one alone)");
        o.WriteLine("        / (copies' time), what the machine gave this work with nothing shared, about the most a parallel");
        o.WriteLine("        search could get then (below the thread count on a virtual machine sharing its cores, or where");
        o.WriteLine("        cores share caches and memory bandwidth);");
        o.WriteLine("textbook = speed-up over one fresh LP per constraint per region (same LP solver, no warm start);");
        o.WriteLine("certify = time of --certify (exact proof and proved records, one thread) / time of the search.");
        if (UnsteadyNote(rows) is { } note)
            foreach (var line in note.Split('\n')) o.WriteLine(line);
    }

    /// <summary>A warning when some row's runs were unsteady (<see cref="BenchmarkSuite.UnsteadySpread"/>): which
    /// rows, and by how much their median runs exceeded their fastest; null when all were steady.</summary>
    internal static string? UnsteadyNote(IEnumerable<BenchmarkRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var unsteady = rows
            .Select(r => (r.Name, Spread: Math.Max(r.OneThreadSpread, r.AllThreadsSpread)))
            .Where(r => r.Spread > BenchmarkSuite.UnsteadySpread)
            .Select(r => string.Create(inv, $"{r.Name} {100 * r.Spread:F0} %"))
            .ToList();
        return unsteady.Count == 0 ? null
            : "unsteady: the machine's speed changed during some rows' runs, so their ratios are uncertain by about the\n" +
              "          median run's excess over the fastest (one thread or all threads, the larger):\n" +
              "          " + string.Join(", ", unsteady) + "; run again when the machine is quieter.";
    }

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, List<BenchmarkRow> rows)
    {
        w.WriteStartObject();
        w.WriteStartArray("networks");
        foreach (var r in rows)
        {
            w.WriteStartObject();
            w.WriteString("network", r.Name);
            w.WriteNumber("regions", r.Regions);
            w.WriteNumber("seconds_one_thread", r.SecondsOneThread);
            w.WriteNumber("us_per_region", r.MicrosecondsPerRegion);
            w.WriteNumber("us_per_region_streaming", r.MicrosecondsPerRegionStreaming);
            w.WriteNumber("regions_per_second", r.RegionsPerSecond);
            w.WriteNumber("bytes_allocated_per_region", r.BytesAllocatedPerRegion);
            w.WriteNumber("peak_heap_bytes_per_region", r.PeakHeapBytesPerRegion);
            w.WriteNumber("maps_us_per_region", r.MapsMicrosecondsPerRegion);
            w.WriteNumber("limit_ratio", r.LimitRatio);
            w.WriteNumber("threads", r.Threads);
            w.WriteNumber("seconds_all_threads", r.SecondsAllThreads);
            w.WriteNumber("us_per_region_all_threads", r.MicrosecondsPerRegionAllThreads);
            w.WriteNumber("thread_speedup", r.ThreadSpeedup);
            w.WriteNumber("parallel_ceiling", r.ParallelCeiling);
            w.WriteNumber("one_thread_spread", r.OneThreadSpread);
            w.WriteNumber("all_threads_spread", r.AllThreadsSpread);
            if (r.BaselineSeconds is double b) w.WriteNumber("textbook_seconds", b); else w.WriteNull("textbook_seconds");
            if (r.BaselineSpeedup is double s) w.WriteNumber("textbook_speedup", s); else w.WriteNull("textbook_speedup");
            if (r.EngineSecondsBesideBaseline is double e) w.WriteNumber("engine_seconds_beside_textbook", e);
            else w.WriteNull("engine_seconds_beside_textbook");
            if (r.CertifySeconds is double cs) w.WriteNumber("certify_seconds", cs); else w.WriteNull("certify_seconds");
            if (r.CertifyFactor is double cf) w.WriteNumber("certify_factor", cf); else w.WriteNull("certify_factor");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
