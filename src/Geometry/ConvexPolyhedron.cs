using System.Numerics;
using System.Runtime.Intrinsics;

namespace Polytopes.Geometry;

/// <summary>
/// A convex polyhedron in R^3 as vertices and faces, each face a vertex loop (counter-clockwise seen from outside)
/// on a constraint row (<see cref="FaceRow"/>; −1 for a side of the artificial starting cube). Built like
/// <see cref="ConvexPolygon"/> in 2-D: start from a cube known to contain the region and clip it with one
/// half-space at a time, so a 3-D region with m constraints costs O(m·size) with no LP, and gives the facets,
/// vertices and volume exactly as a by-product. Mutable and reused, allocation-free once warm.
/// <para>
/// Each vertex carries the faces it lies on as bits (one bit per face slot, at most 64 faces at once). Two
/// vertices that share two faces are the ends of an edge: both lie on the line where the two planes meet, and
/// the part of a convex polytope on two of its supporting planes is a face of it, here an edge, whose only
/// vertices are its ends. So a clip needs no face loops: it keeps the vertices inside, puts a new vertex on each
/// edge from a vertex inside to one beyond (with the edge's two faces and the new one), and adds the new face to
/// the vertices lying on the plane. The faces (rows and vertices) are listed when first read
/// (<see cref="FaceCount"/>, <see cref="FaceRow"/>, <see cref="FaceWiderThan"/>), and their loops only when a
/// loop is (<see cref="FaceLoop"/>, areas, perimeters, volume), once for all the clips before: each face's
/// vertices in the order its edges join them, by angle about their centroid where near-degenerate cuts (sides
/// decided within the tolerance) leave the edges inconsistent.
/// </para>
/// </summary>
public sealed class ConvexPolyhedron
{
    private const int MaxFaces = 64; // one bit per face slot

    // Vertices and their face bits.
    private double[] vx = new double[16], vy = new double[16], vz = new double[16];
    private ulong[] faces = new ulong[16];
    // Face slots: row, outward normal (for the loops' orientation) and when the face was made (faces are listed in
    // that order, as they were made); grown as slots are taken, up to MaxFaces.
    private int[] slotRow = new int[16];
    private double[] slotX = new double[16], slotY = new double[16], slotZ = new double[16];
    private long[] slotMade = new long[16];
    private long made;
    private ulong slotsUsed;
    // The faces (rows and vertices), listed from the vertices' bits on first use after a change; their loops
    // (vertices in order) only when read. Their arrays are made on the first listing: a subdivision keeps many
    // polyhedra that are only clipped and copied.
    private bool listed, looped;
    private int faceCount;
    private int[] faceRow = [], faceStart = [], faceLength = [], loops = [];
    private int[] slotOrder = [], members = [];
    private double[] angle = [];

    /// <summary>A clip's scratch: each vertex's signed distance, the vertices beyond the plane and inside it as bit
    /// sets (64 vertices a word), and the new vertices, made aside first. One per thread, shared by its polyhedra
    /// (only a clip or a side test that is running reads it), so that each polyhedron holds its vertices and faces
    /// only.</summary>
    private sealed class ClipScratch
    {
        public double[] Dist = new double[32];
        public ulong[] Beyond = new ulong[1], Inside = new ulong[1];
        public double[] NewX = new double[16], NewY = new double[16], NewZ = new double[16];
        public ulong[] NewFaces = new ulong[16];
        // AllFacesWiderThan's per slot: vertices met, and the first three (four entries a slot).
        public readonly int[] Met = new int[MaxFaces], FirstThree = new int[4 * MaxFaces];

        // A clip's edges from a vertex cut off to one kept, before their new vertices are made.
        public int[] EdgeCutOff = new int[16], EdgeKept = new int[16];

        /// <summary>Room for <paramref name="size"/> new vertices (and pairs of vertices tried as edges).</summary>
        public void EnsureNew(int size)
        {
            if (NewX.Length >= size) return;
            int cap = Math.Max(size, 2 * NewX.Length);
            NewX = new double[cap]; NewY = new double[cap]; NewZ = new double[cap]; NewFaces = new ulong[cap];
            EdgeCutOff = new int[cap]; EdgeKept = new int[cap];
        }
    }

    [ThreadStatic] private static ClipScratch? threadScratch;

    public int VertexCount { get; private set; }
    /// <summary>Whether the last <see cref="Clip"/> cut anything off.</summary>
    public bool Cut { get; private set; }
    /// <summary>True when a clip would have needed more than 64 faces at once: the shape is then no longer
    /// maintained (callers fall back to another method).</summary>
    public bool TooManyFaces { get; private set; }
    public int FaceCount { get { ListFaces(); return faceCount; } }
    public double X(int v) => vx[v];
    public double Y(int v) => vy[v];
    public double Z(int v) => vz[v];
    /// <summary>The constraint row the face lies on (−1: a side of the starting cube).</summary>
    public int FaceRow(int f) { ListFaces(); return faceRow[f]; }
    public ReadOnlySpan<int> FaceLoop(int f) { ListLoops(); return loops.AsSpan(faceStart[f], faceLength[f]); }

    /// <summary>Starts from the cube centred at (cx, cy, cz) with the given half-width; its faces have row −1.</summary>
    public void StartCube(double cx, double cy, double cz, double half)
    {
        VertexCount = 8;
        // Vertex i has x = bit 0, y = bit 1, z = bit 2; slots 0–5 are the sides x = lo, x = hi, y = lo, ..., z = hi.
        for (int i = 0; i < 8; i++)
        {
            vx[i] = cx + ((i & 1) != 0 ? half : -half);
            vy[i] = cy + ((i & 2) != 0 ? half : -half);
            vz[i] = cz + ((i & 4) != 0 ? half : -half);
            faces[i] = 1UL << (i & 1) | 1UL << (2 + (i >> 1 & 1)) | 1UL << (4 + (i >> 2 & 1));
        }
        for (int s = 0; s < 6; s++)
        {
            slotRow[s] = -1;
            slotX[s] = s >> 1 == 0 ? (s & 1) * 2 - 1 : 0;
            slotY[s] = s >> 1 == 1 ? (s & 1) * 2 - 1 : 0;
            slotZ[s] = s >> 1 == 2 ? (s & 1) * 2 - 1 : 0;
            slotMade[s] = made++;
        }
        slotsUsed = 0x3F;
        TooManyFaces = false;
        listed = false;
    }

    /// <summary>Starts from the box [lo, hi] itself, its sides on the given rows (<paramref name="sideRows"/> in the
    /// order x = lo, x = hi, y = lo, y = hi, z = lo, z = hi), their outward normals the axes.</summary>
    public void StartBox(ReadOnlySpan<double> lo, ReadOnlySpan<double> hi, ReadOnlySpan<int> sideRows)
    {
        StartCube(0, 0, 0, 1);
        for (int i = 0; i < 8; i++)
        {
            vx[i] = (i & 1) != 0 ? hi[0] : lo[0];
            vy[i] = (i & 2) != 0 ? hi[1] : lo[1];
            vz[i] = (i & 4) != 0 ? hi[2] : lo[2];
        }
        for (int s = 0; s < 6; s++) slotRow[s] = sideRows[s];
    }

    /// <summary>Makes this a copy of <paramref name="other"/> (its vertices, faces and face slots).</summary>
    public void CopyFrom(ConvexPolyhedron other)
    {
        int n = other.VertexCount;
        EnsureVertices(n);
        other.vx.AsSpan(0, n).CopyTo(vx); other.vy.AsSpan(0, n).CopyTo(vy); other.vz.AsSpan(0, n).CopyTo(vz);
        other.faces.AsSpan(0, n).CopyTo(faces);
        VertexCount = n;
        CopySlotsFrom(other);
    }

    /// <summary>Takes <paramref name="other"/>'s face slots (and where it is in making them), not its vertices.</summary>
    private void CopySlotsFrom(ConvexPolyhedron other)
    {
        EnsureSlots(64 - BitOperations.LeadingZeroCount(other.slotsUsed));
        for (ulong m = other.slotsUsed; m != 0; m &= m - 1)
        {
            int s = BitOperations.TrailingZeroCount(m);
            slotRow[s] = other.slotRow[s]; slotX[s] = other.slotX[s]; slotY[s] = other.slotY[s]; slotZ[s] = other.slotZ[s];
            slotMade[s] = other.slotMade[s];
        }
        made = other.made;
        slotsUsed = other.slotsUsed;
        TooManyFaces = other.TooManyFaces;
        Cut = false;
        listed = false;
    }

    /// <summary>How many vertices lie beyond {p : ax·x + ay·y + az·z &lt;= b} and how many inside it, each by more
    /// than <paramref name="tolerance"/> (the rest are on the plane), as <see cref="Clip"/> decides; changes
    /// nothing.</summary>
    public (int Beyond, int Inside) Sides(double ax, double ay, double az, double b, double tolerance)
    {
        return Classify(ax, ay, az, b, tolerance, VertexCount, Scratch(VertexCount));
    }

    /// <summary>
    /// Intersects with {p : ax·x + ay·y + az·z &lt;= b} (unit normal). Vertices within <paramref name="tolerance"/>
    /// of the plane count as on it, so a half-space that cuts off no more than the tolerance changes nothing (the
    /// row is redundant or only touches). Returns false when the polyhedron becomes empty (no vertex is inside by
    /// more than the tolerance).
    /// </summary>
    public bool Clip(double ax, double ay, double az, double b, int row, double tolerance)
    {
        int n = VertexCount;
        var (outCount, inCount) = Classify(ax, ay, az, b, tolerance, n, Scratch(n));
        Cut = outCount > 0;
        if (!Cut) return true;
        listed = false;
        if (inCount == 0) { VertexCount = 0; slotsUsed = 0; return false; }
        int slot = FreeSlot();
        if (slot < 0) { TooManyFaces = true; return true; }
        SetSlot(slot, row, ax, ay, az, made++);
        Keep(this, false, 1UL << slot, outCount * inCount);
        return true;
    }

    /// <summary>
    /// Splits by the plane a·x = b (unit normal) as <see cref="CopyFrom"/> into <paramref name="beyondPart"/> and
    /// <see cref="Clip"/>s with the opposite half-spaces would: this keeps the part inside {a·x ≤ b} and
    /// <paramref name="beyondPart"/> becomes the part beyond, each with the new face on <paramref name="row"/>, the
    /// same vertices, faces and slots, from one classification of the vertices and no copy of those cut off.
    /// Splits only where the plane cuts (vertices beyond and inside by more than the tolerance, none on it);
    /// returns the counts of vertices beyond and inside, as <see cref="Sides"/>. When no face slot is left,
    /// <see cref="TooManyFaces"/> is set and nothing split.
    /// </summary>
    public (int Beyond, int Inside) Split(ConvexPolyhedron beyondPart, double ax, double ay, double az, double b, int row,
        double tolerance)
    {
        int n = VertexCount;
        var scratch = Scratch(n);
        var (outCount, inCount) = Classify(ax, ay, az, b, tolerance, n, scratch);
        if (outCount == 0 || inCount == 0 || outCount + inCount != n) return (outCount, inCount);
        int slot = FreeSlot();
        if (slot < 0) { TooManyFaces = true; return (outCount, inCount); }
        beyondPart.CopySlotsFrom(this);
        beyondPart.SetSlot(slot, row, -ax, -ay, -az, made);
        SetSlot(slot, row, ax, ay, az, made++);
        beyondPart.made = made;
        ulong bit = 1UL << slot;
        beyondPart.Cut = Cut = true;
        beyondPart.listed = listed = false;
        Keep(beyondPart, true, bit, outCount * inCount); // reads this one's vertices: before they are moved
        Keep(this, false, bit, outCount * inCount);
        return (outCount, inCount);
    }

    /// <summary>
    /// Writes into <paramref name="into"/> the part of this polyhedron on one side of the plane last classified
    /// (<see cref="Classify"/>, in the thread's scratch): inside it, or beyond it when <paramref name="beyondSide"/>
    /// (the sets swapped, as the opposite half-space's classification would have them: its distances are these
    /// negated, exactly). One new vertex per edge from a vertex kept to one cut off, on the edge's two faces and
    /// the new one (bit <paramref name="bit"/>), made aside first and interpolated from the kept one as a clip of
    /// that side does; then the vertices kept (on the side, or on the plane, which they join) in their order, and
    /// the new ones after them. <paramref name="into"/> may be this one. Its face slots must already hold this
    /// one's.
    /// </summary>
    private void Keep(ConvexPolyhedron into, bool beyondSide, ulong bit, int pairs)
    {
        int n = VertexCount, words = (n + 63) >> 6;
        var scratch = Scratch(n);
        scratch.EnsureNew(pairs);
        var dist = scratch.Dist;
        var (cutOff, kept) = beyondSide ? (scratch.Inside, scratch.Beyond) : (scratch.Beyond, scratch.Inside);
        var (newX, newY, newZ, newFaces) = (scratch.NewX, scratch.NewY, scratch.NewZ, scratch.NewFaces);
        // The edges first, each pair of vertices written and kept when they share two faces or more (counted
        // without a branch: which pairs are edges is as good as random, and a branch on it mispredicted often), then
        // their new vertices.
        var (edgeFrom, edgeTo) = (scratch.EdgeCutOff, scratch.EdgeKept);
        int added = 0;
        for (int wo = 0; wo < words; wo++)
            for (ulong mo = cutOff[wo]; mo != 0; mo &= mo - 1)
            {
                int o = (wo << 6) + BitOperations.TrailingZeroCount(mo);
                ulong onO = faces[o];
                for (int wi = 0; wi < words; wi++)
                    for (ulong mi = kept[wi]; mi != 0; mi &= mi - 1)
                    {
                        int i = (wi << 6) + BitOperations.TrailingZeroCount(mi);
                        ulong common = onO & faces[i];
                        edgeFrom[added] = o;
                        edgeTo[added] = i;
                        newFaces[added] = common | bit;
                        added += (common & (common - 1)) != 0 ? 1 : 0; // two faces shared: an edge
                    }
            }
        for (int e = 0; e < added; e++)
        {
            int o = edgeFrom[e], i = edgeTo[e];
            double t = dist[i] / (dist[i] - dist[o]);
            newX[e] = vx[i] + t * (vx[o] - vx[i]);
            newY[e] = vy[i] + t * (vy[o] - vy[i]);
            newZ[e] = vz[i] + t * (vz[o] - vz[i]);
        }
        int count = 0;
        for (int w = 0; w < words; w++) count += BitOperations.PopCount(~cutOff[w] & Valid(w, words, n));
        into.EnsureVertices(count + added);
        var (tx, ty, tz, tf) = (into.vx, into.vy, into.vz, into.faces);
        int k = 0;
        ulong all = added > 0 ? bit : 0;
        for (int w = 0; w < words; w++)
        {
            ulong keptWord = kept[w];
            for (ulong m = ~cutOff[w] & Valid(w, words, n); m != 0; m &= m - 1)
            {
                int j = BitOperations.TrailingZeroCount(m), v = (w << 6) + j;
                tx[k] = vx[v]; ty[k] = vy[v]; tz[k] = vz[v];
                ulong on = faces[v] | (bit & ((keptWord >> j & 1) - 1)); // the new face's bit where on the plane
                tf[k++] = on;
                all |= on;
            }
        }
        for (int j = 0; j < added; j++)
        {
            tx[k] = newX[j]; ty[k] = newY[j]; tz[k] = newZ[j]; tf[k++] = newFaces[j];
        }
        into.VertexCount = k;
        into.slotsUsed = all;
    }

    /// <summary>The bits of word w of a set of n vertices that stand for vertices.</summary>
    private static ulong Valid(int w, int words, int n) =>
        w < words - 1 || (n & 63) == 0 ? ulong.MaxValue : (1UL << (n & 63)) - 1;

    /// <summary>A face slot no vertex uses; when all are taken, the slots of planes that only touch the polyhedron
    /// (fewer than three vertices: an edge or a vertex, never needed to tell an edge, which always lies on two
    /// faces) are freed first; −1 if there is still none.</summary>
    private int FreeSlot()
    {
        if (slotsUsed == ulong.MaxValue)
        {
            for (ulong m = slotsUsed; m != 0; m &= m - 1)
            {
                ulong bit = m & (~m + 1);
                int count = 0;
                for (int v = 0; v < VertexCount && count < 3; v++) if ((faces[v] & bit) != 0) count++;
                if (count >= 3) continue;
                for (int v = 0; v < VertexCount; v++) faces[v] &= ~bit;
                slotsUsed &= ~bit;
            }
            if (slotsUsed == ulong.MaxValue) return -1;
        }
        return BitOperations.TrailingZeroCount(~slotsUsed);
    }

    /// <summary>Each vertex's signed distance to the plane (in the scratch's <c>Dist</c>), and the vertices beyond
    /// the tolerance outside (<c>Beyond</c>) and inside (<c>Inside</c>) as bit sets; returns their counts. Four vertices per
    /// 256-bit vector where supported, with the scalar loop's operations in its order (the same distances).</summary>
    private (int Out, int In) Classify(double ax, double ay, double az, double b, double tolerance, int n,
        ClipScratch scratch)
    {
        var (dist, beyond, inside) = (scratch.Dist, scratch.Beyond, scratch.Inside);
        int v = 0;
        Array.Clear(beyond, 0, (n + 63) >> 6);
        Array.Clear(inside, 0, (n + 63) >> 6);
        if (Vector256.IsHardwareAccelerated)
        {
            var (vax, vay, vaz, vb) = (Vector256.Create(ax), Vector256.Create(ay), Vector256.Create(az), Vector256.Create(b));
            var (above, below) = (Vector256.Create(tolerance), Vector256.Create(-tolerance));
            for (; v + 4 <= n; v += 4)
            {
                var s = vax * Vector256.LoadUnsafe(ref vx[v]) + vay * Vector256.LoadUnsafe(ref vy[v])
                        + vaz * Vector256.LoadUnsafe(ref vz[v]) - vb;
                s.CopyTo(dist, v);
                beyond[v >> 6] |= (ulong)Vector256.GreaterThan(s, above).ExtractMostSignificantBits() << (v & 63);
                inside[v >> 6] |= (ulong)Vector256.LessThan(s, below).ExtractMostSignificantBits() << (v & 63);
            }
        }
        for (; v < n; v++)
        {
            double s = ax * vx[v] + ay * vy[v] + az * vz[v] - b;
            dist[v] = s;
            if (s > tolerance) beyond[v >> 6] |= 1UL << (v & 63);
            else if (s < -tolerance) inside[v >> 6] |= 1UL << (v & 63);
        }
        int outCount = 0, inCount = 0;
        for (int w = 0; w < (n + 63) >> 6; w++)
        {
            outCount += BitOperations.PopCount(beyond[w]);
            inCount += BitOperations.PopCount(inside[w]);
        }
        return (outCount, inCount);
    }

    /// <summary>Lists the faces (slots of at least three vertices) in the order they were made, with their rows and
    /// vertices (<c>members</c>, in vertex order); their loops wait for <see cref="ListLoops"/>.</summary>
    private void ListFaces()
    {
        if (listed) return;
        listed = true;
        looped = false;
        if (slotOrder.Length == 0)
        {
            slotOrder = new int[MaxFaces]; memberCount = new int[MaxFaces]; memberStart = new int[MaxFaces];
        }
        int slots = 0;
        for (ulong m = slotsUsed; m != 0; m &= m - 1)
        {
            int s = BitOperations.TrailingZeroCount(m), j = slots++;
            for (; j > 0 && slotMade[slotOrder[j - 1]] > slotMade[s]; j--) slotOrder[j] = slotOrder[j - 1];
            slotOrder[j] = s;
        }
        // Each slot's vertices, in vertex order: counted, then placed (memberStart[s] .. + memberCount[s]).
        int n = VertexCount, total = 0;
        for (int j = 0; j < slots; j++) memberCount[slotOrder[j]] = 0;
        for (int v = 0; v < n; v++)
            for (ulong m = faces[v]; m != 0; m &= m - 1) memberCount[BitOperations.TrailingZeroCount(m)]++;
        for (int j = 0; j < slots; j++)
        {
            int s = slotOrder[j];
            memberStart[s] = total; total += memberCount[s]; memberCount[s] = 0;
        }
        if (members.Length < total) members = new int[Math.Max(total, 2 * members.Length)];
        for (int v = 0; v < n; v++)
            for (ulong m = faces[v]; m != 0; m &= m - 1)
            {
                int s = BitOperations.TrailingZeroCount(m);
                members[memberStart[s] + memberCount[s]++] = v;
            }
        if (faceRow.Length < slots)
        {
            faceRow = new int[MaxFaces]; faceStart = new int[MaxFaces]; faceLength = new int[MaxFaces];
            faceSlot = new int[MaxFaces];
        }
        int count = 0, length = 0;
        for (int j = 0; j < slots; j++)
        {
            int s = slotOrder[j], k = memberCount[s];
            if (k < 3) continue;
            faceRow[count] = slotRow[s]; faceSlot[count] = s; faceStart[count] = length; faceLength[count] = k;
            count++;
            length += k;
        }
        faceCount = count;
    }

    /// <summary>Puts each face's vertices in order along its edges, counter-clockwise seen from outside (by angle
    /// about their centroid where the edges are inconsistent).</summary>
    private void ListLoops()
    {
        ListFaces();
        if (looped) return;
        looped = true;
        int length = faceCount == 0 ? 0 : faceStart[faceCount - 1] + faceLength[faceCount - 1];
        if (loops.Length < length) loops = new int[Math.Max(length, 2 * loops.Length)];
        for (int f = 0; f < faceCount; f++)
        {
            int s = faceSlot[f];
            var face = members.AsSpan(memberStart[s], faceLength[f]);
            var loop = loops.AsSpan(faceStart[f], faceLength[f]);
            if (!FollowEdges(s, face, loop)) OrderAround(s, face, loop);
            else if (Newell(loop, s) < 0) loop.Reverse();
        }
    }

    /// <summary>
    /// Whether face f is wider than <paramref name="width"/>: twice its area above <paramref name="width"/> times
    /// its perimeter. Decided from its vertices, unordered, where that is plain: with v0 and v1 its first two
    /// vertices, D the largest distance from v0 to another and T the largest area of a triangle v0, v1, v, the
    /// face's area is at least T and its perimeter at most 2πD (a convex polygon's perimeter is at most π times its
    /// diameter, which is at most 2D), so 2T &gt; 2πD·width (with room for rounding) settles it in one pass over the
    /// vertices; otherwise the loop decides. The search asks this of every face of every 3-D region, and the
    /// loops, listed only for this, cost more than the test.
    /// </summary>
    public bool FaceWiderThan(int f, double width)
    {
        ListFaces();
        var face = members.AsSpan(memberStart[faceSlot[f]], faceLength[f]);
        int o = face[0], p = face[1];
        double far = 0, best = 0;
        double ux = vx[p] - vx[o], uy = vy[p] - vy[o], uz = vz[p] - vz[o];
        foreach (int v in face)
        {
            double wx = vx[v] - vx[o], wy = vy[v] - vy[o], wz = vz[v] - vz[o];
            far = Math.Max(far, wx * wx + wy * wy + wz * wz);
            double cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx;
            best = Math.Max(best, cx * cx + cy * cy + cz * cz); // (twice the triangle's area)²
        }
        // 2T = √best; 2πD·width = 2π·√far·width; compared squared, with 1 % room for rounding.
        double bound = 2 * Math.PI * width;
        if (best > 1.02 * bound * bound * far) return true;
        return 2 * FaceArea(f) > width * FacePerimeter(f);
    }

    /// <summary>
    /// Whether every face is wider than <paramref name="width"/> (as <see cref="FaceWiderThan"/> decides), with the
    /// faces' rows, in no particular order, in <paramref name="rows"/> (<paramref name="count"/> of them). Decided
    /// in one pass over the vertices' face bits (each vertex on three faces or so) where that is plain: a face's
    /// area is at least that of the triangle of its first three vertices, T, and its perimeter at most π times its
    /// diameter, itself at most the diagonal Δ of the vertices' bounding box, so 2T &gt; πΔ·width (with room for
    /// rounding) settles it; otherwise <see cref="FaceWiderThan"/> decides. For a subdivision, which gives up on any
    /// thin face.
    /// </summary>
    public bool AllFacesWiderThan(double width, Span<int> rows, out int count)
    {
        count = 0;
        var scratch = Scratch(0);
        var (met, firstThree) = (scratch.Met, scratch.FirstThree);
        for (ulong m = slotsUsed; m != 0; m &= m - 1) met[BitOperations.TrailingZeroCount(m)] = 0;
        double loX = double.PositiveInfinity, loY = loX, loZ = loX, hiX = double.NegativeInfinity, hiY = hiX, hiZ = hiX;
        for (int v = 0; v < VertexCount; v++)
        {
            loX = double.MinNative(loX, vx[v]); hiX = double.MaxNative(hiX, vx[v]);
            loY = double.MinNative(loY, vy[v]); hiY = double.MaxNative(hiY, vy[v]);
            loZ = double.MinNative(loZ, vz[v]); hiZ = double.MaxNative(hiZ, vz[v]);
            for (ulong m = faces[v]; m != 0; m &= m - 1)
            {
                // The slot's first three vertices at 4s .. 4s + 2, the others written to 4s + 3: no branch on the
                // count (a switch on it mispredicted about as often as it ran).
                int s = BitOperations.TrailingZeroCount(m), c = met[s]++;
                firstThree[4 * s + Math.Min(c, 3)] = v;
            }
        }
        double dx = hiX - loX, dy = hiY - loY, dz = hiZ - loZ, bound = Math.PI * width;
        double needed = 1.02 * bound * bound * (dx * dx + dy * dy + dz * dz); // (πΔ·width)², with 2 % room
        for (ulong m = slotsUsed; m != 0; m &= m - 1)
        {
            int s = BitOperations.TrailingZeroCount(m);
            if (met[s] < 3) continue; // an edge or a vertex on the plane: no face
            rows[count++] = slotRow[s];
            int o = firstThree[4 * s], p = firstThree[4 * s + 1], q = firstThree[4 * s + 2];
            double ux = vx[p] - vx[o], uy = vy[p] - vy[o], uz = vz[p] - vz[o];
            double wx = vx[q] - vx[o], wy = vy[q] - vy[o], wz = vz[q] - vz[o];
            double cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx;
            if (cx * cx + cy * cy + cz * cz > needed) continue; // (2T)²
            ListFaces(); // not plain from three vertices: the face decides
            if (!FaceWiderThan(faceSlot.AsSpan(0, faceCount).IndexOf(s), width)) return false;
        }
        return true;
    }

    // ListFaces' scratch: each slot's vertices (members[memberStart[s] ..], memberCount[s] of them), and each
    // face's slot.
    private int[] memberCount = [], memberStart = [];
    private int[] faceSlot = [];

    /// <summary>Follows the face's edges from its lowest vertex into <paramref name="loop"/>: from each vertex to the
    /// one other vertex of slot <paramref name="s"/>, not the one just left, that shares another face with it;
    /// false unless that next vertex is always unique and the walk closes one cycle through all of them.</summary>
    private bool FollowEdges(int s, ReadOnlySpan<int> face, Span<int> loop)
    {
        int k = face.Length;
        ulong bit = 1UL << s;
        int first = face[0], previous = -1, current = first;
        for (int step = 0; step < k; step++)
        {
            loop[step] = current;
            ulong others = faces[current] & ~bit;
            int next = -1;
            foreach (int w in face)
            {
                if (w == current || w == previous || (faces[w] & others) == 0) continue;
                if (next >= 0 && step > 0) return false; // a third vertex on this vertex's edges: inconsistent
                if (next < 0) next = w;
            }
            if (next < 0) return false;
            if (next == first) return step == k - 1;
            previous = current;
            current = next;
        }
        return false;
    }

    /// <summary>The loop's Newell normal along slot <paramref name="s"/>'s outward normal (positive when
    /// counter-clockwise seen from outside).</summary>
    private double Newell(ReadOnlySpan<int> loop, int s)
    {
        double nx = 0, ny = 0, nz = 0;
        for (int j = 0; j < loop.Length; j++)
        {
            int p = loop[j], q = loop[j + 1 == loop.Length ? 0 : j + 1];
            nx += (vy[p] - vy[q]) * (vz[p] + vz[q]);
            ny += (vz[p] - vz[q]) * (vx[p] + vx[q]);
            nz += (vx[p] - vx[q]) * (vy[p] + vy[q]);
        }
        return nx * slotX[s] + ny * slotY[s] + nz * slotZ[s];
    }

    /// <summary>Sorts the face's vertices into <paramref name="loop"/> counter-clockwise seen from outside (from the
    /// side slot <paramref name="s"/>'s normal points to), by angle about their centroid in the basis (e1, e2) with
    /// e1 × e2 = normal.</summary>
    private void OrderAround(int s, ReadOnlySpan<int> face, Span<int> loop)
    {
        int count = face.Length;
        double ax = slotX[s], ay = slotY[s], az = slotZ[s];
        double cx = 0, cy = 0, cz = 0;
        foreach (int v in face) { cx += vx[v]; cy += vy[v]; cz += vz[v]; }
        cx /= count; cy /= count; cz /= count;
        // e1: the unit vector orthogonal to the normal built from its two largest components.
        double e1x, e1y, e1z;
        if (Math.Abs(ax) <= Math.Abs(ay) && Math.Abs(ax) <= Math.Abs(az)) { e1x = 0; e1y = az; e1z = -ay; }
        else if (Math.Abs(ay) <= Math.Abs(az)) { e1x = az; e1y = 0; e1z = -ax; }
        else { e1x = ay; e1y = -ax; e1z = 0; }
        double len = Math.Sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
        e1x /= len; e1y /= len; e1z /= len;
        double e2x = ay * e1z - az * e1y, e2y = az * e1x - ax * e1z, e2z = ax * e1y - ay * e1x;
        if (angle.Length < count) angle = new double[2 * count];
        for (int i = 0; i < count; i++)
        {
            int v = face[i];
            double px = vx[v] - cx, py = vy[v] - cy, pz = vz[v] - cz;
            double a = PseudoAngle(px * e1x + py * e1y + pz * e1z, px * e2x + py * e2y + pz * e2z);
            int j = i - 1; // insertion sort: faces have a handful of vertices
            for (; j >= 0 && angle[j] > a; j--) { angle[j + 1] = angle[j]; loop[j + 1] = loop[j]; }
            angle[j + 1] = a; loop[j + 1] = v;
        }
    }

    /// <summary>A number in [0, 4) increasing with the angle of (x, y) like atan2 does, without trigonometry
    /// (the "diamond angle": position along the unit L1 circle).</summary>
    internal static double PseudoAngle(double x, double y)
    {
        if (x == 0 && y == 0) return 0;
        if (y >= 0) return x >= 0 ? y / (x + y) : 1 - x / (y - x);
        return x < 0 ? 2 - y / (-x - y) : 3 + x / (x - y);
    }

    /// <summary>The largest distance from (cx, cy, cz) to a vertex: the polyhedron lies in that ball.</summary>
    public double RadiusAbout(double cx, double cy, double cz)
    {
        double best = 0;
        for (int v = 0; v < VertexCount; v++)
        {
            double dx = vx[v] - cx, dy = vy[v] - cy, dz = vz[v] - cz;
            best = double.MaxNative(best, dx * dx + dy * dy + dz * dz); // the processor's max (IEEE's takes three)
        }
        return Math.Sqrt(best);
    }

    /// <summary>Area of face f (half the norm of the sum of its fan's cross products).</summary>
    public double FaceArea(int f)
    {
        var loop = FaceLoop(f);
        double sx = 0, sy = 0, sz = 0;
        int o = loop[0];
        for (int j = 1; j + 1 < loop.Length; j++)
        {
            int p = loop[j], q = loop[j + 1];
            double ux = vx[p] - vx[o], uy = vy[p] - vy[o], uz = vz[p] - vz[o];
            double wx = vx[q] - vx[o], wy = vy[q] - vy[o], wz = vz[q] - vz[o];
            sx += uy * wz - uz * wy; sy += uz * wx - ux * wz; sz += ux * wy - uy * wx;
        }
        return 0.5 * Math.Sqrt(sx * sx + sy * sy + sz * sz);
    }

    /// <summary>Perimeter of face f.</summary>
    public double FacePerimeter(int f)
    {
        var loop = FaceLoop(f);
        double sum = 0;
        for (int j = 0; j < loop.Length; j++)
        {
            int p = loop[j], q = loop[j + 1 == loop.Length ? 0 : j + 1];
            double dx = vx[q] - vx[p], dy = vy[q] - vy[p], dz = vz[q] - vz[p];
            sum += Math.Sqrt(dx * dx + dy * dy + dz * dz);
        }
        return sum;
    }

    /// <summary>Volume by the divergence theorem: the signed tetrahedra from the vertex centroid to each face's
    /// fan triangles (positive with the loops counter-clockwise from outside).</summary>
    public double Volume() => Volume(vx.AsSpan(0, VertexCount), vy.AsSpan(0, VertexCount), vz.AsSpan(0, VertexCount));

    /// <summary><see cref="Volume()"/> with the vertices moved to the given coordinates (the same faces).</summary>
    public double Volume(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> zs)
    {
        double cx = 0, cy = 0, cz = 0;
        for (int v = 0; v < VertexCount; v++) { cx += xs[v]; cy += ys[v]; cz += zs[v]; }
        cx /= VertexCount; cy /= VertexCount; cz /= VertexCount;
        double sum = 0;
        for (int f = 0; f < FaceCount; f++)
        {
            var loop = FaceLoop(f);
            int o = loop[0];
            double ox = xs[o] - cx, oy = ys[o] - cy, oz = zs[o] - cz;
            for (int j = 1; j + 1 < loop.Length; j++)
            {
                int p = loop[j], q = loop[j + 1];
                double px = xs[p] - cx, py = ys[p] - cy, pz = zs[p] - cz;
                double qx = xs[q] - cx, qy = ys[q] - cy, qz = zs[q] - cz;
                sum += ox * (py * qz - pz * qy) + oy * (pz * qx - px * qz) + oz * (px * qy - py * qx);
            }
        }
        return sum / 6;
    }

    /// <summary>The vertices, three numbers each (x, y, z) in one array.</summary>
    public double[] Vertices()
    {
        var v = new double[3 * VertexCount];
        for (int i = 0; i < VertexCount; i++) (v[3 * i], v[3 * i + 1], v[3 * i + 2]) = (vx[i], vy[i], vz[i]);
        return v;
    }

    /// <summary>This thread's clip scratch, with room for <paramref name="n"/> vertices.</summary>
    private static ClipScratch Scratch(int n)
    {
        var scratch = threadScratch ??= new ClipScratch();
        if (scratch.Dist.Length < n)
        {
            int size = Math.Max(n, 2 * scratch.Dist.Length);
            scratch.Dist = new double[size];
            scratch.Beyond = new ulong[(size + 63) >> 6];
            scratch.Inside = new ulong[(size + 63) >> 6];
        }
        return scratch;
    }

    /// <summary>Makes slot <paramref name="slot"/> the face on <paramref name="row"/> with outward normal
    /// (ax, ay, az), made at <paramref name="when"/>.</summary>
    private void SetSlot(int slot, int row, double ax, double ay, double az, long when)
    {
        EnsureSlots(slot + 1);
        slotRow[slot] = row; slotX[slot] = ax; slotY[slot] = ay; slotZ[slot] = az; slotMade[slot] = when;
    }

    /// <summary>Room for face slots 0 .. <paramref name="count"/> − 1, keeping those there.</summary>
    private void EnsureSlots(int count)
    {
        if (slotRow.Length >= count) return;
        int cap = Math.Min(MaxFaces, Math.Max(count, 2 * slotRow.Length));
        Array.Resize(ref slotRow, cap); Array.Resize(ref slotX, cap); Array.Resize(ref slotY, cap);
        Array.Resize(ref slotZ, cap); Array.Resize(ref slotMade, cap);
    }

    /// <summary>Room for <paramref name="size"/> vertices, keeping those there.</summary>
    private void EnsureVertices(int size)
    {
        if (vx.Length >= size) return;
        int cap = Math.Max(size, 2 * vx.Length);
        Array.Resize(ref vx, cap); Array.Resize(ref vy, cap); Array.Resize(ref vz, cap); Array.Resize(ref faces, cap);
    }
}
