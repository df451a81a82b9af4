using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Exact;

/// <summary>The answer of an exact LP. When Optimal, <see cref="Point"/> is feasible and the duals prove its
/// optimality: inequality duals y ≥ 0 and equality duals z with Aᵀy + Eᵀz = c and b·y + f·z = c·x.</summary>
public sealed record ExactLpResult(
    LpStatus Status,
    Rational[] Point,
    Rational Objective,
    Rational[] InequalityDuals,
    Rational[] EqualityDuals,
    int Pivots);

/// <summary>
/// Exact LP solver for <c>max c·x  s.t.  A x &lt;= b,  E x = f,  x free</c>: a dense two-phase tableau simplex in
/// <see cref="Rational"/> arithmetic with Bland's rule (lowest entering index, ties in the ratio test to the lowest
/// basic index), which cannot cycle, so it always ends. Free variables are split x = x⁺ − x⁻, each inequality gets
/// a slack, and rows that a slack cannot start from (negative right-hand side, equalities) get an artificial
/// variable minimised in phase 1. Artificial columns are kept (never re-entering) so that the final objective row
/// holds every dual. The answer is checked against the untouched input before it is returned.
/// Slow compared with <see cref="ActiveSetSolver"/> (every pivot touches the whole tableau with big numbers): it is
/// the fallback for the few decisions that floating point could not confirm.
/// </summary>
public static class ExactSimplex
{
    /// <summary>Solves the LP. <paramref name="a"/> is b.Length × n and <paramref name="e"/> f.Length × n, row-major.</summary>
    public static ExactLpResult Maximize(int n, Rational[] a, Rational[] b, Rational[] c, Rational[]? e = null, Rational[]? f = null)
    {
        e ??= [];
        f ??= [];
        int m1 = b.Length, m2 = f.Length, m = m1 + m2;
        if (a.Length != m1 * n || e.Length != m2 * n || c.Length != n)
            throw new ArgumentException("LP dimensions do not match");

        var sigma = new int[m];
        var artificialOf = new int[m];
        int columns = 2 * n + m1;
        for (int r = 0; r < m; r++)
        {
            var rhs = r < m1 ? b[r] : f[r - m1];
            sigma[r] = rhs.IsNegative ? -1 : 1;
            artificialOf[r] = r >= m1 || sigma[r] < 0 ? columns++ : -1;
        }
        int firstArtificial = 2 * n + m1, w = columns + 1;
        var t = new Rational[(m + 1) * w]; // m constraint rows, then the objective row (z_j − c_j)
        var basis = new int[m];
        for (int r = 0; r < m; r++)
        {
            var row = r < m1 ? a.AsSpan(r * n, n) : e.AsSpan((r - m1) * n, n);
            var s = sigma[r] < 0 ? Rational.MinusOne : Rational.One;
            for (int j = 0; j < n; j++)
            {
                var v = sigma[r] < 0 ? -row[j] : row[j];
                t[r * w + j] = v;
                t[r * w + n + j] = -v;
            }
            if (r < m1) t[r * w + 2 * n + r] = s;
            if (artificialOf[r] >= 0) t[r * w + artificialOf[r]] = Rational.One;
            var rhs = r < m1 ? b[r] : f[r - m1];
            t[r * w + columns] = sigma[r] < 0 ? -rhs : rhs;
            basis[r] = artificialOf[r] >= 0 ? artificialOf[r] : 2 * n + r;
        }

        var tableau = new Tableau(t, basis, m, w);
        int pivots = 0;
        if (firstArtificial < columns)
        {
            var phase1 = new Rational[columns];
            for (int j = firstArtificial; j < columns; j++) phase1[j] = Rational.MinusOne;
            tableau.SetObjective(phase1);
            tableau.Run(columns, ref pivots); // bounded above by 0: never unbounded
            if (tableau.Value.IsNegative)
                return new ExactLpResult(LpStatus.Infeasible, new Rational[n], Rational.Zero, [], [], pivots);
            // Drive artificials at level zero out of the basis; a row with no other non-zero entry is redundant.
            for (int r = 0; r < m; r++)
            {
                if (basis[r] < firstArtificial) continue;
                for (int j = 0; j < firstArtificial; j++)
                    if (!t[r * w + j].IsZero) { tableau.Pivot(r, j); pivots++; break; }
            }
        }

        var cost = new Rational[columns];
        for (int j = 0; j < n; j++) { cost[j] = c[j]; cost[n + j] = -c[j]; }
        tableau.SetObjective(cost);
        bool bounded = tableau.Run(firstArtificial, ref pivots);

        var x = new Rational[n];
        for (int r = 0; r < m; r++)
        {
            int j = basis[r];
            if (j < n) x[j] += t[r * w + columns];
            else if (j < 2 * n) x[j - n] -= t[r * w + columns];
        }
        var objective = Rational.Dot(c, x);
        if (!bounded) return new ExactLpResult(LpStatus.Unbounded, x, objective, [], [], pivots);

        var obj = m * w;
        var y = new Rational[m1];
        for (int i = 0; i < m1; i++) y[i] = t[obj + 2 * n + i];
        var z = new Rational[m2];
        for (int k = 0; k < m2; k++)
        {
            var v = t[obj + artificialOf[m1 + k]];
            z[k] = sigma[m1 + k] < 0 ? -v : v;
        }
        var result = new ExactLpResult(LpStatus.Optimal, x, objective, y, z, pivots);
        if (!Confirms(n, a, b, c, e, f, result))
            throw new InvalidOperationException("exact simplex: the optimum failed its own check");
        return result;
    }

    /// <summary>Primal feasibility, dual feasibility and equal objectives, from the input data alone.</summary>
    private static bool Confirms(int n, Rational[] a, Rational[] b, Rational[] c, Rational[] e, Rational[] f, ExactLpResult r)
    {
        var x = r.Point;
        for (int i = 0; i < b.Length; i++)
            if (Rational.Dot(a.AsSpan(i * n, n), x) > b[i] || r.InequalityDuals[i].IsNegative) return false;
        for (int k = 0; k < f.Length; k++)
            if (Rational.Dot(e.AsSpan(k * n, n), x) != f[k]) return false;
        var dualValue = Rational.Dot(b, r.InequalityDuals) + Rational.Dot(f, r.EqualityDuals);
        if (dualValue != r.Objective) return false;
        for (int j = 0; j < n; j++)
        {
            var s = Rational.Zero;
            for (int i = 0; i < b.Length; i++) if (!r.InequalityDuals[i].IsZero) s += r.InequalityDuals[i] * a[i * n + j];
            for (int k = 0; k < f.Length; k++) if (!r.EqualityDuals[k].IsZero) s += r.EqualityDuals[k] * e[k * n + j];
            if (s != c[j]) return false;
        }
        return true;
    }

    /// <summary>The tableau rows, the objective row below them (entries z_j − c_j, last entry the objective
    /// value), and the basis.</summary>
    private sealed class Tableau(Rational[] t, int[] basis, int m, int w)
    {
        private readonly int rhs = w - 1;
        public Rational Value => t[m * w + rhs];

        /// <summary>Sets the objective row for costs <paramref name="cost"/> under the current basis.</summary>
        public void SetObjective(Rational[] cost)
        {
            int obj = m * w;
            for (int j = 0; j < w; j++) t[obj + j] = j < cost.Length ? -cost[j] : Rational.Zero;
            for (int r = 0; r < m; r++)
            {
                var cb = cost[basis[r]];
                if (cb.IsZero) continue;
                for (int j = 0; j < w; j++)
                    if (!t[r * w + j].IsZero) t[obj + j] += cb * t[r * w + j];
            }
        }

        /// <summary>Bland's rule until optimal (true) or unbounded (false); only columns below
        /// <paramref name="enterLimit"/> may enter.</summary>
        public bool Run(int enterLimit, ref int pivots)
        {
            int obj = m * w;
            while (true)
            {
                int enter = -1;
                for (int j = 0; j < enterLimit; j++)
                    if (t[obj + j].IsNegative) { enter = j; break; }
                if (enter < 0) return true;
                int leave = -1;
                Rational best = default;
                for (int r = 0; r < m; r++)
                {
                    var coef = t[r * w + enter];
                    if (!coef.IsPositive) continue;
                    var ratio = t[r * w + rhs] / coef;
                    int cmp = leave < 0 ? -1 : ratio.CompareTo(best);
                    if (cmp < 0 || (cmp == 0 && basis[r] < basis[leave])) { leave = r; best = ratio; }
                }
                if (leave < 0) return false;
                Pivot(leave, enter);
                pivots++;
            }
        }

        public void Pivot(int r, int j)
        {
            var p = t[r * w + j];
            if (p != Rational.One)
            {
                var inv = p.Reciprocal();
                for (int k = 0; k < w; k++) if (!t[r * w + k].IsZero) t[r * w + k] *= inv;
            }
            for (int s = 0; s <= m; s++)
            {
                if (s == r) continue;
                var factor = t[s * w + j];
                if (factor.IsZero) continue;
                for (int k = 0; k < w; k++)
                    if (!t[r * w + k].IsZero) t[s * w + k] -= factor * t[r * w + k];
            }
            basis[r] = j;
        }
    }
}
