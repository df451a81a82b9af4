namespace Polytopes.Geometry.Lp;

/// <summary>
/// Primal active-set simplex for max c·x s.t. A x &lt;= b, x free, started from a feasible point. Each step moves
/// along the projection of c onto the null space of the tight (working) rows until a new row blocks; when c lies
/// in their span the multipliers decide optimality or which row to release. With n variables a vertex holds n
/// rows, so the work per step is O(m n) for the ratio test plus O(n²) for the basis — right for the tiny dense
/// LPs of region enumeration. Not thread-safe: one kernel per thread; buffers are reused across solves.
/// </summary>
internal sealed class ActiveSetKernel(Tolerances tolerances)
{
    private readonly WorkingSet working = new();
    private double[] rowNorm = [], rowDot = [], rowAtX = [], rowRatio = [];
    private double[] columns = [];   // the constraint matrix column by column, for the ratio test
    private double[] projected = [];
    private double[] d = [];
    private double[] uc = [];
    private double[] lambda = [];
    private double cNorm;
    private readonly int[] ignored = new int[64];
    private int ignoredCount;

    private bool IsIgnored(int row)
    {
        for (int k = 0; k < ignoredCount; k++) if (ignored[k] == row) return true;
        return false;
    }

    public int Iterations { get; private set; }

    /// <summary>Runs the simplex from <paramref name="x"/> (feasible on entry, the optimum on exit).</summary>
    public LpStatus Maximize(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> x) =>
        Maximize(a, b, c, x, []);

    /// <summary>As <see cref="Maximize(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>,
    /// with a warm start: <paramref name="tight"/> are rows tight at <paramref name="x"/> (for instance the working
    /// rows of an earlier solve at the same point, <see cref="CopyWorkingRows"/>), held from the first step, so a
    /// start at a vertex goes straight to pivoting instead of re-finding the vertex's rows one degenerate step at
    /// a time. Rows dependent on those already held are left out.</summary>
    public LpStatus Maximize(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> x,
        ReadOnlySpan<int> tight)
    {
        int n = c.Length, m = b.Length;
        Prepare(m, n, a);
        working.Reset(n);
        foreach (int row in tight) working.Add(row, a.Slice(row * n, n));
        ignoredCount = 0;
        cNorm = VectorMath.Norm(c);
        if (cNorm == 0) { Iterations = 0; return LpStatus.Optimal; }
        bool lastStepDegenerate = false;

        for (Iterations = 0; Iterations < tolerances.MaxIterations; Iterations++)
        {
            var dir = d.AsSpan(0, n);
            working.Project(c, dir, uc);
            double dirNorm = VectorMath.Norm(dir);
            if (NumericGuards.DoubleRoundoff * cNorm > NumericGuards.LpProjectionError * dirNorm
                && dirNorm > NumericGuards.LpObjectiveGain * cNorm)
            {
                working.ProjectAgain(dir, uc);
                dirNorm = VectorMath.Norm(dir);
            }
            if (dirNorm > NumericGuards.LpObjectiveGain * cNorm)
            {
                for (int t = 0; t < n; t++) dir[t] /= dirNorm;
                int blocking = RatioTest(b, x, dir, n, out double step);
                if (blocking < 0) return LpStatus.Unbounded;
                for (int t = 0; t < n; t++) x[t] += step * dir[t];
                lastStepDegenerate = step == 0;
                // A row numerically in the span of the working rows cannot really block a move orthogonal to
                // them: leave it out of the ratio tests until the working set loses a row.
                if (!working.Add(blocking, a.Slice(blocking * n, n)))
                {
                    if (ignoredCount == ignored.Length) return LpStatus.Imprecise;
                    ignored[ignoredCount++] = blocking;
                }
                continue;
            }

            working.Multipliers(uc, lambda);
            int release = ChooseRelease(lastStepDegenerate);
            if (release < 0) return LpStatus.Optimal;
            working.RemoveAt(release, a);
            ignoredCount = 0;
        }
        return LpStatus.IterationLimit;
    }

    /// <summary>The rows held tight when the last solve stopped; returns how many.</summary>
    public int CopyWorkingRows(Span<int> rows)
    {
        for (int j = 0; j < working.Count; j++) rows[j] = working.Row(j);
        return working.Count;
    }

    /// <summary>
    /// Weak-duality bounds from the rows held when the last solve stopped, when they span the space (a vertex):
    /// each row j of <paramref name="rows"/> (normals given column by column, <paramref name="count"/> rows in
    /// all) is written as a_j = Σ μ_k a_k over the held rows; when every μ_k ≥ 0, a_j·x ≤ Σ μ_k b_k for every x
    /// satisfying the held rows, and that bound is written to <paramref name="bound"/>[j]; otherwise +∞.
    /// <paramref name="b"/> are the right-hand sides indexed like the last solve's rows. Many rows share one
    /// vertex's normal cone, so one solve can prove many other rows redundant.
    /// </summary>
    public void DualBounds(ReadOnlySpan<double> columns, int count, ReadOnlySpan<int> rows, ReadOnlySpan<double> b,
        Span<double> bound)
    {
        int n = working.Dimension;
        if (n == 0 || working.Count < n)
        {
            foreach (int j in rows) bound[j] = double.PositiveInfinity;
            return;
        }
        if (projected.Length < n * count) projected = new double[Math.Max(n * count, 2 * projected.Length)];
        for (int i = 0; i < n; i++)
            VectorMath.MultiplyColumns(columns, count, working.Basis(i), projected.AsSpan(i * count, count));
        Span<double> uaj = stackalloc double[n], mu = stackalloc double[n];
        double threshold = -tolerances.Optimality;
        foreach (int j in rows)
        {
            for (int i = 0; i < n; i++) uaj[i] = projected[i * count + j];
            double sum = double.PositiveInfinity;
            if (working.NonNegativeMultipliers(uaj, mu, threshold))
            {
                sum = 0;
                for (int k = 0; k < n; k++) sum += mu[k] * b[working.Row(k)];
            }
            bound[j] = sum;
        }
    }

    /// <summary>The multiplier of the i-th working row after an Optimal solve (certificate).</summary>
    public void CopyMultipliers(Span<double> perRow)
    {
        perRow.Clear();
        for (int j = 0; j < working.Count; j++) perRow[working.Row(j)] = lambda[j];
    }

    private void Prepare(int m, int n, ReadOnlySpan<double> a)
    {
        if (rowNorm.Length < m)
        {
            rowNorm = new double[Math.Max(m, 2 * rowNorm.Length)];
            rowDot = new double[rowNorm.Length];
            rowAtX = new double[rowNorm.Length];
            rowRatio = new double[rowNorm.Length];
        }
        if (columns.Length < m * n) columns = new double[Math.Max(m * n, 2 * columns.Length)];
        if (d.Length < n) { d = new double[n]; uc = new double[n]; lambda = new double[n]; }
        for (int i = 0; i < m; i++) rowNorm[i] = VectorMath.Norm(a.Slice(i * n, n));
        VectorMath.Transpose(a[..(m * n)], m, n, columns);
    }

    /// <summary>The first row hit moving from x along unit direction dir; ties go to the lowest row index so the
    /// path is deterministic. Rows already tight at x block with step 0.</summary>
    private int RatioTest(ReadOnlySpan<double> b, ReadOnlySpan<double> x,
        ReadOnlySpan<double> dir, int n, out double step)
    {
        int best = -1, m = b.Length;
        step = double.PositiveInfinity;
        // Every row's a_i·dir and a_i·x at once (column by column, several rows per SIMD lane; the same sums, in
        // the same order, as one dot product per row).
        VectorMath.MultiplyColumns(columns.AsSpan(0, m * n), m, dir, rowDot);
        VectorMath.MultiplyColumns(columns.AsSpan(0, m * n), m, x, rowAtX);
        var slack = rowAtX.AsSpan(0, m);
        for (int i = 0; i < m; i++) slack[i] = b[i] - slack[i];
        var ratio = rowRatio.AsSpan(0, m);
        VectorMath.BlockingRatios(slack, rowDot.AsSpan(0, m), rowNorm, NumericGuards.LpDependenceRatio, ratio);
        for (int i = 0; i < m; i++)
        {
            if (!(ratio[i] < step) || working.Contains(i) || IsIgnored(i)) continue;
            step = ratio[i];
            best = i;
        }
        return best;
    }

    /// <summary>Index (into the working set) of the row to release, or −1 when every multiplier is non-negative.
    /// Most negative multiplier normally; after a degenerate step, Bland's rule (lowest row index) to avoid
    /// cycling at vertices where many hyperplanes meet.</summary>
    private int ChooseRelease(bool bland)
    {
        int chosen = -1;
        double threshold = -tolerances.Optimality * cNorm;
        for (int j = 0; j < working.Count; j++)
        {
            double l = lambda[j] * rowNorm[working.Row(j)];
            if (l >= threshold) continue;
            if (chosen < 0) { chosen = j; continue; }
            bool better = bland ? working.Row(j) < working.Row(chosen)
                                : l < lambda[chosen] * rowNorm[working.Row(chosen)];
            if (better) chosen = j;
        }
        return chosen;
    }
}
