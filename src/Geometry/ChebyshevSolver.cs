using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>The largest Euclidean ball in a polyhedron. Radius is +∞ for a polyhedron containing arbitrarily
/// large balls and negative (or −∞) for an empty one.</summary>
public readonly record struct ChebyshevBall(LpStatus Status, double[] Centre, double Radius);

/// <summary>
/// Chebyshev centre of {x : A x &lt;= b} by the LP
/// <c>max r  s.t.  A_i·x + ‖A_i‖₂·r &lt;= b_i  for all i,  x and r free</c>.
/// Because r is free, any x with r = min_i (b_i − A_i·x)/‖A_i‖ is feasible, so there is no phase 1 and a nearby
/// point (a neighbour region's centre) is a warm start. The optimum is the inscribed radius when positive and
/// negative when the polytope has no interior. Not thread-safe; buffers are reused.
/// </summary>
public sealed class ChebyshevSolver(Tolerances? tolerances = null)
{
    private readonly ActiveSetKernel kernel = new(tolerances ?? Tolerances.Default);
    private readonly VertexPolish polish = new();
    private int[] tight = [];
    private double[] ext = [];
    private double[] rhs = [];
    private double[] objective = [];
    private double[] point = [];

    public int LastIterations => kernel.Iterations;

    public ChebyshevBall Compute(HPolytope p, ReadOnlySpan<double> start = default)
    {
        var centre = new double[p.Dimension];
        if (start.IsEmpty) start = new double[p.Dimension];
        var status = Solve(p.RowMajorA, p.B, p.Dimension, start, centre, out double radius);
        return new ChebyshevBall(status, centre, radius);
    }

    /// <summary>Span form for hot loops. Rows with a zero normal are constant constraints 0 &lt;= b_i: satisfied,
    /// or (b_i &lt; 0) making the set empty.</summary>
    public LpStatus Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dimension, ReadOnlySpan<double> start,
        Span<double> centre, out double radius) =>
        Solve(a, b, dimension, start, centre, double.PositiveInfinity, out radius);

    /// <summary>As above with the extra row r &lt;= <paramref name="radiusCap"/>: for a polyhedron containing
    /// arbitrarily large balls this still gives a deep interior point (radius = the cap).</summary>
    public LpStatus Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dimension, ReadOnlySpan<double> start,
        Span<double> centre, double radiusCap, out double radius)
    {
        int n = dimension, w = n + 1;
        bool capped = double.IsFinite(radiusCap);
        int m = b.Length + (capped ? 1 : 0);
        Ensure(m, w);
        double r0 = double.PositiveInfinity;
        if (capped)
        {
            ext.AsSpan((m - 1) * w, w).Clear();
            ext[(m - 1) * w + n] = 1;
            rhs[m - 1] = radiusCap;
        }
        for (int i = 0; i < b.Length; i++)
        {
            var row = a.Slice(i * n, n);
            double norm = VectorMath.Norm(row);
            if (norm == 0 && b[i] < 0) { radius = double.NegativeInfinity; start.CopyTo(centre); return LpStatus.Infeasible; }
            row.CopyTo(ext.AsSpan(i * w, n));
            ext[i * w + n] = norm;
            rhs[i] = b[i];
            if (norm > 0) r0 = Math.Min(r0, (b[i] - VectorMath.Dot(row, start)) / norm);
        }
        var x = point.AsSpan(0, w);
        start.CopyTo(x);
        x[n] = double.IsPositiveInfinity(r0) ? 0 : capped ? Math.Min(r0, radiusCap) : r0;
        var c = objective.AsSpan(0, w);
        c.Clear();
        c[n] = 1;
        var status = kernel.Maximize(ext.AsSpan(0, m * w), rhs.AsSpan(0, m), c, x);
        if (status == LpStatus.Optimal)
        {
            // The kernel's vertex carries rounding amplified by the angles its rows met at; refine it from its rows.
            if (tight.Length < w) tight = new int[w];
            int held = kernel.CopyWorkingRows(tight);
            polish.Refine(ext.AsSpan(0, m * w), rhs.AsSpan(0, m), tight.AsSpan(0, held), x);
        }
        x[..n].CopyTo(centre);
        radius = status == LpStatus.Unbounded ? double.PositiveInfinity : x[n];
        return status;
    }

    private void Ensure(int m, int w)
    {
        if (ext.Length < m * w) { ext = new double[Math.Max(m * w, 2 * ext.Length)]; }
        if (rhs.Length < m) rhs = new double[Math.Max(m, 2 * rhs.Length)];
        if (objective.Length < w) { objective = new double[w]; point = new double[w]; }
    }
}
