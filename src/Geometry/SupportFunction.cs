using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>
/// The support function of a polytope {x : A x &lt;= b}: max c·x over it, by the vertex simplex
/// (<see cref="VertexSimplex"/>) from a point inside (no phase 1). For asking of one polytope how far it reaches in
/// a few directions, for instance whether a hyperplane cuts it. Not thread-safe (buffers are reused).
/// </summary>
public sealed class SupportFunction(Tolerances? tolerances = null)
{
    private readonly VertexSimplex simplex = new(tolerances ?? Tolerances.Default);
    private double[] x = [];
    private int length;

    /// <summary>max c·x over {A x &lt;= b} (<paramref name="c"/>.Length variables), from the feasible point
    /// <paramref name="start"/>; +∞ when the LP is unbounded or does not end at an optimum, so that a caller
    /// deciding "the polytope stays below this level" errs on the safe side.</summary>
    public double Max(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> start)
    {
        int n = c.Length;
        if (x.Length < n) x = new double[n];
        length = n;
        var point = x.AsSpan(0, n);
        simplex.Reset(n, b.Length);
        for (int i = 0; i < b.Length; i++) simplex.AddRow(a.Slice(i * n, n), b[i]);
        // The start is inside; rounding of its slacks is read by the ratio tests as slack 0.
        simplex.Start(start, [], c, double.PositiveInfinity, double.PositiveInfinity);
        // An optimum that drifted off its rows (nearly dependent rows) could be too low, so it counts as none, as
        // FacetFinder counts the same simplex's.
        LastPointFound = simplex.Maximize() == LpStatus.Optimal
            && !simplex.DriftedOffRows(1 + VectorMath.MaxAbs(simplex.Offsets));
        simplex.Point.CopyTo(point);
        return LastPointFound ? VectorMath.Dot(c, point) : double.PositiveInfinity;
    }

    /// <summary>Whether the last <see cref="Max"/> ended at an optimum; <see cref="LastPoint"/> is then where (a
    /// point of the polytope, up to the simplex's tolerance).</summary>
    public bool LastPointFound { get; private set; }

    public ReadOnlySpan<double> LastPoint => x.AsSpan(0, length);
}
