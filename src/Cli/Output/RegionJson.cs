using System.Text.Json;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Cli.Output;

/// <summary>One region as one JSON object (a line of --out).</summary>
internal static class RegionJson
{
    public static void Write(Utf8JsonWriter w, Region r, int inputDim)
    {
        w.WriteStartObject();
        w.WriteNumber("id", r.Id);
        w.WriteString("pattern", r.Pattern.ToString());
        Json.WriteArray(w, "centre", r.Centre);
        if (double.IsFinite(r.Radius)) w.WriteNumber("radius", r.Radius); else w.WriteNull("radius");
        w.WriteBoolean("bounded", r.Bounded);
        w.WriteNumber("faces", r.FaceCount);
        w.WriteNumber("neuron_faces", r.NeuronFaceCount);
        w.WriteNumber("box_faces", r.BoxFaceCount);
        w.WriteStartArray("neighbours");
        foreach (var n in r.Neighbours) w.WriteNumberValue(n);
        w.WriteEndArray();
        w.WriteStartArray("facets");
        foreach (var f in r.Facets)
        {
            w.WriteStartObject();
            Json.WriteArray(w, "normal", f.Normal);
            w.WriteNumber("offset", f.Offset);
            if (f.IsBoxSide) w.WriteNumber("box_side", f.BoxSide);
            w.WriteStartArray("units");
            foreach (var u in f.Units) w.WriteNumberValue(u);
            w.WriteEndArray();
            if (f.IsBoxSide) w.WriteNull("neighbour"); else w.WriteNumber("neighbour", f.Neighbour);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("output");
        w.WriteStartArray("gradient");
        for (int o = 0; o < r.OutputBias.Length; o++)
        {
            w.WriteStartArray();
            for (int j = 0; j < inputDim; j++) w.WriteNumberValue(r.OutputGradient[o * inputDim + j]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        Json.WriteArray(w, "bias", r.OutputBias);
        w.WriteEndObject();
        if (r.Volume is double v)
        {
            if (double.IsFinite(v)) w.WriteNumber(inputDim == 2 ? "area" : "length", v);
            else w.WriteNull(inputDim == 2 ? "area" : "length");
        }
        if (r.Vertices != null)
        {
            w.WriteStartArray("vertices");
            foreach (var p in r.Vertices) { w.WriteStartArray(); foreach (var c in p) w.WriteNumberValue(c); w.WriteEndArray(); }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
