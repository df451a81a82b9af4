namespace Polytopes.Geometry.Lp;

/// <summary>
/// The constraints held tight by the active-set simplex, kept as an orthonormal basis U of their span with
/// A_W = R·U (R lower triangular, modified Gram–Schmidt). Sizes are tiny (at most the number of variables),
/// so the basis is rebuilt after a removal rather than downdated.
/// </summary>
internal sealed class WorkingSet
{
    private int n;
    private int[] rows = [];
    private double[] u = [];   // k × n orthonormal rows
    private double[] r = [];   // k × k lower-triangular coefficients

    public int Count { get; private set; }
    /// <summary>The number of variables.</summary>
    public int Dimension => n;
    public int Row(int j) => rows[j];

    public void Reset(int variables)
    {
        n = variables;
        if (rows.Length < n) { rows = new int[n]; u = new double[n * n]; r = new double[n * n]; }
        Count = 0;
    }

    public bool Contains(int row)
    {
        for (int j = 0; j < Count; j++) if (rows[j] == row) return true;
        return false;
    }

    /// <summary>Adds constraint <paramref name="row"/> with normal <paramref name="a"/>. Returns false (and adds
    /// nothing) if it is numerically dependent on the rows already held.</summary>
    public bool Add(int row, ReadOnlySpan<double> a)
    {
        if (Count == n) return false;
        int k = Count;
        var uk = u.AsSpan(k * n, n);
        a.CopyTo(uk);
        double norm0 = VectorMath.Norm(a);
        for (int i = 0; i < k; i++) r[k * n + i] = 0;
        OrthogonaliseLast(k);
        double norm = VectorMath.Norm(uk);
        if (NumericGuards.DoubleRoundoff * norm0 > NumericGuards.LpProjectionError * norm)
        {
            OrthogonaliseLast(k);
            norm = VectorMath.Norm(uk);
        }
        if (!(norm > NumericGuards.LpWorkingSetDependence * norm0)) return false; // dependent on the held rows
        for (int t = 0; t < n; t++) uk[t] /= norm;
        r[k * n + k] = norm;
        rows[k] = row;
        Count = k + 1;
        return true;
    }

    /// <summary>Takes from basis row k its components along basis rows 0..k−1 (modified Gram–Schmidt), adding them
    /// to the coefficients r[k, ·].</summary>
    private void OrthogonaliseLast(int k)
    {
        var uk = u.AsSpan(k * n, n);
        for (int i = 0; i < k; i++)
        {
            var ui = u.AsSpan(i * n, n);
            double p = VectorMath.Dot(ui, uk);
            r[k * n + i] += p;
            for (int t = 0; t < n; t++) uk[t] -= p * ui[t];
        }
    }

    /// <summary>Removes the j-th held constraint and rebuilds the basis from the remaining normals. Gram–Schmidt
    /// makes basis row i from held rows 0..i only, so rows before j stay as they are and only the later ones are
    /// added again (the same numbers as a rebuild from scratch).</summary>
    public void RemoveAt(int j, ReadOnlySpan<double> aAll)
    {
        int k = Count;
        Span<int> later = stackalloc int[k - 1 - j];
        for (int i = j + 1; i < k; i++) later[i - j - 1] = rows[i];
        Count = j;
        foreach (var row in later) Add(row, aAll.Slice(row * n, n));
    }

    /// <summary>Row i of the orthonormal basis U of the held rows' span.</summary>
    public ReadOnlySpan<double> Basis(int i) => u.AsSpan(i * n, n);

    /// <summary>d = c − Uᵀ(U c): the part of c orthogonal to the working rows; uc receives U c.</summary>
    public void Project(ReadOnlySpan<double> c, Span<double> d, Span<double> uc)
    {
        c.CopyTo(d);
        for (int i = 0; i < Count; i++)
        {
            var ui = u.AsSpan(i * n, n);
            double p = VectorMath.Dot(ui, c);
            uc[i] = p;
            for (int t = 0; t < n; t++) d[t] -= p * ui[t];
        }
        if (Count == n) d.Clear(); // n independent rows span the space: the rest is rounding
    }

    /// <summary>Projects the remainder d of <see cref="Project"/> once more (d −= Uᵀ(U d), U d added to uc). A
    /// remainder much shorter than c carries c's rounding magnified by their ratio; the second pass leaves it
    /// orthogonal to the held rows to roundoff, so a step along it keeps them tight.</summary>
    public void ProjectAgain(Span<double> d, Span<double> uc)
    {
        for (int i = 0; i < Count; i++)
        {
            var ui = u.AsSpan(i * n, n);
            double p = VectorMath.Dot(ui, d);
            uc[i] += p;
            for (int t = 0; t < n; t++) d[t] -= p * ui[t];
        }
    }

    /// <summary>As <see cref="Multipliers"/>, stopping at the first multiplier below <paramref name="threshold"/>
    /// (they are found last to first); false then.</summary>
    public bool NonNegativeMultipliers(ReadOnlySpan<double> uc, Span<double> lambda, double threshold)
    {
        for (int i = Count - 1; i >= 0; i--)
        {
            double s = uc[i];
            for (int j = i + 1; j < Count; j++) s -= r[j * n + i] * lambda[j];
            lambda[i] = s / r[i * n + i];
            if (lambda[i] < threshold) return false;
        }
        return true;
    }

    /// <summary>Solves A_Wᵀ λ = c for c in the span of the working rows, given uc = U c
    /// (Rᵀ λ = uc, back substitution).</summary>
    public void Multipliers(ReadOnlySpan<double> uc, Span<double> lambda) =>
        NonNegativeMultipliers(uc, lambda, double.NegativeInfinity);
}
