namespace Polytopes.Geometry;

/// <summary>
/// Makes rows whose unit normals agree (or are opposite) to within rounding noise exactly parallel. Rows computed
/// along different paths (a network's incremental maps) that are parallel in exact arithmetic come out a few
/// units in the last place apart, and in an unbounded polyhedron an LP exploits that: two such rows 50 apart in
/// offset "meet" some 1e17 away, and a far row became a facet of a region of all of R^3, 1e15 out (a campaign's
/// 3-10-10 network, where every second-layer unit of a region depended on one first-layer unit). In a box the
/// box's sides keep LPs from going there. Not thread-safe (buffers are reused).
/// </summary>
public sealed class ParallelRows
{
    private double[] key = [];
    private int[] order = [], replacement = [];
    private double[] sign = [];

    /// <summary>Copies the rows of <paramref name="a"/> (<paramref name="n"/> columns, unit normals) into
    /// <paramref name="into"/>, each row whose normal is within <see cref="NumericGuards.ParallelRowNoise"/>
    /// (entrywise) of an earlier row's, or of its negative, replaced by exactly the earliest such row (or its
    /// negative). Rows are compared only with those whose first entries agree in magnitude within the noise (found
    /// by sorting on it), so the cost is about a sort of the rows.</summary>
    public void MakeExact(ReadOnlySpan<double> a, int n, Span<double> into)
    {
        a.CopyTo(into);
        int m = a.Length / n;
        if (key.Length < m) { key = new double[m]; order = new int[m]; replacement = new int[m]; sign = new double[m]; }
        const double noise = NumericGuards.ParallelRowNoise;
        for (int i = 0; i < m; i++) { key[i] = Math.Abs(a[i * n]); order[i] = i; replacement[i] = -1; }
        Array.Sort(key, order, 0, m);
        for (int p = 0; p < m; p++)
        {
            int i = order[p];
            for (int q = p + 1; q < m && key[q] - key[p] <= noise; q++)
            {
                int j = order[q];
                double s = Match(a.Slice(i * n, n), a.Slice(j * n, n), noise);
                if (s == 0) continue;
                var (low, high) = i < j ? (i, j) : (j, i);
                if (replacement[high] < 0 || low < replacement[high]) { replacement[high] = low; sign[high] = s; }
            }
        }
        // In index order, so that a row's replacement is already final when it is copied.
        for (int i = 0; i < m; i++)
        {
            int r = replacement[i];
            if (r < 0) continue;
            for (int t = 0; t < n; t++) into[i * n + t] = sign[i] * into[r * n + t];
        }
    }

    /// <summary>+1 when the rows agree within the noise entrywise, −1 when one is the other's negative, else 0.</summary>
    private static double Match(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double noise)
    {
        bool same = true, opposite = true;
        for (int t = 0; t < x.Length; t++)
        {
            same &= Math.Abs(x[t] - y[t]) <= noise;
            opposite &= Math.Abs(x[t] + y[t]) <= noise;
        }
        return same ? 1 : opposite ? -1 : 0;
    }
}
