using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>
/// The support function of a polytope {x : A x &lt;= b}: max c·x over it, by the active-set kernel from a point
/// inside (no phase 1). For asking of one polytope how far it reaches in a few directions, for instance whether a
/// hyperplane cuts it. Not thread-safe (buffers are reused).
/// </summary>
public sealed class SupportFunction(Tolerances? tolerances = null)
{
    private readonly ActiveSetKernel kernel = new(tolerances ?? Tolerances.Default);
    private double[] x = [];

    /// <summary>max c·x over {A x &lt;= b} (<paramref name="c"/>.Length variables), from the feasible point
    /// <paramref name="start"/>; +∞ when the LP is unbounded or does not end at an optimum, so that a caller
    /// deciding "the polytope stays below this level" errs on the safe side.</summary>
    public double Max(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> start)
    {
        int n = c.Length;
        if (x.Length < n) x = new double[n];
        var point = x.AsSpan(0, n);
        start.CopyTo(point);
        return kernel.Maximize(a, b, c, point) == LpStatus.Optimal ? VectorMath.Dot(c, point) : double.PositiveInfinity;
    }
}
