using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>The largest Euclidean ball in a polyhedron. Radius is +∞ for a polyhedron containing arbitrarily
/// large balls and negative (or −∞) for an empty one.</summary>
public readonly record struct ChebyshevBall(LpStatus Status, double[] Centre, double Radius);

/// <summary>
/// Chebyshev centre of {x : A x &lt;= b} by the LP
/// <c>max r  s.t.  A_i·x + ‖A_i‖₂·r &lt;= b_i  for all i,  x and r free</c>.
/// Because r is free, any x with r = min_i (b_i − A_i·x)/‖A_i‖ is feasible, so there is no phase 1 and a nearby
/// point (a neighbour region's centre) is a warm start. The optimum is the inscribed radius when positive and
/// negative when the polytope has no interior. The LP runs on the vertex simplex (<see cref="VertexSimplex"/>:
/// the basis inverse updated by rank-one steps, slacks kept from step to step), which took 8.1 steps a solve on
/// the 6-D benchmark network against the active-set kernel's 9.0, each cheaper (no slacks recomputed, no
/// Gram–Schmidt); the kernel solves again where the simplex fails. Not thread-safe; buffers are reused.
/// </summary>
public sealed class ChebyshevSolver(Tolerances? tolerances = null)
{
    private readonly VertexSimplex simplex = new(tolerances ?? Tolerances.Default);
    private readonly ActiveSetKernel kernel = new(tolerances ?? Tolerances.Default);
    private readonly VertexPolish polish = new();
    private int[] tight = [];
    private double[] row = [];
    private double[] objective = [];
    private double[] point = [];
    private double[] inverse = [];

    /// <summary>Simplex steps of the last solve (0 when <see cref="SolveNearest"/>'s guess held).</summary>
    public int LastIterations => guessed ? 0 : simplex.Iterations;
    private bool guessed;

    /// <summary>Tests: the dual simplex's steps in the last <see cref="SolveNearest"/> (−1: it did not run or did
    /// not settle the ball).</summary>
    internal int LastDualSteps { get; private set; } = -1;

    public ChebyshevBall Compute(HPolytope p, ReadOnlySpan<double> start = default)
    {
        var centre = new double[p.Dimension];
        if (start.IsEmpty) start = new double[p.Dimension];
        var status = Solve(p.RowMajorA, p.B, p.Dimension, start, centre, out double radius);
        return new ChebyshevBall(status, centre, radius);
    }

    /// <summary>Span form for hot loops. Rows with a zero normal are constant constraints 0 &lt;= b_i: satisfied,
    /// or (b_i &lt; 0) making the set empty.</summary>
    public LpStatus Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dimension, ReadOnlySpan<double> start,
        Span<double> centre, out double radius) =>
        Solve(a, b, dimension, start, centre, double.PositiveInfinity, out radius);

    /// <summary>As above with the extra row r &lt;= <paramref name="radiusCap"/>: for a polyhedron containing
    /// arbitrarily large balls this still gives a deep interior point (radius = the cap).</summary>
    public LpStatus Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dimension, ReadOnlySpan<double> start,
        Span<double> centre, double radiusCap, out double radius)
    {
        int n = dimension, w = n + 1;
        bool capped = double.IsFinite(radiusCap);
        guessed = false;
        basisHeld = 0;
        int m = b.Length + (capped ? 1 : 0);
        Ensure(w);
        simplex.Reset(w, m);
        var extended = row.AsSpan(0, w);
        double r0 = double.PositiveInfinity;
        for (int i = 0; i < b.Length; i++)
        {
            var ai = a.Slice(i * n, n);
            double norm = VectorMath.Norm(ai);
            if (norm == 0 && b[i] < 0) { radius = double.NegativeInfinity; start.CopyTo(centre); return LpStatus.Infeasible; }
            ai.CopyTo(extended);
            extended[n] = norm;
            simplex.AddRow(extended, b[i]);
            if (norm > 0) r0 = Math.Min(r0, (b[i] - VectorMath.Dot(ai, start)) / norm);
        }
        if (capped)
        {
            extended.Clear();
            extended[n] = 1;
            simplex.AddRow(extended, radiusCap);
        }
        double startRadius = double.IsPositiveInfinity(r0) ? 0 : capped ? Math.Min(r0, radiusCap) : r0;
        var x = point.AsSpan(0, w);
        start.CopyTo(x);
        x[n] = startRadius;
        var c = objective.AsSpan(0, w);
        c.Clear();
        c[n] = 1;
        var status = SolveBySimplex(x, c);
        if (capped) basisHeld = 0; // the cap's row is none of the rows given
        if (status is not (LpStatus.Optimal or LpStatus.Unbounded))
        {
            // The vertex simplex failed or drifted off its rows: the active-set kernel, whose Gram–Schmidt basis
            // holds at apexes of nearly dependent rows, solves the LP again from the same start.
            start.CopyTo(x);
            x[n] = startRadius;
            status = kernel.Maximize(simplex.Rows, simplex.Offsets, c, x);
            if (status == LpStatus.Optimal)
            {
                int held = kernel.CopyWorkingRows(tight);
                polish.Refine(simplex.Rows, simplex.Offsets, tight.AsSpan(0, held), x);
            }
        }
        x[..n].CopyTo(centre);
        radius = status == LpStatus.Unbounded ? double.PositiveInfinity : x[n];
        return status;
    }

    /// <summary>
    /// As <see cref="Solve(ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, Span{double}, out double)"/>
    /// for the few facet rows of a polygon or polyhedron, from a start inside it: first the vertex of the lifted LP
    /// held by the n + 1 rows nearest the start (least slack per norm), then by those with one swapped for the next
    /// nearest, each taken when it is feasible (no other row violated beyond the simplex's drift) and the only
    /// optimum (its multipliers positive, <see cref="NumericGuards.ChebyshevGuessMultiplier"/>), and refined as the
    /// simplex's optimum is. The inscribed ball of a region touches its nearest facets: on a 3-20-20 network's
    /// regions the nearest four hold it in 45 % of them, where the simplex takes four steps. A try with positive
    /// multipliers whose vertex some row cuts goes on by dual simplex steps (<see cref="DualSteps"/>) at once;
    /// where no try has positive multipliers, they start from a basis with the sixth or seventh nearest row
    /// (<see cref="FindDualStart"/>). On 3-20-20: 4526 of 6604 regions by a try, 1993 by dual steps (0–3, mostly
    /// one), 85 by the simplex, which then picks among several optima as it always did.
    /// </summary>
    public LpStatus SolveNearest(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dimension, ReadOnlySpan<double> start,
        Span<double> centre, out double radius)
    {
        int n = dimension, w = n + 1, k = b.Length;
        LastDualSteps = -1;
        if (AlwaysFallBack || w > MaxGuessVariables || k < w || k > MaxGuessRows)
            return Solve(a, b, dimension, start, centre, out radius);
        Span<double> lifted = stackalloc double[MaxGuessRows * MaxGuessVariables];
        Span<double> slack = stackalloc double[MaxGuessRows];
        Span<int> order = stackalloc int[MaxGuessRows];
        double largest = 0;
        for (int i = 0; i < k; i++)
        {
            var ai = a.Slice(i * n, n);
            double norm = VectorMath.Norm(ai);
            if (norm == 0) return Solve(a, b, dimension, start, centre, out radius);
            ai.CopyTo(lifted.Slice(i * w, n));
            lifted[i * w + n] = norm;
            double s = (b[i] - VectorMath.Dot(ai, start)) / norm;
            int j = i;
            for (; j > 0 && slack[j - 1] > s; j--) { slack[j] = slack[j - 1]; order[j] = order[j - 1]; }
            slack[j] = s;
            order[j] = i;
            largest = Math.Max(largest, Math.Abs(b[i]));
        }
        Ensure(w);
        double allowed = NumericGuards.LpVertexDrift * (1 + largest);
        int pool = Math.Min(k, w + 1);
        Span<int> basis = stackalloc int[MaxGuessVariables];
        Span<int> dualStart = stackalloc int[MaxGuessVariables];
        bool dualFound = false;
        Span<double> x = stackalloc double[MaxGuessVariables];
        x = x[..w];
        basis = basis[..w];
        dualStart = dualStart[..w];
        var rows = lifted[..(k * w)];
        var inverseColumns = inverse.AsSpan(0, w * w);
        for (int skip = pool - 1; skip >= 0; skip--)
        {
            if (pool == w && skip != w - 1) break; // exactly n + 1 rows: one try
            for (int q = 0, t = 0; t < pool; t++) if (t != skip || pool == w) basis[q++] = order[t];
            if (!Vertex(rows, b, basis, x, inverseColumns)) continue;
            if (!Positive(inverseColumns, w)) continue;
            if (MostViolated(rows, b, x, allowed) < 0) return Accept(rows, b, basis, x, centre, out radius);
            // Positive multipliers, a row cut: the dual steps from here rather than more guesses.
            basis.CopyTo(dualStart);
            dualFound = true;
            break;
        }
        if (!dualFound) dualFound = FindDualStart(rows, b, order[..k], pool, dualStart, x, inverseColumns);
        if (dualFound && DualSteps(rows, b, dualStart, x, inverseColumns, allowed, out int steps))
        {
            LastDualSteps = steps;
            return Accept(rows, b, dualStart, x, centre, out radius);
        }
        return Solve(a, b, dimension, start, centre, out radius);
    }

    /// <summary>
    /// A dual-feasible basis (positive multipliers, <see cref="Positive"/>) among the rows nearest the start
    /// beyond the first <paramref name="tried"/>: for each next nearest row, the bases it makes with the nearer
    /// ones, up to <see cref="DualStartRows"/> rows in all, in a fixed order.
    /// </summary>
    private static bool FindDualStart(ReadOnlySpan<double> rows, ReadOnlySpan<double> b, ReadOnlySpan<int> order,
        int tried, Span<int> basis, Span<double> x, Span<double> columns)
    {
        int w = basis.Length, last = Math.Min(order.Length, DualStartRows);
        for (int newest = tried; newest < last; newest++)
            for (uint mask = 0; mask < 1u << newest; mask++)
            {
                if (System.Numerics.BitOperations.PopCount(mask) != w - 1) continue;
                int q = 0;
                for (uint m = mask; m != 0; m &= m - 1) basis[q++] = order[System.Numerics.BitOperations.TrailingZeroCount(m)];
                basis[q] = order[newest];
                if (Vertex(rows, b, basis, x, columns) && Positive(columns, w)) return true;
            }
        return false;
    }

    /// <summary>The vertex held by the basis rows, x = D·b_B, with D the basis inverse (into
    /// <paramref name="columns"/>); false when the rows are nearly dependent.</summary>
    private static bool Vertex(ReadOnlySpan<double> rows, ReadOnlySpan<double> b, ReadOnlySpan<int> basis, Span<double> x,
        Span<double> columns)
    {
        int w = basis.Length;
        if (!Invert(rows, basis, w, columns)) return false;
        for (int t = 0; t < w; t++)
        {
            double sum = 0;
            for (int q = 0; q < w; q++) sum += columns[q * w + t] * b[basis[q]];
            x[t] = sum;
        }
        return true;
    }

    /// <summary>Whether the multipliers of max x_n at the basis, row n of its inverse (λ_q = D_q[n]), are all
    /// positive (<see cref="NumericGuards.ChebyshevGuessMultiplier"/>): the basis is dual feasible, and at a
    /// feasible x its vertex is the only optimum.</summary>
    private static bool Positive(ReadOnlySpan<double> columns, int w)
    {
        for (int q = 0; q < w; q++)
            if (!(columns[q * w + w - 1] > NumericGuards.ChebyshevGuessMultiplier)) return false;
        return true;
    }

    /// <summary>The row x violates most, by more than <paramref name="allowed"/>, or −1 when x is feasible.</summary>
    private static int MostViolated(ReadOnlySpan<double> rows, ReadOnlySpan<double> b, ReadOnlySpan<double> x,
        double allowed)
    {
        int w = x.Length, worst = -1;
        double most = allowed;
        for (int i = 0; i < b.Length; i++)
        {
            double excess = VectorMath.Dot(rows.Slice(i * w, w), x) - b[i];
            if (excess > most) { most = excess; worst = i; }
        }
        return worst;
    }

    /// <summary>
    /// The dual simplex from a dual-feasible basis whose vertex violates some row: the most violated row enters,
    /// and the basis row whose multiplier reaches zero first as it does leaves (multipliers λ − θ·α with α the
    /// entering row in the basis rows' terms, α_q = row·D_q), so the multipliers stay positive and the radius falls
    /// to the largest ball that no row cuts. True with <paramref name="basis"/>, x and the inverse at a feasible
    /// vertex with positive multipliers (the only optimum), <paramref name="steps"/> the steps taken; false after a
    /// tie (a multiplier at zero: optima that may slide, left to the simplex), a dependent basis or
    /// <see cref="MaxDualSteps"/> steps.
    /// </summary>
    private static bool DualSteps(ReadOnlySpan<double> rows, ReadOnlySpan<double> b, Span<int> basis, Span<double> x,
        Span<double> columns, double allowed, out int steps)
    {
        int w = basis.Length;
        steps = 0;
        if (!Vertex(rows, b, basis, x, columns)) return false;
        for (; steps <= MaxDualSteps; steps++)
        {
            int entering = MostViolated(rows, b, x, allowed);
            if (entering < 0) return true;
            if (steps == MaxDualSteps) break;
            var row = rows.Slice(entering * w, w);
            int leaving = -1;
            double ratio = double.PositiveInfinity;
            for (int q = 0; q < w; q++)
            {
                double alpha = VectorMath.Dot(row, columns.Slice(q * w, w));
                if (!(alpha > 0)) continue;
                double r = columns[q * w + w - 1] / alpha;
                if (r < ratio) { ratio = r; leaving = q; }
            }
            if (leaving < 0) return false; // no bounded ball: cannot be for a region, left to the simplex
            basis[leaving] = entering;
            if (!Vertex(rows, b, basis, x, columns) || !Positive(columns, w)) return false;
        }
        return false;
    }

    /// <summary>Takes the vertex of <paramref name="basis"/> (x, with its inverse in <c>inverse</c>) as the
    /// optimum, refined as the simplex's is.</summary>
    private LpStatus Accept(ReadOnlySpan<double> rows, ReadOnlySpan<double> b, ReadOnlySpan<int> basis, Span<double> x,
        Span<double> centre, out double radius)
    {
        int w = basis.Length;
        basis.CopyTo(tight);
        polish.Refine(rows, b, tight.AsSpan(0, w), x, inverse.AsSpan(0, w * w));
        basisHeld = w;
        guessed = true;
        x[..(w - 1)].CopyTo(centre);
        radius = x[w - 1];
        return LpStatus.Optimal;
    }

    // The dual simplex's steps before the simplex takes over; the nearest rows searched for its start.
    private const int MaxDualSteps = 8, DualStartRows = 7;

    // SolveNearest's sizes: a lifted polyhedron's four variables, and the facets of a typical region with room.
    private const int MaxGuessVariables = 4, MaxGuessRows = 16;

    /// <summary>The inverse of the w × w matrix of the given lifted rows (<see cref="BasisInverse"/>: by cofactors
    /// for a 2-D polygon's three variables and a 3-D polyhedron's four, else by elimination), column by column into
    /// <paramref name="columns"/>; false when it is nearly singular.</summary>
    private static bool Invert(ReadOnlySpan<double> rows, ReadOnlySpan<int> basis, int w, Span<double> columns)
    {
        if (w == 4)
        {
            Span<double> m = stackalloc double[16];
            for (int r = 0; r < 4; r++) rows.Slice(basis[r] * 4, 4).CopyTo(m.Slice(r * 4, 4));
            return BasisInverse.Invert4(m, columns);
        }
        if (w == 3)
        {
            Span<double> m = stackalloc double[9];
            for (int r = 0; r < 3; r++) rows.Slice(basis[r] * 3, 3).CopyTo(m.Slice(r * 3, 3));
            return BasisInverse.Invert3(m, columns);
        }
        Span<double> aug = stackalloc double[MaxGuessVariables * 2 * MaxGuessVariables];
        aug = aug[..(2 * w * w)];
        aug.Clear();
        for (int r = 0; r < w; r++)
        {
            rows.Slice(basis[r] * w, w).CopyTo(aug.Slice(r * 2 * w, w));
            aug[r * 2 * w + w + r] = 1;
        }
        return BasisInverse.Invert(aug, w, columns);
    }

    /// <summary>Tests only: every solve takes the active-set kernel's path, as after a failed simplex.</summary>
    internal bool AlwaysFallBack { get; init; }

    /// <summary>The LP on the vertex simplex from <paramref name="x"/> (the optimum on return), refined. Imprecise
    /// when the optimum, recomputed from the rows, exceeds one by more than <see cref="NumericGuards.LpVertexDrift"/>
    /// × (1 + the largest |b_i|), as <see cref="FacetFinder"/> checks the same simplex's optima.</summary>
    private LpStatus SolveBySimplex(Span<double> x, ReadOnlySpan<double> c)
    {
        if (AlwaysFallBack) return LpStatus.Imprecise;
        // The start is feasible by construction (up to the rounding of r0, which the ratio tests read as slack 0).
        simplex.Start(x, [], c, double.PositiveInfinity, double.PositiveInfinity);
        var status = simplex.Maximize();
        simplex.Point.CopyTo(x);
        if (status != LpStatus.Optimal) return status;
        if (simplex.DriftedOffRows(1 + VectorMath.MaxAbs(simplex.Offsets))) return LpStatus.Imprecise;
        // The simplex's vertex carries rounding amplified by the angles its rows met at; refine it from its rows.
        int w = x.Length;
        int held = simplex.CopyBasis(tight, inverse);
        var basisInverse = held == w ? inverse.AsSpan(0, w * w) : [];
        polish.Refine(simplex.Rows, simplex.Offsets, tight.AsSpan(0, held), x, basisInverse);
        basisHeld = held;
        return status;
    }

    private int basisHeld;

    /// <summary>After an uncapped solve that ended optimal at a vertex of the lifted LP (every basis slot a row, as
    /// the simplex leaves a strict optimum): the basis rows (indices of the rows given) and the basis inverse, column
    /// q (at [q·(n+1), (q+1)·(n+1))) the edge releasing row q alone. False otherwise (the fallback kernel's answer,
    /// an optimum held by fewer rows).</summary>
    internal bool TryOptimalBasis(int dimension, out ReadOnlySpan<int> rows, out ReadOnlySpan<double> basisInverse)
    {
        int w = dimension + 1;
        bool held = basisHeld == w;
        rows = held ? tight.AsSpan(0, w) : [];
        basisInverse = held ? inverse.AsSpan(0, w * w) : [];
        return held;
    }

    private void Ensure(int w)
    {
        if (objective.Length >= w) return;
        objective = new double[w];
        point = new double[w];
        row = new double[w];
        tight = new int[w];
        inverse = new double[w * w];
    }
}
