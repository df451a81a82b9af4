using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Polytopes.Geometry;

/// <summary>
/// Rows of a bounded polytope P = {x : A x &lt;= b} proved redundant before its facets are searched for, from the
/// optimum of its Chebyshev LP (max r s.t. a_i·x + ‖a_i‖·r &lt;= b_i). The LP's n + 1 tight rows bound a simplex
/// S ⊇ P around the inscribed ball, and a row that S stays clear of is redundant: on 6-12-12 about six of a
/// region's ten redundant rows, on 4-10-10-10 about fourteen of eighteen, each at the cost of a few dot products
/// instead of the facet search's pivots on every row.
/// <para>
/// The proof for row j is a weak-duality certificate. With D the inverse of the LP's basis (the lifted rows
/// [a_q, ‖a_q‖] of the tight rows q), every μ(β) = Dᵀ[a_j, β] combines the tight rows' normals to a_j; its
/// entries are t_q + β·λ_q (t_q = a_j·D_q's first n entries, λ_q = D_q's last, the LP's multipliers, all positive
/// at a strict optimum). The least β with μ ≥ 0, β* = max_q −t_q/λ_q, gives the least bound Σ μ_q b_q (it grows
/// with β at the rate Σ λ_q b_q = r &gt; 0): the maximum of a_j over S. Then, for x in P, with ρ = a_j − Σ μ_q a_q
/// computed from the rows themselves, a_j·x &lt;= Σ μ_q b_q + ρ·c + ‖ρ‖·R, where c is the centre and R bounds
/// ‖x − c‖ (twice the scale times √n: P lies in a box of half-sides at most the scale). The bound holds however
/// inaccurate D is; D only proposes μ.
/// </para>
/// <para>
/// A row is left out when its bound is below b_j by more than the coincidence margin: P then stays that far clear of
/// its hyperplane. The polytope P' of the rows kept is P: it holds c, so if it reached beyond P, the segment from c
/// to such a point would leave P through the hyperplane of a row left out, at a point of P, which the row's bound
/// forbids. So a row left out is not a facet (P without it is P) nor a copy of one (a row within the coincidence
/// tolerance of a facet's reaches P within that margin), and the facet search over the kept rows finds the same
/// facets and groups the same duplicates. Not thread-safe; buffers are reused.
/// </para>
/// </summary>
internal sealed class RedundancyScreen(Tolerances tol)
{
    // The basis laid out for four-lane vectors, per region: over the tight rows q (lanes, padded to W), D's first n
    // rows (dt, row s at [s·W, (s+1)·W)), the multipliers λ and their inverses, the tight rows' offsets; the tight
    // rows' normals padded to N (row q at [q·N, (q+1)·N)), and the centre padded to N. Padding is zero.
    private double[] dt = [], lambda = [], inverseLambda = [], offsets = [], normals = [], centrePad = [];
    private double[] t = [], mu = [], residual = [];
    private double[] realLanes = [];
    private int lanes, width; // W and N

    /// <summary>
    /// Writes into <paramref name="kept"/> the rows not proved redundant, in increasing order, and returns how many.
    /// <paramref name="tight"/>: the Chebyshev LP's n + 1 basis rows; <paramref name="inverse"/>: its basis inverse
    /// over the lifted rows, column q (at [q·(n+1), (q+1)·(n+1))) the edge releasing tight row q alone.
    /// </summary>
    public int Keep(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> centre, double radius,
        ReadOnlySpan<int> tight, ReadOnlySpan<double> inverse, double scale, Span<int> kept)
    {
        int n = centre.Length, w = n + 1, m = b.Length;
        bool screens = tight.Length == w && inverse.Length >= w * w && radius > 0 && Prepare(a, b, centre, tight, inverse);
        double centreL1 = 0;
        foreach (double x in centre) centreL1 += Math.Abs(x);
        double reach = 2 * Math.Sqrt(n) * scale;
        // A row within the coincidence tolerance of a facet's (normals entrywise, offsets relative to the scale)
        // reaches P within tol·(scale + ‖x‖₁) of its offset at some x in P, and ‖x‖₁ ≤ ‖c‖₁ + 2n·scale there.
        double margin = (2 * tol.Coincidence + NumericGuards.SlackRounding) * (scale + centreL1 + 2 * n * scale);
        int k = 0;
        for (int j = 0; j < m; j++)
        {
            var aj = a.Slice(j * n, n);
            // Every bound is at least a_j·c + ‖a_j‖·r (S holds the ball): rows that near the centre are kept at once.
            if (!screens || b[j] - VectorMath.Dot(aj, centre) <= radius + margin
                || !(Bound(aj, b[j], w, reach) < b[j] - margin))
                kept[k++] = j;
        }
        return k;
    }

    /// <summary>Lays the basis out (see the fields); false when a multiplier is not positive (a degenerate optimum,
    /// where the combinations need not be non-negative).</summary>
    private bool Prepare(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> centre,
        ReadOnlySpan<int> tight, ReadOnlySpan<double> inverse)
    {
        int n = centre.Length, w = n + 1;
        lanes = (w + 3) & ~3;
        width = (n + 3) & ~3;
        if (lambda.Length < lanes || centrePad.Length < width || dt.Length < n * lanes || normals.Length < w * width)
        {
            dt = new double[n * lanes]; lambda = new double[lanes]; inverseLambda = new double[lanes];
            offsets = new double[lanes]; mu = new double[lanes]; t = new double[lanes]; realLanes = new double[lanes];
            normals = new double[w * width]; centrePad = new double[width]; residual = new double[width];
        }
        dt.AsSpan(0, n * lanes).Clear();
        normals.AsSpan(0, w * width).Clear();
        centrePad.AsSpan(0, width).Clear();
        centre.CopyTo(centrePad);
        for (int q = 0; q < lanes; q++)
        {
            bool real = q < w;
            lambda[q] = real ? inverse[q * w + n] : 0;
            if (real && !(lambda[q] > 0)) return false;
            inverseLambda[q] = real ? 1 / lambda[q] : 0;
            offsets[q] = real ? b[tight[q]] : 0;
            realLanes[q] = BitConverter.Int64BitsToDouble(real ? -1 : 0);
            if (!real) continue;
            for (int s = 0; s < n; s++) dt[s * lanes + q] = inverse[q * w + s];
            a.Slice(tight[q] * n, n).CopyTo(normals.AsSpan(q * width, n));
        }
        return true;
    }

    /// <summary>The certified bound on a_j·x over P (see the class), or +∞ at once when the combination's bound
    /// already reaches b_j.</summary>
    private double Bound(ReadOnlySpan<double> aj, double bj, int w, double reach)
    {
        int n = aj.Length;
        ref double a0 = ref MemoryMarshal.GetReference(aj);
        ref double d0 = ref MemoryMarshal.GetArrayDataReference(dt);
        ref double t0 = ref MemoryMarshal.GetArrayDataReference(t);
        ref double l0 = ref MemoryMarshal.GetArrayDataReference(lambda);
        ref double il0 = ref MemoryMarshal.GetArrayDataReference(inverseLambda);
        ref double real0 = ref MemoryMarshal.GetArrayDataReference(realLanes);
        ref double o0 = ref MemoryMarshal.GetArrayDataReference(offsets);
        ref double mu0 = ref MemoryMarshal.GetArrayDataReference(mu);
        // t_q = a_j·D_q for every q, a lane per q; β* = max_q −t_q/λ_q over the real lanes. (The processor's own
        // max, cheaper than IEEE's; a NaN from overflowed data reaches the bound, and a NaN bound keeps the row.)
        var none = Vector256.Create(double.NegativeInfinity);
        var beta = none;
        for (int c = 0; c < lanes; c += 4)
        {
            var sum = Vector256<double>.Zero;
            for (int s = 0; s < n; s++)
                sum += Vector256.Create(Unsafe.Add(ref a0, s)) * Vector256.LoadUnsafe(ref d0, (nuint)(s * lanes + c));
            sum.StoreUnsafe(ref t0, (nuint)c);
            var ratio = -sum * Vector256.LoadUnsafe(ref il0, (nuint)c);
            beta = Vector256.MaxNative(beta, Vector256.ConditionalSelect(Vector256.LoadUnsafe(ref real0, (nuint)c), ratio, none));
        }
        var betas = Vector256.Create(double.MaxNative(double.MaxNative(beta.GetElement(0), beta.GetElement(1)),
            double.MaxNative(beta.GetElement(2), beta.GetElement(3))));
        var bound = Vector256<double>.Zero;
        var sizes = Vector256<double>.Zero;
        for (int c = 0; c < lanes; c += 4)
        {
            var weights = Vector256.MaxNative(Vector256<double>.Zero,
                Vector256.LoadUnsafe(ref t0, (nuint)c) + betas * Vector256.LoadUnsafe(ref l0, (nuint)c));
            weights.StoreUnsafe(ref mu0, (nuint)c);
            var terms = weights * Vector256.LoadUnsafe(ref o0, (nuint)c);
            bound += terms;
            sizes += Vector256.Abs(terms) + weights;
        }
        double value = Vector256.Sum(bound);
        if (!(value < bj)) return double.PositiveInfinity;
        // The residual ρ = a_j − Σ_q μ_q a_q, from the rows: what D's rounding left out of the combination.
        ref double r0 = ref MemoryMarshal.GetArrayDataReference(residual);
        ref double nr0 = ref MemoryMarshal.GetArrayDataReference(normals);
        ref double c0 = ref MemoryMarshal.GetArrayDataReference(centrePad);
        residual.AsSpan(n, width - n).Clear();
        aj.CopyTo(residual);
        for (int q = 0; q < w; q++)
        {
            double weight = Unsafe.Add(ref mu0, q);
            if (weight == 0) continue;
            var weights = Vector256.Create(weight);
            for (int c = 0; c < width; c += 4)
                (Vector256.LoadUnsafe(ref r0, (nuint)c) - weights * Vector256.LoadUnsafe(ref nr0, (nuint)(q * width + c)))
                    .StoreUnsafe(ref r0, (nuint)c);
        }
        var along = Vector256<double>.Zero;
        var length = Vector256<double>.Zero;
        for (int c = 0; c < width; c += 4)
        {
            var r = Vector256.LoadUnsafe(ref r0, (nuint)c);
            along += r * Vector256.LoadUnsafe(ref c0, (nuint)c);
            length += r * r;
        }
        // Rounding: far below SlackRounding times the sizes of the sums (and of the residual's terms, times R).
        double size = Math.Abs(bj) + Vector256.Sum(sizes) * (1 + reach);
        return value + Vector256.Sum(along) + Math.Sqrt(Vector256.Sum(length)) * reach + NumericGuards.SlackRounding * size;
    }
}
