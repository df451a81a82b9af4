namespace Polytopes.Geometry;

/// <summary>A vertex of a polytope and the constraint rows tight at it (ascending row indices).</summary>
public sealed record PolytopeVertex(double[] Point, int[] TightRows);

/// <summary>
/// The vertices of a bounded polytope {x : A x &lt;= b} by brute force over the d-subsets of its rows: each
/// subset whose unit normals are independent meets in one point (Gaussian elimination with partial pivoting);
/// the point is a vertex when it satisfies every row. Points closer than the distance tolerance are one vertex
/// (the first found is kept, so the result is deterministic: subsets are visited in lexicographic order). Tight
/// rows are the rows within the distance tolerance at the vertex — more than d at a degenerate vertex (an apex,
/// duplicate rows). Cost C(m, d) small solves: meant for the regions of small networks (d ≤ 4, m ≲ 40), not for
/// general vertex enumeration (use lrs for that).
/// </summary>
public static class PolytopeVertices
{
    /// <summary>Refuses inputs with more subsets than this (the brute force would take minutes).</summary>
    public const long MaxSubsets = 20_000_000;

    /// <summary>The vertices of p. <paramref name="scale"/> is the length scale distances are relative to: two
    /// points are one vertex, and a row is tight, within <see cref="Tolerances.Facet"/> × scale; d normals are
    /// independent when the elimination's pivots stay above <see cref="Tolerances.Coincidence"/> (rows are
    /// normalised first). Zero rows are ignored (0 &lt;= b_i holds or the set is empty, which the caller decides).
    /// Unbounded polyhedra are accepted but only their vertices are returned.</summary>
    public static IReadOnlyList<PolytopeVertex> Enumerate(HPolytope p, double scale = 1, Tolerances? tolerances = null)
    {
        var tol = (tolerances ?? Tolerances.Default).Validated();
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "must be positive");
        var unit = p.Normalized();
        int d = p.Dimension;
        var rows = Enumerable.Range(0, unit.Count).Where(i => VectorMath.Norm(unit.Row(i)) > 0).ToArray();
        int m = rows.Length;
        if (m < d) return [];
        if (Binomial(m, d) > MaxSubsets)
            throw new ArgumentException($"{m} rows in dimension {d}: C({m},{d}) subsets is too many for brute-force vertex enumeration");

        double distance = tol.Facet * scale;
        var found = new List<double[]>();
        var subset = new int[d];
        for (int i = 0; i < d; i++) subset[i] = i;
        var matrix = new double[d * (d + 1)];
        var x = new double[d];
        while (true)
        {
            if (Solve(unit, rows, subset, matrix, x, tol.Coincidence) && Feasible(unit, rows, x, distance)
                && !found.Any(v => VectorMath.Distance(v, x) <= distance))
                found.Add((double[])x.Clone());
            if (!Next(subset, m)) break;
        }
        return found.Select(v => new PolytopeVertex(v, TightRows(unit, rows, v, distance))).ToArray();
    }

    /// <summary>Solves the rows named by the subset as equalities; false when a pivot falls below the threshold
    /// (the normals are dependent within it).</summary>
    private static bool Solve(HPolytope unit, int[] rows, int[] subset, double[] m, double[] x, double pivotMin)
    {
        int d = subset.Length, w = d + 1;
        for (int r = 0; r < d; r++)
        {
            unit.Row(rows[subset[r]]).CopyTo(m.AsSpan(r * w, d));
            m[r * w + d] = unit.Rhs(rows[subset[r]]);
        }
        return SolveAugmented(m, d, x, pivotMin);
    }

    /// <summary>Solves the augmented d × (d+1) system in <paramref name="m"/> (overwritten) into
    /// <paramref name="x"/> by Gaussian elimination with partial pivoting; false when a pivot falls below
    /// <paramref name="pivotMin"/> or the solution is not finite. Shared with <see cref="PolyhedronSolid"/>, so that
    /// both compute a vertex with the same numbers.</summary>
    internal static bool SolveAugmented(Span<double> m, int d, Span<double> x, double pivotMin)
    {
        int w = d + 1;
        for (int c = 0; c < d; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < d; r++) if (Math.Abs(m[r * w + c]) > Math.Abs(m[pivot * w + c])) pivot = r;
            if (Math.Abs(m[pivot * w + c]) < pivotMin) return false;
            if (pivot != c)
                for (int k = 0; k < w; k++) (m[c * w + k], m[pivot * w + k]) = (m[pivot * w + k], m[c * w + k]);
            for (int r = c + 1; r < d; r++)
            {
                double f = m[r * w + c] / m[c * w + c];
                if (f == 0) continue;
                for (int k = c; k < w; k++) m[r * w + k] -= f * m[c * w + k];
            }
        }
        for (int r = d - 1; r >= 0; r--)
        {
            double s = m[r * w + d];
            for (int k = r + 1; k < d; k++) s -= m[r * w + k] * x[k];
            x[r] = s / m[r * w + r];
        }
        for (int r = 0; r < d; r++) if (!double.IsFinite(x[r])) return false;
        return true;
    }

    private static bool Feasible(HPolytope unit, int[] rows, ReadOnlySpan<double> x, double distance)
    {
        foreach (int i in rows)
            if (unit.Slack(i, x) < -distance) return false;
        return true;
    }

    private static int[] TightRows(HPolytope unit, int[] rows, double[] v, double distance) =>
        rows.Where(i => Math.Abs(unit.Slack(i, v)) <= distance).ToArray();

    /// <summary>Advances to the next d-subset of {0..m−1} in lexicographic order; false after the last.</summary>
    private static bool Next(int[] s, int m)
    {
        int d = s.Length, i = d - 1;
        while (i >= 0 && s[i] == m - d + i) i--;
        if (i < 0) return false;
        s[i]++;
        for (int k = i + 1; k < d; k++) s[k] = s[k - 1] + 1;
        return true;
    }

    private static double Binomial(int n, int k)
    {
        double c = 1;
        for (int i = 0; i < k; i++) c = c * (n - i) / (i + 1);
        return c;
    }
}
