namespace Polytopes.Geometry.Lp;

/// <summary>
/// Refines an LP's optimum from the rows tight there. The simplex reaches it by steps that each land on a
/// blocking row; a row met at a small angle amplifies the rounding of the landing by the inverse of that angle, so
/// a thin region's Chebyshev radius came out with a relative error growing like 1e-16/angle² (5e-4 for a wedge of
/// 1e-6 radians). Here the point is corrected, twice, by the smallest move that makes the held rows hold
/// exactly: with M the k ≤ w held rows, M = L·Q (Q orthonormal rows by Gram–Schmidt, applied twice; L lower
/// triangular), the move is Qᵀ·L⁻¹·r for the residual r = b − M·x accumulated in compensated (double-double)
/// arithmetic; at a vertex whose basis inverse D the LP already holds (the vertex simplex), the move is D·r
/// instead, with no factorisation. A vertex (k = w) is then met to about the unit roundoff times its size, whatever
/// the angles; an optimum on a face (k &lt; w: a Chebyshev centre that can slide) keeps its place along the face,
/// and its radius — the objective, fixed by the held rows — is exact alike. Not thread-safe: buffers are reused.
/// </summary>
internal sealed class VertexPolish
{
    private double[] q = [];        // k orthonormal rows of length w
    private double[] l = [];        // k × k lower triangular: M = L·Q
    private double[] residual = [];
    private double[] refined = [];

    /// <summary>
    /// Replaces <paramref name="x"/> (w = x.Length values) by the refined point on the <paramref name="tight"/> rows
    /// of the row-major <paramref name="a"/> (at most w, independent), when the refinement moves no coordinate by
    /// more than <see cref="NumericGuards.VertexPolishMove"/> × (1 + max|x|) and the refined point violates no row
    /// of <paramref name="a"/> by more than <see cref="NumericGuards.VertexPolishViolation"/> × the row's magnitudes
    /// (|b_i| + Σ|a_it·x_t|). Otherwise x is left as it is. Returns whether it was refined.
    /// </summary>
    public bool Refine(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<int> tight, Span<double> x) =>
        Refine(a, b, tight, x, []);

    /// <summary>As <see cref="Refine(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{int}, Span{double})"/>
    /// at a vertex (w tight rows) whose basis inverse the LP already holds: <paramref name="inverse"/> has w columns
    /// of length w, column i (at [i·w, (i+1)·w)) the edge that moves tight row i alone (a_{tight j}·D_i = δ_ij).
    /// The correction is then D·r, with no factorisation; empty, or fewer than w rows, factors the rows.</summary>
    public bool Refine(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<int> tight, Span<double> x,
        ReadOnlySpan<double> inverse)
    {
        int w = x.Length, m = b.Length, k = tight.Length;
        if (k == 0 || k > w) return false;
        Ensure(k, w);
        bool fromInverse = k == w && inverse.Length >= w * w;
        if (!fromInverse && !Factor(a, tight, k, w)) return false;
        var z = refined.AsSpan(0, w);
        x.CopyTo(z);
        // Two corrections: one left 4-D radii off by a few 1e-12 (it is itself computed in double through an
        // ill-conditioned factorisation); the second removes that (checked against exact radii). A first correction
        // at the level of rounding — of the point's size, and of the last coordinate itself, which is the Chebyshev
        // LP's radius and may be far smaller than the point — means the LP's point was already right: then it
        // is kept as it is.
        double size = VectorMath.MaxAbs(x);
        double last = x[w - 1];
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < k; i++) residual[i] = CompensatedResidual(a.Slice(tight[i] * w, w), z, b[tight[i]]);
            var directions = inverse;
            if (!fromInverse)
            {
                for (int i = 0; i < k; i++) // L y = r, forward; the move is then Qᵀ y
                {
                    double v = residual[i];
                    for (int j = 0; j < i; j++) v -= l[i * k + j] * residual[j];
                    residual[i] = v / l[i * k + i];
                }
                directions = q;
            }
            double move = 0;
            for (int i = 0; i < k; i++)
                for (int t = 0; t < w; t++)
                {
                    double step = residual[i] * directions[i * w + t];
                    z[t] += step;
                    move = Math.Max(move, Math.Abs(step));
                }
            if (pass == 0 && move <= NumericGuards.DoubleRoundoff * 4 * size
                && Math.Abs(z[w - 1] - last) <= NumericGuards.DoubleRoundoff * 4 * Math.Abs(last)) return false;
        }
        double maxMove = NumericGuards.VertexPolishMove * (1 + size);
        for (int t = 0; t < w; t++)
            if (!double.IsFinite(z[t]) || !(Math.Abs(z[t] - x[t]) <= maxMove)) return false;
        for (int i = 0; i < m; i++)
        {
            var row = a.Slice(i * w, w);
            double value = 0, magnitude = Math.Abs(b[i]);
            for (int t = 0; t < w; t++) { value += row[t] * z[t]; magnitude += Math.Abs(row[t] * z[t]); }
            if (!(value - b[i] <= NumericGuards.VertexPolishViolation * magnitude)) return false;
        }
        z.CopyTo(x);
        return true;
    }

    /// <summary>b − a·z with the products and sums carried exactly (FMA error terms, each addition's rounding error
    /// by Knuth's branch-free two-sum, the same exact error as Neumaier's ordered one), rounded once at the
    /// end.</summary>
    private static double CompensatedResidual(ReadOnlySpan<double> a, ReadOnlySpan<double> z, double b)
    {
        double sum = b, compensation = 0;
        z = z[..a.Length];
        for (int t = 0; t < a.Length; t++)
        {
            double product = -a[t] * z[t];
            double productError = Math.FusedMultiplyAdd(-a[t], z[t], -product);
            double next = sum + product;
            double sumPart = next - product;
            compensation += (sum - sumPart) + (product - (next - sumPart));
            compensation += productError;
            sum = next;
        }
        return sum + compensation;
    }

    /// <summary>M = L·Q by modified Gram–Schmidt with a second orthogonalisation pass (rows of tiny angles lose
    /// orthogonality in one); false when a row is dependent on the earlier ones.</summary>
    private bool Factor(ReadOnlySpan<double> a, ReadOnlySpan<int> tight, int k, int w)
    {
        Array.Clear(l, 0, k * k);
        for (int i = 0; i < k; i++)
        {
            var row = q.AsSpan(i * w, w);
            a.Slice(tight[i] * w, w).CopyTo(row);
            double original = VectorMath.Norm(row);
            for (int sweep = 0; sweep < 2; sweep++)
                for (int j = 0; j < i; j++)
                {
                    var basis = q.AsSpan(j * w, w);
                    double c = VectorMath.Dot(row, basis);
                    for (int t = 0; t < w; t++) row[t] -= c * basis[t];
                    l[i * k + j] += c;
                }
            double norm = VectorMath.Norm(row);
            if (!(norm > NumericGuards.LpWorkingSetDependence * original)) return false;
            for (int t = 0; t < w; t++) row[t] /= norm;
            l[i * k + i] = norm;
        }
        return true;
    }

    private void Ensure(int k, int w)
    {
        if (q.Length < k * w) q = new double[k * w];
        if (l.Length < k * k) l = new double[k * k];
        if (residual.Length < k) residual = new double[k];
        if (refined.Length < w) refined = new double[w];
    }
}
