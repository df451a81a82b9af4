namespace Polytopes.Geometry;

/// <summary>
/// Makes rows whose unit normals agree (or are opposite) to within rounding noise exactly parallel. Rows computed
/// along different paths (a network's incremental maps) that are parallel in exact arithmetic come out a few
/// units in the last place apart, and in an unbounded polyhedron an LP exploits that: two such rows 50 apart in
/// offset "meet" some 1e17 away, and a far row became a facet of a region of all of R^3, 1e15 out (a campaign's
/// 3-10-10 network, where every second-layer unit of a region depended on one first-layer unit). In a box the
/// box's sides keep LPs from going there.
/// </summary>
public static class ParallelRows
{
    /// <summary>Copies the rows of <paramref name="a"/> (<paramref name="n"/> columns, unit normals) into
    /// <paramref name="into"/>, each row whose normal is within <see cref="NumericGuards.ParallelRowNoise"/>
    /// (entrywise) of an earlier row's, or of its negative, replaced by exactly that row (or its negative).</summary>
    public static void MakeExact(ReadOnlySpan<double> a, int n, Span<double> into)
    {
        a.CopyTo(into);
        int m = a.Length / n;
        const double noise = NumericGuards.ParallelRowNoise;
        for (int i = 1; i < m; i++)
        {
            var row = into.Slice(i * n, n);
            for (int j = 0; j < i; j++)
            {
                var earlier = into.Slice(j * n, n);
                double sign = Math.Abs(row[0] - earlier[0]) <= noise ? 1 : Math.Abs(row[0] + earlier[0]) <= noise ? -1 : 0;
                if (sign == 0 || !Within(row, earlier, sign, noise)) continue;
                for (int t = 0; t < n; t++) row[t] = sign * earlier[t];
                break;
            }
        }
    }

    private static bool Within(ReadOnlySpan<double> row, ReadOnlySpan<double> earlier, double sign, double noise)
    {
        for (int t = 0; t < row.Length; t++)
            if (Math.Abs(row[t] - sign * earlier[t]) > noise) return false;
        return true;
    }
}
