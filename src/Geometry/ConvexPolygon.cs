namespace Polytopes.Geometry;

/// <summary>
/// A convex polygon as a counter-clockwise vertex list where the edge from vertex j to vertex j+1 lies on the
/// constraint row <see cref="EdgeRow"/>(j) (−1: an edge of the artificial starting square). Built by clipping a
/// square with half-planes one at a time — O(vertices) per half-plane, so a 2-D region with m constraints costs
/// O(m·k) for k final vertices, with no LP. Mutable and reused to avoid allocation in the enumeration loop.
/// </summary>
public sealed class ConvexPolygon
{
    private double[] xs = new double[16], ys = new double[16];
    private int[] rows = new int[16];
    private double[] nxs = new double[16], nys = new double[16];
    private int[] nrows = new int[16];

    public int Count { get; private set; }
    /// <summary>Whether the last <see cref="Clip"/> cut anything off.</summary>
    public bool Cut { get; private set; }
    public double X(int j) => xs[j];
    public double Y(int j) => ys[j];
    /// <summary>The constraint row whose line carries the edge from vertex j to vertex j+1.</summary>
    public int EdgeRow(int j) => rows[j];

    /// <summary>Starts from the square centred at (cx, cy) with the given half-width; its edges have row −1.</summary>
    public void StartSquare(double cx, double cy, double half)
    {
        Count = 4;
        xs[0] = cx - half; ys[0] = cy - half;
        xs[1] = cx + half; ys[1] = cy - half;
        xs[2] = cx + half; ys[2] = cy + half;
        xs[3] = cx - half; ys[3] = cy + half;
        rows[0] = rows[1] = rows[2] = rows[3] = -1;
    }

    /// <summary>Starts from the box [lo, hi] itself, counter-clockwise from its lower left corner: its sides on the
    /// rows of y = lo, x = hi, y = hi and x = lo in that order (<paramref name="sideRows"/>).</summary>
    public void StartBox(ReadOnlySpan<double> lo, ReadOnlySpan<double> hi, ReadOnlySpan<int> sideRows)
    {
        Count = 4;
        xs[0] = lo[0]; ys[0] = lo[1];
        xs[1] = hi[0]; ys[1] = lo[1];
        xs[2] = hi[0]; ys[2] = hi[1];
        xs[3] = lo[0]; ys[3] = hi[1];
        for (int j = 0; j < 4; j++) rows[j] = sideRows[j];
    }

    /// <summary>Makes this a copy of <paramref name="other"/>.</summary>
    public void CopyFrom(ConvexPolygon other)
    {
        int k = other.Count;
        EnsureScratch(k);
        other.xs.AsSpan(0, k).CopyTo(xs);
        other.ys.AsSpan(0, k).CopyTo(ys);
        other.rows.AsSpan(0, k).CopyTo(rows);
        Count = k;
        Cut = false;
    }

    /// <summary>How many vertices lie beyond {p : ax·x + ay·y &lt;= b} and how many inside it, each by more than
    /// <paramref name="tolerance"/> (the rest are on the line); changes nothing.</summary>
    public (int Beyond, int Inside) Sides(double ax, double ay, double b, double tolerance)
    {
        int beyond = 0, inside = 0;
        for (int j = 0; j < Count; j++)
        {
            double s = ax * xs[j] + ay * ys[j] - b;
            beyond += s > tolerance ? 1 : 0;
            inside += s < -tolerance ? 1 : 0;
        }
        return (beyond, inside);
    }

    /// <summary>
    /// Splits by the line a·x = b (unit normal): this keeps the part inside {a·x ≤ b} and
    /// <paramref name="beyondPart"/> becomes the part beyond, each with the new edge on <paramref name="row"/> and
    /// the same two new vertices (where the line crosses the two edges it cuts). Splits only where the line cuts
    /// (vertices beyond and inside by more than the tolerance, none on it); returns the counts of vertices beyond
    /// and inside, as <see cref="Sides"/>.
    /// </summary>
    public (int Beyond, int Inside) Split(ConvexPolygon beyondPart, double ax, double ay, double b, int row, double tolerance)
    {
        int k = Count;
        EnsureScratch(k + 2);
        var dist = nxs; // the distances, then (once read) this part's new vertices' x
        int beyond = 0, inside = 0;
        for (int j = 0; j < k; j++)
        {
            double s = dist[j] = ax * xs[j] + ay * ys[j] - b;
            beyond += s > tolerance ? 1 : 0;
            inside += s < -tolerance ? 1 : 0;
        }
        Cut = false;
        if (beyond == 0 || inside == 0 || beyond + inside != k) return (beyond, inside);
        beyondPart.EnsureScratch(k + 2);
        // A convex polygon cut by a line: one run of vertices inside, one beyond, and a crossing on the edge from
        // each run's last vertex to the other's first. Each part takes its run, then the crossing leaving it (its
        // edge on the new line), then the crossing entering it (its edge on the rest of the crossed edge).
        int leave = -1, enter = -1; // the edges j → j + 1 leaving the inside and entering it
        for (int j = 0; j < k; j++)
        {
            bool here = dist[j] < 0, next = dist[j + 1 == k ? 0 : j + 1] < 0;
            if (here && !next) leave = j;
            if (!here && next) enter = j;
        }
        var (lx, ly) = Crossing(leave, k, dist);
        var (ex, ey) = Crossing(enter, k, dist);
        beyondPart.Count = Run(beyondPart, leave + 1, enter, k, ex, ey, row, lx, ly, rows[leave]);
        int count = Run(this, enter + 1, leave, k, lx, ly, row, ex, ey, rows[enter]);
        (xs, nxs) = (nxs, xs);
        (ys, nys) = (nys, ys);
        (rows, nrows) = (nrows, rows);
        Count = count;
        Cut = true;
        return (beyond, inside);
    }

    /// <summary>Where the line crosses the edge from vertex j to j + 1 (their signed distances in
    /// <paramref name="dist"/>), as <see cref="Clip"/> computes it.</summary>
    private (double X, double Y) Crossing(int j, int k, double[] dist)
    {
        int nx = j + 1 == k ? 0 : j + 1;
        double t = dist[j] / (dist[j] - dist[nx]);
        return (xs[j] + t * (xs[nx] - xs[j]), ys[j] + t * (ys[nx] - ys[j]));
    }

    /// <summary>Writes into <paramref name="part"/>'s scratch (this polygon's own when it is this) the vertices from
    /// <paramref name="from"/> to <paramref name="to"/> cyclically, then the crossing leaving the run (its edge on
    /// <paramref name="row"/>) and the crossing entering it (its edge on <paramref name="enteredRow"/>); returns the
    /// count. The beyond part's vertices go straight to its own arrays.</summary>
    private int Run(ConvexPolygon part, int from, int to, int k, double outX, double outY, int row, double inX, double inY,
        int enteredRow)
    {
        bool self = ReferenceEquals(part, this);
        var (px, py, pr) = self ? (nxs, nys, nrows) : (part.xs, part.ys, part.rows);
        int n = 0;
        for (int j = from % k; ; j = j + 1 == k ? 0 : j + 1)
        {
            px[n] = xs[j]; py[n] = ys[j]; pr[n] = rows[j]; n++;
            if (j == to) break;
        }
        px[n] = outX; py[n] = outY; pr[n] = row; n++;
        px[n] = inX; py[n] = inY; pr[n] = enteredRow; n++;
        return n;
    }

    /// <summary>Whether every edge is longer than <paramref name="width"/>, with the edges' rows (in vertex order) in
    /// <paramref name="edgeRows"/> and their number in <paramref name="count"/>.</summary>
    public bool AllEdgesLongerThan(double width, Span<int> edgeRows, out int count)
    {
        count = Count;
        if (edgeRows.Length < Count) return false;
        double w2 = width * width;
        bool all = true;
        for (int j = 0; j < Count; j++)
        {
            int nx = j + 1 == Count ? 0 : j + 1;
            double dx = xs[nx] - xs[j], dy = ys[nx] - ys[j];
            all &= dx * dx + dy * dy > w2;
            edgeRows[j] = rows[j];
        }
        return all;
    }

    /// <summary>
    /// Intersects with {p : ax·x + ay·y &lt;= b} (unit normal). A half-plane that cuts off less than
    /// <paramref name="tolerance"/> changes nothing (the row is redundant or only touches); edges shorter than
    /// the tolerance are removed. Returns false when the polygon becomes empty or degenerate.
    /// </summary>
    public bool Clip(double ax, double ay, double b, int row, double tolerance)
    {
        int k = Count;
        double maxS = double.NegativeInfinity, minS = double.PositiveInfinity;
        for (int j = 0; j < k; j++)
        {
            double s = ax * xs[j] + ay * ys[j] - b;
            // The processor's own max and min: the IEEE ones take three dependent instructions each.
            maxS = double.MaxNative(maxS, s);
            minS = double.MinNative(minS, s);
        }
        Cut = maxS > tolerance;
        if (!Cut) return true;
        if (minS >= -tolerance) { Count = 0; return false; }

        EnsureScratch(k + 2);
        int outCount = 0;
        double sCur = ax * xs[0] + ay * ys[0] - b;
        for (int j = 0; j < k; j++)
        {
            int nx = j + 1 == k ? 0 : j + 1;
            double sNext = ax * xs[nx] + ay * ys[nx] - b;
            bool curIn = sCur <= 0, nextIn = sNext <= 0;
            if (curIn) Emit(ref outCount, xs[j], ys[j], rows[j]);
            if (curIn != nextIn)
            {
                double t = sCur / (sCur - sNext);
                double px = xs[j] + t * (xs[nx] - xs[j]), py = ys[j] + t * (ys[nx] - ys[j]);
                // Leaving: the edge from the crossing runs along the new line; entering: along the old edge.
                Emit(ref outCount, px, py, curIn ? row : rows[j]);
            }
            sCur = sNext;
        }
        (xs, nxs) = (nxs, xs);
        (ys, nys) = (nys, ys);
        (rows, nrows) = (nrows, rows);
        Count = outCount;
        RemoveShortEdges(tolerance);
        return Count >= 3;
    }

    /// <summary>The largest distance from (cx, cy) to a vertex: the polygon lies in that disc.</summary>
    public double RadiusAbout(double cx, double cy)
    {
        double best = 0;
        for (int j = 0; j < Count; j++)
        {
            double dx = xs[j] - cx, dy = ys[j] - cy;
            best = double.MaxNative(best, dx * dx + dy * dy);
        }
        return Math.Sqrt(best);
    }

    /// <summary>Area by the shoelace formula.</summary>
    public double Area()
    {
        double s = 0;
        for (int j = 0; j < Count; j++)
        {
            int nx = j + 1 == Count ? 0 : j + 1;
            s += xs[j] * ys[nx] - xs[nx] * ys[j];
        }
        return 0.5 * s;
    }

    /// <summary>The vertices in order, two numbers each (x, y) in one array: one array rather than one per vertex,
    /// as a region's record keeps them (<c>Region.Vertices</c>).</summary>
    public double[] Vertices()
    {
        var v = new double[2 * Count];
        for (int j = 0; j < Count; j++) (v[2 * j], v[2 * j + 1]) = (xs[j], ys[j]);
        return v;
    }

    private void Emit(ref int n, double x, double y, int row)
    {
        nxs[n] = x; nys[n] = y; nrows[n] = row; n++;
    }

    /// <summary>Drops vertex j when the edge j→j+1 is shorter than the tolerance; the edge arriving at j then
    /// arrives at j+1 instead, which is the same point up to the tolerance.</summary>
    private void RemoveShortEdges(double tolerance)
    {
        double tol2 = tolerance * tolerance;
        bool removed = true;
        while (removed && Count >= 3)
        {
            removed = false;
            for (int j = 0; j < Count; j++)
            {
                int nx = j + 1 == Count ? 0 : j + 1;
                double dx = xs[nx] - xs[j], dy = ys[nx] - ys[j];
                if (dx * dx + dy * dy > tol2) continue;
                for (int t = j; t < Count - 1; t++) { xs[t] = xs[t + 1]; ys[t] = ys[t + 1]; rows[t] = rows[t + 1]; }
                Count--;
                removed = true;
                break;
            }
        }
    }

    private void EnsureScratch(int size)
    {
        if (nxs.Length >= size && xs.Length >= size) return;
        int cap = Math.Max(size, 2 * xs.Length);
        Array.Resize(ref xs, cap); Array.Resize(ref ys, cap); Array.Resize(ref rows, cap);
        nxs = new double[cap]; nys = new double[cap]; nrows = new int[cap];
    }
}
