using System.Buffers;
using System.Text.Json;

namespace Polytopes.Cli.Output;

/// <summary>
/// The JSON text of number arrays that the region lines write again and again. Records share one normal array
/// among many facets (a box side's, a first-layer unit's, often a deeper unit's: <c>RecordNormals</c>), so the
/// text of an array is kept by reference and written raw the next time: the same bytes as writing its numbers,
/// without formatting them again (formatting doubles was a third of the line writer's time). Holds at most
/// <see cref="Capacity"/> arrays and forgets them all when full. Not thread-safe.
/// </summary>
internal sealed class ArrayTexts
{
    public const int Capacity = 4096;
    private readonly Dictionary<double[], byte[]> texts = new(ReferenceEqualityComparer.Instance);
    private readonly ArrayBufferWriter<byte> scratch = new(256);
    private readonly Utf8JsonWriter scratchWriter;

    public ArrayTexts() => scratchWriter = new Utf8JsonWriter(scratch, Json.Compact);

    /// <summary>Writes <paramref name="values"/> as the array property <paramref name="name"/>, as
    /// <see cref="Json.WriteArray(Utf8JsonWriter, JsonEncodedText, ReadOnlySpan{double})"/> does.</summary>
    public void WriteArray(Utf8JsonWriter w, JsonEncodedText name, double[] values)
    {
        if (!texts.TryGetValue(values, out var text))
        {
            scratch.ResetWrittenCount();
            scratchWriter.Reset(scratch);
            scratchWriter.WriteStartArray();
            foreach (var v in values) Json.WriteNumberValueOrNull(scratchWriter, v);
            scratchWriter.WriteEndArray();
            scratchWriter.Flush();
            text = scratch.WrittenSpan.ToArray();
            if (texts.Count >= Capacity) texts.Clear();
            texts[values] = text;
        }
        w.WritePropertyName(name);
        w.WriteRawValue(text, skipInputValidation: true);
    }
}
