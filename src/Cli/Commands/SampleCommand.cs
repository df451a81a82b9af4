using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Sampling;
using Polytopes.Enumeration.Statistics;
using Polytopes.Geometry;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes sample NET [--points N] [--seed S] [--lines L] [--threads T] [--box ...|--slice ...] [--json]</summary>
internal static class SampleCommand
{
    public const int DefaultPoints = 10_000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var net = new Argument<string>("net") { Description = "network file (polytopes-net JSON)" };
        var points = new Option<long>("--points")
        {
            Description = $"number of uniform random points in the box (default {DefaultPoints})",
            DefaultValueFactory = _ => DefaultPoints,
        };
        var seed = new Option<ulong>("--seed") { Description = "seed of the SplitMix64 streams (default 1)", DefaultValueFactory = _ => 1 };
        var lines = new Option<int?>("--lines")
        {
            Description = "random chords for the line-based estimates (default max(10, N/100); 0: none)",
        };
        var threads = new Option<int?>("--threads") { Description = ThreadsHelp };
        var box = new Option<string?>("--box") { Description = BoxOption.Help };
        var domain = new DomainOptions();
        var json = new Option<bool>("--json") { Description = "print exactly one JSON object on stdout" };
        var command = new Command("sample",
            "Estimate the region count from random samples: distinct patterns among uniform points, their frequencies, " +
            "Chao1, ACE and jackknife richness estimators, and line-based estimates from exact counts along random " +
            "chords (crossings per unit length rho; Crofton boundary length (d*kappa_d/(2 kappa_(d-1))) rho vol; " +
            "isotropic Poisson hyperplane model sum_k kappa_k (rho/2)^k V_k(box); Hanin-Rolnick scaling vol rho^d/d!), " +
            "with theoretical bounds beside them. Deterministic for a seed, whatever the number of threads.")
        {
            net, points, seed, lines, threads, box, json,
        };
        domain.AddTo(command);
        var search = new SearchOptionSet();
        search.AddTo(command, SearchOptionSet.Parts.Domain);
        command.SetAction(parse => CommandRunner.Run(stderr, () => search.Read(parse).RejectWholeSpace("sample") ?? Execute(
            domain.Read(parse), parse.GetValue(net)!, parse.GetValue(points), parse.GetValue(seed),
            parse.GetValue(lines), parse.GetValue(threads), parse.GetValue(box), parse.GetValue(json), stdout)));
        return command;
    }

    public const string ThreadsHelp = "worker threads (default: the number of processors); results do not depend on it";

    public static int Threads(int? threads)
    {
        if (threads is int t && t < 1) throw new InputException($"--threads must be at least 1, got {t}");
        return threads ?? Environment.ProcessorCount;
    }

    private static ExitCode Execute(DomainOptions.Choice slice, string netPath, long points, ulong seed,
        int? linesOption, int? threadsOption, string? boxText, bool json, TextWriter stdout)
    {
        if (points <= 0) throw new InputException($"--points must be a positive number of points, got {points}");
        if (linesOption is int l && l < 0) throw new InputException($"--lines must be >= 0, got {l}");
        int threads = Threads(threadsOption);
        var (network, boxOption) = slice.NetworkAndBox(netPath, boxText);
        var options = new SamplingOptions { Box = boxOption, Seed = seed, Threads = threads };
        var sampler = new PointSampler(network, options);
        var box = sampler.Box;
        var sample = sampler.Sample(points);
        int lines = linesOption ?? EstimatorCatalog.LinesFor(points);
        var chords = lines > 0 ? new LineSampler(network, options).Sample(lines) : null;
        var bounds = TheoreticalBounds.For(network, box);
        if (json) stdout.WriteLine(Json.ToText(w => WriteJson(w, network, box, seed, sample, chords, bounds), indented: false));
        else Print(stdout, network, box, seed, sample, chords, bounds);
        return ExitCode.Success;
    }

    private static void WriteJson(Utf8JsonWriter w, Network network, Box box, ulong seed, PatternSample sample,
        LineSample? chords, IReadOnlyList<TheoreticalBound> bounds)
    {
        var e = sample.Estimates();
        w.WriteStartObject();
        WriteHeader(w, network, box);
        w.WriteNumber("points", sample.Points);
        w.WriteNumber("seed", seed);
        w.WriteNumber("distinct", sample.Distinct);
        w.WriteNumber("singletons", e.Singletons);
        w.WriteNumber("doubletons", e.Doubletons);
        w.WriteNumber("coverage", e.Coverage);
        Json.WriteHistogram(w, "frequency_counts", sample.FrequencyCounts);
        w.WriteStartObject("estimates");
        foreach (var (key, value) in Estimates(sample, chords, box)) w.WriteNumber(key, value);
        w.WriteBoolean("ace_defined", e.AceDefined);
        w.WriteEndObject();
        w.WriteStartObject("estimators");
        foreach (var (key, _) in Estimates(sample, chords, box)) w.WriteString(key, EstimatorCatalog.Describe(key));
        w.WriteEndObject();
        if (chords != null)
        {
            w.WriteStartObject("lines");
            w.WriteNumber("chords", chords.Chords.Count);
            w.WriteNumber("mean_pieces", chords.MeanPieces);
            w.WriteNumber("mean_length", chords.MeanLength);
            w.WriteNumber("crossings_per_unit_length", chords.CrossingDensity);
            w.WriteNumber("boundary_measure", LineEstimators.BoundaryMeasure(chords.CrossingDensity, box));
            w.WriteEndObject();
        }
        WriteBounds(w, bounds);
        w.WriteStartArray("patterns");
        foreach (var (pattern, count) in sample.ByFrequency())
        {
            w.WriteStartObject();
            w.WriteString("pattern", pattern.ToString());
            w.WriteNumber("count", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static IEnumerable<(string Key, double Value)> Estimates(PatternSample sample, LineSample? chords, Box box) =>
        chords == null ? EstimatorCatalog.FromPoints(sample) : EstimatorCatalog.FromPoints(sample).Concat(EstimatorCatalog.FromLines(chords, box));

    internal static void WriteHeader(Utf8JsonWriter w, Network network, Box box)
    {
        w.WriteString("network", network.Name);
        w.WriteNumber("input_dim", network.InputDim);
        w.WriteNumber("neurons", network.UnitCount);
        Json.WriteArray(w, "box_lo", box.Lo.ToArray());
        Json.WriteArray(w, "box_hi", box.Hi.ToArray());
    }

    internal static void WriteBounds(Utf8JsonWriter w, IReadOnlyList<TheoreticalBound> bounds)
    {
        w.WriteStartArray("bounds");
        foreach (var b in bounds)
        {
            w.WriteStartObject();
            w.WriteString("key", b.Key);
            w.WriteString("name", b.Name);
            w.WritePropertyName("value");
            // Exact bounds can exceed every fixed-width integer: written as the exact integer literal.
            if (b.Exact is { } exact) w.WriteRawValue(exact.ToString(CultureInfo.InvariantCulture));
            else w.WriteNumberValue(b.Value);
            w.WriteString("meaning", b.Meaning);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Print(TextWriter o, Network network, Box box, ulong seed, PatternSample sample, LineSample? chords,
        IReadOnlyList<TheoreticalBound> bounds)
    {
        var e = sample.Estimates();
        PrintHeader(o, network, box);
        o.WriteLine($"points          {sample.Points} (seed {seed})");
        o.WriteLine(Text.Inv($"patterns        {sample.Distinct} distinct; f1 = {e.Singletons} seen once, f2 = {e.Doubletons} seen twice; ") +
                    Text.Inv($"coverage 1 - f1/n = {e.Coverage:F4}"));
        o.WriteLine($"frequencies     {string.Join("  ", sample.FrequencyCounts.Take(12).Select(kv => $"f{kv.Key}={kv.Value}"))}" +
                    (sample.FrequencyCounts.Count > 12 ? "  ..." : ""));
        if (chords != null)
            o.WriteLine(Text.Inv($"lines           {chords.Chords.Count} chords: {chords.MeanPieces:G4} pieces per chord, mean length ") +
                        Text.Inv($"{chords.MeanLength:G4}, rho = {chords.CrossingDensity:G4} crossings per unit length, ") +
                        Text.Inv($"boundary {(network.InputDim == 2 ? "length" : "measure")} ") +
                        Text.Inv($"{LineEstimators.BoundaryMeasure(chords.CrossingDensity, box):G5}"));
        o.WriteLine("estimates");
        foreach (var (key, value) in Estimates(sample, chords, box))
            o.WriteLine(Text.Inv($"  {key,-12} {value,10:F1}   {EstimatorCatalog.Describe(key)}") +
                        (key == EstimatorCatalog.Ace && !e.AceDefined ? " [undefined here: every rare pattern is a singleton]" : ""));
        PrintBounds(o, bounds);
        o.WriteLine("most frequent patterns");
        foreach (var (pattern, count) in sample.ByFrequency().Take(5)) o.WriteLine($"  {pattern}  {count}");
        if (sample.Distinct > 5) o.WriteLine($"  ... {sample.Distinct - 5} more (--json lists all)");
    }

    internal static void PrintHeader(TextWriter o, Network network, Box box)
    {
        string Interval(int j) => Text.Inv($"[{box.Lo[j]:G6},{box.Hi[j]:G6}]");
        o.WriteLine($"network         {network.Name} (input_dim {network.InputDim}, {network.UnitCount} neurons)");
        o.WriteLine($"box             {string.Join(" x ", Enumerable.Range(0, box.Dimension).Select(Interval))}");
    }

    internal static void PrintBounds(TextWriter o, IReadOnlyList<TheoreticalBound> bounds)
    {
        o.WriteLine("references");
        foreach (var b in bounds)
        {
            string value = b.Exact is { } exact ? exact.ToString(CultureInfo.InvariantCulture) : Text.Inv($"{b.Value:G6}");
            o.WriteLine($"  {b.Name,-26} {value,12}   {b.Meaning}");
        }
    }
}

/// <summary>Invariant-culture formatting for printed numbers.</summary>
internal static class Text
{
    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
