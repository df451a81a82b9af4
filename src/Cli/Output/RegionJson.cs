using System.Collections.Concurrent;
using System.Buffers;
using System.Text.Json;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Cli.Output;

/// <summary>One region as one JSON object (a line of --out).</summary>
internal static class RegionJson
{
    public static void Write(Utf8JsonWriter w, Region r, int inputDim, RegionStats? stats = null)
    {
        w.WriteStartObject();
        w.WriteNumber("id", r.Id);
        w.WriteString("pattern", r.Pattern.ToString());
        Json.WriteArray(w, "centre", r.Centre);
        if (double.IsFinite(r.Radius)) w.WriteNumber("radius", r.Radius); else w.WriteNull("radius");
        if (r.RadiusBounds is { } bounds)
        {
            // The certified enclosure of the exact radius (null: infinite, the region holds arbitrarily large balls).
            if (bounds.IsInfinite) { w.WriteNull("radius_lower"); w.WriteNull("radius_upper"); }
            else { w.WriteNumber("radius_lower", bounds.Lower); w.WriteNumber("radius_upper", bounds.Upper); }
        }
        w.WriteBoolean("bounded", r.Bounded);
        w.WriteNumber("faces", r.FaceCount);
        w.WriteNumber("neuron_faces", r.NeuronFaceCount);
        w.WriteNumber("box_faces", r.BoxFaceCount);
        w.WriteStartArray("neighbours");
        foreach (var f in r.Facets)
            if (!f.IsBoxSide && f.Neighbour >= 0) w.WriteNumberValue(f.Neighbour); // Region.Neighbours, without LINQ
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
        if (stats != null) WriteStats(w, r, stats);
        w.WriteEndObject();
    }

    /// <summary>The statistics that need more than the region itself (3-D vertices and volume, neighbours' maps).</summary>
    private static void WriteStats(Utf8JsonWriter w, Region r, RegionStats s)
    {
        if (s.VertexCount is int count) w.WriteNumber("vertex_count", count);
        if (r.Vertices == null && s.Vertices != null)
        {
            if (s.Volume is double volume) w.WriteNumber("volume", volume);
            w.WriteStartArray("vertices");
            foreach (var p in s.Vertices) { w.WriteStartArray(); foreach (var c in p) w.WriteNumberValue(c); w.WriteEndArray(); }
            w.WriteEndArray();
        }
        w.WriteNumber("gradient_norm", s.GradientNorm);
        w.WriteStartArray("neighbour_relations");
        foreach (var n in s.Neighbours)
        {
            w.WriteStartObject();
            w.WriteNumber("neighbour", n.Neighbour);
            if (n.GradientAngle is double g) w.WriteNumber("gradient_angle", g); else w.WriteNull("gradient_angle");
            if (n.NormalAngle is double a) w.WriteNumber("normal_angle", a); else w.WriteNull("normal_angle");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}

/// <summary>
/// Writes the --out region lines in id order with their <see cref="RegionStats"/>. The statistics of a region need
/// its neighbours (their output gradients and facets), which the breadth-first search reports later, so a region
/// waits until every neighbour has arrived; regions are dropped once they and all their neighbours are written,
/// so memory stays about the search frontier. At the end (or after a region limit) the rest are written, with
/// null angles for neighbours never reported.
/// </summary>
internal sealed class RegionLines : IDisposable
{
    // Lines are gathered in memory and written to the stream some 64 KB at a time: a flush of the JSON writer
    // straight into the file stream per line cost a system call every few lines.
    private const int ChunkBytes = 1 << 16;
    private readonly Stream stream;
    private readonly int inputDim;
    private readonly ArrayBufferWriter<byte> lines = new(2 * ChunkBytes);
    private readonly Utf8JsonWriter writer;
    private readonly Dictionary<int, Region> known = new();
    private readonly Func<int, Region?> lookup; // a region waiting for its line, by id (one delegate for all lines)
    private readonly Queue<Region> pending = new();
    private RegionStatistics statistics;
    private int written;
    private bool disposed;

    public RegionLines(Stream stream, int inputDim)
    {
        lookup = id => known.GetValueOrDefault(id);
        this.stream = stream;
        this.inputDim = inputDim;
        writer = new Utf8JsonWriter(lines, Json.Compact);
        statistics = new RegionStatistics(inputDim, 1);
    }

    /// <summary>The length scale distances are relative to (the box's half-width; 1 for all of R^d).</summary>
    public void UseScale(double scale) => statistics = new RegionStatistics(inputDim, scale);

    // Shapes (vertices and volume) computed ahead by the search's threads, until their lines are written.
    private readonly ConcurrentDictionary<int, (double?, double[][]?)> shapes = new();
    // The angles of neighbour pairs whose first region is written and second is not yet (computed once per pair).
    private readonly Dictionary<(int, int), (double?, double?)> relations = new();

    /// <summary>Computes a region's shape ahead of its line when that takes work (3-D vertices and volume, a 2-D
    /// region without its polygon); thread-safe, for <see cref="SearchOptions.OnRegionBuilt"/>, so that this work is
    /// shared by the search's threads.</summary>
    public void Prepare(Region region)
    {
        if (region.Vertices == null && inputDim is 2 or 3) shapes[region.Id] = statistics.Shape(region);
    }

    /// <summary>Takes the next region (in id order) and writes every region that has become ready.</summary>
    public void Add(Region region)
    {
        known[region.Id] = region;
        pending.Enqueue(region);
        while (pending.Count > 0 && NeighboursArrived(pending.Peek())) WriteLine(pending.Dequeue());
    }

    // Loops over the facets rather than Region.Neighbours (LINQ): these run several times per region.
    private bool NeighboursArrived(Region r)
    {
        foreach (var f in r.Facets)
            if (!f.IsBoxSide && f.Neighbour >= written && !known.ContainsKey(f.Neighbour)) return false;
        return true;
    }

    private bool NeighboursWritten(Region r)
    {
        foreach (var f in r.Facets)
            if (!f.IsBoxSide && f.Neighbour >= written) return false;
        return true;
    }

    /// <summary>Drops a region once it and all its neighbours are written.</summary>
    private void Forget(int id)
    {
        if (known.TryGetValue(id, out var k) && k.Id < written && NeighboursWritten(k)) known.Remove(id);
    }

    private void WriteLine(Region r)
    {
        (double?, double[][]?)? shape = shapes.TryRemove(r.Id, out var ready) ? ready : null;
        RegionJson.Write(writer, r, inputDim, statistics.Of(r, lookup, shape, relations));
        writer.Flush();
        writer.Reset();
        lines.Write("\n"u8);
        if (lines.WrittenCount >= ChunkBytes) WriteChunk();
        written = Math.Max(written, r.Id + 1);
        foreach (var f in r.Facets)
            if (!f.IsBoxSide && f.Neighbour >= 0) Forget(f.Neighbour);
        Forget(r.Id);
    }

    /// <summary>Writes the regions still waiting and releases the JSON writer (the stream stays open).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        while (pending.Count > 0) WriteLine(pending.Dequeue());
        WriteChunk();
        writer.Dispose();
    }

    private void WriteChunk()
    {
        stream.Write(lines.WrittenSpan);
        lines.ResetWrittenCount();
    }
}
