using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>
/// Whether a non-empty polyhedron {x : A x &lt;= b} is bounded: exactly when its recession cone {y : A y &lt;= 0}
/// is {0}. For each coordinate direction ±e_j the LP <c>max ±y_j s.t. A y &lt;= 0, ±y_j &lt;= 1</c> (started at
/// y = 0, always feasible and bounded) has optimum 0 for every j and sign iff the cone is {0}: a non-zero
/// recession direction has a non-zero coordinate of some sign. 2d LPs over the given rows (pass the facet rows).
/// Not thread-safe.
/// </summary>
public sealed class RecessionCone(Tolerances? tolerances = null)
{
    private readonly Tolerances tol = tolerances ?? Tolerances.Default;
    private readonly ActiveSetKernel kernel = new(tolerances ?? Tolerances.Default);

    /// <summary>True if the polyhedron with these rows (unit normals) is bounded; otherwise
    /// <paramref name="direction"/> receives a recession direction.</summary>
    public bool IsBounded(ReadOnlySpan<double> a, int m, int n, Span<double> direction)
    {
        var lpA = new double[(m + 1) * n];
        a[..(m * n)].CopyTo(lpA);
        var lpB = new double[m + 1];
        var c = new double[n];
        var y = new double[n];
        for (int j = 0; j < n; j++)
        {
            foreach (double sign in (ReadOnlySpan<double>)[1.0, -1.0])
            {
                lpA.AsSpan(m * n, n).Clear();
                lpA[m * n + j] = sign;
                lpB[m] = 1;
                c.AsSpan().Clear();
                c[j] = sign;
                y.AsSpan().Clear();
                var status = kernel.Maximize(lpA, lpB, c, y);
                if (status == LpStatus.Unbounded || sign * y[j] > 1e3 * tol.Feasibility)
                {
                    y.CopyTo(direction);
                    return false;
                }
            }
        }
        return true;
    }
}
