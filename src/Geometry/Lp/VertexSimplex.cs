using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Polytopes.Geometry.Lp;

/// <summary>
/// Primal simplex for max c·x s.t. A x &lt;= b (x free, n variables) that moves from vertex to vertex with the
/// explicit inverse of the basis: slot q of the basis holds a row, or a pin — a direction held fixed that is
/// not a constraint and may be released either way (the coordinate axes at a start that is not a vertex, the
/// last LP's cap after a new objective) — and column q of D = B⁻¹ is the edge that leaves slot q's row with
/// the others held, so a_k·D_q = δ_kq. The multipliers are λ_q = c·D_q; a pivot is a ratio test plus a
/// rank-one update of D, O(m n + n²). It suits the small LPs of Clarkson's method, which keep adding rows to
/// one LP and solve it many times from the last optimum: rows are appended (<see cref="AddRow"/>) and stored both
/// row by row and column by column, so no solve transposes or re-normalises anything.
/// An optional cap c·x &lt;= <c>cap</c> (a row whose normal is the objective) ends a solve as soon as it
/// blocks, since the objective is then at its maximum. Not thread-safe; buffers are reused.
/// </summary>
internal sealed class VertexSimplex(Tolerances tolerances)
{
    /// <summary>Slot contents other than a row index.</summary>
    private const int Pin = -1, CapRow = -2;

    private int n, capacity;
    private double[] rows = [], columns = [], rhs = [], norm = [], slack = [], along = [], ratios = [];
    private bool[] inBasis = [];
    private double[] inverse = [];   // column q of D at [q·n, (q+1)·n)
    private double[] transposed = [];  // D transposed and padded, for the dual bounds
    private double[] lambda = [], point = [], edge = [], pivotDots = [], objective = [];
    private int[] slot = [];
    private double cap;
    private int updates;   // rank-one updates of D since it was last computed afresh

    /// <summary>The number of rows added since <see cref="Reset"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Iterations of the last solve (releases and pivots).</summary>
    public int Iterations { get; private set; }

    /// <summary>The rows added since <see cref="Reset"/>, row by row (<see cref="Count"/> × the variables).</summary>
    public ReadOnlySpan<double> Rows => rows.AsSpan(0, Count * n);

    /// <summary>The offsets b of the rows added since <see cref="Reset"/>.</summary>
    public ReadOnlySpan<double> Offsets => rhs.AsSpan(0, Count);

    /// <summary>The point reached by the last solve (or set by <see cref="Start"/>).</summary>
    public ReadOnlySpan<double> Point => point.AsSpan(0, n);

    /// <summary>Empties the LP: <paramref name="variables"/> variables, room for <paramref name="rowCapacity"/>
    /// rows.</summary>
    public void Reset(int variables, int rowCapacity)
    {
        n = variables;
        Count = 0;
        if (capacity < rowCapacity) capacity = Math.Max(rowCapacity, 2 * capacity);
        // Columns are `capacity` apart, so the matrices must hold capacity × n whatever the last n was.
        if (columns.Length < capacity * n) { rows = new double[capacity * n]; columns = new double[capacity * n]; }
        if (rhs.Length < capacity)
        {
            rhs = new double[capacity]; norm = new double[capacity]; slack = new double[capacity];
            along = new double[capacity]; ratios = new double[capacity]; inBasis = new bool[capacity];
        }
        if (slot.Length < n)
        {
            slot = new int[n]; inverse = new double[n * n]; lambda = new double[n]; point = new double[n];
            edge = new double[n]; pivotDots = new double[n]; objective = new double[n];
        }
    }

    /// <summary>Appends the row a·x &lt;= b; returns its index.</summary>
    public int AddRow(ReadOnlySpan<double> a, double b)
    {
        int j = Count++;
        a.CopyTo(rows.AsSpan(j * n, n));
        for (int t = 0; t < n; t++) columns[t * capacity + j] = a[t];
        rhs[j] = b;
        norm[j] = VectorMath.Norm(a);
        inBasis[j] = false;
        return j;
    }

    /// <summary>Places the solver at <paramref name="start"/> with the given rows held tight (rows dependent on
    /// those before them are left out) and pins completing the basis. False, doing nothing else, when the point
    /// violates a row or the cap by more than <paramref name="allowed"/>.</summary>
    public bool Start(ReadOnlySpan<double> start, ReadOnlySpan<int> tight, ReadOnlySpan<double> c, double capValue,
        double allowed)
    {
        if (VectorMath.Dot(c, start) > capValue + allowed) return false;
        var s = slack.AsSpan(0, Count);
        VectorMath.MultiplyColumns(columns, capacity, Count, start, s);
        for (int j = 0; j < Count; j++)
        {
            s[j] = rhs[j] - s[j];
            if (s[j] < -allowed) return false;
        }
        start.CopyTo(point);
        c.CopyTo(objective);
        cap = capValue;
        var d = inverse.AsSpan(0, n * n);
        d.Clear();
        for (int q = 0; q < n; q++) { d[q * n + q] = 1; slot[q] = Pin; }
        for (int j = 0; j < Count; j++) inBasis[j] = false;
        foreach (int row in tight) PinDown(row);
        updates = 0;
        return true;
    }

    /// <summary>A new objective and cap from the vertex the last solve reached (the same rows held, so only pivots
    /// remain): the old cap's slot becomes a pin, since its row is not a constraint of the new LP. False, changing
    /// nothing, when the point exceeds the new cap by more than <paramref name="allowed"/>.</summary>
    public bool Retarget(ReadOnlySpan<double> c, double capValue, double allowed)
    {
        if (VectorMath.Dot(c, point.AsSpan(0, n)) > capValue + allowed) return false;
        c.CopyTo(objective);
        cap = capValue;
        for (int q = 0; q < n; q++) if (slot[q] == CapRow) slot[q] = Pin;
        if (updates >= UpdatesBeforeRefactor) Refactor();
        return true;
    }

    // Rank-one updates let rounding errors in D accumulate; after this many (a few LPs' worth) D is computed
    // afresh from the held rows.
    private const int UpdatesBeforeRefactor = 32;

    /// <summary>D recomputed from the rows held (pins for the rest), at the same point.</summary>
    private void Refactor()
    {
        Span<int> held = stackalloc int[n];
        int k = CopyBasisRows(held);
        var d = inverse.AsSpan(0, n * n);
        d.Clear();
        for (int q = 0; q < n; q++) { d[q * n + q] = 1; slot[q] = Pin; }
        for (int i = 0; i < k; i++) inBasis[held[i]] = false;
        for (int i = 0; i < k; i++) PinDown(held[i]);
        updates = 0;
    }

    /// <summary>Replaces the pin with the largest pivot by <paramref name="row"/>, unless the row is (nearly)
    /// dependent on the rows already held.</summary>
    private void PinDown(int row)
    {
        var a = rows.AsSpan(row * n, n);
        int best = -1;
        double bestPivot = 0;
        for (int q = 0; q < n; q++)
        {
            if (slot[q] != Pin) continue;
            double p = Math.Abs(VectorMath.Dot(a, inverse.AsSpan(q * n, n)));
            if (p > bestPivot) { bestPivot = p; best = q; }
        }
        if (best < 0 || !(bestPivot > NumericGuards.LpDependenceRatio * norm[row])) return;
        Replace(best, a);
        slot[best] = row;
        inBasis[row] = true;
        slack[row] = 0;
    }

    /// <summary>Maximises c·x from the start point. Optimal when no released slot improves the objective or the
    /// cap blocks; the point is then in <see cref="Point"/>.</summary>
    public LpStatus Maximize()
    {
        double cNorm = VectorMath.Norm(objective.AsSpan(0, n));
        if (cNorm == 0) { Iterations = 0; return LpStatus.Optimal; }
        bool degenerate = false;
        for (int q = 0; q < n; q++) lambda[q] = VectorMath.Dot(objective.AsSpan(0, n), inverse.AsSpan(q * n, n));
        for (Iterations = 0; Iterations < tolerances.MaxIterations; Iterations++)
        {
            int leave = ChooseRelease(cNorm, degenerate, out double sign);
            if (leave < 0) return LpStatus.Optimal;
            var d = edge.AsSpan(0, n);
            var dq = inverse.AsSpan(leave * n, n);
            for (int t = 0; t < n; t++) d[t] = sign * dq[t];
            double dNorm = Math.Sqrt(VectorMath.Dot(d, d));
            int enter = RatioTest(d, dNorm, out double step);
            double rise = sign * lambda[leave];
            double capStep = rise > 0 ? Math.Max(0, cap - VectorMath.Dot(objective.AsSpan(0, n), point.AsSpan(0, n))) / rise : double.PositiveInfinity;
            if (capStep <= step)
            {
                if (double.IsPositiveInfinity(capStep)) return LpStatus.Unbounded;
                Move(d, capStep, Count);
                Replace(leave, objective.AsSpan(0, n));
                UpdateMultipliers(leave);
                Release(leave);
                slot[leave] = CapRow;
                return LpStatus.Optimal;
            }
            if (enter < 0) return LpStatus.Imprecise; // no row blocks and the cap's step is not a number (overflowed data)
            Move(d, step, Count);
            Replace(leave, rows.AsSpan(enter * n, n));
            UpdateMultipliers(leave);
            Release(leave);
            slot[leave] = enter;
            inBasis[enter] = true;
            slack[enter] = 0;
            degenerate = step == 0;
        }
        return LpStatus.IterationLimit;
    }

    /// <summary>Whether the point reached, recomputed from the rows, exceeds one by more than
    /// <see cref="NumericGuards.LpVertexDrift"/> × <paramref name="scale"/>: an optimum that drifted off its rows
    /// gives a wrong value, and callers solve again or take no answer.</summary>
    public bool DriftedOffRows(double scale) => MaxViolation() > NumericGuards.LpVertexDrift * scale;

    /// <summary>The largest amount by which the point reached exceeds a row's offset, recomputed from the rows: the
    /// slacks a solve keeps are updated step by step and do not show the drift of an ill-conditioned inverse
    /// (nearly dependent rows), which can leave a reported optimum off its rows.</summary>
    public double MaxViolation()
    {
        var s = ratios.AsSpan(0, Count);
        VectorMath.MultiplyColumns(columns, capacity, Count, point.AsSpan(0, n), s);
        double worst = 0;
        for (int j = 0; j < Count; j++) worst = Math.Max(worst, s[j] - rhs[j]);
        return worst;
    }

    /// <summary>
    /// After rows were appended to an LP just solved to optimality: the old optimum is still dual feasible, so
    /// dual simplex steps restore primal feasibility — the most violated row enters, and leaves the slot whose
    /// edge reaches it at the least loss of objective (the dual ratio test, min λ_q / w_q over edges moving
    /// towards the row). The result is a vertex optimal for the same objective with the new rows, from which
    /// <see cref="Maximize"/> or a new <see cref="Start"/> continues: one or two steps usually, against a fresh
    /// start's n pin releases. False (state unusable) if the steps fail.
    /// </summary>
    public bool Restore(double allowed)
    {
        var s = slack.AsSpan(0, Count);
        VectorMath.MultiplyColumns(columns, capacity, Count, point.AsSpan(0, n), s);
        for (int j = 0; j < Count; j++) s[j] = inBasis[j] ? 0 : rhs[j] - s[j];
        int steps = 0;
        while (true)
        {
            int violated = -1;
            double worst = -allowed;
            for (int j = 0; j < Count; j++)
                if (!inBasis[j] && s[j] < worst) { worst = s[j]; violated = j; }
            if (violated < 0) break;
            if (++steps > n + Count) return false;
            var a = rows.AsSpan(violated * n, n);
            int leave = -1;
            double bestRatio = double.PositiveInfinity, sign = 0;
            for (int q = 0; q < n; q++)
            {
                var dq = inverse.AsSpan(q * n, n);
                double w = VectorMath.Dot(a, dq);
                double sigma = slot[q] == Pin ? (w > 0 ? -1 : 1) : -1;
                if (!(sigma * w < 0)
                    || !(sigma * w < -NumericGuards.LpDependenceRatio * norm[violated] * Math.Sqrt(VectorMath.Dot(dq, dq))))
                    continue;
                double ratio = slot[q] == Pin ? 0 : Math.Max(0, lambda[q]) / w;
                if (ratio < bestRatio) { bestRatio = ratio; leave = q; sign = sigma; }
            }
            if (leave < 0) return false;
            var d = edge.AsSpan(0, n);
            var dl = inverse.AsSpan(leave * n, n);
            for (int t = 0; t < n; t++) d[t] = sign * dl[t];
            var ad = along.AsSpan(0, Count);
            VectorMath.MultiplyColumns(columns, capacity, Count, d, ad);
            double step = s[violated] / ad[violated];
            Move(d, step, Count);
            Replace(leave, a);
            UpdateMultipliers(leave);
            Release(leave);
            slot[leave] = violated;
            inBasis[violated] = true;
            s[violated] = 0;
        }
        Iterations = steps;
        return true;
    }

    /// <summary>λ after <see cref="Replace"/> of slot q, from the same update: λ_q ← λ_q / pivot,
    /// λ_p ← λ_p − (a·D_p) λ_q.</summary>
    private void UpdateMultipliers(int q)
    {
        double lq = lambda[q] / pivotDots[q];
        lambda[q] = lq;
        for (int p = 0; p < n; p++) if (p != q) lambda[p] -= pivotDots[p] * lq;
    }

    private void Release(int q)
    {
        if (slot[q] >= 0) inBasis[slot[q]] = false;
    }

    /// <summary>The slot to release and the direction (±1) to move along its edge, or −1 at an optimum. Pins go
    /// first (either way, whichever raises the objective); then the row with the most negative multiplier
    /// (scaled by its norm), or after a degenerate step the lowest row index (Bland's rule, against cycling at
    /// vertices where many hyperplanes meet).</summary>
    private int ChooseRelease(double cNorm, bool bland, out double sign)
    {
        sign = 0;
        int chosen = -1;
        double best = 0;
        for (int q = 0; q < n; q++)
        {
            // A pin whose multiplier is zero gains nothing either way (and its edge's length is not needed).
            if (slot[q] != Pin || lambda[q] == 0) continue;
            var dq = inverse.AsSpan(q * n, n);
            double gain = Math.Abs(lambda[q]) / Math.Sqrt(VectorMath.Dot(dq, dq));
            if (gain > NumericGuards.LpObjectiveGain * cNorm && gain > best) { best = gain; chosen = q; }
        }
        if (chosen >= 0) { sign = lambda[chosen] > 0 ? 1 : -1; return chosen; }
        double threshold = -tolerances.Optimality * cNorm;
        for (int q = 0; q < n; q++)
        {
            int row = slot[q];
            if (row < 0) continue;
            double l = lambda[q] * norm[row];
            if (l >= threshold) continue;
            if (chosen < 0) { chosen = q; best = l; continue; }
            if (bland ? row < slot[chosen] : l < best) { chosen = q; best = l; }
        }
        sign = -1;
        return chosen;
    }

    /// <summary>The first row hit moving along d (ties: lowest row index); rows with a component along d below
    /// <see cref="NumericGuards.LpDependenceRatio"/> × ‖a‖ ‖d‖ do not block.</summary>
    private int RatioTest(ReadOnlySpan<double> d, double dNorm, out double step)
    {
        var ad = along.AsSpan(0, Count);
        VectorMath.MultiplyColumns(columns, capacity, Count, d, ad);
        var ratio = ratios.AsSpan(0, Count);
        VectorMath.BlockingRatios(slack, ad, norm, NumericGuards.LpDependenceRatio * dNorm, ratio);
        int best = -1;
        double least = double.PositiveInfinity; // a local: the JIT stores an out parameter at every assignment
        var held = inBasis.AsSpan(0, ratio.Length);
        for (int j = 0; j < ratio.Length; j++)
            if (ratio[j] < least && !held[j]) { least = ratio[j]; best = j; }
        step = least;
        return best;
    }

    private void Move(ReadOnlySpan<double> d, double step, int count)
    {
        if (step == 0) return;
        for (int t = 0; t < n; t++) point[t] += step * d[t];
        for (int j = 0; j < count; j++) slack[j] -= step * along[j];
    }

    /// <summary>Slot q's row becomes <paramref name="a"/>: D_q ← D_q / (a·D_q), D_p ← D_p − (a·D_p) D_q.</summary>
    private void Replace(int q, ReadOnlySpan<double> a)
    {
        updates++;
        for (int p = 0; p < n; p++) pivotDots[p] = VectorMath.Dot(a, inverse.AsSpan(p * n, n));
        var dq = inverse.AsSpan(q * n, n);
        double inv = 1 / pivotDots[q];
        for (int t = 0; t < n; t++) dq[t] *= inv;
        for (int p = 0; p < n; p++)
        {
            if (p == q || pivotDots[p] == 0) continue;
            var dp = inverse.AsSpan(p * n, n);
            double f = pivotDots[p];
            for (int t = 0; t < n; t++) dp[t] -= f * dq[t];
        }
    }

    /// <summary>The rows held at the last solve's end, as <see cref="CopyBasisRows"/>, and when they fill the basis
    /// (a vertex) the basis inverse's columns in the same order into <paramref name="inverseColumns"/> (n × n): column
    /// i moves row i alone. Returns how many rows.</summary>
    public int CopyBasis(Span<int> held, Span<double> inverseColumns)
    {
        int k = CopyBasisRows(held);
        if (k == n) inverse.AsSpan(0, n * n).CopyTo(inverseColumns);
        return k;
    }

    /// <summary>The rows held at the last solve's end; returns how many (pins and the cap are not rows).</summary>
    public int CopyBasisRows(Span<int> held)
    {
        int k = 0;
        for (int q = 0; q < n; q++) if (slot[q] >= 0) held[k++] = slot[q];
        return k;
    }

    /// <summary>
    /// Weak-duality bounds at the vertex the last solve ended at (every slot a row or the cap): each row j of
    /// <paramref name="which"/> (normals given column by column in <paramref name="allColumns"/>,
    /// <paramref name="count"/> rows) is a_j = Σ μ_q a_q over the held rows with μ_q = a_j·D_q; when every μ_q is
    /// non-negative, a_j·x ≤ Σ μ_q b_q on the LP's feasible set, written to <paramref name="bound"/>[j];
    /// otherwise (or when a pin is still held) +∞.
    /// </summary>
    public void DualBounds(ReadOnlySpan<double> allRows, ReadOnlySpan<int> which, Span<double> bound)
    {
        for (int q = 0; q < n; q++)
        {
            if (slot[q] != Pin) continue;
            foreach (int j in which) bound[j] = double.PositiveInfinity;
            return;
        }
        double threshold = -tolerances.Optimality;
        // D transposed, slots padded to whole vectors with zero columns (μ = 0 there): all μ_q of a row are then
        // one vector sum over t, each μ_q summed in Dot's order, so the same numbers as one Dot per slot.
        int width = (n + 3) & ~3;
        if (transposed.Length < n * width) transposed = new double[n * width];
        var dt = transposed.AsSpan(0, n * width);
        dt.Clear();
        for (int q = 0; q < n; q++)
            for (int t = 0; t < n; t++) dt[t * width + q] = inverse[q * n + t];
        Span<double> mu = stackalloc double[width];
        Span<double> offset = stackalloc double[n];
        for (int q = 0; q < n; q++) offset[q] = slot[q] == CapRow ? cap : rhs[slot[q]];
        foreach (int j in which)
        {
            var a = allRows.Slice(j * n, n);
            bool inCone = MultipliersOf(a, dt, width, mu, threshold);
            double sum = 0;
            if (inCone) for (int q = 0; q < n; q++) sum += mu[q] * offset[q];
            bound[j] = inCone ? sum : double.PositiveInfinity;
        }
    }

    /// <summary>μ = Dᵀa into <paramref name="mu"/> (from D transposed and padded to <paramref name="width"/> slots);
    /// false when some μ_q is below <paramref name="threshold"/>.</summary>
    private static bool MultipliersOf(ReadOnlySpan<double> a, ReadOnlySpan<double> dt, int width, Span<double> mu,
        double threshold)
    {
        int n = a.Length;
        if (!Vector256.IsHardwareAccelerated)
        {
            for (int q = 0; q < n; q++)
            {
                double s = 0;
                for (int t = 0; t < n; t++) s += a[t] * dt[t * width + q];
                if (s < threshold) return false;
                mu[q] = s;
            }
            return true;
        }
        var floor = Vector256.Create(threshold);
        ref double d0 = ref MemoryMarshal.GetReference(dt);
        ref double m0 = ref MemoryMarshal.GetReference(mu);
        for (int q = 0; q < width; q += 4)
        {
            var s = Vector256<double>.Zero;
            for (int t = 0; t < n; t++) s += Vector256.Create(a[t]) * Vector256.LoadUnsafe(ref d0, (nuint)(t * width + q));
            if (Vector256.LessThanAny(s, floor)) return false;
            s.StoreUnsafe(ref m0, (nuint)q);
        }
        return true;
    }
}
