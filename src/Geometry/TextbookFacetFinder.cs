using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>
/// The textbook redundancy test, one LP per hyperplane, kept as the correctness baseline that
/// <see cref="FacetFinder"/> is compared and benchmarked against. Same contract as <see cref="FacetFinder.Find"/>:
/// rows with unit normals, <c>facetOf[i]</c> = the representative (lowest) row of the facet hyperplane row i lies
/// on, or −1 when row i is redundant; returns the number of distinct facets.
/// <para>
/// Step 1, grouping. Rows defining the same half-space are grouped first: two rows are linked when
/// <see cref="Hyperplanes.Coincide"/> holds for their unit normals and their offsets divided by <c>scale</c>
/// (within <see cref="Tolerances.Coincidence"/>), and a group is a connected component of that relation, so that
/// a chain of near-copies (offsets 1 − δ, 1, 1 + δ with δ just under the tolerance) is one group even though its
/// ends are not within the tolerance of each other. The lowest index of a group is its representative. Grouping
/// must come first: each of two identical rows is redundant given the other, so testing rows one at a time would
/// declare both redundant and lose the facet (and likewise for the two ends of a chain). Rows with a zero normal
/// (constant constraints 0 ≤ b_i) belong to no group and are redundant.
/// </para>
/// <para>
/// Step 2, one LP per group. For the group G with representative g and tightest offset
/// <c>β = min_{k∈G} b_k</c> (all equal for exact copies), over every row not in G plus the relaxed row g:
/// <code>
///   maximise   a_g·x
///   subject to a_k·x ≤ b_k          for every row k ∉ G (zero rows included; they are 0 ≤ b_k)
///              a_g·x ≤ β + scale    (row g relaxed by the length scale, which keeps the LP bounded)
/// </code>
/// The group is a facet iff the optimum exceeds <c>β + Facet·scale</c>: without the group the polytope would reach
/// more than the facet tolerance beyond the hyperplane, so the hyperplane cuts it. Otherwise every row of the group
/// is redundant (the other rows already imply it; a row touching P only in a lower-dimensional face gives an
/// optimum of exactly β). Each LP is solved from scratch by a fresh call of
/// <see cref="ILpSolver.Maximize(LinearProgram)"/> (with phase 1, no warm start), so the <c>interior</c> argument
/// is not used; it is part of the signature only to keep the two finders interchangeable. The LP is feasible
/// (P has an interior) and bounded (the relaxed row); any status other than Optimal is numerical trouble and
/// throws rather than guess, since this class is the reference answer.
/// </para>
/// Cost: O(m²) hyperplane comparisons, then one LP over all m rows per hyperplane (m LPs of m rows). Not
/// thread-safe (the solver reuses buffers); use one instance per thread.
/// </summary>
public sealed class TextbookFacetFinder(Tolerances? tolerances = null)
{
    private readonly Tolerances tol = tolerances ?? Tolerances.Default;
    private readonly ILpSolver solver = new ActiveSetSolver(tolerances ?? Tolerances.Default);

    /// <summary>Total LPs solved since construction (for the textbook-vs-engine comparison).</summary>
    public long LpCount { get; private set; }

    /// <summary>Fills facetOf[i] with the representative row of the facet row i defines, or −1 if redundant.
    /// Returns the number of distinct facets. <paramref name="interior"/> is accepted for interface parity with
    /// <see cref="FacetFinder"/> and ignored (every LP runs its own phase 1).</summary>
    public int Find(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> interior,
        double scale, Span<int> facetOf)
    {
        int m = b.Length;
        if (a.Length != m * n) throw new ArgumentException($"A has {a.Length} entries, expected {m}×{n}");
        if (facetOf.Length < m) throw new ArgumentException($"facetOf has {facetOf.Length} entries, expected {m}");
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be positive");
        _ = interior;

        // Step 1: group[i] = lowest row of the connected component of row i under Coincide (−1 for zero rows).
        var group = new int[m];
        for (int i = 0; i < m; i++) group[i] = VectorMath.Norm(a.Slice(i * n, n)) == 0 ? -1 : i;
        for (int i = 0; i < m; i++)
        {
            if (group[i] < 0) continue;
            for (int j = 0; j < i; j++)
            {
                if (group[j] < 0 || group[j] == group[i]) continue;
                if (!Hyperplanes.Coincide(a.Slice(i * n, n), b[i] / scale, a.Slice(j * n, n), b[j] / scale,
                        tol.Coincidence)) continue;
                // Merge the two components under the lower representative.
                int keep = Math.Min(group[i], group[j]), drop = Math.Max(group[i], group[j]);
                for (int t = 0; t <= i; t++) if (group[t] == drop) group[t] = keep;
            }
        }

        // Step 2: one LP per group, over every row outside the group plus the relaxed representative.
        int count = 0;
        var isFacet = new bool[m];
        var rows = new double[m * n];
        var rhs = new double[m];
        for (int g = 0; g < m; g++)
        {
            if (group[g] != g) continue;
            int k = 0;
            double beta = double.PositiveInfinity;
            for (int r = 0; r < m; r++)
            {
                if (group[r] == g) { beta = Math.Min(beta, b[r]); continue; }
                a.Slice(r * n, n).CopyTo(rows.AsSpan(k * n, n));
                rhs[k++] = b[r];
            }
            a.Slice(g * n, n).CopyTo(rows.AsSpan(k * n, n));
            rhs[k++] = beta + scale;

            var program = new LinearProgram(new HPolytope(n, rows[..(k * n)], rhs[..k]), a.Slice(g * n, n).ToArray());
            LpCount++;
            var result = solver.Maximize(program);
            if (result.Status != LpStatus.Optimal)
                throw new InvalidOperationException(
                    $"textbook facet LP for row {g} ended {result.Status} after {result.Iterations} iterations");
            isFacet[g] = result.Objective > beta + tol.Facet * scale;
            if (isFacet[g]) count++;
        }

        for (int i = 0; i < m; i++)
            facetOf[i] = group[i] >= 0 && isFacet[group[i]] ? group[i] : -1;
        return count;
    }
}
