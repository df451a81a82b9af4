using System.Text.Json;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Init;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Sweep;

/// <summary>
/// Reads a sweep spec (JSON). Every problem is one <see cref="InputException"/> "SPEC: where: problem".
/// <code>
/// {
///   "note": "free text (ignored)",
///   "architectures": [[2, 8, 1], [2, 8, 8, 1]],        required: widths [d, hidden..., outputs]
///   "activations": ["relu", "leaky_relu:0.1", "maxout:2"],   default ["relu"]
///   "inits": ["he_normal", {"name": "pytorch", "bias_std": 0}],   default ["he_normal"]
///   "seeds": [0, 1, 2]  or  {"from": 0, "count": 10},  required
///   "boxes": [[-1, 1], [[-1, 1], [-2, 2]]],            [lo, hi] for every coordinate, or one [lo, hi] each
///   "slices": [{"name": "plane", "dim": 2, "seed": 7, "box": [-1, 1]},
///              {"name": "xy", "directions": [[1, 0, 0], [0, 1, 0]], "origin": [0, 0, 0.5]}],
///   "max_regions": 0                                    per network; 0 = no limit
/// }
/// </code>
/// Without boxes and slices the domain is [-1, 1]^d. Unknown keys are errors (a misspelt "seed" must not
/// silently run a different experiment); duplicates in a list are errors (their work items would collide).
/// </summary>
public static class SweepSpecReader
{
    private static readonly string[] Keys =
        ["note", "description", "architectures", "activations", "inits", "seeds", "boxes", "slices", "max_regions"];

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    public static SweepSpec Read(string path)
    {
        string text = InputFiles.ReadText(path);
        return Parse(text, path);
    }

    public static SweepSpec Parse(string json, string source)
    {
        if (string.IsNullOrWhiteSpace(json)) throw new InputException($"{source}: the file is empty");
        try
        {
            using var doc = JsonDocument.Parse(json, ParseOptions);
            return ReadSpec(doc.RootElement, source);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $" at line {line + 1}" : "";
            throw new InputException($"{source}: malformed JSON{where}: {FirstSentence(e.Message)}");
        }
        catch (InputException e) when (!e.Message.StartsWith(source + ":", StringComparison.Ordinal))
        {
            throw new InputException($"{source}: {e.Message}");
        }
    }

    private static SweepSpec ReadSpec(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Problem("the top level should be a JSON object");
        foreach (var property in root.EnumerateObject())
            if (!Keys.Contains(property.Name))
                throw Problem($"unknown key \"{property.Name}\" (known: {string.Join(", ", Keys)})");

        var architectures = ReadArchitectures(Required(root, "architectures"));
        var activations = root.TryGetProperty("activations", out var a)
            ? ReadList(a, "activations", "\"relu\"", (e, w) => ActivationSpec.Parse(String(e, w), w), x => x.ToString())
            : [ActivationSpec.Relu];
        var inits = root.TryGetProperty("inits", out var i)
            ? ReadList(i, "inits", "\"he_normal\"", ReadInit, x => x.ToString())
            : [new InitChoice(InitScheme.HeNormal, null)];
        var seeds = ReadSeeds(Required(root, "seeds"));
        var domains = new List<SweepDomain>();
        if (root.TryGetProperty("boxes", out var b))
            domains.AddRange(ReadList(b, "boxes", "[-1, 1]", ReadBox, x => x.Label));
        if (root.TryGetProperty("slices", out var s))
            domains.AddRange(ReadList(s, "slices", "{\"name\": \"plane\", \"dim\": 2, \"seed\": 1}", ReadSlice, x => x.Label));
        if (domains.Count == 0) domains.Add(BoxDomain.Default);
        int maxRegions = 0;
        if (root.TryGetProperty("max_regions", out var m))
            maxRegions = (int)Integer(m, "max_regions", 0, int.MaxValue);

        // Every combination must be generable and every domain must fit every architecture: fail now, not hours in.
        foreach (var arch in architectures)
        {
            foreach (var activation in activations)
            foreach (var init in inits)
                new RandomNetworkSpec(arch, activation, init.Scheme, init.BiasStd, 0)
                    .Validate($"architecture {SweepFormat.Widths(arch)}, activation {activation}, init {init}");
            foreach (var domain in domains)
                if (domain.Check(arch[0]) is string problem)
                    throw Problem($"architecture {SweepFormat.Widths(arch)}: {problem}");
        }
        return new SweepSpec(architectures, activations, inits, domains, seeds, maxRegions);
    }

    private static List<int[]> ReadArchitectures(JsonElement element) =>
        ReadList(element, "architectures", "[2, 16, 16, 1]", (e, where) =>
        {
            if (e.ValueKind != JsonValueKind.Array)
                throw Problem($"{where} should be an array of widths such as [2, 16, 16, 1]");
            var widths = e.EnumerateArray().Select((w, j) => (int)Integer(w, $"{where}[{j}]", 1, 1_000_000)).ToArray();
            if (widths.Length < 2)
                throw Problem($"{where} needs an input and an output width, e.g. [2, 16, 16, 1]");
            return widths;
        }, SweepFormat.Widths);

    private static InitChoice ReadInit(JsonElement element, string where)
    {
        string name;
        double? biasStd = null;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
                if (property.Name is not ("name" or "bias_std"))
                    throw Problem($"{where}: unknown key \"{property.Name}\" (known: name, bias_std)");
            name = String(Required(element, "name", where), $"{where}.name");
            if (element.TryGetProperty("bias_std", out var s) && s.ValueKind != JsonValueKind.Null)
                biasStd = Number(s, $"{where}.bias_std");
        }
        else name = String(element, where);
        if (!InitSchemes.TryParse(name, out var scheme))
            throw Problem($"{where}: unknown init '{name}' (known: {string.Join(", ", InitSchemes.Names)})");
        if (biasStd is double b && !(b >= 0))
            throw Problem($"{where}.bias_std must be >= 0");
        return new InitChoice(scheme, biasStd);
    }

    private static List<ulong> ReadSeeds(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
                if (property.Name is not ("from" or "count"))
                    throw Problem($"seeds: unknown key \"{property.Name}\" (known: from, count)");
            ulong from = (ulong)Integer(Required(element, "from", "seeds"), "seeds.from", 0, long.MaxValue);
            long count = Integer(Required(element, "count", "seeds"), "seeds.count", 0, WorkPlan.MaxItems);
            if (count == 0) throw Problem("seeds.count is 0 (give at least one seed)");
            return Enumerable.Range(0, (int)count).Select(j => from + (ulong)j).ToList();
        }
        return ReadList(element, "seeds", "[0, 1, 2] or {\"from\": 0, \"count\": 10}",
            (e, where) => (ulong)Integer(e, where, 0, long.MaxValue), x => x.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static BoxDomain ReadBox(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 2
            && element[0].ValueKind == JsonValueKind.Number)
        {
            var (lo, hi) = Interval(element, where);
            return new BoxDomain([lo], [hi], Cube: true);
        }
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
            throw Problem($"{where} should be [lo, hi] or a list of [lo, hi], one per coordinate");
        var intervals = element.EnumerateArray().Select((e, j) => Interval(e, $"{where}[{j}]")).ToArray();
        return new BoxDomain(intervals.Select(t => t.Lo).ToArray(), intervals.Select(t => t.Hi).ToArray(), Cube: false);
    }

    private static SliceDomain ReadSlice(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Problem($"{where} should be an object with name and dim+seed or directions");
        foreach (var property in element.EnumerateObject())
            if (property.Name is not ("name" or "dim" or "seed" or "directions" or "origin" or "box"))
                throw Problem($"{where}: unknown key \"{property.Name}\" (known: name, dim, seed, directions, origin, box)");
        string name = String(Required(element, "name", where), $"{where}.name");
        if (name.Length == 0 || name.Any(c => c == '|' || char.IsWhiteSpace(c) || char.IsControl(c)))
            throw Problem($"{where}.name should be a non-empty word without spaces or '|'");
        double[][]? directions = null;
        ulong? seed = null;
        int dim;
        if (element.TryGetProperty("directions", out var d))
        {
            if (element.TryGetProperty("seed", out _))
                throw Problem($"{where}: give either directions or dim and seed, not both");
            if (d.ValueKind != JsonValueKind.Array || d.GetArrayLength() == 0)
                throw Problem($"{where}.directions should be a non-empty list of vectors");
            directions = d.EnumerateArray().Select((v, j) => Numbers(v, $"{where}.directions[{j}]")).ToArray();
            if (directions.Any(v => v.Length != directions[0].Length || v.Length == 0))
                throw Problem($"{where}.directions should all have the same, positive length");
            dim = directions.Length;
            if (element.TryGetProperty("dim", out var dd) && Integer(dd, $"{where}.dim", 1, 64) != dim)
                throw Problem($"{where}.dim is not the number of directions ({dim})");
        }
        else
        {
            dim = (int)Integer(Required(element, "dim", where), $"{where}.dim", 1, 64);
            seed = (ulong)Integer(Required(element, "seed", where), $"{where}.seed", 0, long.MaxValue);
        }
        double[]? origin = element.TryGetProperty("origin", out var o) ? Numbers(o, $"{where}.origin") : null;
        if (origin != null && origin.Any(v => Math.Abs(v) > Box.MaxCoordinate))
            throw Problem(Box.BeyondRange($"{where}.origin"));
        var (lo, hi) = element.TryGetProperty("box", out var b) ? Interval(b, $"{where}.box") : (-1.0, 1.0);
        return new SliceDomain(name, dim, directions, seed, origin, lo, hi);
    }

    /// <summary>A non-empty JSON array read item by item, rejecting duplicates by their canonical text.</summary>
    private static List<T> ReadList<T>(JsonElement element, string name, string example,
        Func<JsonElement, string, T> read, Func<T, string> canonical)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Problem($"{name} should be a list, e.g. [{example}]");
        if (element.GetArrayLength() == 0)
            throw Problem($"{name} is empty (give at least one, e.g. [{example}])");
        var items = new List<T>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int j = 0;
        foreach (var e in element.EnumerateArray())
        {
            var item = read(e, $"{name}[{j}]");
            string text = canonical(item);
            if (seen.TryGetValue(text, out int first))
                throw Problem($"{name}[{j}] repeats {name}[{first}] ({text})");
            seen.Add(text, j);
            items.Add(item);
            j++;
        }
        return items;
    }

    private static (double Lo, double Hi) Interval(JsonElement element, string where)
    {
        var pair = Numbers(element, where);
        if (pair.Length != 2) throw Problem($"{where} should be [lo, hi]");
        if (!(pair[0] < pair[1])) throw Problem($"{where}: lo must be below hi");
        if (Math.Max(Math.Abs(pair[0]), Math.Abs(pair[1])) > Box.MaxCoordinate)
            throw Problem(Box.BeyondRange(where));
        return (pair[0], pair[1]);
    }

    private static double[] Numbers(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Array) throw Problem($"{where} should be a list of numbers");
        return element.EnumerateArray().Select((e, j) => Number(e, $"{where}[{j}]")).ToArray();
    }

    private static double Number(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double v) || !double.IsFinite(v))
            throw Problem($"{where} should be a finite number");
        return v;
    }

    private static long Integer(JsonElement element, string where, long min, long max)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long v) && v >= min && v <= max) return v;
        throw Problem($"{where} should be an integer from {min} to {max}");
    }

    private static string String(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Problem($"{where} should be a string");

    private static JsonElement Required(JsonElement obj, string key, string? where = null) =>
        obj.TryGetProperty(key, out var value)
            ? value
            : throw Problem(where == null ? $"missing required key \"{key}\"" : $"{where}: missing required key \"{key}\"");

    private static string FirstSentence(string message)
    {
        message = message.ReplaceLineEndings(" ");
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static InputException Problem(string message) => new(message);
}
