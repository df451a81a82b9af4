using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes enumerate NET [--box ...] [--out regions.jsonl] [--json]</summary>
internal static class EnumerateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var net = new Argument<string>("net") { Description = "network file (.onnx or polytopes-net JSON)" };
        var box = new Option<string?>("--box") { Description = BoxOption.Help };
        var outFile = new Option<string?>("--out") { Description = "write one JSON object per region to this file (JSON lines)" };
        var json = new Option<bool>("--json") { Description = "print exactly one JSON summary object on stdout" };
        var maxRegions = new Option<int>("--max-regions") { Description = "stop after this many regions (0: no limit)" };
        var textbook = new Option<bool>("--textbook")
        {
            Description = "use the textbook method (one fresh LP per constraint per region) instead of the engine's: same regions, for speed comparisons",
        };
        var command = new Command("enumerate",
            "Enumerate every linear region of the network over a box: counts, face histograms, inscribed radii.")
        {
            net, box, outFile, json, maxRegions, textbook,
        };
        var search = new SearchOptionSet();
        search.AddTo(command);
        var slice = new DomainOptions();
        slice.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(net)!, parse.GetValue(box), parse.GetValue(outFile), parse.GetValue(json),
            parse.GetValue(maxRegions), parse.GetValue(textbook), slice.Read(parse), search.Read(parse), stdout, stderr)));
        return command;
    }

    // Above this input dimension a full enumeration is rarely what was meant (an image model without --slice).
    private const int HighDimension = 16;

    private static ExitCode Execute(string netPath, string? boxText, string? outPath, bool json, int maxRegions,
        bool textbook, DomainOptions.Choice slice, SearchOptionSet.Choice choice, TextWriter stdout, TextWriter stderr)
    {
        var options = choice.Options(boxText, null);
        if (maxRegions < 0) throw new Enumeration.InputException($"--max-regions must be >= 0, got {maxRegions}");
        var (network, box) = slice.NetworkAndBox(netPath, boxText);
        if (network.InputDim > HighDimension)
            stderr.WriteLine($"polytopes: note: {netPath} has input_dim {network.InputDim}: every region is a polytope in " +
                $"{network.InputDim} dimensions (LPs of that size, and typically astronomically many regions); " +
                "--slice or --plane-through enumerate a 2-D slice");
        using var output = outPath == null ? null : new AtomicFile(outPath);
        var lines = output == null ? null : new RegionLines(output.Writer.BaseStream, network.InputDim);
        using var lineWriter = lines == null ? null : new LineWriterThread(lines);
        var progress = new Progress(stderr);
        var search = options.Search with
        {
            Box = box,
            MaxRegions = maxRegions,
            Textbook = textbook,
            KeepRegions = false,
            OnProgress = progress.Report,
            OnFound = progress.Found,
            OnRegion = lineWriter == null ? null : lineWriter.Add, // without --out no record is built
            OnRegionBuilt = lineWriter == null ? null : lineWriter.Prepare,
            Solids = lineWriter != null,
        };
        lines?.UseScale(RegionSearch.Domain(network, search)?.Scale() ?? 1); // before the first line
        var run = RegionSearch.Run(network, options with { Search = search });
        progress.Done(run.Result.RegionCount);
        lineWriter?.Dispose(); // before Commit closes the stream: disposing it afterwards would flush into a closed file
        output?.Commit();

        var result = run.Result;
        if (json) stdout.WriteLine(Json.ToText(w => WriteSummary(w, network.Name, run.Box, result, run.Certification), indented: false));
        else PrintSummary(stdout, network.Name, run.Box, result, run.Certification);
        return result.Stop == StopReason.Complete ? ExitCode.Success : ExitCode.Incomplete;
    }

    private static void WriteSummary(Utf8JsonWriter w, string name, Box? box, EnumerationResult r, CertificationResult? exact)
    {
        w.WriteStartObject();
        w.WriteString("network", name);
        w.WriteNumber("input_dim", r.InputDim);
        w.WriteNumber("neurons", r.Neurons);
        if (box != null)
        {
            w.WriteString("domain", "box");
            Json.WriteArray(w, "box_lo", box.Lo.ToArray());
            Json.WriteArray(w, "box_hi", box.Hi.ToArray());
        }
        else w.WriteString("domain", "all");
        w.WriteNumber("regions", r.RegionCount);
        w.WriteNumber("bounded_regions", r.BoundedRegions);
        w.WriteNumber("unbounded_regions", r.UnboundedRegions);
        w.WriteNumber("linear_regions", r.LinearRegionCount);
        Json.WriteHistogram(w, "face_histogram", r.FaceHistogram);
        Json.WriteHistogram(w, "neuron_face_histogram", r.NeuronFaceHistogram);
        w.WriteStartObject("radius");
        // Null when no region has a finite radius (all of R^d cut by hyperplanes through one point: cones).
        Json.WriteNumberOrNull(w, "min", r.RadiusMin);
        Json.WriteNumberOrNull(w, "median", r.RadiusMedian);
        Json.WriteNumberOrNull(w, "max", r.RadiusMax);
        w.WriteEndObject();
        w.WriteBoolean("complete", r.Stop == StopReason.Complete);
        w.WriteString("stop", r.Stop.ToString());
        w.WriteNumber("candidates_tested", r.CandidatesTested);
        w.WriteNumber("facets_without_neighbour", r.FacetsWithoutNeighbour);
        w.WriteNumber("seconds", r.Seconds);
        if (exact != null)
        {
            w.WriteBoolean("certified", exact.Certified);
            w.WriteNumber("certification_repairs", exact.Repairs.Total);
            w.WriteNumber("certification_seconds", exact.Seconds);
        }
        w.WriteEndObject();
    }

    private static void PrintSummary(TextWriter o, string name, Box? box, EnumerationResult r, CertificationResult? exact)
    {
        var inv = CultureInfo.InvariantCulture;
        string Hist(IReadOnlyDictionary<int, int> h) => string.Join("  ", h.Select(kv => $"{kv.Key}:{kv.Value}"));
        string Interval(int j) => string.Create(inv, $"[{box!.Lo[j]:G6},{box.Hi[j]:G6}]");
        o.WriteLine($"network         {name} (input_dim {r.InputDim}, {r.Neurons} neurons)");
        o.WriteLine(box == null ? $"domain          all of R^{r.InputDim}"
            : $"box             {string.Join(" x ", Enumerable.Range(0, box.Dimension).Select(Interval))}");
        o.WriteLine($"regions         {r.RegionCount}{(r.Stop == StopReason.Complete ? "" : $"  (incomplete: {r.Stop})")}");
        if (box == null) o.WriteLine($"bounded         {r.BoundedRegions}  (unbounded {r.UnboundedRegions})");
        o.WriteLine($"linear regions  {r.LinearRegionCount}");
        o.WriteLine($"faces           {Hist(r.FaceHistogram)}   (faces per region: count, box sides included)");
        o.WriteLine($"neuron faces    {Hist(r.NeuronFaceHistogram)}");
        o.WriteLine(double.IsNaN(r.RadiusMin)
            ? "radius          none finite (every region holds arbitrarily large balls)"
            : string.Create(inv, $"radius          min {r.RadiusMin:G6}  median {r.RadiusMedian:G6}  max {r.RadiusMax:G6}"));
        o.WriteLine(string.Create(inv, $"time            {r.Seconds:F3} s"));
        if (exact != null)
        {
            var k = exact.Repairs;
            o.WriteLine(string.Create(inv, $"certified       {(exact.Certified ? "yes" : $"no ({exact.Failure})")}, {k.Total} repairs " +
                $"(regions -{k.RegionsDropped} +{k.RegionsAdded}, facets -{k.FacetsRemoved} +{k.FacetsAdded}, neighbours {k.NeighboursCorrected}, " +
                $"radii {k.RadiiReplaced}), " +
                $"{exact.Seconds:F3} s ({exact.Seconds / Math.Max(r.Seconds, 1e-9):F1}x the search)"));
        }
        if (r.FacetsWithoutNeighbour > 0)
            o.WriteLine($"warning         {r.FacetsWithoutNeighbour} facets led to no region within tolerance");
    }

    /// <summary>Region count on stderr, only when stderr is a terminal and the run has taken over a second: the
    /// regions recorded, or before that the regions found (a subdivision numbers its regions once all are
    /// found; those reports come from its threads).</summary>
    private sealed class Progress(TextWriter stderr)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly bool enabled = !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error);
        private long lastTick;
        private bool shown;

        public void Report(int regions) => Show(regions, "regions");

        public void Found(int regions) => Show(regions, "regions found");

        private void Show(int regions, string what)
        {
            if (!enabled || clock.ElapsedMilliseconds < 1000) return; // called for every region: nothing built before
            lock (clock)
            {
                if (clock.ElapsedMilliseconds - lastTick < 250) return;
                lastTick = clock.ElapsedMilliseconds;
                shown = true;
                stderr.Write($"\r{regions} {what}, {clock.Elapsed.TotalSeconds:F1} s    ");
            }
        }

        /// <summary>Ends the line, with the final count where one was shown (the last update may be a quarter of a
        /// second old: a subdivision records all its regions in less).</summary>
        public void Done(int regions)
        {
            if (!shown) return;
            lock (clock) stderr.WriteLine($"\r{regions} regions, {clock.Elapsed.TotalSeconds:F1} s    ");
        }
    }
}
