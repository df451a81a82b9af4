using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Cli.Output.Svg;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Analysis;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes track CKPT... [--box ...] [--slice ...|--plane-through ...] [--json] [--csv FILE] [--svg FILE]: regions, linear regions, mean
/// faces, median radius and decision-boundary pieces per checkpoint of a training run.</summary>
internal static class TrackCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var checkpoints = new Argument<string[]>("checkpoints")
        {
            Description = "network files (polytopes-net JSON) in order of training step", Arity = ArgumentArity.OneOrMore,
        };
        var box = new Option<string?>("--box") { Description = BoxOption.Help + "; the same box for every checkpoint" };
        var json = new Option<bool>("--json") { Description = "print exactly one JSON object on stdout" };
        var csv = new Option<string?>("--csv") { Description = "also write the table to this CSV file, one row per checkpoint" };
        var svg = new Option<string?>("--svg") { Description = "also draw the series to this SVG file (one panel per quantity)" };
        var command = new Command("track",
            "Follow a training run: regions, linear regions, mean faces, median radius and decision-boundary pieces per checkpoint.")
        {
            checkpoints, box, json, csv, svg,
        };
        var search = new SearchOptionSet();
        search.AddTo(command);
        var domain = new DomainOptions();
        domain.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(checkpoints) ?? [], parse.GetValue(box), domain.Read(parse), search.Read(parse), parse.GetValue(json),
            parse.GetValue(csv), parse.GetValue(svg), stdout)));
        return command;
    }

    private static ExitCode Execute(string[] paths, string? boxText, DomainOptions.Choice slice, SearchOptionSet.Choice choice,
        bool json, string? csvPath, string? svgPath, TextWriter stdout)
    {
        if (paths.Length == 0) throw new InputException("track: give at least one checkpoint file");
        var options = choice.Options(boxText, null);
        // Read every checkpoint before enumerating any, so an unreadable file fails fast.
        var checkpoints = paths.Select(p => (Label: Path.GetFileName(p), Network: slice.Network(p))).ToArray();
        var box = BoxOption.Parse(boxText, checkpoints[0].Network.InputDim);
        var rows = TrainingSeries.Run(checkpoints, options with { Search = options.Search with { Box = box } });

        if (csvPath != null) WriteFile(csvPath, Csv(rows));
        if (svgPath != null) WriteFile(svgPath, Chart(rows));
        if (json) stdout.WriteLine(Json.ToText(w => WriteJson(w, rows, paths), indented: false));
        else Print(stdout, rows, options.Search.WholeSpace);
        return rows.All(r => r.Complete) ? ExitCode.Success : ExitCode.Incomplete;
    }

    private static void WriteFile(string path, string text)
    {
        using var file = new AtomicFile(path);
        file.Writer.Write(text);
        file.Commit();
    }

    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    internal static string Csv(IReadOnlyList<CheckpointRow> rows)
    {
        var sb = new StringBuilder("step,checkpoint,regions,linear_regions,mean_faces,median_radius,boundary_pieces,boundary_regions,boundary_length\n");
        foreach (var r in rows)
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{r.Step},{HistogramCommand.CsvField(r.Label)},{r.Regions},{r.LinearRegions},{N(r.MeanFaces)},{N(r.MedianRadius)},{r.BoundaryPieces},{r.BoundaryRegions},{(r.BoundaryLength is double l ? N(l) : "")}\n"));
        return sb.ToString();
    }

    private static string Chart(IReadOnlyList<CheckpointRow> rows) =>
        LineChart.Render("Linear regions through training", rows.Select(r => r.Label).ToArray(),
        [
            new("regions", rows.Select(r => (double?)r.Regions).ToArray()),
            new("linear regions", rows.Select(r => (double?)r.LinearRegions).ToArray()),
            new("mean faces per region", rows.Select(r => (double?)r.MeanFaces).ToArray()),
            new("median inscribed radius", rows.Select(r => (double?)r.MedianRadius).ToArray()),
            new("decision boundary: linear pieces", rows.Select(r => (double?)r.BoundaryPieces).ToArray()),
        ]);

    private static void WriteJson(Utf8JsonWriter w, IReadOnlyList<CheckpointRow> rows, string[] paths)
    {
        w.WriteStartObject();
        w.WriteStartArray("checkpoints");
        foreach (var r in rows)
        {
            w.WriteStartObject();
            w.WriteNumber("step", r.Step);
            w.WriteString("file", paths[r.Step]);
            w.WriteNumber("regions", r.Regions);
            w.WriteNumber("bounded_regions", r.Regions - r.UnboundedRegions);
            w.WriteNumber("unbounded_regions", r.UnboundedRegions);
            w.WriteNumber("linear_regions", r.LinearRegions);
            if (double.IsFinite(r.MeanFaces)) w.WriteNumber("mean_faces", r.MeanFaces); else w.WriteNull("mean_faces");
            if (double.IsFinite(r.MedianRadius)) w.WriteNumber("median_radius", r.MedianRadius); else w.WriteNull("median_radius");
            w.WriteNumber("boundary_pieces", r.BoundaryPieces);
            w.WriteNumber("boundary_regions", r.BoundaryRegions);
            // Infinite when a boundary piece is unbounded (--domain all): null, as stats writes it.
            if (r.BoundaryLength is double l && double.IsFinite(l)) w.WriteNumber("boundary_length", l); else w.WriteNull("boundary_length");
            w.WriteBoolean("complete", r.Complete);
            if (r.Certified is bool proved)
            {
                w.WriteBoolean("certified", proved);
                w.WriteNumber("certification_repairs", r.CertificationRepairs);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Print(TextWriter o, IReadOnlyList<CheckpointRow> rows, bool wholeSpace)
    {
        int width = Math.Max(12, rows.Max(r => r.Label.Length) + 2);
        if (wholeSpace)
            o.WriteLine("domain: all of R^d; " + string.Join(", ", rows.Select(r => $"step {r.Step}: {r.Regions - r.UnboundedRegions} bounded, {r.UnboundedRegions} unbounded")));
        foreach (var r in rows.Where(r => r.Certified != null))
            o.WriteLine($"certified: step {r.Step}: {(r.Certified == true ? "yes" : "no")}, {r.CertificationRepairs} repairs");
        o.WriteLine($"{"step",4}  {"checkpoint".PadRight(width)}{"regions",9}{"linear",9}{"mean faces",12}{"median radius",15}{"boundary pieces",17}");
        foreach (var r in rows)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Step,4}  {r.Label.PadRight(width)}{r.Regions,9}{r.LinearRegions,9}{r.MeanFaces,12:F4}{r.MedianRadius,15:G6}{r.BoundaryPieces,17}"));
    }
}
