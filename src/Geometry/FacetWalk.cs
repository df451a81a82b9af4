using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>
/// The facets of {x : A x &lt;= b} by a simplex walk over its vertices that keeps the whole tableau, tried before
/// Clarkson's method (<see cref="FacetFinder"/>), which it reaches the same decisions as, more cheaply. At a vertex
/// with basis rows B (held tight), T = A·B⁻¹ holds every row's multipliers, a_k = Σ_q T_kq a_{B_q}, so:
/// <list type="bullet">
/// <item>every row whose multipliers are all non-negative is redundant by weak duality: its maximum over the
/// polytope is at most Σ_q T_kq b_{B_q}, the bound (and the threshold) of <see cref="FacetFinder"/>'s dual-bound
/// proofs;</item>
/// <item>a ratio test along an edge (or, from the interior point, a ray) that leaves through row r proves r a facet
/// when the next row is met more than twice the facet tolerance beyond r's hyperplane: the polytope without row r
/// reaches that far past it, which is the LP facet test.</item>
/// </list>
/// After rays along the nearest rows' normals (as <see cref="FacetFinder"/> shoots), the walk leaves the interior
/// point for a vertex (pins released as in <see cref="Lp.VertexSimplex"/>), then repeatedly maximises a_j·x for
/// the undecided row j nearest the current vertex until j is decided; every pivot is a rank-one update of T,
/// O(m n), and every vertex a sweep of T for redundant rows. Clarkson's LPs, each over the facets known so far,
/// need a basis of their own and a dual-bound pass of O(m n²) per optimum; on recorded 4-D to 6-D regions the walk
/// takes 20–35 % less time.
/// It gives up — returns false, and Clarkson's method decides — where a decision would rest on rounding: a row
/// whose facet test fails (rows nearly tied at a vertex, duplicate rows), a step from a vertex within the facet
/// tolerance (a degenerate vertex, where Bland's rule would be needed against cycling), a redundancy bound that
/// exceeds its row, an unbounded edge, a singular basis, or too many pivots. Rows must have unit normals.
/// Not thread-safe; buffers are reused.
/// </summary>
internal sealed class FacetWalk(Tolerances tol)
{
    private const int Pin = -1;
    private const sbyte Undecided = 0, Facet = 1, Redundant = -1;

    // Rank-one updates let rounding accumulate in T; after this many pivots T is computed afresh from B⁻¹.
    private const int PivotsBeforeRefactor = 32;

    private int n, m, stride;        // stride: m rounded up to whole vectors; rows past m are padding
    private double[] columns = [];   // A column by column: column t at [t·stride, (t+1)·stride)
    private double[] tableau = [];   // T column by column: column q at [q·stride, …), entry k = a_k·D_q
    private double[] inverse = [];   // column q of D = B⁻¹ at [q·n, (q+1)·n)
    private double[] slack = [];     // b − A·vertex; +∞ for basis rows and padding, so they never block
    private double[] ratio = [], rayRates = [], vertex = [], pivotRow = [], columnNorm = [];
    private int[] slot = [];
    private sbyte[] state = [];
    private double[] open = [];      // all bits set for rows undecided and out of the basis, else 0
    private double[] offsets = [];   // b, padded
    private static readonly double Open = BitConverter.Int64BitsToDouble(-1);

    /// <summary>Pivots of the last walk (for tests and measurements).</summary>
    public int Pivots { get; private set; }

    /// <summary>Rows whose maximum was sought (the walk's LPs) in the last walk.</summary>
    public int Targets { get; private set; }

    /// <summary>
    /// Decides every row of the polytope from the interior point, whose slacks b − A·interior are given; rays and
    /// the first targets follow <paramref name="order"/> (nearest rows first). On success writes facetOf[i] = i for
    /// facet rows and −1 for redundant ones and returns true; returns false, facetOf untouched, when some decision
    /// is too close to a tolerance to take by this walk.
    /// </summary>
    public bool TryFind(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dimension, ReadOnlySpan<double> interior,
        ReadOnlySpan<double> interiorSlack, double scale, ReadOnlySpan<int> order, Span<int> facetOf)
    {
        Setup(a, b, dimension, interior, interiorSlack);
        facetReach = 2 * tol.Facet * scale;
        clearance = tol.Facet * scale;
        int maxPivots = 4 * (m + n);
        int pins = n, next = 0, sinceRefactor = 0;
        Pivots = 0;
        Targets = 0;
        ShootRays(order);
        int target = -1;
        while (true)
        {
            while (next < m && state[order[next]] != Undecided) next++;
            if (next == m) break;
            if (target < 0 || state[target] != Undecided)
            {
                target = pins > 0 ? order[next] : NearestUndecided(order[next]);
                Targets++;
            }
            if (Pivots >= maxPivots) return false;

            int q;
            double sign;
            if (pins > 0) q = PinToRelease(target, out sign);
            else
            {
                // A target in the basis is a row whose facet test failed (a vertex where rows nearly tie), and at
                // a vertex a target whose multipliers are all non-negative was decided by the sweep: both are
                // left to Clarkson's method.
                q = double.IsPositiveInfinity(slack[target]) ? -1 : EdgeRaising(target);
                if (q < 0) return false;
                sign = -1;
            }
            int enter = RatioTest(q, sign, out double step);
            if (enter < 0 || !double.IsFinite(step)) return false;
            // From a vertex, a step this short means another row (nearly) passes through it: Bland's rule would
            // be needed against cycling, and the rows there are left to Clarkson's method.
            if (pins == 0 && !(step * columnNorm[q] > clearance)) return false;
            Pivot(q, enter, sign, step);
            if (slot[q] == Pin) pins--;
            slot[q] = enter;
            if (pins > 0) continue;
            if (++sinceRefactor == PivotsBeforeRefactor)
            {
                sinceRefactor = 0;
                if (!Refactor(b)) return false;
            }
            if (!SweepRedundant(b)) return false;
        }
        for (int i = 0; i < m; i++) facetOf[i] = state[i] == Facet ? i : -1;
        return true;
    }

    private double facetReach, clearance;

    private void Decide(int row, sbyte decision)
    {
        state[row] = decision;
        open[row] = 0;
    }

    /// <summary>The undecided row with the least slack at the current vertex (its maximum is likely a few pivots
    /// away), or <paramref name="fallback"/> when every undecided row is in the basis.</summary>
    private int NearestUndecided(int fallback)
    {
        int stride = this.stride;
        // Rows undecided and out of the basis are the open ones; the others count as infinitely far.
        ref double s0 = ref MemoryMarshal.GetArrayDataReference(slack);
        ref double o0 = ref MemoryMarshal.GetArrayDataReference(open);
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(ratio);
        var none = Vector256.Create(double.PositiveInfinity);
        var least = none;
        for (int k = 0; k < stride; k += 4)
        {
            var masked = Vector256.ConditionalSelect(Vector256.LoadUnsafe(ref o0, (nuint)k),
                Vector256.LoadUnsafe(ref s0, (nuint)k), none);
            masked.StoreUnsafe(ref r0, (nuint)k);
            least = Vector256.MinNative(least, masked);
        }
        double min = double.MinNative(double.MinNative(least.GetElement(0), least.GetElement(1)),
            double.MinNative(least.GetElement(2), least.GetElement(3)));
        if (!(min < double.PositiveInfinity)) return fallback;
        var mins = Vector256.Create(min);
        for (int k = 0; k < stride; k += 4)
        {
            uint hits = Vector256.Equals(Vector256.LoadUnsafe(ref r0, (nuint)k), mins).ExtractMostSignificantBits();
            if (hits != 0) return k + BitOperations.TrailingZeroCount(hits);
        }
        return fallback;
    }

    // Rays stop after this many in a row found no new facet (as in FacetFinder).
    private const int FruitlessRaysToStop = 4;

    /// <summary>Before the walk, from the interior point: a ray along each undecided row's normal, nearest rows
    /// first, marks the row it leaves through a facet when the next row is far enough beyond (the facet test of
    /// <see cref="FirstBlocking"/>), as <see cref="FacetFinder"/>'s rays do.</summary>
    private void ShootRays(ReadOnlySpan<int> order)
    {
        int n = this.n, stride = this.stride;
        var rates = rayRates.AsSpan(0, stride);
        ref double a0 = ref MemoryMarshal.GetArrayDataReference(columns);
        ref double r0 = ref MemoryMarshal.GetReference(rates);
        int fruitless = 0;
        foreach (int i in order)
        {
            if (fruitless == FruitlessRaysToStop) break;
            if (state[i] != Undecided) continue;
            rates.Clear();
            for (int t = 0; t < n; t++)
            {
                var u = Vector256.Create(columns[t * stride + i]);
                for (int k = 0; k < stride; k += 4)
                    (Vector256.LoadUnsafe(ref r0, (nuint)k) + u * Vector256.LoadUnsafe(ref a0, (nuint)(t * stride + k)))
                        .StoreUnsafe(ref r0, (nuint)k);
            }
            FirstBlocking(rates, 1, NumericGuards.LpDependenceRatio, out _, out bool found);
            fruitless = found ? 0 : fruitless + 1;
        }
    }

    private void Setup(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int dimension, ReadOnlySpan<double> interior,
        ReadOnlySpan<double> interiorSlack)
    {
        n = dimension;
        m = b.Length;
        stride = (m + 3) & ~3;
        if (tableau.Length < n * stride)
        {
            int size = Math.Max(n * stride, 2 * tableau.Length);
            tableau = new double[size]; columns = new double[size];
        }
        if (slack.Length < stride)
        {
            int cap = Math.Max(stride, 2 * slack.Length);
            slack = new double[cap]; ratio = new double[cap]; rayRates = new double[cap]; state = new sbyte[cap];
            open = new double[cap]; offsets = new double[cap];
        }
        if (slot.Length < n)
        {
            slot = new int[n]; inverse = new double[n * n]; vertex = new double[n]; pivotRow = new double[n];
            columnNorm = new double[n];
        }
        for (int t = 0; t < n; t++)
        {
            var column = columns.AsSpan(t * stride, stride);
            for (int k = 0; k < m; k++) column[k] = a[k * n + t];
            column[m..].Clear();
        }
        columns.AsSpan(0, n * stride).CopyTo(tableau);   // D = I: T = A
        var d = inverse.AsSpan(0, n * n);
        d.Clear();
        for (int q = 0; q < n; q++) { d[q * n + q] = 1; slot[q] = Pin; columnNorm[q] = 1; }
        interior.CopyTo(vertex);
        for (int k = 0; k < m; k++)
        {
            slack[k] = interiorSlack[k];
            state[k] = Undecided;
            open[k] = Open;
            offsets[k] = b[k];
        }
        for (int k = m; k < stride; k++)
        {
            slack[k] = double.PositiveInfinity; state[k] = Redundant; open[k] = 0; offsets[k] = 0;
        }
    }

    /// <summary>At a vertex whose basis rows are all facets: every undecided row not in the basis whose
    /// multipliers are all non-negative is redundant when its weak-duality bound Σ_q T_kq b_{B_q} is within the
    /// facet tolerance of its offset (which holds at a vertex of the polytope up to rounding; false when it does
    /// not).</summary>
    private bool SweepRedundant(ReadOnlySpan<double> b)
    {
        int n = this.n, stride = this.stride;
        // A proof holds for the polytope of the facets only if its basis rows are facets: two copies of a
        // hyperplane would otherwise each be proved redundant by the other.
        for (int q = 0; q < n; q++)
            if (state[slot[q]] != Facet) return true;
        var floor = Vector256.Create(-tol.Optimality);
        var clear = Vector256.Create(clearance);
        ref double t0 = ref MemoryMarshal.GetArrayDataReference(tableau);
        ref double o0 = ref MemoryMarshal.GetArrayDataReference(open);
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(offsets);
        Span<double> basisOffsets = stackalloc double[n];
        for (int q = 0; q < n; q++) basisOffsets[q] = b[slot[q]];
        for (int k = 0; k < stride; k += 4)
        {
            var candidates = Vector256.LoadUnsafe(ref o0, (nuint)k);
            if (candidates == Vector256<double>.Zero) continue;
            var sum = Vector256<double>.Zero;
            for (int q = 0; q < n; q++)
            {
                var t = Vector256.LoadUnsafe(ref t0, (nuint)(q * stride + k));
                sum += t * Vector256.Create(basisOffsets[q]);
                candidates &= Vector256.GreaterThanOrEqual(t, floor);
            }
            uint proved = candidates.ExtractMostSignificantBits();
            if (proved == 0) continue;
            var limit = Vector256.LoadUnsafe(ref b0, (nuint)k) + clear;
            uint withinBound = Vector256.LessThanOrEqual(sum, limit).ExtractMostSignificantBits();
            if ((proved & ~withinBound) != 0) return false;
            for (; proved != 0; proved &= proved - 1) Decide(k + BitOperations.TrailingZeroCount(proved), Redundant);
        }
        return true;
    }

    /// <summary>The pin whose edge changes the target's row most, and the way that raises it.</summary>
    private int PinToRelease(int target, out double sign)
    {
        int n = this.n, stride = this.stride;
        int best = -1;
        double bestRate = -1;
        for (int q = 0; q < n; q++)
        {
            if (slot[q] != Pin) continue;
            double rate = Math.Abs(tableau[q * stride + target]) / columnNorm[q];
            if (rate > bestRate) { bestRate = rate; best = q; }
        }
        sign = tableau[best * stride + target] >= 0 ? 1 : -1;
        return best;
    }

    /// <summary>The basis slot whose release raises the target's row fastest (its multiplier most negative,
    /// per unit length of edge); −1 when none raises it.</summary>
    private int EdgeRaising(int target)
    {
        int n = this.n, stride = this.stride;
        int best = -1, q = 0;
        double bestRate = 0, threshold = -tol.Optimality;
        // Four slots at a time: one vector division for their rates, and only the slots whose multiplier is below
        // the threshold compared (in slot order, as below).
        var below = Vector256.Create(threshold);
        ref double n0 = ref MemoryMarshal.GetArrayDataReference(columnNorm);
        for (; q <= n - 4; q += 4)
        {
            var t = Vector256.Create(tableau[q * stride + target], tableau[(q + 1) * stride + target],
                tableau[(q + 2) * stride + target], tableau[(q + 3) * stride + target]);
            var rates = t / Vector256.LoadUnsafe(ref n0, (nuint)q);
            for (uint raising = Vector256.LessThan(t, below).ExtractMostSignificantBits(); raising != 0; raising &= raising - 1)
            {
                int lane = BitOperations.TrailingZeroCount(raising);
                double rate = rates.GetElement(lane);
                if (rate < bestRate) { bestRate = rate; best = q + lane; }
            }
        }
        for (; q < n; q++)
        {
            double t = tableau[q * stride + target];
            if (!(t < threshold)) continue;
            double rate = t / columnNorm[q];
            if (rate < bestRate) { bestRate = rate; best = q; }
        }
        return best;
    }

    /// <summary>
    /// The first row met moving along sign·D_q from the current point (lowest index on a tie), and the step; −1
    /// when none blocks. Rows nearly parallel to the edge do not block, nor basis rows (infinite slack). The line
    /// beyond the row's hyperplane stays in the polytope without that row until the next row blocks: when that
    /// reaches more than twice the facet tolerance past it, the row is a facet by the LP test, and is marked so.
    /// </summary>
    private int RatioTest(int q, double sign, out double step) =>
        FirstBlocking(tableau.AsSpan(q * stride, stride), sign, NumericGuards.LpDependenceRatio * columnNorm[q],
            out step);

    /// <summary>The ratio test of <see cref="RatioTest"/> for rows changing at sign × rates per unit step.</summary>
    private int FirstBlocking(ReadOnlySpan<double> rates, double sign, double guard, out double step) =>
        FirstBlocking(rates, sign, guard, out step, out _);

    private int FirstBlocking(ReadOnlySpan<double> rates, double sign, double guard, out double step, out bool newFacet)
    {
        int stride = this.stride;
        ref double t0 = ref MemoryMarshal.GetReference(rates);
        ref double s0 = ref MemoryMarshal.GetArrayDataReference(slack);
        var signs = Vector256.Create(sign);
        var guards = Vector256.Create(guard);
        var none = Vector256.Create(double.PositiveInfinity);
        // The least and second least ratio in each lane, then across the lanes; with the least, its row (the
        // first in the lane, since only a smaller ratio replaces it). The processor's own min and max (the IEEE
        // ones take three instructions each here) may drop a NaN ratio (overflowed data), but its row is never
        // decided — no ratio equals NaN, and its redundancy bound compares false — so the walk gives up (test).
        Vector256<double> least = none, next = none;
        Vector256<long> rows = Vector256.Create(0L, 1, 2, 3), leastRow = Vector256<long>.Zero, four = Vector256.Create(4L);
        for (int k = 0; k < stride; k += 4)
        {
            var rate = signs * Vector256.LoadUnsafe(ref t0, (nuint)k);
            var quotient = Vector256.ConditionalSelect(Vector256.GreaterThan(rate, guards),
                Vector256.LoadUnsafe(ref s0, (nuint)k) / rate, none);
            leastRow = Vector256.ConditionalSelect(Vector256.LessThan(quotient, least).AsInt64(), rows, leastRow);
            next = Vector256.MinNative(next, Vector256.MaxNative(least, quotient));
            least = Vector256.MinNative(least, quotient);
            rows += four;
        }
        // In a local, not the out parameter: the JIT stores and reloads those at every use.
        double first = double.PositiveInfinity, second = double.PositiveInfinity;
        for (int lane = 0; lane < 4; lane++)
        {
            double l = least.GetElement(lane), nx = next.GetElement(lane);
            second = double.MinNative(second, double.MinNative(nx, double.MaxNative(first, l)));
            first = double.MinNative(first, l);
        }
        step = first;
        // The lowest row whose ratio is the least.
        int best = -1;
        if (double.IsFinite(first))
            for (int lane = 0; lane < 4; lane++)
                if (least.GetElement(lane) == first && (best < 0 || leastRow.GetElement(lane) < best))
                    best = (int)leastRow.GetElement(lane);
        newFacet = best >= 0 && state[best] == Undecided && (second - first) * sign * rates[best] > facetReach;
        if (newFacet) Decide(best, Facet);
        return best;
    }

    /// <summary>Moves along sign·D_q by the step to row <paramref name="enter"/>, which takes slot q:
    /// D_q ← D_q / π, D_p ← D_p − T_rp D_q, T's column q ← column q / π and column p ← column p − T_rp·(new
    /// column q) (π = T_rq).</summary>
    private void Pivot(int q, int enter, double sign, double step)
    {
        Pivots++;
        // Sizes in locals: the JIT reloads fields after every store to an array, in every loop test.
        int n = this.n, stride = this.stride;
        var dq = inverse.AsSpan(q * n, n);
        double move = sign * step;
        var at = vertex.AsSpan(0, n);
        for (int t = 0; t < n; t++) at[t] += move * dq[t];
        var moves = Vector256.Create(move);
        ref double s0 = ref MemoryMarshal.GetArrayDataReference(slack);
        ref double t0 = ref MemoryMarshal.GetArrayDataReference(tableau);
        ref double q0 = ref Unsafe.Add(ref t0, q * stride);
        for (int k = 0; k < stride; k += 4)
            (Vector256.LoadUnsafe(ref s0, (nuint)k) - moves * Vector256.LoadUnsafe(ref q0, (nuint)k))
                .StoreUnsafe(ref s0, (nuint)k);
        int leaving = slot[q];
        if (leaving >= 0)
        {
            slack[leaving] = -move;   // its rate along D_q is 1, from slack 0
            if (state[leaving] == Undecided) open[leaving] = Open;
        }
        slack[enter] = double.PositiveInfinity;
        open[enter] = 0;

        var r = pivotRow.AsSpan(0, n);
        for (int p = 0; p < n; p++) r[p] = Unsafe.Add(ref t0, p * stride + enter);
        double pivot = r[q];
        double inv = 1 / pivot;
        for (int t = 0; t < n; t++) dq[t] *= inv;
        var invs = Vector256.Create(inv);
        for (int k = 0; k < stride; k += 4)
            (Vector256.LoadUnsafe(ref q0, (nuint)k) * invs).StoreUnsafe(ref q0, (nuint)k);
        for (int p = 0; p < n; p++)
        {
            if (p == q || r[p] == 0) continue;
            var dp = inverse.AsSpan(p * n, n);
            double f = r[p];
            for (int t = 0; t < n; t++) dp[t] -= f * dq[t];
            var fs = Vector256.Create(f);
            ref double p0 = ref Unsafe.Add(ref t0, p * stride);
            for (int k = 0; k < stride; k += 4)
                (Vector256.LoadUnsafe(ref p0, (nuint)k) - fs * Vector256.LoadUnsafe(ref q0, (nuint)k)).StoreUnsafe(ref p0, (nuint)k);
        }
        var norms = columnNorm.AsSpan(0, n);
        for (int p = 0; p < n; p++) norms[p] = VectorMath.Norm(inverse.AsSpan(p * n, n));
    }

    /// <summary>B⁻¹, the vertex, T and the slacks computed afresh from the basis rows (Gauss–Jordan with partial
    /// pivoting on [B | I]); false when the basis is (nearly) singular.</summary>
    private bool Refactor(ReadOnlySpan<double> b)
    {
        int width = 2 * n;
        Span<double> aug = stackalloc double[n * width];
        aug.Clear();
        for (int p = 0; p < n; p++)
        {
            for (int t = 0; t < n; t++) aug[p * width + t] = columns[t * stride + slot[p]];
            aug[p * width + n + p] = 1;
        }
        if (!BasisInverse.Invert(aug, n, inverse.AsSpan(0, n * n))) return false;
        // The vertex: a_{B_q}·v = b_{B_q}, so v = Σ_q b_{B_q} D_q.
        for (int t = 0; t < n; t++)
        {
            double v = 0;
            for (int q = 0; q < n; q++) v += b[slot[q]] * inverse[q * n + t];
            vertex[t] = v;
        }
        ref double a0 = ref MemoryMarshal.GetArrayDataReference(columns);
        ref double t0 = ref MemoryMarshal.GetArrayDataReference(tableau);
        for (int q = 0; q < n; q++)
        {
            for (int k = 0; k < stride; k += 4)
            {
                var sum = Vector256<double>.Zero;
                for (int t = 0; t < n; t++)
                    sum += Vector256.Create(inverse[q * n + t]) * Vector256.LoadUnsafe(ref a0, (nuint)(t * stride + k));
                sum.StoreUnsafe(ref t0, (nuint)(q * stride + k));
            }
            columnNorm[q] = VectorMath.Norm(inverse.AsSpan(q * n, n));
        }
        SlacksAt(vertex.AsSpan(0, n), slack);
        for (int k = m; k < stride; k++) slack[k] = double.PositiveInfinity;
        for (int q = 0; q < n; q++) slack[slot[q]] = double.PositiveInfinity;
        return true;
    }

    /// <summary>b − A·x for every row (padding rows: 0 − 0).</summary>
    private void SlacksAt(ReadOnlySpan<double> x, Span<double> result)
    {
        ref double a0 = ref MemoryMarshal.GetArrayDataReference(columns);
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(offsets);
        ref double r0 = ref MemoryMarshal.GetReference(result);
        for (int k = 0; k < stride; k += 4)
        {
            var ax = Vector256<double>.Zero;
            for (int t = 0; t < n; t++)
                ax += Vector256.Create(x[t]) * Vector256.LoadUnsafe(ref a0, (nuint)(t * stride + k));
            (Vector256.LoadUnsafe(ref b0, (nuint)k) - ax).StoreUnsafe(ref r0, (nuint)k);
        }
    }
}
