using System.Collections.Concurrent;
using System.Buffers;
using System.Text.Json;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Cli.Output;

/// <summary>One region as one JSON object (a line of --out).</summary>
internal static class RegionJson
{
    // Property names encoded once: a name given as a string is transcoded to UTF-8 and checked for escaping on every
    // write, some 40 times per line.
    private static class N
    {
        public static readonly JsonEncodedText Area = JsonEncodedText.Encode("area");
        public static readonly JsonEncodedText Bias = JsonEncodedText.Encode("bias");
        public static readonly JsonEncodedText Bounded = JsonEncodedText.Encode("bounded");
        public static readonly JsonEncodedText BoxFaces = JsonEncodedText.Encode("box_faces");
        public static readonly JsonEncodedText BoxSide = JsonEncodedText.Encode("box_side");
        public static readonly JsonEncodedText Centre = JsonEncodedText.Encode("centre");
        public static readonly JsonEncodedText Faces = JsonEncodedText.Encode("faces");
        public static readonly JsonEncodedText Facets = JsonEncodedText.Encode("facets");
        public static readonly JsonEncodedText Gradient = JsonEncodedText.Encode("gradient");
        public static readonly JsonEncodedText GradientAngle = JsonEncodedText.Encode("gradient_angle");
        public static readonly JsonEncodedText GradientNorm = JsonEncodedText.Encode("gradient_norm");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");
        public static readonly JsonEncodedText Neighbour = JsonEncodedText.Encode("neighbour");
        public static readonly JsonEncodedText NeighbourRelations = JsonEncodedText.Encode("neighbour_relations");
        public static readonly JsonEncodedText Neighbours = JsonEncodedText.Encode("neighbours");
        public static readonly JsonEncodedText NeuronFaces = JsonEncodedText.Encode("neuron_faces");
        public static readonly JsonEncodedText Normal = JsonEncodedText.Encode("normal");
        public static readonly JsonEncodedText NormalAngle = JsonEncodedText.Encode("normal_angle");
        public static readonly JsonEncodedText Offset = JsonEncodedText.Encode("offset");
        public static readonly JsonEncodedText Output = JsonEncodedText.Encode("output");
        public static readonly JsonEncodedText Pattern = JsonEncodedText.Encode("pattern");
        public static readonly JsonEncodedText Radius = JsonEncodedText.Encode("radius");
        public static readonly JsonEncodedText RadiusLower = JsonEncodedText.Encode("radius_lower");
        public static readonly JsonEncodedText RadiusUpper = JsonEncodedText.Encode("radius_upper");
        public static readonly JsonEncodedText Units = JsonEncodedText.Encode("units");
        public static readonly JsonEncodedText VertexCount = JsonEncodedText.Encode("vertex_count");
        public static readonly JsonEncodedText Vertices = JsonEncodedText.Encode("vertices");
        public static readonly JsonEncodedText Volume = JsonEncodedText.Encode("volume");
    }

    /// <summary>Writes the region's object; <paramref name="normals"/>, when given, writes the facets' normals
    /// (the same bytes, formatted once per shared array).</summary>
    public static void Write(Utf8JsonWriter w, Region r, int inputDim, RegionStats? stats = null, ArrayTexts? normals = null)
    {
        w.WriteStartObject();
        w.WriteNumber(N.Id, r.Id);
        w.WriteString(N.Pattern, r.Pattern.ToString());
        Json.WriteArray(w, N.Centre, r.Centre);
        Json.WriteNumberOrNull(w, N.Radius, r.Radius);
        if (r.RadiusBounds is { } bounds)
        {
            // The certified enclosure of the exact radius (null: infinite, the region holds arbitrarily large balls).
            if (bounds.IsInfinite) { w.WriteNull(N.RadiusLower); w.WriteNull(N.RadiusUpper); }
            else { w.WriteNumber(N.RadiusLower, bounds.Lower); w.WriteNumber(N.RadiusUpper, bounds.Upper); }
        }
        w.WriteBoolean(N.Bounded, r.Bounded);
        w.WriteNumber(N.Faces, r.FaceCount);
        w.WriteNumber(N.NeuronFaces, r.NeuronFaceCount);
        w.WriteNumber(N.BoxFaces, r.BoxFaceCount);
        w.WriteStartArray(N.Neighbours);
        foreach (var f in r.Facets)
            if (!f.IsBoxSide && f.Neighbour >= 0) w.WriteNumberValue(f.Neighbour); // Region.Neighbours, without LINQ
        w.WriteEndArray();
        w.WriteStartArray(N.Facets);
        foreach (var f in r.Facets)
        {
            w.WriteStartObject();
            if (normals != null) normals.WriteArray(w, N.Normal, f.Normal);
            else Json.WriteArray(w, N.Normal, f.Normal);
            Json.WriteNumberOrNull(w, N.Offset, f.Offset);
            if (f.IsBoxSide) w.WriteNumber(N.BoxSide, f.BoxSide);
            w.WriteStartArray(N.Units);
            foreach (var u in f.Units) w.WriteNumberValue(u);
            w.WriteEndArray();
            if (f.IsBoxSide) w.WriteNull(N.Neighbour); else w.WriteNumber(N.Neighbour, f.Neighbour);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject(N.Output);
        w.WriteStartArray(N.Gradient);
        for (int o = 0; o < r.OutputBias.Length; o++)
        {
            w.WriteStartArray();
            for (int j = 0; j < inputDim; j++) Json.WriteNumberValueOrNull(w, r.OutputGradient[o * inputDim + j]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        Json.WriteArray(w, N.Bias, r.OutputBias);
        w.WriteEndObject();
        if (r.Volume is double v) Json.WriteNumberOrNull(w, SizeName(inputDim), v);
        if (r.Vertices != null) WriteVertices(w, r.Vertices, inputDim);
        if (stats != null) WriteStats(w, r, inputDim, stats);
        w.WriteEndObject();
    }

    /// <summary>Vertices held <paramref name="dimension"/> numbers each in one array, written as an array of points.</summary>
    private static void WriteVertices(Utf8JsonWriter w, double[] vertices, int dimension)
    {
        w.WriteStartArray(N.Vertices);
        for (int at = 0; at < vertices.Length; at += dimension)
        {
            w.WriteStartArray();
            for (int j = 0; j < dimension; j++) Json.WriteNumberValueOrNull(w, vertices[at + j]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>The statistics that need more than the region itself (3-D vertices and volume, neighbours' maps).</summary>
    /// <summary>The name of a region's size: its length in 1-D, area in 2-D, volume above (box or all of R^d,
    /// bounded or not: an unbounded region's is null).</summary>
    private static JsonEncodedText SizeName(int inputDim) => inputDim switch { 1 => N.Length, 2 => N.Area, _ => N.Volume };

    private static void WriteStats(Utf8JsonWriter w, Region r, int inputDim, RegionStats s)
    {
        if (s.VertexCount is int count) w.WriteNumber(N.VertexCount, count);
        if (r.Vertices == null && s.Vertices != null)
        {
            if (s.Volume is double volume) w.WriteNumber(SizeName(inputDim), volume);
            WriteVertices(w, s.Vertices, inputDim);
        }
        Json.WriteNumberOrNull(w, N.GradientNorm, s.GradientNorm);
        w.WriteStartArray(N.NeighbourRelations);
        foreach (var n in s.Neighbours)
        {
            w.WriteStartObject();
            w.WriteNumber(N.Neighbour, n.Neighbour);
            if (n.GradientAngle is double g) w.WriteNumber(N.GradientAngle, g); else w.WriteNull(N.GradientAngle);
            if (n.NormalAngle is double a) w.WriteNumber(N.NormalAngle, a); else w.WriteNull(N.NormalAngle);
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
    private readonly ArrayTexts normals = new();
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
    private readonly ConcurrentDictionary<int, (double?, double[]?)> shapes = new();
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
        (double?, double[]?)? shape = shapes.TryRemove(r.Id, out var ready) ? ready : null;
        RegionJson.Write(writer, r, inputDim, statistics.Of(r, lookup, shape, relations), normals);
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
