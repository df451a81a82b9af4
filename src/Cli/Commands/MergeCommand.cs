using System.CommandLine;
using Polytopes.Cli.Output;
using Polytopes.Enumeration.Sweep;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes merge --spec SPEC --out merged.jsonl [--svg plot.svg] FILE...</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files") { Description = "results files of the shards", Arity = ArgumentArity.OneOrMore };
        var spec = new Option<string>("--spec") { Description = "the sweep spec the shards ran (defines the work items)", Required = true };
        var outFile = new Option<string>("--out") { Description = "merged results file, in work-item order (written atomically)", Required = true };
        var svg = new Option<string?>("--svg") { Description = "also draw mean regions against neurons (log-log, with the reference bound) to this SVG file" };
        var command = new Command("merge",
            "Combine the results files of a sharded sweep into one, checking that every work item of the spec is present " +
            "exactly once (no item missing, none twice, no truncated line), and print the summary table.")
        {
            files, spec, outFile, svg,
        };
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(spec)!, parse.GetValue(files)!, parse.GetValue(outFile)!, parse.GetValue(svg), stdout)));
        return command;
    }

    private static ExitCode Execute(string specPath, string[] files, string outPath, string? svgPath, TextWriter stdout)
    {
        var plan = new WorkPlan(SweepSpecReader.Read(specPath));
        var records = SweepMerge.Merge(plan, files);
        using var svgFile = svgPath == null ? null : new AtomicFile(svgPath);
        ResultsFile.WriteAtomically(outPath, records.Select(r => r.Line));
        stdout.WriteLine($"merged   {files.Length} files: {records.Count} work items of {specPath}, each exactly once");
        stdout.WriteLine($"results  {outPath}");
        var groups = SweepSummary.Of(records);
        if (svgFile != null)
        {
            svgFile.Writer.Write(SweepSvg.Render(groups, $"{Path.GetFileName(specPath)}: regions against neurons"));
            svgFile.Commit();
            stdout.WriteLine($"plot     {svgPath}");
        }
        stdout.WriteLine();
        SweepReport.PrintTable(stdout, groups);
        return records.All(r => r.Complete) ? ExitCode.Success : ExitCode.Incomplete;
    }
}
