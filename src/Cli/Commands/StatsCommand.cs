using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes stats NET [--box ...] [--slice ...|--plane-through ...] [--json]: region statistics (inscribed radius, volume, vertices, output
/// gradients, neighbour angles) and the decision boundary.</summary>
internal static class StatsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var net = new Argument<string>("net") { Description = "network file (polytopes-net JSON)" };
        var box = new Option<string?>("--box") { Description = BoxOption.Help };
        var json = new Option<bool>("--json") { Description = "print exactly one JSON object on stdout" };
        var command = new Command("stats",
            "Region statistics: inscribed radius, area/volume, vertices, output gradients, angles between neighbours, and the decision boundary.")
        {
            net, box, json,
        };
        var search = new SearchOptionSet();
        search.AddTo(command);
        var domain = new DomainOptions();
        domain.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(net)!, parse.GetValue(box), domain.Read(parse), search.Read(parse), parse.GetValue(json), stdout)));
        return command;
    }

    private static ExitCode Execute(string netPath, string? boxText, DomainOptions.Choice slice, SearchOptionSet.Choice choice,
        bool json, TextWriter stdout)
    {
        var options = choice.Options(boxText, null);
        var (network, box) = slice.NetworkAndBox(netPath, boxText);
        var run = RegionSearch.Run(network, options with { Search = options.Search with { Box = box, Solids = true } });
        var result = run.Result;
        double scale = run.Box?.Scale() ?? 1;
        var tol = options.Search.Tolerances;
        var stats = new RegionStatistics(network.InputDim, scale, tol).All(result.Regions);
        var summary = StatsSummary.Of(stats);
        var boundary = new DecisionBoundary(network.InputDim, scale, tol).Analyze(result.Regions);
        var report = new Report(network.Name, network.InputDim, network.OutputDim, run.Box?.Volume(), result, summary, boundary,
            run.Certification);
        if (json) stdout.WriteLine(Json.ToText(report.WriteJson, indented: false));
        else report.Print(stdout);
        return result.Stop == StopReason.Complete ? ExitCode.Success : ExitCode.Incomplete;
    }

    /// <summary>BoxVolume is null over all of R^d.</summary>
    private sealed record Report(string Name, int InputDim, int Outputs, double? BoxVolume, EnumerationResult Result,
        StatsSummary Summary, DecisionBoundaryResult Boundary, CertificationResult? Proof)
    {
        private string VolumeName => InputDim switch { 1 => "length", 2 => "area", _ => "volume" };

        public void WriteJson(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("network", Name);
            w.WriteNumber("input_dim", InputDim);
            w.WriteNumber("outputs", Outputs);
            w.WriteString("domain", Result.WholeSpace ? "all" : "box");
            w.WriteNumber("regions", Result.RegionCount);
            w.WriteNumber("bounded_regions", Result.BoundedRegions);
            w.WriteNumber("unbounded_regions", Result.UnboundedRegions);
            w.WriteNumber("linear_regions", Result.LinearRegionCount);
            w.WriteBoolean("complete", Result.Stop == StopReason.Complete);
            if (Proof != null)
            {
                w.WriteBoolean("certified", Proof.Certified);
                w.WriteNumber("certification_repairs", Proof.Repairs.Total);
                w.WriteNumber("certification_seconds", Proof.Seconds);
            }
            Spread(w, "radius", Summary.Radius);
            if (Summary.Volume != null)
            {
                w.WriteStartObject("volume");
                w.WriteString("measure", VolumeName);
                w.WriteString("over", Result.WholeSpace ? "bounded regions (unbounded regions have infinite measure)" : "all regions");
                Json.WriteNumberOrNull(w, "total", Summary.TotalVolume!.Value);
                if (BoxVolume is double v) Json.WriteNumberOrNull(w, "box", v); else w.WriteNull("box");
                SpreadFields(w, Summary.Volume);
                w.WriteEndObject();
            }
            else w.WriteNull("volume");
            if (Summary.VertexCount != null) Spread(w, "vertices", Summary.VertexCount); else w.WriteNull("vertices");
            Spread(w, "gradient_norm", Summary.GradientNorm);
            w.WriteNumber("neighbour_pairs", Summary.NeighbourPairs);
            Spread(w, "gradient_angle", Summary.GradientAngle);
            Spread(w, "normal_angle", Summary.NormalAngle);
            w.WriteStartObject("decision_boundary");
            w.WriteString("definition", Outputs == 1 ? "output = 0" : "top two outputs tie");
            w.WriteNumber("regions_crossed", Boundary.RegionsCrossed);
            w.WriteNumber("region_pieces", Boundary.Pieces.Count);
            w.WriteNumber("linear_pieces", Boundary.LinearPieces);
            if (Boundary.Length is double len) Json.WriteNumberOrNull(w, "length", len); else w.WriteNull("length");
            w.WriteNumber("tied_regions", Boundary.TiedRegions);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        public void Print(TextWriter o)
        {
            var inv = CultureInfo.InvariantCulture;
            string S(Spread s) => s.Count == 0 ? "-" :
                string.Create(inv, $"min {s.Min:G6}  median {s.Median:G6}  mean {s.Mean:G6}  max {s.Max:G6}");
            o.WriteLine($"network           {Name} (input_dim {InputDim}, {Outputs} output{(Outputs == 1 ? "" : "s")})");
            o.WriteLine($"regions           {Result.RegionCount}  (linear regions {Result.LinearRegionCount}){(Result.Stop == StopReason.Complete ? "" : $"  incomplete: {Result.Stop}")}");
            if (Result.WholeSpace)
                o.WriteLine($"domain            all of R^{InputDim}: {Result.BoundedRegions} bounded, {Result.UnboundedRegions} unbounded regions " +
                            "(radius, size and vertices below are over the bounded regions; unbounded ones have infinite size)");
            if (Proof != null)
                o.WriteLine(string.Create(inv, $"certified         {(Proof.Certified ? "yes" : $"no ({Proof.Failure})")}, {Proof.Repairs.Total} repairs " +
                            $"({Proof.Repairs.RadiiReplaced} radii replaced), {Proof.Seconds:F3} s; every statistic is of the proved regions"));
            o.WriteLine($"inradius          {S(Summary.Radius)}");
            if (Summary.Volume != null)
            {
                o.WriteLine(BoxVolume is double v
                    ? string.Create(inv, $"{VolumeName,-18}total {Summary.TotalVolume:G10} (box {v:G10})")
                    : string.Create(inv, $"{VolumeName,-18}total {Summary.TotalVolume:G10} over the {Summary.BoundedRegions} bounded regions"));
                o.WriteLine($"                  {S(Summary.Volume)}");
            }
            if (Summary.VertexCount != null) o.WriteLine($"vertices          {S(Summary.VertexCount)}");
            o.WriteLine($"gradient norm     {S(Summary.GradientNorm)}");
            o.WriteLine($"neighbour pairs   {Summary.NeighbourPairs}");
            o.WriteLine($"gradient angle    {S(Summary.GradientAngle)}  (radians)");
            o.WriteLine($"normal angle      {S(Summary.NormalAngle)}  (radians; largest bend of a common unit's hyperplane, over {Summary.NormalAngle.Count} pairs)");
            o.WriteLine($"decision boundary {(Outputs == 1 ? "output = 0" : "top two outputs tie")}: {Boundary.RegionsCrossed} regions crossed, " +
                        $"{Boundary.Pieces.Count} region pieces, {Boundary.LinearPieces} linear pieces" +
                        (Boundary.Length is double len ? string.Create(inv, $", length {len:G10}") : "") +
                        (Boundary.TiedRegions > 0 ? $", {Boundary.TiedRegions} regions tied throughout" : ""));
        }

        private static void Spread(Utf8JsonWriter w, string name, Spread s)
        {
            w.WriteStartObject(name);
            SpreadFields(w, s);
            w.WriteEndObject();
        }

        private static void SpreadFields(Utf8JsonWriter w, Spread s)
        {
            w.WriteNumber("count", s.Count);
            Json.WriteNumberOrNull(w, "min", s.Min);
            Json.WriteNumberOrNull(w, "median", s.Median);
            Json.WriteNumberOrNull(w, "mean", s.Mean);
            Json.WriteNumberOrNull(w, "max", s.Max);
        }
    }
}
