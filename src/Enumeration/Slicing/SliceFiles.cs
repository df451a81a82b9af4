using System.Text.Json;
using Polytopes.Enumeration.Formats;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Slicing;

/// <summary>
/// Reads the slice files. SLICE.json: <c>{"origin": [n numbers], "basis": [[n numbers], … k vectors], "lo": [k],
/// "hi": [k]}</c> (x = origin + Σ_j t_j basis[j], lo ≤ t ≤ hi). POINTS.json: <c>{"points": [[n numbers], …]}</c>
/// or the bare array of points. Unknown keys are ignored. Every problem becomes one <see cref="InputException"/>
/// "path: problem"; <paramref name="inputDim"/> (the network's) is checked against every point and vector.
/// </summary>
public static class SliceFiles
{
    public static Slice ReadSlice(string path, int inputDim, Tolerances? tolerances = null)
    {
        var root = Load(path);
        try
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw Problem($"the top level should be an object {{\"origin\", \"basis\", \"lo\", \"hi\"}} but is {Describe(root)}");
            var origin = Vector(Required(root, "origin"), "origin", inputDim);
            var basisElement = Required(root, "basis");
            if (basisElement.ValueKind != JsonValueKind.Array || basisElement.GetArrayLength() == 0)
                throw Problem("basis should be a non-empty array of vectors");
            var basis = basisElement.EnumerateArray().Select((v, j) => Vector(v, $"basis[{j}]", inputDim)).ToArray();
            int k = basis.Length;
            var lo = Numbers(Required(root, "lo"), "lo");
            var hi = Numbers(Required(root, "hi"), "hi");
            if (lo.Length != k) throw Problem($"lo has {Count(lo.Length, "entry", "entries")} but basis has {Count(k, "vector", "vectors")}");
            if (hi.Length != k) throw Problem($"hi has {Count(hi.Length, "entry", "entries")} but basis has {Count(k, "vector", "vectors")}");
            for (int j = 0; j < k; j++)
                if (!(lo[j] < hi[j])) throw Problem($"lo[{j}] >= hi[{j}] ({lo[j]} >= {hi[j]})");
            return new Slice(origin, basis, new Box(lo, hi), tolerances);
        }
        catch (ProblemException e) { throw new InputException($"{path}: {e.Message}"); }
        catch (ArgumentException e) { throw new InputException($"{path}: {OneLine(e.Message)}"); }
    }

    /// <summary>The points of POINTS.json; exactly <paramref name="count"/> of them (<paramref name="purpose"/>
    /// names what they are for in the message, e.g. "--plane-through").</summary>
    public static double[][] ReadPoints(string path, int inputDim, int count, string purpose)
    {
        var root = Load(path);
        try
        {
            var array = root;
            if (root.ValueKind == JsonValueKind.Object) array = Required(root, "points");
            if (array.ValueKind != JsonValueKind.Array)
                throw Problem($"expected {{\"points\": [[...], ...]}} or an array of points, not {Describe(array)}");
            if (array.GetArrayLength() != count)
                throw Problem($"{purpose} needs {count} points, got {array.GetArrayLength()}");
            return array.EnumerateArray().Select((p, i) => Vector(p, $"points[{i}]", inputDim)).ToArray();
        }
        catch (ProblemException e) { throw new InputException($"{path}: {e.Message}"); }
    }

    /// <summary>The 2-D slice through the three points of POINTS.json (<see cref="Slice.PlaneThrough"/>).</summary>
    public static Slice ReadPlaneThrough(string path, int inputDim, Tolerances? tolerances = null)
    {
        var points = ReadPoints(path, inputDim, 3, "a plane");
        try
        {
            return Slice.PlaneThrough(points, tolerances);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{path}: {OneLine(e.Message)}");
        }
    }

    private static JsonElement Load(string path)
    {
        string text = InputFiles.ReadText(path);
        if (string.IsNullOrWhiteSpace(text)) throw new InputException($"{path}: the file is empty");
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line && e.BytePositionInLine is long column
                ? $" at line {line + 1}, position {column + 1}" : "";
            throw new InputException($"{path}: malformed JSON{where}");
        }
    }

    private static double[] Vector(JsonElement element, string where, int inputDim)
    {
        var v = Numbers(element, where);
        if (v.Length != inputDim)
            throw Problem($"{where} has {v.Length} entries but the network's input_dim is {inputDim}");
        return v;
    }

    private static double[] Numbers(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Problem($"{where} should be an array of numbers but is {Describe(element)}");
        var values = new double[element.GetArrayLength()];
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out values[i]) || !double.IsFinite(values[i]))
                throw Problem($"{where}[{i}] should be a finite number but is {Describe(item)}");
            i++;
        }
        return values;
    }

    private static JsonElement Required(JsonElement obj, string key) =>
        obj.TryGetProperty(key, out var value) ? value : throw Problem($"missing required key \"{key}\"");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => OneLine(element.GetRawText()) is { Length: <= 40 } s ? s : "a number",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static ProblemException Problem(string message) => new(message);

    private sealed class ProblemException(string message) : Exception(message);
}
