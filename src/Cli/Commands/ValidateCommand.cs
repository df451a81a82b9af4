using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Sampling;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes validate NET [--points N1,N2,...] [--repeats R] [--seed S] [--threads T] [--box ...|--slice ...]
/// [--json] [--svg FILE]</summary>
internal static class ValidateCommand
{
    public const string DefaultSizes = "100,1000,10000";
    public const int DefaultRepeats = 5;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var net = new Argument<string>("net") { Description = "network file (polytopes-net JSON)" };
        var points = new Option<string>("--points")
        {
            Description = $"sample sizes, strictly increasing, comma-separated (default {DefaultSizes}); at N points " +
                          "the line estimators use max(10, N/100) chords",
            DefaultValueFactory = _ => DefaultSizes,
        };
        var repeats = new Option<int>("--repeats")
        {
            Description = $"independent repeats of every estimator at every size (default {DefaultRepeats})",
            DefaultValueFactory = _ => DefaultRepeats,
        };
        var seed = new Option<ulong>("--seed") { Description = "seed of the SplitMix64 streams (default 1)", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = SampleCommand.ThreadsHelp };
        var box = new Option<string?>("--box") { Description = BoxOption.Help };
        var domain = new DomainOptions();
        var json = new Option<bool>("--json") { Description = "print exactly one JSON object on stdout" };
        var svg = new Option<string?>("--svg") { Description = "also draw estimate vs sample size, with the exact count, to this SVG file" };
        var command = new Command("validate",
            "Validate the sampling estimators against the exact count: enumerate once, run every estimator R times at " +
            "every sample size, and report mean, spread, relative error, the fraction of exact regions found and which " +
            "regions are missed by size (2-D area, 1-D length, else inscribed-ball volume).")
        {
            net, points, repeats, seed, threads, box, json, svg,
        };
        domain.AddTo(command);
        var search = new SearchOptionSet();
        search.AddTo(command, SearchOptionSet.Parts.Domain);
        command.SetAction(parse => CommandRunner.Run(stderr, () => search.Read(parse).RejectWholeSpace("validate") ?? Execute(
            domain.Read(parse), parse.GetValue(net)!, parse.GetValue(points)!, parse.GetValue(repeats),
            parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(box), parse.GetValue(json), parse.GetValue(svg),
            stdout)));
        return command;
    }

    /// <summary>Parses "N1,N2,..." into positive, strictly increasing sizes.</summary>
    public static long[] ParseSizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (string.IsNullOrWhiteSpace(text) || parts.All(p => p.Length == 0))
            throw new InputException("--points: the list of sample sizes is empty (give e.g. 100,1000,10000)");
        var sizes = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]))
                throw new InputException($"--points: '{parts[i]}' is not a whole number (in '{text}')");
            if (sizes[i] <= 0) throw new InputException($"--points: sample sizes must be positive, got {sizes[i]}");
            if (i > 0 && sizes[i] <= sizes[i - 1])
                throw new InputException($"--points: sample sizes must be strictly increasing, got {sizes[i]} after {sizes[i - 1]}");
        }
        return sizes;
    }

    private static ExitCode Execute(DomainOptions.Choice slice, string netPath, string sizesText, int repeats,
        ulong seed, int? threadsOption, string? boxText, bool json, string? svgPath, TextWriter stdout)
    {
        var sizes = ParseSizes(sizesText);
        if (repeats < 1) throw new InputException($"--repeats must be at least 1, got {repeats}");
        int threads = SampleCommand.Threads(threadsOption);
        var (network, box) = slice.NetworkAndBox(netPath, boxText);
        var options = new ValidationOptions
        {
            Box = box, Seed = seed, Threads = threads, Sizes = sizes, Repeats = repeats,
        };
        using var svgFile = svgPath == null ? null : new AtomicFile(svgPath); // a bad path fails before the work
        var report = new SamplingValidator(network, options).Run();
        if (svgFile != null)
        {
            svgFile.Writer.Write(Chart(report));
            svgFile.Commit();
        }
        if (json) stdout.WriteLine(Json.ToText(w => WriteJson(w, report), indented: false));
        else Print(stdout, report);
        return ExitCode.Success;
    }

    private static string MeasureName(SizeMeasure m) => m switch
    {
        SizeMeasure.Length => "length",
        SizeMeasure.Area => "area",
        SizeMeasure.Volume => "volume",
        _ => "inscribed_ball_volume",
    };

    internal static string Chart(ValidationReport r)
    {
        var series = r.Estimators.Select(e => new SvgPlot.Series(e.Key,
            e.BySize.Select(s => new SvgPlot.Point(s.Points, s.Mean, s.Sd)).ToArray())).ToArray();
        return SvgPlot.LogXChart(
            $"{r.Network.Name}: estimated regions vs sample size ({r.Options.Repeats} repeats, mean ± sd)",
            "sample size N (points; chords = max(10, N/100))", "regions",
            series, [new SvgPlot.Reference($"exact {r.Exact.RegionCount}", r.Exact.RegionCount)]);
    }

    private static void WriteStats(Utf8JsonWriter w, EstimateStats s)
    {
        w.WriteStartObject();
        w.WriteNumber("points", s.Points);
        w.WriteNumber("lines", s.Lines);
        w.WriteNumber("mean", s.Mean);
        if (s.Sd is double sd) w.WriteNumber("sd", sd); else w.WriteNull("sd");
        w.WriteNumber("min", s.Min);
        w.WriteNumber("max", s.Max);
        w.WriteNumber("relative_error", s.RelativeError);
        Json.WriteArray(w, "values", s.Values.ToArray());
        w.WriteEndObject();
    }

    private static void WriteJson(Utf8JsonWriter w, ValidationReport r)
    {
        w.WriteStartObject();
        SampleCommand.WriteHeader(w, r.Network, r.Box);
        w.WriteNumber("seed", r.Options.Seed);
        w.WriteNumber("repeats", r.Options.Repeats);
        w.WriteStartArray("sizes");
        foreach (var n in r.Options.Sizes) w.WriteNumberValue(n);
        w.WriteEndArray();
        w.WriteStartObject("exact");
        w.WriteNumber("regions", r.Exact.RegionCount);
        w.WriteNumber("seconds", r.Exact.Seconds);
        w.WriteEndObject();
        SampleCommand.WriteBounds(w, r.Bounds);
        w.WriteStartArray("estimators");
        foreach (var e in r.Estimators)
        {
            w.WriteStartObject();
            w.WriteString("key", e.Key);
            w.WriteString("description", e.Description);
            w.WriteStartArray("results");
            foreach (var s in e.BySize) WriteStats(w, s);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.Boundary is { } b)
        {
            w.WriteStartObject("boundary_length");
            w.WriteNumber("exact", b.Exact);
            w.WriteStartArray("estimates");
            foreach (var s in b.Estimates) WriteStats(w, s);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteString("size_measure", MeasureName(r.Measure));
        w.WriteStartArray("coverage");
        foreach (var c in r.Coverage)
        {
            w.WriteStartObject();
            w.WriteNumber("points", c.Points);
            w.WriteNumber("found_fraction", c.FoundFraction);
            w.WriteNumber("patterns_not_enumerated", c.PatternsNotEnumerated);
            w.WriteStartArray("by_size");
            foreach (var bin in c.Bins)
            {
                w.WriteStartObject();
                w.WriteNumber("fraction_lo", bin.Lo);
                w.WriteNumber("fraction_hi", bin.Hi);
                w.WriteNumber("regions", bin.Regions);
                w.WriteNumber("found_fraction", bin.FoundFraction);
                w.WriteNumber("expected_found", bin.ExpectedFound);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("missed");
            foreach (var m in c.Missed)
            {
                w.WriteStartObject();
                w.WriteNumber("id", m.Id);
                w.WriteString("pattern", m.Pattern);
                w.WriteNumber(MeasureName(r.Measure), m.Size);
                w.WriteNumber("missed_in", m.MissedIn);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Print(TextWriter o, ValidationReport r)
    {
        int exact = r.Exact.RegionCount;
        SampleCommand.PrintHeader(o, r.Network, r.Box);
        o.WriteLine(Text.Inv($"exact           {exact} regions (enumerated in {r.Exact.Seconds:F3} s)"));
        o.WriteLine($"sampling        {r.Options.Repeats} repeats per size, seed {r.Options.Seed}; " +
                    "line estimators at N points use max(10, N/100) chords");
        SampleCommand.PrintBounds(o, r.Bounds);
        o.WriteLine($"estimates       mean over repeats, sd, relative error of the mean against the exact {exact}");
        o.WriteLine($"  {"estimator",-12} {"points",9} {"chords",7} {"mean",11} {"sd",10} {"rel.err",9}");
        foreach (var e in r.Estimators)
            foreach (var s in e.BySize)
                o.WriteLine(Text.Inv($"  {e.Key,-12} {s.Points,9} {s.Lines,7} {s.Mean,11:F1} {Sd(s),10} {s.RelativeError,9:+0.000;-0.000;0.000}"));
        foreach (var e in r.Estimators) o.WriteLine($"  {e.Key,-12} {e.Description}");
        if (r.Boundary is { } b)
        {
            o.WriteLine(Text.Inv($"boundary length exact {b.Exact:G6}; Crofton estimate (pi/2)*rho*area:"));
            foreach (var s in b.Estimates)
                o.WriteLine(Text.Inv($"  {"",-12} {s.Points,9} {s.Lines,7} {s.Mean,11:G6} {Sd(s),10} {s.RelativeError,9:+0.000;-0.000;0.000}"));
        }
        string measure = r.Measure switch
        {
            SizeMeasure.InscribedBallVolume => "inscribed-ball volume (a lower bound of the volume)",
            var m => MeasureName(m),
        };
        o.WriteLine($"regions found   fraction found over repeats (expected 1-(1-q)^N), by {measure} q as a fraction of the box");
        o.WriteLine($"  {"q",-15} {"regions",7}" + string.Concat(r.Coverage.Select(c => $" {"N=" + c.Points,15}")));
        var bins = r.Coverage[0].Bins;
        for (int i = 0; i < bins.Count; i++)
        {
            string range = bins[i].Hi == 0 ? "0" : Text.Inv($"[{bins[i].Lo:0e0},{bins[i].Hi:0e0})");
            o.WriteLine($"  {range,-15} {bins[i].Regions,7}" + string.Concat(r.Coverage.Select(c =>
                Text.Inv($" {$"{c.Bins[i].FoundFraction:F2} ({c.Bins[i].ExpectedFound:F2})",15}"))));
        }
        o.WriteLine($"  {"all",-15} {exact,7}" + string.Concat(r.Coverage.Select(c => Text.Inv($" {c.FoundFraction,15:F3}"))));
        foreach (var c in r.Coverage)
        {
            var largest = c.Missed.FirstOrDefault();
            o.WriteLine(largest == null
                ? $"  N={c.Points}: every region found in every repeat"
                : Text.Inv($"  N={c.Points}: {c.Missed.Count} regions missed at least once; largest: id {largest.Id}, ") +
                  Text.Inv($"{MeasureName(r.Measure)} {largest.Size:G4} (missed in {largest.MissedIn} of {r.Options.Repeats})"));
            if (c.PatternsNotEnumerated > 0)
                o.WriteLine($"  N={c.Points}: warning: {c.PatternsNotEnumerated} sampled patterns are not enumerated regions");
        }
    }

    private static string Sd(EstimateStats s) => s.Sd is double sd ? sd.ToString("F1", CultureInfo.InvariantCulture) : "-";
}
