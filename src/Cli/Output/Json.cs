using System.Text.Json;

namespace Polytopes.Cli.Output;

internal static class Json
{
    public static readonly JsonWriterOptions Compact = new() { Indented = false };
    public static readonly JsonWriterOptions Pretty = new() { Indented = true };

    /// <summary>The numbers as a named array (a span: no enumerator object, and the region lines write several per
    /// region).</summary>
    public static void WriteArray(Utf8JsonWriter w, string name, ReadOnlySpan<double> values) =>
        WriteArray(w, JsonEncodedText.Encode(name), values);

    public static void WriteArray(Utf8JsonWriter w, JsonEncodedText name, ReadOnlySpan<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) WriteNumberValueOrNull(w, v);
        w.WriteEndArray();
    }

    /// <summary>An array element: the number, or null when it is not finite (a coordinate of an exact point
    /// beyond the range of doubles, on networks with weights near it).</summary>
    public static void WriteNumberValueOrNull(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value)) w.WriteNumberValue(value); else w.WriteNullValue();
    }

    /// <summary>A number, or null when it is not finite (JSON has no NaN or infinity): an empty statistic, an
    /// infinite radius.</summary>
    public static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value) =>
        WriteNumberOrNull(w, JsonEncodedText.Encode(name), value);

    public static void WriteNumberOrNull(Utf8JsonWriter w, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value); else w.WriteNull(name);
    }

    public static void WriteHistogram(Utf8JsonWriter w, string name, IReadOnlyDictionary<int, int> histogram)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in histogram) w.WriteNumber(k.ToString(System.Globalization.CultureInfo.InvariantCulture), v);
        w.WriteEndObject();
    }

    /// <summary>Renders one JSON value written by <paramref name="write"/> to a string.</summary>
    public static string ToText(Action<Utf8JsonWriter> write, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, indented ? Pretty : Compact)) write(w);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
