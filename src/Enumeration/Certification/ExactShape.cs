using Polytopes.Geometry.Exact;
using Polytopes.Geometry.Lp;

namespace Polytopes.Enumeration.Certification;

/// <summary>
/// Shape facts of a proved region computed from its exact facet rows (the other rows are implied by them):
/// boundedness, the 1-D length and the 2-D polygon (exact vertices, exact area, then rounded).
/// </summary>
internal static class ExactShape
{
    /// <summary>Bounded iff the recession cone {y : a_i·y ≤ 0 for every facet row} is {0}: the exact LPs
    /// max ±y_t over the cone ∩ [−1, 1]^d are all 0 (2d LPs of d variables).</summary>
    public static bool IsBounded(ExactPolytope p, IReadOnlyList<int> facetRows)
    {
        int d = p.Dimension, k = facetRows.Count, m = k + 2 * d;
        var a = new Rational[m * d];
        var b = new Rational[m];
        for (int i = 0; i < k; i++) p.Row(facetRows[i]).CopyTo(a.AsSpan(i * d, d));
        for (int t = 0; t < d; t++)
        {
            a[(k + 2 * t) * d + t] = Rational.One;
            b[k + 2 * t] = Rational.One;
            a[(k + 2 * t + 1) * d + t] = Rational.MinusOne;
            b[k + 2 * t + 1] = Rational.One;
        }
        for (int t = 0; t < d; t++)
            foreach (var sign in new[] { Rational.One, Rational.MinusOne })
            {
                var c = new Rational[d];
                c[t] = sign;
                var result = ExactSimplex.Maximize(d, a, b, c);
                if (result.Status != LpStatus.Optimal || result.Objective.IsPositive) return false;
            }
        return true;
    }

    /// <summary>The length of a bounded 1-D region: min of the upper ends b/a (a &gt; 0) minus max of the lower ends.</summary>
    public static double Length(ExactPolytope p, IReadOnlyList<int> facetRows)
    {
        Rational? upper = null, lower = null;
        foreach (int r in facetRows)
        {
            var a = p.Row(r)[0];
            if (a.IsZero) continue;
            var end = p.Rhs(r) / a;
            if (a.IsPositive) upper = upper == null || end < upper.Value ? end : upper;
            else lower = lower == null || end > lower.Value ? end : lower;
        }
        return upper == null || lower == null ? double.PositiveInfinity : (upper.Value - lower.Value).ToDouble();
    }

    /// <summary>The polygon of a bounded 2-D region: every crossing of two facet lines that satisfies every facet
    /// row (exactly), in counter-clockwise order about the interior point, and the exact shoelace area.</summary>
    public static (double Area, double[][] Vertices) Polygon(ExactPolytope p, IReadOnlyList<int> facetRows,
        ReadOnlySpan<Rational> interior)
    {
        var points = new List<(Rational X, Rational Y)>();
        for (int i = 0; i < facetRows.Count; i++)
            for (int j = i + 1; j < facetRows.Count; j++)
            {
                var ri = p.Row(facetRows[i]);
                var rj = p.Row(facetRows[j]);
                var det = ri[0] * rj[1] - ri[1] * rj[0];
                if (det.IsZero) continue;
                var bi = p.Rhs(facetRows[i]);
                var bj = p.Rhs(facetRows[j]);
                var x = (bi * rj[1] - bj * ri[1]) / det;
                var y = (ri[0] * bj - rj[0] * bi) / det;
                Rational[] v = [x, y];
                if (facetRows.All(r => p.SlackSign(r, v) >= 0) && !points.Contains((x, y))) points.Add((x, y));
            }
        var cx = interior[0];
        var cy = interior[1];
        var ordered = points.OrderBy(v => Math.Atan2((v.Y - cy).ToDouble(), (v.X - cx).ToDouble())).ToArray();
        var twice = Rational.Zero;
        for (int i = 0; i < ordered.Length; i++)
        {
            var (x1, y1) = ordered[i];
            var (x2, y2) = ordered[(i + 1) % ordered.Length];
            twice += x1 * y2 - x2 * y1;
        }
        return ((twice.Abs() / 2).ToDouble(), ordered.Select(v => new[] { v.X.ToDouble(), v.Y.ToDouble() }).ToArray());
    }
}
