using System.CommandLine;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Cli.Output.Svg;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes map NET --svg FILE [--box ...] [--slice ...|--plane-through ...] [--colour pattern|output]
/// [--json]: every region of a 2-D network (or of a 2-D slice of any network) drawn as its polygon, with the
/// decision boundary on top.</summary>
internal static class MapCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var net = new Argument<string>("net") { Description = "network file (polytopes-net JSON) with a 2-D input, or any input with a 2-D slice" };
        var svg = new Option<string>("--svg") { Description = "write the map to this SVG file", Required = true };
        var box = new Option<string?>("--box") { Description = BoxOption.Help };
        var colour = new Option<string>("--colour")
        {
            Description = "fill regions by 'pattern' (a colour per activation pattern) or by 'output' (value, or winning class)",
            DefaultValueFactory = _ => "pattern",
        };
        var json = new Option<bool>("--json") { Description = "print exactly one JSON object on stdout" };
        var command = new Command("map",
            "Draw the linear regions of a 2-D network as an SVG map, coloured by pattern or output, with the decision boundary.")
        {
            net, svg, box, colour, json,
        };
        var search = new SearchOptionSet();
        search.AddTo(command);
        var domain = new DomainOptions();
        domain.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(net)!, parse.GetValue(svg)!, parse.GetValue(box), domain.Read(parse), search.Read(parse),
            parse.GetValue(colour)!, parse.GetValue(json), stdout)));
        return command;
    }

    private static ExitCode Execute(string netPath, string svgPath, string? boxText, DomainOptions.Choice slice,
        SearchOptionSet.Choice choice, string colourText, bool json, TextWriter stdout)
    {
        var colouring = colourText switch
        {
            "pattern" => MapColouring.Pattern,
            "output" => MapColouring.Output,
            _ => throw new InputException($"--colour: '{colourText}' is not 'pattern' or 'output'"),
        };
        var options = choice.Options(boxText, null);
        var network = slice.Network(netPath);
        if (network.InputDim != 2)
            throw new InputException($"{netPath}: input_dim is {network.InputDim}, but a region map draws a 2-D input: " +
                                     "give a 2-D slice with --slice SLICE.json or --plane-through POINTS.json");
        var run = RegionSearch.Run(network, options with { Search = options.Search with { Box = BoxOption.Parse(boxText, 2) } });
        var result = run.Result;
        var tol = options.Search.Tolerances;
        var boundary = new DecisionBoundary(2, run.Box?.Scale() ?? 1, tol).Analyze(result.Regions);
        string title = $"{network.Name}: {result.RegionCount} regions" + (run.Certification is { Certified: true } ? " (certified)" : "");
        string text;
        Box? view = null;
        int leftOut = 0;
        if (run.Box is { } box)
            text = RegionMap.Render(title, box, result.Regions, boundary.Pieces, colouring);
        else
        {
            // All of R^2: draw every region cut to a window that contains every vertex.
            var window = view = ViewWindow.Of(result.Regions, tol, out leftOut);
            var byId = result.Regions.ToDictionary(r => r.Id);
            var cut = result.Regions.Select(r => r with { Vertices = ViewWindow.Clip(r, window, tol) }).ToArray();
            var pieces = boundary.Pieces.Select(p => p.Segment != null ? p
                : p with { Segment = ViewWindow.ClipPiece(byId[p.Region], p, window) }).ToArray();
            text = RegionMap.Render(title + $" of R^2 ({result.UnboundedRegions} unbounded)", window, cut, pieces, colouring, view: true,
                leftOut: leftOut);
        }
        using (var file = new AtomicFile(svgPath))
        {
            file.Writer.Write(text);
            file.Commit();
        }
        if (json)
            stdout.WriteLine(Json.ToText(w =>
            {
                w.WriteStartObject();
                w.WriteString("network", network.Name);
                w.WriteString("svg", svgPath);
                w.WriteString("domain", run.Box == null ? "all" : "box");
                w.WriteNumber("regions", result.RegionCount);
                w.WriteNumber("bounded_regions", result.BoundedRegions);
                w.WriteNumber("unbounded_regions", result.UnboundedRegions);
                if (view != null)
                {
                    // The drawn window (a view containing every vertex of the subdivision, not the domain).
                    Json.WriteArray(w, "view_lo", view.Lo.ToArray());
                    Json.WriteArray(w, "view_hi", view.Hi.ToArray());
                }
                if (run.Certification is { } proof)
                {
                    w.WriteBoolean("certified", proof.Certified);
                    w.WriteNumber("certification_repairs", proof.Repairs.Total);
                }
                w.WriteNumber("boundary_pieces", boundary.Pieces.Count);
                w.WriteNumber("boundary_linear_pieces", boundary.LinearPieces);
                w.WriteBoolean("complete", result.Stop == StopReason.Complete);
                w.WriteEndObject();
            }, indented: false));
        else
            stdout.WriteLine($"wrote {svgPath}: {result.RegionCount} regions, {boundary.Pieces.Count} decision-boundary pieces " +
                             $"({boundary.LinearPieces} linear)" +
                             (view == null ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                                 $"; all of R^2 ({result.UnboundedRegions} unbounded regions) drawn in the view window " +
                                 $"[{view.Lo[0]:G6},{view.Hi[0]:G6}] x [{view.Lo[1]:G6},{view.Hi[1]:G6}], which holds every vertex") +
                                 (leftOut > 0 ? $" but {leftOut} beyond 1e300" : "")) +
                             (run.Certification is { } c ? $"; certified {(c.Certified ? "yes" : "no")}, {c.Repairs.Total} repairs" : ""));
        return result.Stop == StopReason.Complete ? ExitCode.Success : ExitCode.Incomplete;
    }
}
