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
    /// simplex's optimum is; otherwise the simplex, which then picks among several optima as it always did. The
    /// inscribed ball of a region touches its nearest facets: on a 3-20-20 network's regions (6 facets) the nearest
    /// four hold it in 45 % of them and one of these five tries in 76 %, where the simplex takes four steps.
    /// </summary>
    public LpStatus SolveNearest(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dimension, ReadOnlySpan<double> start,
        Span<double> centre, out double radius)
    {
        int n = dimension, w = n + 1, k = b.Length;
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
        Span<double> x = stackalloc double[MaxGuessVariables];
        Span<double> multipliers = stackalloc double[MaxGuessVariables];
        x = x[..w];
        var rows = lifted[..(k * w)];
        for (int skip = pool - 1; skip >= 0; skip--)
        {
            if (pool == w && skip != w - 1) break; // exactly n + 1 rows: one try
            for (int q = 0, t = 0; t < pool; t++) if (t != skip || pool == w) basis[q++] = order[t];
            if (!SolveBasis(rows, basis[..w], b, x, multipliers)) continue;
            bool optimal = true;
            for (int q = 0; q < w && optimal; q++) optimal = multipliers[q] > NumericGuards.ChebyshevGuessMultiplier;
            for (int i = 0; i < k && optimal; i++)
                optimal = VectorMath.Dot(rows.Slice(i * w, w), x) <= b[i] + allowed;
            if (!optimal) continue;
            // The refinement corrects along the basis inverse's columns, made for the guess that holds only.
            var inverseColumns = inverse.AsSpan(0, w * w);
            if (!Invert(rows, basis[..w], w, inverseColumns)) continue;
            basis[..w].CopyTo(tight);
            polish.Refine(rows, b, tight.AsSpan(0, w), x, inverseColumns);
            basisHeld = w;
            guessed = true;
            x[..n].CopyTo(centre);
            radius = x[n];
            return LpStatus.Optimal;
        }
        return Solve(a, b, dimension, start, centre, out radius);
    }

    // SolveNearest's sizes: a lifted polyhedron's four variables, and the facets of a typical region with room.
    private const int MaxGuessVariables = 4, MaxGuessRows = 16;

    /// <summary>
    /// For the basis of the given lifted rows (w × w, B): the vertex x = B⁻¹·b_B and the multipliers of max x_n,
    /// λ = B⁻ᵀ·e_n (Σ λ_q·row_q = e_n), from one LU factorisation with partial pivoting (P·B = L·U) and two
    /// triangular solves each way, a third of the work of the full inverse that a guess, four in ten rejected,
    /// does not need. False when a pivot is not above <see cref="NumericGuards.LpDependenceRatio"/>, as
    /// <see cref="BasisInverse"/> decides (partial pivoting meets the same pivots).
    /// </summary>
    private static bool SolveBasis(ReadOnlySpan<double> rows, ReadOnlySpan<int> basis, ReadOnlySpan<double> b,
        Span<double> x, Span<double> multipliers)
    {
        int w = basis.Length;
        if (w == 4) return SolveBasis3(rows, basis, b, x, multipliers);
        Span<double> lu = stackalloc double[MaxGuessVariables * MaxGuessVariables];
        Span<int> perm = stackalloc int[MaxGuessVariables];
        for (int r = 0; r < w; r++)
        {
            rows.Slice(basis[r] * w, w).CopyTo(lu.Slice(r * w, w));
            perm[r] = r;
        }
        for (int col = 0; col < w; col++)
        {
            int pivot = col;
            for (int p = col + 1; p < w; p++)
                if (Math.Abs(lu[p * w + col]) > Math.Abs(lu[pivot * w + col])) pivot = p;
            if (!(Math.Abs(lu[pivot * w + col]) > NumericGuards.LpDependenceRatio)) return false;
            if (pivot != col)
            {
                for (int t = 0; t < w; t++) (lu[col * w + t], lu[pivot * w + t]) = (lu[pivot * w + t], lu[col * w + t]);
                (perm[col], perm[pivot]) = (perm[pivot], perm[col]);
            }
            double inv = 1 / lu[col * w + col];
            for (int p = col + 1; p < w; p++)
            {
                double f = lu[p * w + col] * inv;
                lu[p * w + col] = f;
                for (int t = col + 1; t < w; t++) lu[p * w + t] -= f * lu[col * w + t];
            }
        }
        // B·x = b_B: L·y = P·b_B forward, U·x = y backward.
        for (int r = 0; r < w; r++)
        {
            double v = b[basis[perm[r]]];
            for (int j = 0; j < r; j++) v -= lu[r * w + j] * x[j];
            x[r] = v;
        }
        for (int r = w - 1; r >= 0; r--)
        {
            double v = x[r];
            for (int j = r + 1; j < w; j++) v -= lu[r * w + j] * x[j];
            x[r] = v / lu[r * w + r];
        }
        // Bᵀ·λ = e_n with Bᵀ = Uᵀ·Lᵀ·P: Uᵀ·z = e_n forward, Lᵀ·μ = z backward, λ[perm[r]] = μ[r].
        Span<double> z = stackalloc double[MaxGuessVariables];
        for (int r = 0; r < w; r++)
        {
            double v = r == w - 1 ? 1 : 0;
            for (int j = 0; j < r; j++) v -= lu[j * w + r] * z[j];
            z[r] = v / lu[r * w + r];
        }
        for (int r = w - 1; r >= 0; r--)
        {
            double v = z[r];
            for (int j = r + 1; j < w; j++) v -= lu[j * w + r] * z[j];
            z[r] = v;
            multipliers[perm[r]] = v;
        }
        return true;
    }

    /// <summary>
    /// <see cref="SolveBasis"/> for a 3-D polyhedron's lifted rows (a_q, c_q) by cofactors, without division chains:
    /// λ_q = C_q3 / det B, the cofactors of the last column signed minors of the a_q (triple products), the radius
    /// x_3 = λ·b_B (as e_3 = Σ λ_q·row_q), and the point from the three rows a_q·p = b_q − c_q·x_3 whose minor is
    /// largest, by Cramer's rule. False when B or that minor is singular; the guess that holds is still inverted
    /// (and refined) by <see cref="BasisInverse"/>, whose pivots decide near-singular bases as before.
    /// </summary>
    private static bool SolveBasis3(ReadOnlySpan<double> rows, ReadOnlySpan<int> basis, ReadOnlySpan<double> b,
        Span<double> x, Span<double> multipliers)
    {
        Span<Vector3d> a = stackalloc Vector3d[4];
        for (int q = 0; q < 4; q++)
        {
            var r = rows.Slice(basis[q] * 4, 4);
            a[q] = new Vector3d(r[0], r[1], r[2]);
        }
        var a23 = Vector3d.Cross(a[2], a[3]);
        var a13 = Vector3d.Cross(a[1], a[3]);
        var a12 = Vector3d.Cross(a[1], a[2]);
        // Cofactors C_q3 = (−1)^(q+3) · det(the a of the rows but q).
        double c0 = -Vector3d.Dot(a[1], a23), c1 = Vector3d.Dot(a[0], a23);
        double c2 = -Vector3d.Dot(a[0], a13), c3 = Vector3d.Dot(a[0], a12);
        double det = rows[basis[0] * 4 + 3] * c0 + rows[basis[1] * 4 + 3] * c1 + rows[basis[2] * 4 + 3] * c2
                     + rows[basis[3] * 4 + 3] * c3;
        if (!(Math.Abs(det) > 0) || !double.IsFinite(det)) return false;
        double inv = 1 / det;
        multipliers[0] = c0 * inv; multipliers[1] = c1 * inv; multipliers[2] = c2 * inv; multipliers[3] = c3 * inv;
        double radius = 0;
        for (int q = 0; q < 4; q++) radius += multipliers[q] * b[basis[q]];
        // The three rows but the one whose cofactor (their minor) is largest.
        int skip = 0;
        double best = Math.Abs(c0);
        if (Math.Abs(c1) > best) { skip = 1; best = Math.Abs(c1); }
        if (Math.Abs(c2) > best) { skip = 2; best = Math.Abs(c2); }
        if (Math.Abs(c3) > best) skip = 3;
        int i = skip == 0 ? 1 : 0, j = skip <= 1 ? 2 : 1, k = skip <= 2 ? 3 : 2;
        double bi = b[basis[i]] - rows[basis[i] * 4 + 3] * radius;
        double bj = b[basis[j]] - rows[basis[j] * 4 + 3] * radius;
        double bk = b[basis[k]] - rows[basis[k] * 4 + 3] * radius;
        var jk = Vector3d.Cross(a[j], a[k]);
        double minor = Vector3d.Dot(a[i], jk);
        if (!(Math.Abs(minor) > 0)) return false;
        var p = (bi * jk + bj * Vector3d.Cross(a[k], a[i]) + bk * Vector3d.Cross(a[i], a[j])) * (1 / minor);
        x[0] = p.X; x[1] = p.Y; x[2] = p.Z; x[3] = radius;
        return true;
    }

    /// <summary>The inverse of the w × w matrix of the given lifted rows (<see cref="BasisInverse"/>), column by
    /// column into <paramref name="columns"/>; false when it is nearly singular.</summary>
    private static bool Invert(ReadOnlySpan<double> rows, ReadOnlySpan<int> basis, int w, Span<double> columns)
    {
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
