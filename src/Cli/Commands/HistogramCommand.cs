using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Cli.Output.Svg;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes histogram NET... [--box ...] [--slice ...|--plane-through ...] [--json] [--csv FILE] [--svg FILE]: face-count histograms of
/// each network and of all together, with the reference value for the input dimension.</summary>
internal static class HistogramCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var nets = new Argument<string[]>("nets") { Description = "network files (polytopes-net JSON), one or more", Arity = ArgumentArity.OneOrMore };
        var box = new Option<string?>("--box") { Description = BoxOption.Help };
        var json = new Option<bool>("--json") { Description = "print exactly one JSON object on stdout" };
        var csv = new Option<string?>("--csv") { Description = "also write the histograms to this CSV file (network,faces,regions,neuron_face_regions)" };
        var svg = new Option<string?>("--svg") { Description = "also draw the histograms to this SVG file (one bar series per network)" };
        var command = new Command("histogram",
            "Face-count histograms (all faces and neuron faces per region) of each network and of all together, with mean, median and the reference value for the input dimension.")
        {
            nets, box, json, csv, svg,
        };
        var search = new SearchOptionSet();
        search.AddTo(command);
        var domain = new DomainOptions();
        domain.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(nets) ?? [], parse.GetValue(box), domain.Read(parse), search.Read(parse), parse.GetValue(json),
            parse.GetValue(csv), parse.GetValue(svg), stdout)));
        return command;
    }

    private static ExitCode Execute(string[] paths, string? boxText, DomainOptions.Choice slice, SearchOptionSet.Choice choice,
        bool json, string? csvPath, string? svgPath, TextWriter stdout)
    {
        if (paths.Length == 0) throw new InputException("histogram: give at least one network file");
        var options = choice.Options(boxText, null);
        // Read every network (and its box) before enumerating any, so a bad file fails fast.
        var inputs = paths.Select(p => slice.NetworkAndBox(p, boxText)).ToArray();
        var networks = inputs.Select(i => i.Network).ToArray();
        var histograms = new List<FaceHistogram>();
        var proofs = new List<CertificationResult?>();
        bool complete = true;
        for (int i = 0; i < networks.Length; i++)
        {
            var net = networks[i];
            var run = RegionSearch.Run(net, options with { Search = options.Search with { Box = inputs[i].Box, KeepRegions = false } });
            complete &= run.Result.Stop == StopReason.Complete;
            histograms.Add(FaceHistogram.Of(UniqueName(net.Name, i, networks.Select(n => n.Name).ToArray()), run.Result));
            proofs.Add(run.Certification);
        }
        var all = FaceHistogram.Pool(networks.Length == 1 ? "all" : $"all ({networks.Length} networks)", histograms);

        // Files first: a failure to write them is reported before anything is printed.
        if (csvPath != null) WriteFile(csvPath, Csv(histograms, all));
        if (svgPath != null)
            WriteFile(svgPath, HistogramChart.Render("Faces per region", histograms.Count == 1 ? histograms : [.. histograms, all]));

        if (json) stdout.WriteLine(Json.ToText(w => WriteJson(w, paths, histograms, proofs, all), indented: false));
        else Print(stdout, histograms, proofs, all);
        return complete ? ExitCode.Success : ExitCode.Incomplete;
    }

    /// <summary>Networks with the same name get their position appended, so every series has its own label.</summary>
    private static string UniqueName(string name, int index, string[] names) =>
        names.Count(n => n == name) > 1 ? $"{name} #{index + 1}" : name;

    private static void WriteFile(string path, string text)
    {
        using var file = new AtomicFile(path);
        file.Writer.Write(text);
        file.Commit();
    }

    internal static string Csv(IReadOnlyList<FaceHistogram> histograms, FaceHistogram all)
    {
        var sb = new StringBuilder("network,faces,regions,neuron_face_regions\n");
        foreach (var h in histograms.Append(all))
        {
            var keys = h.Total.Keys.Union(h.Neuron.Keys).Order();
            foreach (int k in keys)
                sb.Append(CsvField(h.Name)).Append(',').Append(k.ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(h.Total.GetValueOrDefault(k).ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(h.Neuron.GetValueOrDefault(k).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    internal static string CsvField(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static void WriteJson(Utf8JsonWriter w, string[] paths, IReadOnlyList<FaceHistogram> histograms,
        IReadOnlyList<CertificationResult?> proofs, FaceHistogram all)
    {
        w.WriteStartObject();
        w.WriteStartArray("networks");
        for (int i = 0; i < histograms.Count; i++) WriteOne(w, histograms[i], paths[i], proofs[i]);
        w.WriteEndArray();
        w.WritePropertyName("all");
        WriteOne(w, all, null, null);
        w.WriteEndObject();
    }

    private static void WriteOne(Utf8JsonWriter w, FaceHistogram h, string? file, CertificationResult? proof)
    {
        w.WriteStartObject();
        w.WriteString("network", h.Name);
        if (file != null) w.WriteString("file", file);
        if (h.InputDim is int d) w.WriteNumber("input_dim", d); else w.WriteNull("input_dim");
        w.WriteString("domain", h.WholeSpace ? "all" : "box");
        w.WriteNumber("regions", h.Regions);
        w.WriteNumber("bounded_regions", h.BoundedRegions);
        w.WriteNumber("unbounded_regions", h.UnboundedRegions);
        if (proof != null)
        {
            w.WriteBoolean("certified", proof.Certified);
            w.WriteNumber("certification_repairs", proof.Repairs.Total);
        }
        Json.WriteHistogram(w, "face_histogram", h.Total);
        Json.WriteHistogram(w, "neuron_face_histogram", h.Neuron);
        Json.WriteNumberOrNull(w, "mean_faces", h.MeanFaces);
        Json.WriteNumberOrNull(w, "median_faces", h.MedianFaces);
        Json.WriteNumberOrNull(w, "mean_neuron_faces", h.MeanNeuronFaces);
        Json.WriteNumberOrNull(w, "median_neuron_faces", h.MedianNeuronFaces);
        if (h.Reference is { } r)
        {
            w.WriteStartObject("reference");
            w.WriteNumber("mean_faces", r.Value);
            w.WriteString("source", r.ValueSource);
            if (r.Bound is double b) w.WriteNumber("bound", b); else w.WriteNull("bound");
            w.WriteString("bound_source", r.BoundSource);
            w.WriteEndObject();
        }
        else w.WriteNull("reference");
        w.WriteEndObject();
    }

    private static void Print(TextWriter o, IReadOnlyList<FaceHistogram> histograms, IReadOnlyList<CertificationResult?> proofs,
        FaceHistogram all)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = histograms.Count == 1 ? histograms.ToList() : [.. histograms, all];
        if (histograms.Any(h => h.WholeSpace))
        {
            o.WriteLine("domain: all of R^d (faces are hyperplane pieces only, no box sides; some regions are unbounded)");
            foreach (var h in histograms)
                o.WriteLine($"  {h.Name}: {h.BoundedRegions} bounded, {h.UnboundedRegions} unbounded regions");
        }
        for (int i = 0; i < histograms.Count; i++)
            if (proofs[i] is { } proof)
                o.WriteLine($"certified: {histograms[i].Name}: {(proof.Certified ? "yes" : $"no ({proof.Failure})")}, " +
                            $"{proof.Repairs.Total} repairs (the counts below are the exact ones)");
        int nameWidth = Math.Max(12, rows.Max(h => h.Name.Length) + 2);
        o.WriteLine($"{"network".PadRight(nameWidth)}{"dim",4}{"regions",9}{"mean faces",12}{"median",8}{"mean neuron",13}{"median",8}");
        foreach (var h in rows)
            o.WriteLine(string.Create(inv,
                $"{h.Name.PadRight(nameWidth)}{(h.InputDim?.ToString(inv) ?? "-"),4}{h.Regions,9}{h.MeanFaces,12:F4}{h.MedianFaces,8:0.#}{h.MeanNeuronFaces,13:F4}{h.MedianNeuronFaces,8:0.#}"));
        o.WriteLine();
        PrintTable(o, "faces", rows, h => h.Total);
        o.WriteLine();
        PrintTable(o, "neuron faces", rows, h => h.Neuron);
        foreach (var r in rows.Select(h => h.Reference).OfType<FaceReference>().DistinctBy(r => (r.InputDim, r.ValueSource)))
        {
            int d = r.InputDim;
            o.WriteLine();
            o.WriteLine(string.Create(inv, $"reference (d = {d}): mean faces {r.Value:0.##}: {r.ValueSource}"));
            o.WriteLine(r.Bound is double b
                ? string.Create(inv, $"bound     (d = {d}): mean faces {(d == 1 ? "=" : "<")} {b:0.##}: {r.BoundSource}")
                : $"bound     (d = {d}): {r.BoundSource}");
        }
    }

    /// <summary>Face count down, one column of region counts per network.</summary>
    private static void PrintTable(TextWriter o, string what, IReadOnlyList<FaceHistogram> rows,
        Func<FaceHistogram, SortedDictionary<int, int>> pick)
    {
        var widths = rows.Select(h => Math.Max(8, h.Name.Length + 2)).ToArray();
        o.WriteLine(what.PadRight(14) + string.Concat(rows.Select((h, i) => h.Name.PadLeft(widths[i]))));
        foreach (int k in rows.SelectMany(h => pick(h).Keys).Distinct().Order())
            o.WriteLine(k.ToString(CultureInfo.InvariantCulture).PadRight(14) +
                        string.Concat(rows.Select((h, i) => pick(h).GetValueOrDefault(k).ToString(CultureInfo.InvariantCulture).PadLeft(widths[i]))));
    }
}
