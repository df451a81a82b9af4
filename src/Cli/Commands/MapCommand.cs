using System.CommandLine;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Cli.Output.Svg;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Regions;

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
        var domain = new DomainOptions();
        domain.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(net)!, parse.GetValue(svg)!, parse.GetValue(box), domain.Read(parse), parse.GetValue(colour)!,
            parse.GetValue(json), stdout)));
        return command;
    }

    private static ExitCode Execute(string netPath, string svgPath, string? boxText, DomainOptions.Choice slice,
        string colourText, bool json, TextWriter stdout)
    {
        var colouring = colourText switch
        {
            "pattern" => MapColouring.Pattern,
            "output" => MapColouring.Output,
            _ => throw new InputException($"--colour: '{colourText}' is not 'pattern' or 'output'"),
        };
        var network = slice.Network(netPath);
        if (network.InputDim != 2)
            throw new InputException($"{netPath}: input_dim is {network.InputDim}, but a region map draws a 2-D input: " +
                                     "give a 2-D slice with --slice SLICE.json or --plane-through POINTS.json");
        var enumerator = new RegionEnumerator(network, new SearchOptions { Box = BoxOption.Parse(boxText, 2) });
        var result = enumerator.Run();
        var boundary = new DecisionBoundary(2, enumerator.Box!.Scale()).Analyze(result.Regions);
        var text = RegionMap.Render($"{network.Name}: {result.RegionCount} regions", enumerator.Box!, result.Regions,
            boundary.Pieces, colouring);
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
                w.WriteNumber("regions", result.RegionCount);
                w.WriteNumber("boundary_pieces", boundary.Pieces.Count);
                w.WriteNumber("boundary_linear_pieces", boundary.LinearPieces);
                w.WriteBoolean("complete", result.Stop == StopReason.Complete);
                w.WriteEndObject();
            }, indented: false));
        else
            stdout.WriteLine($"wrote {svgPath}: {result.RegionCount} regions, {boundary.Pieces.Count} decision-boundary pieces " +
                             $"({boundary.LinearPieces} linear)");
        return result.Stop == StopReason.Complete ? ExitCode.Success : ExitCode.Incomplete;
    }
}
