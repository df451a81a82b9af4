using System.Globalization;
using System.Text.Json;
using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Formats;

/// <summary>Reads and writes networks in the <c>polytopes-net</c> JSON format:
/// <c>{ "name", "input_dim", "domain": {"lo", "hi"}?, "layers": [{"weight", "bias", "activation",
/// "negative_slope"?, "pieces"?}] }</c>, weight rows = outputs (PyTorch nn.Linear.weight layout).
/// Unknown keys are ignored. Every problem with the input becomes one <see cref="InputException"/>
/// "source: problem".</summary>
public static partial class NetworkJson
{
    private const double DefaultNegativeSlope = 0.01;

    // Duplicate keys would otherwise silently resolve to one of the values.
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    public static Network Read(string path)
    {
        return Parse(InputFiles.ReadText(path), path);
    }

    /// <summary>Parses JSON text; <paramref name="sourceName"/> prefixes every error message and, without
    /// extension, is the network's name when the JSON has none.</summary>
    public static Network Parse(string json, string sourceName)
    {
        if (string.IsNullOrWhiteSpace(json)) throw new InputException($"{sourceName}: the file is empty");
        try
        {
            using var doc = JsonDocument.Parse(json, ParseOptions);
            return ReadNetwork(doc.RootElement, DefaultName(sourceName), sourceName);
        }
        catch (JsonException e)
        {
            throw new InputException($"{sourceName}: {DescribeMalformed(e)}");
        }
        catch (ProblemException e)
        {
            throw new InputException($"{sourceName}: {e.Message}");
        }
        catch (Exception e) when (e is NetworkFormatException or ArgumentException or FormatException
                                      or InvalidOperationException or OverflowException)
        {
            // Model constructors validate too; anything they catch that we did not is still the input's fault.
            throw new InputException($"{sourceName}: {OneLine(e.Message)}");
        }
    }

    private static Network ReadNetwork(JsonElement root, string defaultName, string sourceName)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Problem($"the top level should be a JSON object but is {Describe(root)}");

        string name = defaultName;
        if (root.TryGetProperty("name", out var nameElement))
            name = nameElement.ValueKind == JsonValueKind.String
                ? nameElement.GetString()!
                : throw Problem($"name should be a string but is {Describe(nameElement)}");

        int inputDim = ReadPositiveInt(Required(root, "input_dim", ""), "input_dim");

        Box? domain = null;
        if (root.TryGetProperty("domain", out var domainElement) && domainElement.ValueKind != JsonValueKind.Null)
            domain = ReadDomain(domainElement, inputDim).From($"{sourceName} (domain)");

        var layersElement = Required(root, "layers", "");
        if (layersElement.ValueKind != JsonValueKind.Array)
            throw Problem($"layers should be an array but is {Describe(layersElement)}");
        if (layersElement.GetArrayLength() == 0)
            throw Problem("layers is empty (a network needs at least one layer)");

        var layers = new List<Layer>();
        int width = inputDim;
        int index = 0;
        foreach (var layerElement in layersElement.EnumerateArray())
        {
            var layer = ReadLayer(layerElement, index, width, inputDim);
            layers.Add(layer);
            width = layer.OutputWidth;
            index++;
        }
        return new Network(name, inputDim, layers, domain);
    }

    private static Box ReadDomain(JsonElement element, int inputDim)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Problem($"domain should be an object but is {Describe(element)}");
        var lo = ReadNumbers(Required(element, "lo", "domain"), "domain.lo");
        var hi = ReadNumbers(Required(element, "hi", "domain"), "domain.hi");
        if (lo.Length != inputDim) throw Problem($"input_dim is {inputDim} but domain.lo has {lo.Length} entries");
        if (hi.Length != inputDim) throw Problem($"input_dim is {inputDim} but domain.hi has {hi.Length} entries");
        for (int i = 0; i < inputDim; i++)
            if (!(lo[i] < hi[i]))
                throw Problem($"domain: lo[{i}] >= hi[{i}] ({Format(lo[i])} >= {Format(hi[i])})");
        try
        {
            return new Box(lo, hi);
        }
        catch (ArgumentException e)
        {
            throw Problem($"domain: {OneLine(e.Message)}");
        }
    }

    private static Layer ReadLayer(JsonElement element, int index, int inputWidth, int inputDim)
    {
        string where = $"layers[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
            throw Problem($"{where} should be an object but is {Describe(element)}");

        var (weight, rows, columns) = ReadWeight(Required(element, "weight", where), $"{where}.weight");
        if (columns != inputWidth)
            throw Problem(index == 0
                ? $"{where}.weight has {columns} columns but input_dim is {inputDim}"
                : $"{where}.weight has {columns} columns but the previous layer outputs {inputWidth}");

        var bias = ReadNumbers(Required(element, "bias", where), $"{where}.bias");
        if (bias.Length != rows)
            throw Problem($"{where}.bias has length {bias.Length} but weight has {rows} rows");

        var activationElement = Required(element, "activation", where);
        if (activationElement.ValueKind != JsonValueKind.String)
            throw Problem($"{where}.activation should be a string but is {Describe(activationElement)}");
        string activationName = activationElement.GetString()!;
        if (!ActivationNames.TryParse(activationName, out var activation))
            throw Problem($"{where}.activation '{OneLine(activationName)}' is not one of relu, leaky_relu, identity, maxout");

        // negative_slope and pieces are ignored for activations that have no use for them.
        double negativeSlope = DefaultNegativeSlope;
        if (activation == Activation.LeakyRelu && element.TryGetProperty("negative_slope", out var slopeElement))
            negativeSlope = ReadNumber(slopeElement, $"{where}.negative_slope");

        int pieces = 1;
        if (activation == Activation.Maxout)
        {
            if (!element.TryGetProperty("pieces", out var piecesElement))
                throw Problem($"{where}: maxout needs \"pieces\"");
            pieces = ReadPositiveInt(piecesElement, $"{where}.pieces");
            if (rows % pieces != 0)
                throw Problem($"{where}: maxout has {rows} rows, not divisible by {pieces} pieces");
        }

        SkipConnection? skip = null;
        if (element.TryGetProperty("skip", out var skipElement) && skipElement.ValueKind != JsonValueKind.Null)
            skip = ReadSkip(skipElement, $"{where}.skip");

        try
        {
            return new Layer(weight, rows, columns, bias, activation, negativeSlope, pieces, skip);
        }
        catch (NetworkFormatException e)
        {
            throw Problem($"{where}: {OneLine(e.Message)}");
        }
    }

    /// <summary>"skip": {"from": j, "weight": [[...]]?} — from −1 is the network input; no weight is identity.</summary>
    private static SkipConnection ReadSkip(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Problem($"{where} should be an object but is {Describe(element)}");
        var fromElement = Required(element, "from", where);
        if (fromElement.ValueKind != JsonValueKind.Number || !fromElement.TryGetInt32(out int from) || from < -1)
            throw Problem($"{where}.from should be -1 (the input) or a layer index");
        double[]? weight = null;
        if (element.TryGetProperty("weight", out var w) && w.ValueKind != JsonValueKind.Null)
            weight = ReadWeight(w, $"{where}.weight").RowMajor;
        try
        {
            return new SkipConnection(from, weight);
        }
        catch (NetworkFormatException e)
        {
            throw Problem($"{where}: {OneLine(e.Message)}");
        }
    }

    /// <summary>Reads a non-empty, rectangular array of rows into a row-major array.</summary>
    private static (double[] RowMajor, int Rows, int Columns) ReadWeight(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Problem($"{where} should be an array of rows but is {Describe(element)}");
        int rows = element.GetArrayLength();
        if (rows == 0) throw Problem($"{where} is empty");

        int columns = -1;
        var values = new List<double>();
        int r = 0;
        foreach (var row in element.EnumerateArray())
        {
            var numbers = ReadNumbers(row, $"{where}[{r}]");
            if (numbers.Length == 0) throw Problem($"{where}[{r}] is empty");
            if (columns < 0) columns = numbers.Length;
            else if (numbers.Length != columns)
                throw Problem($"{where}[{r}] has {numbers.Length} entries but {where}[0] has {columns} (ragged rows)");
            values.AddRange(numbers);
            r++;
        }
        return (values.ToArray(), rows, columns);
    }

    private static double[] ReadNumbers(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Problem($"{where} should be an array of numbers but is {Describe(element)}");
        var numbers = new double[element.GetArrayLength()];
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            numbers[i] = ReadNumber(item, $"{where}[{i}]");
            i++;
        }
        return numbers;
    }

    private static double ReadNumber(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Number)
            throw Problem($"{where} should be a number but is {Describe(element)}");
        // Literals such as 1e999 overflow to infinity (or fail to parse): both are rejected.
        if (!element.TryGetDouble(out double value) || !double.IsFinite(value))
            throw Problem($"{where} is not a finite number ({Truncate(element.GetRawText())})");
        return value;
    }

    private static int ReadPositiveInt(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (element.TryGetInt32(out int n) && n > 0) return n;
            // Accept integral spellings such as 2.0, as Python writers sometimes produce them.
            if (element.TryGetDouble(out double d) && d >= 1 && d <= int.MaxValue && d == Math.Floor(d)) return (int)d;
        }
        throw Problem($"{where} should be a positive integer but is {Describe(element)}");
    }

    private static JsonElement Required(JsonElement obj, string key, string where)
    {
        if (obj.TryGetProperty(key, out var value)) return value;
        throw Problem(where.Length == 0 ? $"missing required key \"{key}\"" : $"{where}: missing required key \"{key}\"");
    }

    private static string DefaultName(string sourceName)
    {
        string stem = Path.GetFileNameWithoutExtension(sourceName);
        return stem.Length > 0 ? stem : sourceName;
    }

    /// <summary>"malformed JSON at line L, position P: reason" with 1-based line and position.</summary>
    private static string DescribeMalformed(JsonException e)
    {
        string reason = OneLine(e.Message);
        // The reader appends " Path: $... | LineNumber: n | BytePositionInLine: m." which we restate readably.
        int cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (cut > 0) reason = reason[..cut];
        reason = reason.TrimEnd('.', ' ');
        return e.LineNumber is long line && e.BytePositionInLine is long position
            ? $"malformed JSON at line {line + 1}, position {position + 1}: {reason}"
            : $"malformed JSON: {reason}";
    }

    /// <summary>Names a JSON value's kind for messages, with the value itself when it is short.</summary>
    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"a string ({Truncate(element.GetRawText())})",
        JsonValueKind.Number => $"the number {Truncate(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({element.GetRawText()})",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "undefined",
    };

    private static string Truncate(string text)
    {
        text = OneLine(text);
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static ProblemException Problem(string message) => new(message);

    /// <summary>A problem found while reading; <see cref="Parse"/> prefixes the source and rethrows it as
    /// <see cref="InputException"/>.</summary>
    private sealed class ProblemException(string message) : Exception(message);
}
