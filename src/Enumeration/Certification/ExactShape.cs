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
    /// row (exactly), in counter-clockwise order, and the exact shoelace area. Vertices are kept homogeneous,
    /// (X, Y)/W with X, Y, W polynomials in the (dyadic) row data, so the checks and the area need no division
    /// until the end. The vertices are two numbers each (x, y) in one array, as a region's record keeps them.</summary>
    public static (double Area, double[] Vertices) Polygon(ExactPolytope p, IReadOnlyList<int> facetRows,
        ReadOnlySpan<Rational> interior)
    {
        // Every facet is an edge, and the edges of a convex polygon in counter-clockwise order have their outward
        // normals in angular order: so consecutive facets by normal angle meet at the vertices. Checked exactly;
        // if any crossing fails (angles too close to order in doubles), every pair is tried instead.
        var byAngle = facetRows.OrderBy(r => Math.Atan2(p.Row(r)[1].ToDouble(), p.Row(r)[0].ToDouble())).ToArray();
        var cycle = new List<Vertex>();
        for (int i = 0; i < byAngle.Length && byAngle.Length >= 3; i++)
        {
            if (Crossing(p, byAngle[i], byAngle[(i + 1) % byAngle.Length]) is not { } v || !Inside(p, facetRows, v))
            {
                cycle.Clear();
                break;
            }
            cycle.Add(v);
        }
        if (cycle.Count < 3) cycle = AllPairs(p, facetRows, interior);
        return (Area(cycle), cycle.SelectMany(v => new[] { Coordinate(v.X, v.W), Coordinate(v.Y, v.W) }).ToArray());
    }

    /// <summary>A point (X/W, Y/W), W ≠ 0.</summary>
    private readonly record struct Vertex(Rational X, Rational Y, Rational W);

    private static Vertex? Crossing(ExactPolytope p, int i, int j)
    {
        var ri = p.Row(i);
        var rj = p.Row(j);
        var det = ri[0] * rj[1] - ri[1] * rj[0];
        if (det.IsZero) return null;
        var bi = p.Rhs(i);
        var bj = p.Rhs(j);
        return new Vertex(bi * rj[1] - bj * ri[1], ri[0] * bj - rj[0] * bi, det);
    }

    /// <summary>b_r − a_r·(X, Y)/W ≥ 0 for every row: sign(W)·(b_r W − a_r·(X, Y)) ≥ 0.</summary>
    private static bool Inside(ExactPolytope p, IReadOnlyList<int> rows, Vertex v)
    {
        foreach (int r in rows)
        {
            var a = p.Row(r);
            if ((p.Rhs(r) * v.W - a[0] * v.X - a[1] * v.Y).Sign * v.W.Sign < 0) return false;
        }
        return true;
    }

    /// <summary>|Σ det(v_i, v_i+1)|/2 over the cycle, exactly: Σ (X_i Y_j − X_j Y_i)/(W_i W_j) over one common
    /// denominator, divided once.</summary>
    private static double Area(IReadOnlyList<Vertex> cycle)
    {
        int k = cycle.Count;
        var numerator = Rational.Zero;
        var denominator = Rational.One;
        foreach (var v in cycle) denominator *= v.W;
        for (int i = 0; i < k; i++)
        {
            var a = cycle[i];
            var b = cycle[(i + 1) % k];
            var term = a.X * b.Y - b.X * a.Y;
            for (int j = 0; j < k; j++) if (j != i && j != (i + 1) % k) term *= cycle[j].W;
            numerator += term;
        }
        return (numerator / denominator).Abs().ToDouble() / 2;
    }

    /// <summary>X/W rounded: the quotient of the rounded parts (within a few units of roundoff) when it and they are
    /// normal doubles, else the exact quotient rounded.</summary>
    private static double Coordinate(Rational x, Rational w)
    {
        if (x.IsZero) return 0;
        double a = x.ToDouble(), b = w.ToDouble(), q = a / b;
        return double.IsNormal(a) && double.IsNormal(b) && double.IsNormal(q) ? q : (x / w).ToDouble();
    }

    /// <summary>Every crossing of two facet lines inside all facets, ordered about the interior point.</summary>
    private static List<Vertex> AllPairs(ExactPolytope p, IReadOnlyList<int> facetRows, ReadOnlySpan<Rational> interior)
    {
        var points = new List<(Rational X, Rational Y, Vertex V)>();
        for (int i = 0; i < facetRows.Count; i++)
            for (int j = i + 1; j < facetRows.Count; j++)
            {
                if (Crossing(p, facetRows[i], facetRows[j]) is not { } v || !Inside(p, facetRows, v)) continue;
                var (x, y) = (v.X / v.W, v.Y / v.W);
                if (!points.Any(q => q.X == x && q.Y == y)) points.Add((x, y, v));
            }
        var cx = interior[0];
        var cy = interior[1];
        return points.OrderBy(q => Math.Atan2((q.Y - cy).ToDouble(), (q.X - cx).ToDouble())).Select(q => q.V).ToList();
    }
}
