using Polytopes.Geometry;
using Polytopes.Geometry.Exact;
using Polytopes.Geometry.Lp;

namespace Polytopes.Enumeration.Certification;

/// <summary>
/// A certified enclosure <see cref="Lower"/> ≤ r* ≤ <see cref="Upper"/> of a region's inscribed (Chebyshev) radius
/// r*, both rounded outwards to doubles; both +∞ when the region holds arbitrarily large balls. The exact radius
/// is max r s.t. a_i·x + ‖a_i‖ r ≤ b_i, which involves square roots and is irrational in general, so it is
/// enclosed rather than computed. <see cref="Lower"/> and <see cref="Upper"/> come from certificates checked in
/// rational arithmetic (see <see cref="ChebyshevInterval"/>).
/// </summary>
public sealed record RadiusInterval(double Lower, double Upper)
{
    public bool IsInfinite => double.IsPositiveInfinity(Lower);
    public double Midpoint => IsInfinite ? double.PositiveInfinity : Lower + 0.5 * (Upper - Lower);
    public double Width => Upper - Lower;

    /// <summary>Whether <paramref name="r"/> lies in the interval widened by <paramref name="slack"/> on each side.</summary>
    public bool Contains(double r, double slack = 0) =>
        IsInfinite ? double.IsPositiveInfinity(r) : r >= Lower - slack && r <= Upper + slack;
}

/// <summary>
/// Encloses the Chebyshev radius of an exact polyhedron given by its proved facets. With rational bounds
/// lo_i ≤ ‖a_i‖ ≤ up_i (a double square root of the exact ‖a_i‖², stepped outwards until the exact squares
/// confirm it):
/// <list type="bullet">
/// <item><b>Lower</b>: any rational x gives the feasible pair (x, min_i (b_i − a_i·x)/up_i), since
/// a_i·x + ‖a_i‖ r ≤ a_i·x + up_i r ≤ b_i for r ≥ 0. x is the better of the floating-point Chebyshev centre
/// (converted exactly) and the exact solution of a_i·x + mid_i r = b_i on the floating-point active set.</item>
/// <item><b>Upper</b>: weak duality. Any y ≥ 0 on the facet rows with Σ y_i a_i = 0 exactly gives, for every
/// feasible (x, r ≥ 0), r Σ y_i ‖a_i‖ ≤ Σ y_i b_i, so r* ≤ Σ y_i b_i / Σ y_i lo_i. y is solved exactly on the
/// rows of smallest floating-point slack (2 to d + 1 of them, Σ y_i = 1); if none of these is non-negative, the
/// rational relaxation max r s.t. a_i·x + lo_i r ≤ b_i is solved by the exact simplex, whose optimum bounds r*.</item>
/// <item><b>Infinite</b> (only for all of R^d): the exact LP max s s.t. a_i·y + s ≤ 0, −1 ≤ y ≤ 1, s ≤ 1; s &gt; 0
/// gives a direction strictly inside every halfspace's recession cone, so x + t y carries balls of radius
/// t s / max_i ‖a_i‖ → ∞.</item>
/// </list>
/// The width is about the rounding of the norm bounds (1e-15 relative) unless the floating-point active set is
/// wrong. Facet rows suffice: the other rows are implied, so they do not change the set nor its balls.
/// </summary>
public static class ChebyshevInterval
{
    /// <summary>Relative width below which the interval from the float centre is kept (no exact refinement). Not
    /// a tolerance of any decision: both ends are proved either way; it only trades width for time.</summary>
    private static readonly Rational RefineBelow = Rational.FromDouble(Math.ScaleB(1, -40));

    /// <param name="p">The exact polyhedron.</param>
    /// <param name="facetRows">One representative row per facet (every facet of the region).</param>
    /// <param name="interior">A point strictly inside (a start for the floating-point LP).</param>
    /// <param name="wholeSpace">The polyhedron may be unbounded (regions of all of R^d).</param>
    /// <returns>The enclosure, or null when a row norm is outside the range of doubles (no bound attempted).</returns>
    public static RadiusInterval? Of(ExactPolytope p, IReadOnlyList<int> facetRows, ReadOnlySpan<Rational> interior,
        bool wholeSpace, Tolerances? tolerances = null)
    {
        int d = p.Dimension, k = facetRows.Count;
        if (k == 0) return wholeSpace ? new RadiusInterval(double.PositiveInfinity, double.PositiveInfinity) : null;
        var lo = new Rational[k];
        var up = new Rational[k];
        var mid = new double[k];
        for (int i = 0; i < k; i++)
        {
            var row = p.Row(facetRows[i]);
            var squared = Rational.Dot(row, row);
            if (!NormBounds(squared, out lo[i], out up[i], out mid[i])) return null;
        }
        if (wholeSpace && HasInfiniteRadius(p, facetRows)) return new RadiusInterval(double.PositiveInfinity, double.PositiveInfinity);

        // Floating-point Chebyshev centre of the unit rows, started from the interior point.
        var a = new double[k * d];
        var b = new double[k];
        for (int i = 0; i < k; i++) p.ApproximateUnitRow(facetRows[i], a.AsSpan(i * d, d), out b[i]);
        var start = new double[d];
        for (int t = 0; t < d; t++) start[t] = interior[t].ToDouble();
        var centre = new double[d];
        var solver = new ChebyshevSolver(tolerances);
        var status = solver.Solve(a, b, d, start, centre, out double floatRadius);
        if (status != LpStatus.Optimal || !double.IsFinite(floatRadius)) centre = start;

        // Rows in order of floating-point slack at the centre: the first d + 1 are the active set.
        var slack = new double[k];
        for (int i = 0; i < k; i++) slack[i] = b[i] - VectorMath.Dot(a.AsSpan(i * d, d), centre);
        var order = Enumerable.Range(0, k).OrderBy(i => slack[i]).ThenBy(i => i).ToArray();

        // The generic support has d + 1 rows; smaller supports only for degenerate optima (e.g. a long rectangle).
        var upper = k >= d + 1 ? DualBound(p, facetRows, order.AsSpan(0, d + 1), lo) : null;
        for (int size = 2; size <= Math.Min(d, k) && upper == null; size++)
            upper = DualBound(p, facetRows, order.AsSpan(0, size), lo);
        upper ??= RelaxedOptimum(p, facetRows, lo);
        if (upper == null) return null;

        // The float centre (dyadic, so its slacks are cheap) is usually within rounding of the optimum; where it
        // leaves the interval wider than RefineBelow (tiny regions far from the origin), the exact active-set
        // centre, whose big denominators make it costlier, does better.
        var lower = LowerAt(p, facetRows, up, Rational.FromDoubles(centre));
        if (upper.Value - lower > RefineBelow * upper.Value && k >= d + 1
            && ActiveSetCentre(p, facetRows, order, mid) is { } refined && LowerAt(p, facetRows, up, refined) is var better
            && better > lower)
            lower = better;
        if (lower.IsNegative) lower = Rational.Zero;
        return new RadiusInterval(RoundDown(lower), RoundUp(upper.Value));
    }

    /// <summary>min_i (b_i − a_i·x)/up_i: the radius of a ball about x proved inside every facet row. The
    /// quotients are compared in doubles first (each within a few units of roundoff of its exact value) and only
    /// those near the smallest are divided exactly.</summary>
    private static Rational LowerAt(ExactPolytope p, IReadOnlyList<int> rows, Rational[] up, ReadOnlySpan<Rational> x)
    {
        int k = rows.Count;
        var slack = new Rational[k];
        var approx = new double[k];
        double least = double.PositiveInfinity;
        for (int i = 0; i < k; i++)
        {
            slack[i] = p.Slack(rows[i], x);
            approx[i] = slack[i].ToDouble() / up[i].ToDouble();
            least = Math.Min(least, approx[i]);
        }
        Rational? best = null;
        for (int i = 0; i < k; i++)
        {
            if (approx[i] > least + NumericGuards.CertifyQuotientTieRelative * Math.Abs(least)
                + NumericGuards.CertifyQuotientTieAbsolute) continue; // far above the minimum
            var r = slack[i] / up[i];
            if (best == null || r < best.Value) best = r;
        }
        return best!.Value;
    }

    /// <summary>The exact (x, r) with a_i·x + mid_i r = b_i on the d + 1 rows of smallest slack (null if singular).</summary>
    private static Rational[]? ActiveSetCentre(ExactPolytope p, IReadOnlyList<int> rows, int[] order, double[] mid)
    {
        int d = p.Dimension, w = d + 1;
        var m = new Rational[w * w];
        var rhs = new Rational[w];
        for (int s = 0; s < w; s++)
        {
            int i = order[s];
            var row = p.Row(rows[i]);
            for (int t = 0; t < d; t++) m[s * w + t] = row[t];
            m[s * w + d] = Rational.FromDouble(mid[i]);
            rhs[s] = p.Rhs(rows[i]);
        }
        var solution = ExactLinearSystem.Solve(m, w, w, rhs); // any solution will do: it only proposes x
        return solution?[..d];
    }

    /// <summary>y ≥ 0 on the given rows with Σ y_i a_i = 0 and Σ y_i = 1, exactly; then Σ y b / Σ y lo.</summary>
    private static Rational? DualBound(ExactPolytope p, IReadOnlyList<int> rows, ReadOnlySpan<int> support, Rational[] lo)
    {
        int d = p.Dimension, s = support.Length, eqs = d + 1;
        var m = new Rational[eqs * s];
        var rhs = new Rational[eqs];
        for (int j = 0; j < s; j++)
        {
            var row = p.Row(rows[support[j]]);
            for (int t = 0; t < d; t++) m[t * s + j] = row[t];
            m[d * s + j] = Rational.One;
        }
        rhs[d] = Rational.One;
        if (s == eqs) return SquareDualBound(p, rows, support, lo, m, rhs);
        var y = ExactLinearSystem.Solve(m, eqs, s, rhs);
        if (y == null) return null;
        Rational num = Rational.Zero, den = Rational.Zero;
        for (int j = 0; j < s; j++)
        {
            if (y[j].IsNegative) return null;
            num += y[j] * p.Rhs(rows[support[j]]);
            den += y[j] * lo[support[j]];
        }
        return den.IsPositive ? num / den : null;
    }

    /// <summary><see cref="DualBound"/> on d + 1 rows (the generic case) in integers: y_j = N_j / D by Cramer's rule, so
    /// y ≥ 0 is sign(N_j) = sign(D) and the bound Σ N_j b_j / Σ N_j lo_j (D cancels), one division in all.</summary>
    private static Rational? SquareDualBound(ExactPolytope p, IReadOnlyList<int> rows, ReadOnlySpan<int> support,
        Rational[] lo, Rational[] m, Rational[] rhs)
    {
        if (!ExactLinearSystem.SolveByCramer(m, support.Length, rhs, out var numerators, out var determinant)) return null;
        Rational num = Rational.Zero, den = Rational.Zero;
        for (int j = 0; j < support.Length; j++)
        {
            if (numerators[j].IsZero) continue;
            if (numerators[j].Sign != determinant.Sign) return null;
            var y = (Rational)(determinant.Sign * numerators[j]); // |D|·y_j
            num += y * p.Rhs(rows[support[j]]);
            den += y * lo[support[j]];
        }
        return den.IsPositive ? num / den : null;
    }

    /// <summary>The exact optimum of max r s.t. a_i·x + lo_i r ≤ b_i (a relaxation of the Chebyshev LP).</summary>
    private static Rational? RelaxedOptimum(ExactPolytope p, IReadOnlyList<int> rows, Rational[] lo)
    {
        int d = p.Dimension, w = d + 1, k = rows.Count;
        var a = new Rational[k * w];
        var b = new Rational[k];
        for (int i = 0; i < k; i++)
        {
            p.Row(rows[i]).CopyTo(a.AsSpan(i * w, d));
            a[i * w + d] = lo[i];
            b[i] = p.Rhs(rows[i]);
        }
        var c = new Rational[w];
        c[d] = Rational.One;
        var result = ExactSimplex.Maximize(w, a, b, c);
        return result.Status == LpStatus.Optimal ? result.Objective : null;
    }

    /// <summary>Whether some y satisfies a_i·y &lt; 0 for every facet row (exact LP; see the class comment).</summary>
    public static bool HasInfiniteRadius(ExactPolytope p, IReadOnlyList<int> rows)
    {
        int d = p.Dimension, w = d + 1, k = rows.Count, m = k + 2 * d + 1;
        var a = new Rational[m * w];
        var b = new Rational[m];
        for (int i = 0; i < k; i++)
        {
            p.Row(rows[i]).CopyTo(a.AsSpan(i * w, d));
            a[i * w + d] = Rational.One;
        }
        for (int t = 0; t < d; t++)
        {
            a[(k + 2 * t) * w + t] = Rational.One;
            b[k + 2 * t] = Rational.One;
            a[(k + 2 * t + 1) * w + t] = Rational.MinusOne;
            b[k + 2 * t + 1] = Rational.One;
        }
        a[(m - 1) * w + d] = Rational.One;
        b[m - 1] = Rational.One;
        var c = new Rational[w];
        c[d] = Rational.One;
        var result = ExactSimplex.Maximize(w, a, b, c);
        return result.Status == LpStatus.Optimal && result.Objective.IsPositive;
    }

    /// <summary>Rational lo ≤ √s ≤ up from the double square root, stepped outwards until the exact squares
    /// confirm; mid the double itself. False when s is outside the range where a double represents it well.</summary>
    private static bool NormBounds(Rational squared, out Rational lo, out Rational up, out double mid)
    {
        mid = Math.Sqrt(squared.ToDouble());
        lo = up = Rational.Zero;
        if (!(mid > 1e-150 && mid < 1e150)) return false;
        double l = Math.BitDecrement(mid), u = Math.BitIncrement(mid);
        for (int step = 0; step < 64; step++, l = Math.BitDecrement(l))
        {
            lo = Rational.FromDouble(l);
            if (lo * lo <= squared) break;
        }
        for (int step = 0; step < 64; step++, u = Math.BitIncrement(u))
        {
            up = Rational.FromDouble(u);
            if (up * up >= squared) break;
        }
        return lo * lo <= squared && up * up >= squared;
    }

    /// <summary>The largest double ≤ v.</summary>
    public static double RoundDown(Rational v)
    {
        double x = v.ToDouble();
        while (Rational.FromDouble(x) > v) x = Math.BitDecrement(x);
        return x;
    }

    /// <summary>The smallest double ≥ v.</summary>
    public static double RoundUp(Rational v)
    {
        double x = v.ToDouble();
        while (Rational.FromDouble(x) < v) x = Math.BitIncrement(x);
        return x;
    }
}
