using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Polytopes.Cli.Output;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Slicing;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes line NET (--from A --to B | --through POINTS.json) [--slice ... | --plane-through ...] [--json]</summary>
internal static class LineCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var net = new Argument<string>("net") { Description = "network file (.onnx or polytopes-net JSON)" };
        var from = new Option<string?>("--from") { Description = "start point A of the segment: comma-separated coordinates" };
        var to = new Option<string?>("--to") { Description = "end point B of the segment: comma-separated coordinates" };
        var through = new Option<string?>("--through") { Description = "read A and B from POINTS.json ({\"points\": [A, B]}) instead" };
        var json = new Option<bool>("--json") { Description = "print exactly one JSON object on stdout" };
        var domain = new DomainOptions();
        var command = new Command("line",
            "Exact 1-D profile along the segment from A to B: breakpoints, pieces, distinct affine maps, patterns.")
        {
            net, from, to, through, json,
        };
        domain.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(parse.GetValue(net)!, parse.GetValue(from),
            parse.GetValue(to), parse.GetValue(through), parse.GetValue(json), domain.Read(parse), stdout)));
        return command;
    }

    private static ExitCode Execute(string netPath, string? fromText, string? toText, string? throughPath, bool json,
        DomainOptions.Choice domain, TextWriter stdout)
    {
        if (throughPath != null && (fromText != null || toText != null))
            throw new InputException("--through and --from/--to cannot be used together");
        if (throughPath == null && (fromText == null || toText == null))
            throw new InputException("give the segment as --from A --to B, or --through POINTS.json");
        var network = domain.Network(netPath);
        double[] a, b;
        if (throughPath != null)
        {
            var points = SliceFiles.ReadPoints(throughPath, network.InputDim, 2, "a segment");
            (a, b) = (points[0], points[1]);
        }
        else
        {
            a = Point(fromText!, "--from", network.InputDim);
            b = Point(toText!, "--to", network.InputDim);
        }
        Slice segment;
        try
        {
            segment = Slice.Segment(a, b);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{(throughPath ?? "--from/--to")}: {e.Message}");
        }
        var profile = LineScan.Run(network, segment);
        if (json) stdout.WriteLine(Json.ToText(w => Write(w, network, a, b, profile), indented: false));
        else Print(stdout, network, a, b, profile);
        return profile.Stop == StopReason.Complete ? ExitCode.Success : ExitCode.Incomplete;
    }

    private static double[] Point(string text, string option, int dimension)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var x = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out x[i]) || !double.IsFinite(x[i]))
                throw new InputException($"{option}: '{text}' is not a comma-separated list of finite numbers");
        if (x.Length != dimension)
            throw new InputException($"{option}: {x.Length} coordinates given but the network's input_dim is {dimension}");
        return x;
    }

    private static void Write(Utf8JsonWriter w, Network network, double[] a, double[] b, LineProfile p)
    {
        w.WriteStartObject();
        w.WriteString("network", network.Name);
        w.WriteNumber("input_dim", network.InputDim);
        w.WriteNumber("neurons", p.Neurons);
        Json.WriteArray(w, "from", a);
        Json.WriteArray(w, "to", b);
        w.WriteNumber("pieces", p.Pieces.Count);
        w.WriteNumber("linear_pieces", p.LinearPieces);
        w.WriteNumber("distinct_maps", p.DistinctMaps);
        Json.WriteArray(w, "breakpoints", p.Breakpoints.ToArray());
        w.WriteStartArray("segments");
        foreach (var piece in p.Pieces)
        {
            w.WriteStartObject();
            w.WriteNumber("t_from", piece.From);
            w.WriteNumber("t_to", piece.To);
            w.WriteString("pattern", piece.Pattern.ToString());
            w.WriteNumber("map", piece.Map);
            Json.WriteArray(w, "slope", piece.Slope);
            Json.WriteArray(w, "intercept", piece.Intercept);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("complete", p.Stop == StopReason.Complete);
        w.WriteEndObject();
    }

    private static void Print(TextWriter o, Network network, double[] a, double[] b, LineProfile p)
    {
        var inv = CultureInfo.InvariantCulture;
        string Show(double[] x) => x.Length <= 6
            ? "(" + string.Join(", ", x.Select(v => v.ToString("G6", inv))) + ")"
            : $"({x.Length} coordinates)";
        o.WriteLine($"network         {network.Name} (input_dim {network.InputDim}, {p.Neurons} neurons)");
        o.WriteLine($"segment         A {Show(a)} -> B {Show(b)}, x = A + t (B - A), t in [0,1]");
        o.WriteLine($"pieces          {p.Pieces.Count}");
        o.WriteLine($"linear pieces   {p.LinearPieces}   (neighbouring pieces with the same affine map merged)");
        o.WriteLine($"distinct maps   {p.DistinctMaps}");
        o.WriteLine($"breakpoints     {string.Join("  ", p.Breakpoints.Select(t => t.ToString("G9", inv)))}");
        o.WriteLine();
        o.WriteLine("piece  t from        t to          map  pattern");
        for (int i = 0; i < p.Pieces.Count; i++)
        {
            var piece = p.Pieces[i];
            o.WriteLine(string.Create(inv, $"{i,-6} {piece.From,-13:G9} {piece.To,-13:G9} {piece.Map,-4} {piece.Pattern}"));
        }
    }
}
