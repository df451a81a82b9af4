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
    private double[] rowNorm = [];
    private double[] d = [];
    private double[] uc = [];
    private double[] lambda = [];
    private double cNorm;
    private readonly int[] ignored = new int[8];
    private int ignoredCount;

    private bool IsIgnored(int row)
    {
        for (int k = 0; k < ignoredCount; k++) if (ignored[k] == row) return true;
        return false;
    }

    public int Iterations { get; private set; }

    /// <summary>Runs the simplex from <paramref name="x"/> (feasible on entry, the optimum on exit).</summary>
    public LpStatus Maximize(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> x)
    {
        int n = c.Length, m = b.Length;
        Prepare(m, n, a);
        working.Reset(n);
        ignoredCount = 0;
        cNorm = VectorMath.Norm(c);
        if (cNorm == 0) { Iterations = 0; return LpStatus.Optimal; }
        bool lastStepDegenerate = false;

        for (Iterations = 0; Iterations < tolerances.MaxIterations; Iterations++)
        {
            var dir = d.AsSpan(0, n);
            working.Project(c, dir, uc);
            double dirNorm = VectorMath.Norm(dir);
            if (dirNorm > 1e-9 * cNorm)
            {
                for (int t = 0; t < n; t++) dir[t] /= dirNorm;
                int blocking = RatioTest(a, b, x, dir, n, out double step);
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

    /// <summary>The multiplier of the i-th working row after an Optimal solve (certificate).</summary>
    public void CopyMultipliers(Span<double> perRow)
    {
        perRow.Clear();
        for (int j = 0; j < working.Count; j++) perRow[working.Row(j)] = lambda[j];
    }

    private void Prepare(int m, int n, ReadOnlySpan<double> a)
    {
        if (rowNorm.Length < m) rowNorm = new double[Math.Max(m, 2 * rowNorm.Length)];
        if (d.Length < n) { d = new double[n]; uc = new double[n]; lambda = new double[n]; }
        for (int i = 0; i < m; i++) rowNorm[i] = VectorMath.Norm(a.Slice(i * n, n));
    }

    /// <summary>The first row hit moving from x along unit direction dir; ties go to the lowest row index so the
    /// path is deterministic. Rows already tight at x block with step 0.</summary>
    private int RatioTest(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> x,
        ReadOnlySpan<double> dir, int n, out double step)
    {
        int best = -1;
        step = double.PositiveInfinity;
        for (int i = 0; i < b.Length; i++)
        {
            var row = a.Slice(i * n, n);
            double ad = VectorMath.Dot(row, dir);
            if (!(ad > 1e-10 * rowNorm[i])) continue;
            if (working.Contains(i) || IsIgnored(i)) continue;
            double slack = b[i] - VectorMath.Dot(row, x);
            double t = slack > 0 ? slack / ad : 0;
            if (t < step) { step = t; best = i; }
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
