using System.Runtime.Intrinsics;

namespace Polytopes.Geometry;

/// <summary>
/// A convex polyhedron in R^3 as vertices and faces, each face a vertex loop (counter-clockwise seen from outside)
/// on a constraint row (<see cref="FaceRow"/>; −1 for a side of the artificial starting cube). Built like
/// <see cref="ConvexPolygon"/> in 2-D: start from a cube known to contain the region and clip it with one
/// half-space at a time. A clip costs O(size of the polyhedron) — a half-space that misses every vertex costs one
/// dot product per vertex — so a 3-D region with m constraints costs O(m·size) with no LP, and gives the
/// facets, vertices and volume exactly as a by-product. Mutable and reused, allocation-free once warm.
/// </summary>
public sealed class ConvexPolyhedron
{
    // Vertices and faces (loops index into the vertex arrays); "next" buffers are swapped in after a clip.
    private double[] vx = new double[32], vy = new double[32], vz = new double[32];
    private double[] nvx = new double[32], nvy = new double[32], nvz = new double[32];
    private int[] faceRow = new int[16], faceStart = new int[16], faceLength = new int[16];
    private int[] nFaceRow = new int[16], nFaceStart = new int[16], nFaceLength = new int[16];
    private int[] loops = new int[96], nLoops = new int[96];
    // Per-clip scratch: signed distances and sides of the vertices, old → new vertex index, crossed edges, cap.
    private double[] dist = new double[32];
    private sbyte[] side = new sbyte[32];
    private int[] newIndex = new int[32];
    private int[] crossTo = new int[16], crossVertex = new int[16], nextCross = new int[16];
    private int[] firstCross = new int[32]; // per old vertex: its latest crossing (chained by nextCross), or −1
    private int crossCount;
    private int[] cap = new int[16];
    // Per vertex of the clipped polyhedron: the next vertex of the cut face, valid where capStampOf equals capStamp.
    private int[] capNext = new int[32], capStampOf = new int[32];
    private int capStamp;
    private double[] capAngle = new double[16];

    public int VertexCount { get; private set; }
    /// <summary>Whether the last <see cref="Clip"/> cut anything off.</summary>
    public bool Cut { get; private set; }
    public int FaceCount { get; private set; }
    public double X(int v) => vx[v];
    public double Y(int v) => vy[v];
    public double Z(int v) => vz[v];
    /// <summary>The constraint row the face lies on (−1: a side of the starting cube).</summary>
    public int FaceRow(int f) => faceRow[f];
    public ReadOnlySpan<int> FaceLoop(int f) => loops.AsSpan(faceStart[f], faceLength[f]);

    /// <summary>Starts from the cube centred at (cx, cy, cz) with the given half-width; its faces have row −1.</summary>
    public void StartCube(double cx, double cy, double cz, double half)
    {
        VertexCount = 8;
        for (int i = 0; i < 8; i++)
        {
            vx[i] = cx + ((i & 1) != 0 ? half : -half);
            vy[i] = cy + ((i & 2) != 0 ? half : -half);
            vz[i] = cz + ((i & 4) != 0 ? half : -half);
        }
        // Vertex i has x = bit 0, y = bit 1, z = bit 2; each loop is ordered counter-clockwise from outside.
        ReadOnlySpan<int> cube = [0, 4, 6, 2, /* x = lo */ 1, 3, 7, 5, /* x = hi */ 0, 1, 5, 4, /* y = lo */
                                  2, 6, 7, 3, /* y = hi */ 0, 2, 3, 1, /* z = lo */ 4, 5, 7, 6 /* z = hi */];
        cube.CopyTo(loops);
        FaceCount = 6;
        for (int f = 0; f < 6; f++) { faceRow[f] = -1; faceStart[f] = 4 * f; faceLength[f] = 4; }
    }

    /// <summary>
    /// Intersects with {p : ax·x + ay·y + az·z &lt;= b} (unit normal). Vertices within <paramref name="tolerance"/>
    /// of the plane count as on it, so a half-space that cuts off no more than the tolerance changes nothing (the
    /// row is redundant or only touches). The cut face (the polygon P ∩ plane) is the convex hull of the crossing
    /// points and the vertices on the plane, in the order the cut faces' new edges link them (by angle about their
    /// centroid where a near-degenerate cut leaves the links inconsistent). Returns false when the
    /// polyhedron becomes empty.
    /// </summary>
    public bool Clip(double ax, double ay, double az, double b, int row, double tolerance)
    {
        int n = VertexCount;
        var (anyOut, anyIn) = Classify(ax, ay, az, b, tolerance, n);
        Cut = anyOut;
        if (!anyOut) return true;
        if (!anyIn) { VertexCount = 0; FaceCount = 0; return false; }

        int kept = 0;
        for (int v = 0; v < n; v++)
        {
            if (side[v] > 0) { newIndex[v] = -1; continue; }
            newIndex[v] = kept;
            nvx[kept] = vx[v]; nvy[kept] = vy[v]; nvz[kept] = vz[v];
            kept++;
        }
        int vertexTotal = kept;
        crossCount = 0;
        int faces = 0, length = 0;
        // Room for the worst case once, not per face or crossing: every loop grows by at most two crossing
        // points, the cap holds at most every crossing and every old vertex, and each edge crosses at most once.
        int oldLength = 0;
        for (int f = 0; f < FaceCount; f++) oldLength += faceLength[f];
        EnsureLoopScratch(oldLength + 2 * FaceCount + oldLength / 2 + n);
        EnsureVertexScratch(kept + oldLength / 2 + 1);
        EnsureCrossings(oldLength / 2 + 1);
        EnsureFaceScratch(FaceCount + 1);
        firstCross.AsSpan(0, n).Fill(-1);
        // Each face the plane cuts loses one stretch of vertices beyond it: its new loop runs ... P, Q ... where the
        // stretch was (P the last vertex kept or made before it, Q the first after), and the cut face runs along
        // that edge the other way, Q to P (faces sharing an edge traverse it in opposite directions). Those links
        // chain the cut face's vertices in order, with no angles to compute.
        if (++capStamp == int.MaxValue) { Array.Clear(capStampOf); capStamp = 1; } // stamps never repeat
        int links = 0;
        bool chained = true;
        for (int f = 0; f < FaceCount; f++)
        {
            int start = faceStart[f], k = faceLength[f], begin = length;
            int first = loops[start], cur = first;
            int sideCur = side[cur];
            int leaves = 0, p = -1, q = -1;
            for (int j = 1; j <= k; j++)
            {
                int next = j == k ? first : loops[start + j];
                int sideNext = side[next];
                if (sideCur <= 0)
                {
                    nLoops[length++] = newIndex[cur];
                    if (sideNext > 0)
                    {
                        if (sideCur < 0) nLoops[length++] = Crossing(cur, next, ref vertexTotal);
                        p = nLoops[length - 1];
                        leaves++;
                    }
                }
                else if (sideNext <= 0)
                {
                    if (sideNext < 0) q = nLoops[length++] = Crossing(cur, next, ref vertexTotal);
                    else q = newIndex[next];
                }
                cur = next; sideCur = sideNext;
            }
            if (leaves > 1) chained = false;
            else if (leaves == 1 && p != q)
            {
                if (capStampOf[q] == capStamp) chained = false;
                capStampOf[q] = capStamp;
                capNext[q] = p;
                links++;
            }
            if (length - begin < 3) { length = begin; continue; }
            nFaceRow[faces] = faceRow[f]; nFaceStart[faces] = begin; nFaceLength[faces] = length - begin;
            faces++;
        }

        // The cut face: crossing points and the vertices lying on the plane.
        int capCount = crossCount;
        for (int v = 0; v < n; v++) if (side[v] == 0) capCount++;
        EnsureCap(capCount);
        if (capCount >= 3)
        {
            if (!(chained && links == capCount && ChainCap(capCount)))
            {
                capCount = 0;
                for (int v = 0; v < n; v++) if (side[v] == 0) cap[capCount++] = newIndex[v];
                for (int c = 0; c < crossCount; c++) cap[capCount++] = crossVertex[c];
                OrderAround(ax, ay, az, capCount);
            }
            nFaceRow[faces] = row; nFaceStart[faces] = length; nFaceLength[faces] = capCount;
            cap.AsSpan(0, capCount).CopyTo(nLoops.AsSpan(length));
            length += capCount;
            faces++;
        }

        (vx, nvx) = (nvx, vx); (vy, nvy) = (nvy, vy); (vz, nvz) = (nvz, vz);
        (faceRow, nFaceRow) = (nFaceRow, faceRow); (faceStart, nFaceStart) = (nFaceStart, faceStart);
        (faceLength, nFaceLength) = (nFaceLength, faceLength); (loops, nLoops) = (nLoops, loops);
        VertexCount = vertexTotal;
        FaceCount = faces;
        EnsureVertexScratch(VertexCount);
        return faces >= 4;
    }

    /// <summary>Follows the cut face's links from the last crossing made (any start would do; one fixed rule keeps
    /// the loop the same for the same input) into <c>cap</c>; false unless they close one cycle through all
    /// <paramref name="count"/> of its vertices (a near-degenerate cut whose sides the tolerance classified
    /// inconsistently), in which case the vertices are ordered by angle instead.</summary>
    private bool ChainCap(int count)
    {
        int start = crossCount > 0 ? crossVertex[crossCount - 1] : -1;
        if (start < 0 || capStampOf[start] != capStamp) return false;
        int v = start, k = 0;
        do
        {
            if (k == count || capStampOf[v] != capStamp) return false;
            cap[k++] = v;
            v = capNext[v];
        } while (v != start);
        return k == count;
    }

    /// <summary>Each vertex's signed distance to the plane (in <c>dist</c>) and side (+1 beyond the tolerance
    /// outside, −1 inside, 0 on it); returns whether any vertex is outside and any inside. Four vertices per
    /// 256-bit vector where supported, with the scalar loop's operations in its order (the same distances): the
    /// side tests are branches that mispredict often in the scalar loop.</summary>
    private (bool AnyOut, bool AnyIn) Classify(double ax, double ay, double az, double b, double tolerance, int n)
    {
        int v = 0;
        uint outBits = 0, inBits = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (vax, vay, vaz, vb) = (Vector256.Create(ax), Vector256.Create(ay), Vector256.Create(az), Vector256.Create(b));
            var (above, below) = (Vector256.Create(tolerance), Vector256.Create(-tolerance));
            for (; v + 4 <= n; v += 4)
            {
                var s = vax * Vector256.LoadUnsafe(ref vx[v]) + vay * Vector256.LoadUnsafe(ref vy[v])
                        + vaz * Vector256.LoadUnsafe(ref vz[v]) - vb;
                s.CopyTo(dist, v);
                uint o = Vector256.GreaterThan(s, above).ExtractMostSignificantBits();
                uint i = Vector256.LessThan(s, below).ExtractMostSignificantBits();
                for (int j = 0; j < 4; j++) side[v + j] = (sbyte)((int)((o >> j) & 1) - (int)((i >> j) & 1));
                outBits |= o;
                inBits |= i;
            }
        }
        bool anyOut = outBits != 0, anyIn = inBits != 0;
        for (; v < n; v++)
        {
            double s = ax * vx[v] + ay * vy[v] + az * vz[v] - b;
            dist[v] = s;
            if (s > tolerance) { side[v] = 1; anyOut = true; }
            else if (s < -tolerance) { side[v] = -1; anyIn = true; }
            else side[v] = 0;
        }
        return (anyOut, anyIn);
    }

    /// <summary>The new vertex where edge (u, w) crosses the plane, made once per edge (both faces of the edge
    /// share it) and computed from the lower-indexed end, so it is the same point whichever face asks first.</summary>
    private int Crossing(int u, int w, ref int vertexTotal)
    {
        if (u > w) (u, w) = (w, u);
        // The crossings made so far from vertex u, newest first (an edge is asked for by its two faces).
        for (int c = firstCross[u]; c >= 0; c = nextCross[c])
            if (crossTo[c] == w) return crossVertex[c];
        double t = dist[u] / (dist[u] - dist[w]);
        nvx[vertexTotal] = vx[u] + t * (vx[w] - vx[u]);
        nvy[vertexTotal] = vy[u] + t * (vy[w] - vy[u]);
        nvz[vertexTotal] = vz[u] + t * (vz[w] - vz[u]);
        crossTo[crossCount] = w; crossVertex[crossCount] = vertexTotal;
        nextCross[crossCount] = firstCross[u];
        firstCross[u] = crossCount;
        crossCount++;
        return vertexTotal++;
    }

    /// <summary>Sorts the cap's vertices (indices into the next vertex arrays) counter-clockwise seen from the
    /// side the normal points to, by angle about their centroid in the basis (e1, e2) with e1 × e2 = normal.</summary>
    private void OrderAround(double ax, double ay, double az, int count)
    {
        double cx = 0, cy = 0, cz = 0;
        for (int i = 0; i < count; i++) { cx += nvx[cap[i]]; cy += nvy[cap[i]]; cz += nvz[cap[i]]; }
        cx /= count; cy /= count; cz /= count;
        // e1: the unit vector orthogonal to the normal built from its two largest components.
        double e1x, e1y, e1z;
        if (Math.Abs(ax) <= Math.Abs(ay) && Math.Abs(ax) <= Math.Abs(az)) { e1x = 0; e1y = az; e1z = -ay; }
        else if (Math.Abs(ay) <= Math.Abs(az)) { e1x = az; e1y = 0; e1z = -ax; }
        else { e1x = ay; e1y = -ax; e1z = 0; }
        double len = Math.Sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
        e1x /= len; e1y /= len; e1z /= len;
        double e2x = ay * e1z - az * e1y, e2y = az * e1x - ax * e1z, e2z = ax * e1y - ay * e1x;
        for (int i = 0; i < count; i++)
        {
            int v = cap[i];
            double px = nvx[v] - cx, py = nvy[v] - cy, pz = nvz[v] - cz;
            capAngle[i] = PseudoAngle(px * e1x + py * e1y + pz * e1z, px * e2x + py * e2y + pz * e2z);
        }
        for (int i = 1; i < count; i++) // insertion sort: caps have a handful of vertices
        {
            double angle = capAngle[i];
            int v = cap[i], j = i - 1;
            for (; j >= 0 && capAngle[j] > angle; j--) { capAngle[j + 1] = capAngle[j]; cap[j + 1] = cap[j]; }
            capAngle[j + 1] = angle; cap[j + 1] = v;
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

    public double[][] Vertices()
    {
        var v = new double[VertexCount][];
        for (int i = 0; i < VertexCount; i++) v[i] = [vx[i], vy[i], vz[i]];
        return v;
    }

    private void EnsureVertexScratch(int size)
    {
        if (vx.Length >= size && nvx.Length >= size && dist.Length >= size) return;
        int cap = Math.Max(size, 2 * vx.Length);
        Array.Resize(ref vx, cap); Array.Resize(ref vy, cap); Array.Resize(ref vz, cap);
        Array.Resize(ref nvx, cap); Array.Resize(ref nvy, cap); Array.Resize(ref nvz, cap);
        Array.Resize(ref dist, cap); Array.Resize(ref side, cap); Array.Resize(ref newIndex, cap);
        Array.Resize(ref firstCross, cap);
        Array.Resize(ref capNext, cap); Array.Resize(ref capStampOf, cap);
    }

    private void EnsureFaceScratch(int size)
    {
        if (nFaceRow.Length >= size) return;
        int cap = Math.Max(size, 2 * nFaceRow.Length);
        Array.Resize(ref nFaceRow, cap); Array.Resize(ref nFaceStart, cap); Array.Resize(ref nFaceLength, cap);
        Array.Resize(ref faceRow, cap); Array.Resize(ref faceStart, cap); Array.Resize(ref faceLength, cap);
    }

    private void EnsureLoopScratch(int size)
    {
        if (nLoops.Length >= size) return;
        int cap = Math.Max(size, 2 * nLoops.Length);
        Array.Resize(ref nLoops, cap);
        Array.Resize(ref loops, cap);
    }

    private void EnsureCrossings(int size)
    {
        if (crossTo.Length >= size) return;
        int cap = Math.Max(size, 2 * crossTo.Length);
        Array.Resize(ref crossTo, cap); Array.Resize(ref crossVertex, cap);
        Array.Resize(ref nextCross, cap);
    }

    private void EnsureCap(int size)
    {
        if (cap.Length >= size) return;
        cap = new int[Math.Max(size, 2 * cap.Length)];
        capAngle = new double[cap.Length];
    }
}
