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

    public double[][] Vertices()
    {
        var v = new double[Count][];
        for (int j = 0; j < Count; j++) v[j] = [xs[j], ys[j]];
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
