using System.Globalization;
using System.Text;
using System.Text.Json;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Formats;

public static partial class NetworkJson
{
    /// <summary>The network as <c>polytopes-net</c> JSON, one weight row per line. Numbers use round-trip
    /// formatting, so <c>Parse(Write(net))</c> has bit-identical weights.</summary>
    public static string Write(Network net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append("  \"name\": ").Append(Quote(net.Name)).Append(",\n");
        json.Append("  \"input_dim\": ").Append(net.InputDim.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        if (net.Domain is { } domain)
        {
            json.Append("  \"domain\": { \"lo\": ");
            AppendNumbers(json, domain.Lo);
            json.Append(", \"hi\": ");
            AppendNumbers(json, domain.Hi);
            json.Append(" },\n");
        }
        json.Append("  \"layers\": [\n");
        for (int l = 0; l < net.Layers.Count; l++)
        {
            AppendLayer(json, net.Layers[l]);
            json.Append(l + 1 < net.Layers.Count ? ",\n" : "\n");
        }
        json.Append("  ]\n}\n");
        return json.ToString();
    }

    /// <summary>Writes <see cref="Write"/>'s text to a temporary file next to <paramref name="path"/> and renames
    /// it over the target, so a failure never leaves a half-written network behind.</summary>
    public static void WriteFile(Network net, string path)
    {
        string text = Write(net);
        string? temp = null;
        try
        {
            string full = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(full) ?? ".";
            temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true); // the rename must not expose data that is not yet on disk
            }
            File.Move(temp, full, overwrite: true);
            temp = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException or System.Security.SecurityException)
        {
            throw new InputException($"{path}: cannot write: {OneLine(e.Message)}");
        }
        finally
        {
            if (temp != null) TryDelete(temp);
        }
    }

    private static void AppendLayer(StringBuilder json, Layer layer)
    {
        json.Append("    {\n      \"weight\": [\n");
        for (int r = 0; r < layer.Rows; r++)
        {
            json.Append("        ");
            AppendNumbers(json, layer.WeightRow(r));
            json.Append(r + 1 < layer.Rows ? ",\n" : "\n");
        }
        json.Append("      ],\n      \"bias\": ");
        AppendNumbers(json, layer.Bias);
        json.Append(",\n      \"activation\": \"").Append(layer.Activation.ToJsonName()).Append('"');
        if (layer.Activation == Activation.LeakyRelu)
            json.Append(",\n      \"negative_slope\": ").Append(Format(layer.NegativeSlope));
        if (layer.Activation == Activation.Maxout)
            json.Append(",\n      \"pieces\": ").Append(layer.Pieces.ToString(CultureInfo.InvariantCulture));
        if (layer.Skip is { } skip)
        {
            json.Append(",\n      \"skip\": {\"from\": ").Append(skip.From.ToString(CultureInfo.InvariantCulture));
            if (!skip.IsIdentity)
            {
                int width = skip.Weight!.Length / layer.Rows;
                json.Append(", \"weight\": [");
                for (int r = 0; r < layer.Rows; r++)
                {
                    if (r > 0) json.Append(", ");
                    AppendNumbers(json, skip.Weight.AsSpan(r * width, width));
                }
                json.Append(']');
            }
            json.Append('}');
        }
        json.Append("\n    }");
    }

    private static void AppendNumbers(StringBuilder json, ReadOnlySpan<double> values)
    {
        json.Append('[');
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) json.Append(", ");
            json.Append(Format(values[i]));
        }
        json.Append(']');
    }

    /// <summary>A JSON string literal, escaped by System.Text.Json.</summary>
    private static string Quote(string text) => $"\"{JsonEncodedText.Encode(text).Value}\"";

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* best effort: it is only a temp file */ }
    }
}
