using System.Text;
using System.Text.Json;
using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Sweep;

/// <summary>
/// One results line: a compact JSON object for one work item, written as a single line. Fields, in order:
/// <c>key</c>, <c>arch</c>, <c>activation</c>, <c>init</c>, <c>bias_std</c> (null: the scheme's own rule),
/// <c>domain</c>, <c>seed</c>, <c>input_dim</c> (of the enumerated space: the slice dimension for slices),
/// <c>neurons</c>, <c>max_regions</c>, <c>regions</c>, <c>linear_regions</c>, <c>face_histogram</c>,
/// <c>neuron_face_histogram</c>, <c>radius</c> {min, median, max}, <c>decision_boundary_pieces</c> (linear pieces of
/// the decision boundary, Tseran &amp; Montúfar 2021; null when the enumeration is incomplete),
/// <c>complete</c>, <c>stop</c>, <c>candidates_tested</c>, <c>facets_without_neighbour</c>, <c>seconds</c>.
/// A network whose enumeration failed has <c>error</c> instead of the counts, and <c>complete</c> false.
/// Everything but <c>seconds</c> is a deterministic function of the key and the spec's max_regions.
/// </summary>
public static class SweepLine
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>The line for a finished enumeration, without the final newline. <paramref name="decisionBoundaryPieces"/>
    /// is the number of linear pieces of the decision boundary (null when the enumeration is incomplete).</summary>
    public static string Format(WorkItem item, int maxRegions, int inputDim, EnumerationResult result,
        long? decisionBoundaryPieces) => Write(w =>
    {
        WriteHeader(w, item, maxRegions, inputDim, result.Neurons);
        w.WriteNumber("regions", result.RegionCount);
        w.WriteNumber("linear_regions", result.LinearRegionCount);
        WriteHistogram(w, "face_histogram", result.FaceHistogram);
        WriteHistogram(w, "neuron_face_histogram", result.NeuronFaceHistogram);
        w.WriteStartObject("radius");
        WriteNumberOrNull(w, "min", result.RadiusMin);
        WriteNumberOrNull(w, "median", result.RadiusMedian);
        WriteNumberOrNull(w, "max", result.RadiusMax);
        w.WriteEndObject();
        if (decisionBoundaryPieces is long pieces) w.WriteNumber("decision_boundary_pieces", pieces);
        else w.WriteNull("decision_boundary_pieces");
        w.WriteBoolean("complete", result.Stop == StopReason.Complete);
        w.WriteString("stop", result.Stop.ToString());
        w.WriteNumber("candidates_tested", result.CandidatesTested);
        w.WriteNumber("facets_without_neighbour", result.FacetsWithoutNeighbour);
        w.WriteNumber("seconds", Math.Round(result.Seconds, 6));
    });

    /// <summary>The line for a work item whose generation or enumeration threw.</summary>
    public static string FormatError(WorkItem item, int maxRegions, int inputDim, int neurons, string error, double seconds) =>
        Write(w =>
        {
            WriteHeader(w, item, maxRegions, inputDim, neurons);
            w.WriteString("error", error.ReplaceLineEndings(" "));
            w.WriteBoolean("complete", false);
            w.WriteString("stop", "Error");
            w.WriteNumber("seconds", Math.Round(seconds, 6));
        });

    private static void WriteHeader(Utf8JsonWriter w, WorkItem item, int maxRegions, int inputDim, int neurons)
    {
        var net = item.Network;
        w.WriteString("key", item.Key);
        w.WriteStartArray("arch");
        foreach (int width in net.Widths) w.WriteNumberValue(width);
        w.WriteEndArray();
        w.WriteString("activation", net.Activation.ToString());
        w.WriteString("init", net.Init.ToName());
        if (net.BiasStd is double s) w.WriteNumber("bias_std", s);
        else w.WriteNull("bias_std");
        w.WriteString("domain", item.Domain.Label);
        w.WriteNumber("seed", net.Seed);
        w.WriteNumber("input_dim", inputDim);
        w.WriteNumber("neurons", neurons);
        w.WriteNumber("max_regions", maxRegions);
    }

    private static void WriteHistogram(Utf8JsonWriter w, string name, IReadOnlyDictionary<int, int> histogram)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in histogram) w.WriteNumber(k.ToString(System.Globalization.CultureInfo.InvariantCulture), v);
        w.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Compact))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>What the summary needs from one results line (parsed back from its JSON), plus the line itself.</summary>
public sealed record SweepRecord(
    string Key,
    int[] Arch,
    string Activation,
    string Init,
    double? BiasStd,
    string Domain,
    ulong Seed,
    int InputDim,
    int Neurons,
    int MaxRegions,
    long? Regions,
    long? LinearRegions,
    bool Complete,
    string? Error,
    double Seconds,
    string Line)
{
    /// <summary>The key without its seed: the configuration whose seeds are averaged.</summary>
    public string ConfigKey => Key[..Key.LastIndexOf("|seed=", StringComparison.Ordinal)];

    /// <summary>Parses one line; null when it is not a complete results object (the caller says why it matters).</summary>
    public static SweepRecord? TryParse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object) return null;
            string key = r.GetProperty("key").GetString()!;
            if (!key.Contains("|seed=", StringComparison.Ordinal)) return null;
            return new SweepRecord(
                key,
                r.GetProperty("arch").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                r.GetProperty("activation").GetString()!,
                r.GetProperty("init").GetString()!,
                r.GetProperty("bias_std").ValueKind == JsonValueKind.Null ? null : r.GetProperty("bias_std").GetDouble(),
                r.GetProperty("domain").GetString()!,
                r.GetProperty("seed").GetUInt64(),
                r.GetProperty("input_dim").GetInt32(),
                r.GetProperty("neurons").GetInt32(),
                r.GetProperty("max_regions").GetInt32(),
                r.TryGetProperty("regions", out var regions) ? regions.GetInt64() : null,
                r.TryGetProperty("linear_regions", out var linear) ? linear.GetInt64() : null,
                r.GetProperty("complete").GetBoolean(),
                r.TryGetProperty("error", out var error) ? error.GetString() : null,
                r.GetProperty("seconds").GetDouble(),
                line);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
