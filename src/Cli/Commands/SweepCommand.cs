using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Polytopes.Cli.Output;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Sweep;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes sweep SPEC [--out results.jsonl] [--threads N] [--shard I/N] [--svg plot.svg]</summary>
internal static class SweepCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("spec") { Description = "sweep spec (JSON; see the README, e.g. examples/sweep-small.json)" };
        var outFile = new Option<string?>("--out")
        {
            Description = "results file, one JSON line per network, appended and resumed " +
                          "(default SPEC-NAME.results.jsonl, or SPEC-NAME.shard-I-of-N.jsonl with --shard)",
        };
        var threads = new Option<int?>("--threads")
        {
            Description = "networks enumerated at once, each on one thread (default: the number of processors)",
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "run only shard I of N (1 <= I <= N): the work items whose index is I-1 mod N; combine the " +
                          "shard files with polytopes merge",
        };
        var svg = new Option<string?>("--svg") { Description = "also draw mean regions against neurons (log-log, with the reference bound) to this SVG file" };
        var log = new Option<bool>("--log")
        {
            Description = "print one line per finished network on stderr, for batch logs (a terminal shows a live counter anyway)",
        };
        var command = new Command("sweep",
            "Generate, enumerate and summarise random networks over a product of architectures, activations, " +
            "initialisations, domains and seeds; one JSON line per network. Resumable: re-running the same command " +
            "skips the networks already in the results file and recomputes a truncated last line.")
        {
            spec, outFile, threads, shard, svg, log,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(spec)!, parse.GetValue(outFile), parse.GetValue(threads), parse.GetValue(shard),
            parse.GetValue(svg), parse.GetValue(log), stdout, stderr, cancel))));
        return command;
    }

    private static ExitCode Execute(string specPath, string? outPath, int? threadsOption, string? shardText, string? svgPath,
        bool log, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var shard = shardText == null ? Shard.All : Shard.Parse(shardText);
        int threads = threadsOption ?? Environment.ProcessorCount;
        if (threads < 1) throw new InputException($"--threads must be at least 1, got {threads}");
        var spec = SweepSpecReader.Read(specPath);
        outPath ??= DefaultOut(specPath, shard);
        using var svgFile = svgPath == null ? null : new AtomicFile(svgPath); // a bad path fails before the work

        var progress = new Progress(stderr, log);
        var runner = new SweepRunner(spec, new SweepOptions { Shard = shard, Threads = threads, OnLine = progress.Report });
        var run = runner.Run(outPath, cancel);
        progress.Done();

        var inv = CultureInfo.InvariantCulture;
        if (run.DroppedTruncatedLine)
            stderr.WriteLine($"polytopes: {outPath}: cut off a truncated last line (an interrupted run); its network was recomputed");
        stdout.WriteLine(string.Create(inv,
            $"sweep    {specPath}: {runner.Plan.Items.Count} work items{(shard.IsAll ? "" : $", shard {shard} has {run.ShardItems}")}; " +
            $"{run.AlreadyDone} already done, {run.Computed} computed ({threads} thread{(threads == 1 ? "" : "s")})"));
        stdout.WriteLine($"results  {outPath}");
        var groups = SweepSummary.Of(run.Records);
        if (svgFile != null)
        {
            svgFile.Writer.Write(SweepSvg.Render(groups, $"{Path.GetFileName(specPath)}: regions against neurons"));
            svgFile.Commit();
            stdout.WriteLine($"plot     {svgPath}");
        }
        stdout.WriteLine();
        SweepReport.PrintTable(stdout, groups);

        if (run.Status == SweepStatus.Cancelled)
        {
            stderr.WriteLine($"polytopes: cancelled after {run.Records.Count} of {run.ShardItems} work items; run the same command again to resume");
            return ExitCode.Incomplete;
        }
        int incomplete = run.Records.Count(r => !r.Complete);
        if (incomplete > 0)
        {
            stderr.WriteLine($"polytopes: {incomplete} networks are incomplete (max_regions reached or an error; see \"stop\" and \"error\" in {outPath})");
            return ExitCode.Incomplete;
        }
        return ExitCode.Success;
    }

    /// <summary>SPEC-NAME.results.jsonl, or SPEC-NAME.shard-I-of-N.jsonl, in the current directory.</summary>
    public static string DefaultOut(string specPath, Shard shard)
    {
        string stem = Path.GetFileNameWithoutExtension(specPath);
        return shard.IsAll ? $"{stem}.results.jsonl" : $"{stem}.shard-{shard.Index}-of-{shard.Count}.jsonl";
    }

    /// <summary>With --log, one line per finished network on stderr; otherwise a live counter, only when stderr is
    /// a terminal.</summary>
    private sealed class Progress(TextWriter stderr, bool log)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly bool live = !log && !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error);
        private bool shown;

        public void Report(SweepProgress p)
        {
            string what = p.Record.Error != null ? "error" : p.Record.Complete ? $"{p.Record.Regions} regions" : "incomplete";
            string line = string.Create(CultureInfo.InvariantCulture,
                $"[{p.Done}/{p.Total}] {clock.Elapsed.TotalSeconds:F1} s  {p.Record.Key}: {what} ({p.Record.Seconds:F3} s)");
            if (log)
            {
                stderr.WriteLine(line);
                stderr.Flush();
            }
            else if (live)
            {
                shown = true;
                stderr.Write("\r" + line + "\u001b[K");
            }
        }

        public void Done()
        {
            if (shown) stderr.WriteLine();
        }
    }
}
