using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>
/// Which constraints of {x : A x &lt;= b} define facets, in any dimension, by Clarkson's output-sensitive method
/// from a known interior point c. For a candidate row i it solves
/// <c>max A_i·x  s.t.  A_k·x &lt;= b_k (k in the facets found so far),  A_i·x &lt;= b_i + scale</c>
/// (the relaxed copy of row i keeps the LP bounded). If the optimum does not exceed b_i by more than the facet
/// tolerance, row i is redundant (a relaxation already cannot pass it). Otherwise the ray from c to the optimum
/// leaves the polytope through a facet, found by a ratio test over all rows, which joins the known facets, and
/// row i is tried again. Each LP has only (facets + 1) rows, so the cost is O(m + f) small LPs instead of m LPs
/// over all m rows. When the ray leaves through a lower-dimensional face (a tie between distinct hyperplanes),
/// row i is decided by the textbook LP over all other rows instead. Three things cut the LPs further: rays along
/// the nearest rows' normals find most facets before any LP (<see cref="ShootRays"/>); each LP starts at the last
/// one's optimum vertex (a <see cref="VertexSimplex"/> that keeps its rows and basis inverse from LP to LP: a new
/// objective needs only pivots, and a facet just added is made feasible by dual simplex steps instead of a start
/// from c); and each optimum vertex proves by weak duality every later row whose normal lies in its normal cone
/// redundant (<see cref="DropRowsProvedRedundant"/>), so on a region with many far rows most of them need no LP
/// at all. Should the vertex simplex fail, the LP is solved again by the active-set kernel from c.
/// Rows must have unit normals. Duplicate hyperplanes are grouped: every row coinciding with a facet row gets
/// that facet's representative (lowest) index. Before all this, a walk over the polytope's vertices that keeps the
/// whole simplex tableau (<see cref="FacetWalk"/>) decides every row where no decision rests on rounding, which is
/// almost always, and more cheaply; this method decides the rest. Not thread-safe.
/// </summary>
public sealed class FacetFinder(Tolerances? tolerances = null)
{
    private readonly Tolerances tol = tolerances ?? Tolerances.Default;
    private readonly ActiveSetKernel kernel = new(tolerances ?? Tolerances.Default);
    private readonly VertexSimplex simplex = new(tolerances ?? Tolerances.Default);
    private readonly FacetWalk walk = new(tolerances ?? Tolerances.Default);
    private bool lastFromSimplex;
    // The row whose LP the simplex holds at its optimum (−1: none): adding a facet and asking again re-optimises.
    private int reoptimizable = -1, currentRow, rowsAtOptimum;
    private double[] lpA = [], lpB = [], slack = [], offset = [], knownOffset = [], x = [], dir = [], rayDot = [], rayExit = [], columns = [], dualBound = [];
    private int[] order = [], known = [], undecided = [];
    private double currentScale = 1;
    private LpStatus lastStatus;

    /// <summary>Total LPs solved since construction (for the textbook-vs-engine comparison).</summary>
    public long LpCount { get; private set; }

    /// <summary>Try the tableau walk (<see cref="FacetWalk"/>) first; Clarkson's method decides where it gives up.
    /// On by default; off to compare the two.</summary>
    public bool UseWalk { get; init; } = true;

    /// <summary>Polytopes the walk decided since construction.</summary>
    public long Walked { get; private set; }

    /// <summary>Polytopes the walk left to Clarkson's method since construction.</summary>
    public long WalkGaveUp { get; private set; }

    /// <summary>Fills facetOf[i] with the representative row of the facet row i defines, or −1 if redundant.
    /// Returns the number of distinct facets.</summary>
    public int Find(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> interior,
        double scale, Span<int> facetOf)
    {
        int m = b.Length;
        Ensure(m, n);
        currentScale = scale;
        for (int i = 0; i < m; i++)
        {
            slack[i] = b[i] - VectorMath.Dot(a.Slice(i * n, n), interior);
            facetOf[i] = int.MinValue; // undecided
        }
        // Rows closest to the interior point are the likeliest facets: trying them first keeps the LPs small.
        NearestFirst(m);
        if (UseWalk)
        {
            if (walk.TryFind(a, b, n, interior, slack.AsSpan(0, m), scale, order.AsSpan(0, m), facetOf))
            {
                Walked++;
                LpCount += walk.Targets;
                return GroupDuplicates(a, b, n, scale, facetOf);
            }
            WalkGaveUp++;
        }

        VectorMath.Transpose(a, m, n, columns);
        simplex.Reset(n, m);
        reoptimizable = -1;
        int knownCount = ShootRays(a, b, n, interior, scale, m, facetOf);
        for (int oi = 0; oi < m; oi++)
        {
            int i = order[oi];
            while (facetOf[i] == int.MinValue)
            {
                double v = MaximizeOver(a, b, n, interior, scale, i, known.AsSpan(0, knownCount));
                if (lastStatus == LpStatus.Optimal) DropRowsProvedRedundant(a, b, n, m, oi + 1, scale, facetOf);
                if (v <= b[i] + tol.Facet * scale) { facetOf[i] = -1; break; }
                int hit = FirstHit(a, n, interior, m);
                // No single row where the ray leaves, or it leaves through a facet already known, which the LP's
                // optimum should satisfy (rounding on nearly dependent rows): row i is decided by the LP over
                // every row. Adding the known row again would loop.
                if (hit < 0 || facetOf[hit] == hit)
                {
                    facetOf[i] = IsFacetByFullLp(a, b, n, interior, scale, i) ? i : -1;
                    if (facetOf[i] == i) known[knownCount++] = i;
                    break;
                }
                facetOf[hit] = hit;
                known[knownCount++] = hit;
            }
        }
        return GroupDuplicates(a, b, n, scale, facetOf);
    }

    /// <summary>order[0..m) = the rows by increasing slack at the interior point, equal slacks by row index.</summary>
    private void NearestFirst(int m)
    {
        var slacks = slack.AsSpan(0, m);
        if (!slacks.ContainsAnyExceptInRange(double.NegativeInfinity, double.PositiveInfinity))
        {
            VectorMath.RankOrder(slacks, order);
            return;
        }
        // A NaN slack (overflowed data) has no rank: a comparison sort still gives some order.
        for (int i = 0; i < m; i++) { rayExit[i] = slack[i]; order[i] = i; }
        Array.Sort(rayExit, order, 0, m);
    }

    // Rays stop after this many in a row found no new facet: the rows left are far, and rays along their normals
    // meet facets already found.
    private const int FruitlessRaysToStop = 4;

    /// <summary>
    /// Facets found without an LP, before Clarkson's loop: a ray from the interior point along row i's normal
    /// (rows nearest first) leaves the polytope at p through the first row h it meets. Every other hyperplane j
    /// not coinciding with h is at least ρ = min_j slack_j(p) from p, so row h's hyperplane holds an (n−1)-ball
    /// of radius ρ on the polytope's boundary, and dropping row h lets the polytope reach at least ρ past it:
    /// when ρ exceeds the facet tolerance, h is a facet by the same test as the LP's. Rows found here join the
    /// known facets at once, so most of Clarkson's LPs then only confirm redundancy. Returns how many were found
    /// (in <c>known</c>).
    /// </summary>
    private int ShootRays(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> interior,
        double scale, int m, Span<int> facetOf)
    {
        int knownCount = 0, fruitless = 0;
        double minDepth = tol.Facet * scale;
        for (int oi = 0; oi < m; oi++)
        {
            int i = order[oi];
            if (facetOf[i] != int.MinValue) continue;
            if (fruitless == FruitlessRaysToStop) break;
            int hit = RayExit(a.Slice(i * n, n), m, out double tBest);
            if (hit < 0) continue;
            if (facetOf[hit] == hit) { fruitless++; continue; }
            double depth = double.PositiveInfinity;
            for (int j = 0; j < m && depth > minDepth; j++)
            {
                if (j == hit) continue;
                double s = slack[j] - tBest * rayDot[j];
                if (s >= depth) continue;
                if (Hyperplanes.Coincide(a.Slice(j * n, n), b[j] / scale, a.Slice(hit * n, n), b[hit] / scale, tol.Coincidence))
                    continue;
                depth = s;
            }
            if (!(depth > minDepth)) { fruitless++; continue; }
            fruitless = 0;
            facetOf[hit] = hit;
            known[knownCount++] = hit;
        }
        return knownCount;
    }

    /// <summary>
    /// The optimum of the LP just solved is a vertex of valid relaxations of the polytope (known facets and the
    /// relaxed row): every undecided row later in the order whose normal lies in that vertex's normal cone has
    /// its maximum over the relaxation bounded by weak duality (<see cref="ActiveSetKernel.DualBounds"/>); when
    /// the bound is within the facet tolerance of the row's offset, the row is redundant by the same test the LP
    /// would apply, and its LP is skipped.
    /// </summary>
    private void DropRowsProvedRedundant(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, int m, int from, double scale, Span<int> facetOf)
    {
        int count = 0;
        for (int oi = from; oi < m; oi++)
            if (facetOf[order[oi]] == int.MinValue) undecided[count++] = order[oi];
        if (count == 0) return;
        var rows = undecided.AsSpan(0, count);
        if (lastFromSimplex) simplex.DualBounds(a, rows, dualBound);
        else kernel.DualBounds(columns.AsSpan(0, m * n), m, rows, lpB, dualBound);
        double allowed = tol.Facet * scale;
        foreach (int j in rows)
            if (dualBound[j] <= b[j] + allowed) facetOf[j] = -1;
    }

    /// <summary>Solves max A_i·x over the given rows plus the relaxed row i, from the last optimum (rows added
    /// since made feasible first) or else from the interior point; leaves the maximiser in x and returns the
    /// objective.</summary>
    private double MaximizeOver(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> interior,
        double scale, int i, ReadOnlySpan<int> rows)
    {
        for (int k = simplex.Count; k < rows.Length; k++) simplex.AddRow(a.Slice(rows[k] * n, n), b[rows[k]]);
        var objective = a.Slice(i * n, n);
        double cap = b[i] + scale;
        currentRow = i;
        lastFromSimplex = true;
        if (reoptimizable >= 0 && (simplex.Count == rowsAtOptimum || simplex.Restore(tol.Feasibility * scale)))
        {
            if (reoptimizable == i || simplex.Retarget(objective, cap, tol.Feasibility * scale))
            {
                double v = SolveBySimplex(objective, n);
                if (lastStatus == LpStatus.Optimal) { KeepWarmStart(); return v; }
            }
        }
        reoptimizable = -1;
        simplex.Start(interior, [], objective, cap, double.PositiveInfinity);
        double value = SolveBySimplex(objective, n);
        if (lastStatus == LpStatus.Optimal) { KeepWarmStart(); return value; }
        lastFromSimplex = false;
        return MaximizeByActiveSet(a, b, n, interior, scale, i, rows);
    }

    private double SolveBySimplex(ReadOnlySpan<double> objective, int n)
    {
        LpCount++;
        lastStatus = simplex.Maximize();
        // An optimum that drifted off its rows gives a wrong value, which could flip a facet decision: the LP
        // is then solved afresh (and by the active-set kernel should that drift too).
        if (lastStatus == LpStatus.Optimal && simplex.DriftedOffRows(currentScale))
            lastStatus = LpStatus.Imprecise;
        simplex.Point.CopyTo(x);
        return VectorMath.Dot(objective, x.AsSpan(0, n));
    }

    /// <summary>The simplex now holds row i's optimum: the next LP starts there.</summary>
    private void KeepWarmStart()
    {
        reoptimizable = currentRow;
        rowsAtOptimum = simplex.Count;
    }

    /// <summary>The same LP by the active-set kernel from the interior point, should the vertex simplex fail.</summary>
    private double MaximizeByActiveSet(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> interior,
        double scale, int i, ReadOnlySpan<int> rows)
    {
        int k = 0;
        foreach (int r in rows) { a.Slice(r * n, n).CopyTo(lpA.AsSpan(k * n, n)); lpB[k++] = b[r]; }
        a.Slice(i * n, n).CopyTo(lpA.AsSpan(k * n, n));
        lpB[k++] = b[i] + scale;
        return Solve(a.Slice(i * n, n), n, interior, k, []);
    }

    private double Solve(ReadOnlySpan<double> objective, int n, ReadOnlySpan<double> start, int rowCount,
        ReadOnlySpan<int> tight)
    {
        var xs = x.AsSpan(0, n);
        start.CopyTo(xs);
        LpCount++;
        var status = kernel.Maximize(lpA.AsSpan(0, rowCount * n), lpB.AsSpan(0, rowCount), objective, xs, tight);
        lastStatus = status;
        // The LP is feasible (interior point) and bounded (relaxed row); anything else is numerical trouble,
        // answered conservatively by the value reached so far.
        return VectorMath.Dot(objective, xs);
    }

    /// <summary>The first row the ray from the interior point along <paramref name="direction"/> meets (lowest
    /// index on a tie) and its parameter; −1 when it meets none. Leaves every row's a·direction in rayDot.</summary>
    private int RayExit(ReadOnlySpan<double> direction, int m, out double tBest)
    {
        VectorMath.MultiplyColumns(columns.AsSpan(0, m * direction.Length), m, direction, rayDot);
        return VectorMath.LeastPositiveRatio(slack.AsSpan(0, m), rayDot.AsSpan(0, m), rayExit, out tBest);
    }

    /// <summary>The row through which the ray from the interior point to x leaves the polytope, or −1 when
    /// distinct hyperplanes tie (the ray meets a lower-dimensional face).</summary>
    private int FirstHit(ReadOnlySpan<double> a, int n, ReadOnlySpan<double> interior, int m)
    {
        var d = dir.AsSpan(0, n);
        for (int t = 0; t < n; t++) d[t] = x[t] - interior[t];
        int best = RayExit(d, m, out double tBest);
        if (best < 0) return -1;
        // Ties: another row reached at (almost) the same parameter that is not the same hyperplane.
        double tieLimit = tBest * (1 + NumericGuards.RayTieRelative) + NumericGuards.RayTieAbsolute;
        for (int j = 0; j < m; j++)
        {
            if (j == best || !(rayExit[j] <= tieLimit)) continue;
            if (!Hyperplanes.Coincide(a.Slice(j * n, n), slack[j] / currentScale, a.Slice(best * n, n), slack[best] / currentScale, tol.Coincidence))
                return -1;
            if (j < best) best = j;
        }
        return best;
    }

    /// <summary>The textbook redundancy test: max A_i·x over all other rows and the relaxed row i. Rows coinciding
    /// with row i (duplicates) are left out too: each copy of a facet is redundant given another copy.</summary>
    private bool IsFacetByFullLp(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> interior,
        double scale, int i)
    {
        int k = 0;
        for (int r = 0; r < b.Length; r++)
        {
            if (r == i) continue;
            if (Hyperplanes.Coincide(a.Slice(r * n, n), b[r] / scale, a.Slice(i * n, n), b[i] / scale, tol.Coincidence))
                continue;
            a.Slice(r * n, n).CopyTo(lpA.AsSpan(k * n, n));
            lpB[k++] = b[r];
        }
        a.Slice(i * n, n).CopyTo(lpA.AsSpan(k * n, n));
        lpB[k++] = b[i] + scale;
        return Solve(a.Slice(i * n, n), n, interior, k, []) > b[i] + tol.Facet * scale;
    }

    private int GroupDuplicates(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, double scale, Span<int> facetOf)
    {
        int m = b.Length, count = 0;
        for (int i = 0; i < m; i++) offset[i] = b[i] / scale;
        if (NoOffsetNearAFacet(facetOf, m)) return CountFacets(facetOf, m);
        // Representatives are the lowest row index of each hyperplane, so the result does not depend on the
        // order in which rows were tried. Facet rows go to a list in row order, so each row below is compared
        // with the facets only, lowest first.
        for (int i = 0; i < m; i++)
        {
            if (facetOf[i] != i) continue;
            int j = FirstCoinciding(a, n, i, count);
            if (j >= 0) facetOf[i] = j;
            else { knownOffset[count] = offset[i]; known[count++] = i; }
        }
        for (int i = 0; i < m; i++)
        {
            if (facetOf[i] != -1) continue;
            int j = FirstCoinciding(a, n, i, count);
            if (j >= 0) facetOf[i] = j;
        }
        // A near-duplicate (offset within the coincidence tolerance) with a lower index than the facet row found
        // may have been judged redundant and joined above: make the lowest index of each group its representative.
        for (int i = 0; i < m; i++)
        {
            int rep = facetOf[i];
            if (rep <= i) continue;
            for (int t = 0; t < m; t++) if (facetOf[t] == rep) facetOf[t] = i;
        }
        return count;
    }

    /// <summary>Whether no row's offset is within the coincidence tolerance of a facet row's (other than its own):
    /// then no two rows coincide with a facet (<see cref="SameHyperplane"/> tests the offsets first), and the
    /// grouping would change nothing. Four offsets per vector: most polytopes need no pairwise test.</summary>
    private bool NoOffsetNearAFacet(ReadOnlySpan<int> facetOf, int m)
    {
        var tolerance = Vector256.Create(tol.Coincidence);
        for (int i = 0; i < m; i++)
        {
            if (facetOf[i] != i) continue;
            var mine = Vector256.Create(offset[i]);
            int j = 0;
            for (; j <= m - 4; j += 4)
            {
                var near = Vector256.LessThanOrEqual(Vector256.Abs(Vector256.Create(offset.AsSpan(j, 4)) - mine), tolerance);
                uint bits = near.ExtractMostSignificantBits();
                if (j <= i && i < j + 4) bits &= ~(1u << (i - j));
                if (bits != 0) return false;
            }
            for (; j < m; j++)
                if (j != i && Math.Abs(offset[j] - offset[i]) <= tol.Coincidence) return false;
        }
        return true;
    }

    private static int CountFacets(ReadOnlySpan<int> facetOf, int m)
    {
        int count = 0;
        for (int i = 0; i < m; i++) if (facetOf[i] == i) count++;
        return count;
    }

    /// <summary>The first of the <paramref name="count"/> facets listed in <c>known</c> whose hyperplane is row i's
    /// (<see cref="SameHyperplane"/>), or −1. Their offsets are compared four at a time first: most rows have no
    /// facet within the coincidence tolerance of their offset, though some do (a box's sides all have offset
    /// 1).</summary>
    private int FirstCoinciding(ReadOnlySpan<double> a, int n, int i, int count)
    {
        var tolerance = Vector256.Create(tol.Coincidence);
        var mine = Vector256.Create(offset[i]);
        ref double k0 = ref MemoryMarshal.GetArrayDataReference(knownOffset);
        for (int k = 0; k < count; k += 4)
        {
            // knownOffset has room for whole vectors; entries at count and beyond are masked off.
            var gaps = Vector256.Abs(Vector256.LoadUnsafe(ref k0, (nuint)k) - mine);
            uint near = Vector256.LessThanOrEqual(gaps, tolerance).ExtractMostSignificantBits();
            if (count - k < 4) near &= (1u << (count - k)) - 1;
            for (; near != 0; near &= near - 1)
            {
                int j = known[k + BitOperations.TrailingZeroCount(near)];
                if (SameHyperplane(a, n, i, j)) return j;
            }
        }
        return -1;
    }

    /// <summary><see cref="Hyperplanes.Coincide"/> for rows i and j, its offset test first and inline (most
    /// pairs differ in offset).</summary>
    private bool SameHyperplane(ReadOnlySpan<double> a, int n, int i, int j) =>
        Math.Abs(offset[i] - offset[j]) <= tol.Coincidence &&
        Hyperplanes.Coincide(a.Slice(i * n, n), offset[i], a.Slice(j * n, n), offset[j], tol.Coincidence);

    private void Ensure(int m, int n)
    {
        if (slack.Length < m)
        {
            int cap = Math.Max(m, 2 * slack.Length);
            slack = new double[cap]; offset = new double[cap]; knownOffset = new double[cap + 3]; rayDot = new double[cap]; rayExit = new double[cap]; dualBound = new double[cap]; order = new int[cap]; known = new int[cap]; undecided = new int[cap];
            lpA = new double[cap * n]; lpB = new double[cap];
        }
        if (lpA.Length < slack.Length * n) lpA = new double[slack.Length * n];
        if (columns.Length < m * n) columns = new double[slack.Length * n];
        if (x.Length < n) { x = new double[n]; dir = new double[n]; }
    }
}
