using System.Buffers;
using System.Text.Json;
using Polytopes.Cli.Output;

namespace Polytopes.Cli.Tests;

/// <summary>The region lines write shared normal arrays from their kept text: the bytes must be those of writing the
/// numbers, whether the array is new, seen before, or seen before the cache was emptied.</summary>
public class ArrayTextsTests
{
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("normal");

    [Fact]
    public void WriteArray_GivesTheBytesOfWritingTheNumbers_NewRepeatedAndAfterForgetting()
    {
        List<double[]> arrays =
        [
            [0.1, -0.2, 1e-300, -5e-324, 1.7976931348623157e308],
            [0, -0.0, 1, -1, 0.30000000000000004],
            [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2.5],
            [],
        ];
        var random = new Random(3);
        for (int k = 0; k < ArrayTexts.Capacity + 10; k++)
            arrays.Add(Enumerable.Range(0, 6).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20))).ToArray());
        var texts = new ArrayTexts();
        // Every array twice (the second time from the kept text), the first ones again after the cache was emptied.
        foreach (var values in arrays.Concat(arrays).Concat(arrays.Take(8)))
            Assert.Equal(InObject(w => Json.WriteArray(w, Name, values)), InObject(w => texts.WriteArray(w, Name, values)));
    }

    [Fact]
    public void WriteArray_BetweenOtherProperties_KeepsTheSeparators()
    {
        double[] normal = [0.6, -0.8];
        var texts = new ArrayTexts();
        foreach (int round in new[] { 0, 1 })
        {
            var text = Text(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("id", 7);
                texts.WriteArray(w, Name, normal);
                w.WriteNumber("offset", 0.5);
                w.WriteEndObject();
            });
            Assert.Equal("""{"id":7,"normal":[0.6,-0.8],"offset":0.5}""", text);
        }
    }

    private static string InObject(Action<Utf8JsonWriter> property) => Text(w =>
    {
        w.WriteStartObject();
        property(w);
        w.WriteEndObject();
    });

    private static string Text(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Json.Compact)) write(w);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
