using System.Runtime.CompilerServices;
using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Exact;

/// <summary>
/// Everything proved about one exact polyhedron: an interior point (or a proof that there is none), its facets
/// with witnesses, and a Farkas certificate for every row that is not on a facet. <see cref="FacetOf"/> gives per
/// row the index of its facet in <see cref="Facets"/>, or −1. The counters compare with the claims the caller
/// passed in: claimed facets that are not facets, and facets that were not claimed (a claimed facet whose rows
/// differ from the exact group counts as both).
/// <para>Redundancy is decided when the certificate is made (most rows by a rigorous floating-point bound, see
/// <see cref="ExactPolytope.IsImpliedByBound"/>); the exact Farkas certificates of <see cref="Redundant"/> are
/// written out in rational arithmetic only when first asked for, since nothing but a check needs them.</para>
/// </summary>
public sealed class PolytopeCertificate(
    Rational[]? interior,
    NoInteriorCertificate? noInterior,
    FacetCertificate[] facets,
    Func<RedundancyCertificate[]> redundant,
    int[] facetOf,
    int claimsRejected,
    int facetsAdded,
    int exactSolves)
{
    private readonly Lazy<RedundancyCertificate[]> redundantRows = new(redundant);

    public Rational[]? Interior { get; } = interior;
    public NoInteriorCertificate? NoInterior { get; } = noInterior;
    public FacetCertificate[] Facets { get; } = facets;
    /// <summary>One Farkas certificate per row on no facet, in row order (computed on first use).</summary>
    public RedundancyCertificate[] Redundant => redundantRows.Value;
    public int[] FacetOf { get; } = facetOf;
    public int ClaimsRejected { get; } = claimsRejected;
    public int FacetsAdded { get; } = facetsAdded;
    /// <summary>Exact LPs this certificate needed (0 when every floating-point answer was confirmed).</summary>
    public int ExactSolves { get; } = exactSolves;
    public bool FullDimensional => Interior != null;

    /// <summary>The rows on a facet, ascending: the rows a full-dimensional polyhedron is the intersection of.</summary>
    public int[] FacetRows()
    {
        var rows = new List<int>();
        for (int r = 0; r < FacetOf.Length; r++) if (FacetOf[r] >= 0) rows.Add(r);
        return rows.ToArray();
    }

    /// <summary>Per row, its number among <see cref="FacetRows"/>, or −1 for a row on no facet.</summary>
    public int[] FacetRowNumbers()
    {
        var numbers = new int[FacetOf.Length];
        int kept = 0;
        for (int r = 0; r < numbers.Length; r++) numbers[r] = FacetOf[r] >= 0 ? kept++ : -1;
        return numbers;
    }

    /// <summary>This certificate for the polyhedron of its facet rows only (<see cref="FacetRows"/>, renumbered
    /// 0, 1, … in that order; <see cref="ExactPolytope.WithRows"/>): the same interior point, facets and counters,
    /// no redundant rows. The polyhedron is the same set, so the certificate stays valid for it, and the
    /// redundant rows' data and proofs can be let go.</summary>
    public PolytopeCertificate OnFacetRows()
    {
        if (Interior == null) throw new InvalidOperationException("a polyhedron without interior has no facet rows to keep");
        var renumbered = FacetRowNumbers();
        var facets = Facets.Select(f => f with { Rows = f.Rows.Select(r => renumbered[r]).ToArray() }).ToArray();
        var facetOf = FacetOf.Where(f => f >= 0).ToArray();
        return new PolytopeCertificate(Interior, null, facets, () => [], facetOf, ClaimsRejected, FacetsAdded, ExactSolves);
    }

    /// <summary>Re-checks every certificate against <paramref name="p"/> in exact arithmetic: the interior point (or
    /// its refutation), every facet witness, and that each row is either in exactly one facet or has a redundancy
    /// certificate.</summary>
    public bool IsValidFor(ExactPolytope p)
    {
        if (Interior == null) return NoInterior != null && p.IsNoInteriorCertificate(NoInterior);
        if (!p.IsInteriorPoint(Interior) || FacetOf.Length != p.Count) return false;
        var covered = new int[p.Count];
        for (int f = 0; f < Facets.Length; f++)
        {
            if (!p.IsFacetWitness(Facets[f])) return false;
            foreach (int r in Facets[f].Rows) { covered[r]++; if (FacetOf[r] != f) return false; }
        }
        foreach (var c in Redundant)
        {
            if (!p.IsRedundancyCertificate(c)) return false;
            covered[c.Row]++;
            if (FacetOf[c.Row] != -1) return false;
        }
        return covered.All(k => k == 1);
    }
}

/// <summary>
/// Proves the facet structure of an exact polyhedron the way cddlib does: decide in floating point, confirm in
/// exact rationals, and redo exactly (<see cref="ExactQueries"/>) only when the confirmation fails.
/// <list type="number">
/// <item>Interior: the hint (e.g. the floating-point Chebyshev centre), else the Chebyshev centre of the rows
/// rounded to doubles, is converted exactly and checked strictly inside every row.</item>
/// <item>Rows are grouped exactly into halfspaces (proportional rows); a floating-point comparison of the unit rows
/// only preselects the pairs to compare.</item>
/// <item>Each claimed facet gets a witness: a floating-point point of the facet's relative interior (in 2-D the
/// middle of the edge, otherwise the Chebyshev centre of the facet inside its hyperplane, a (d−1)-dimensional
/// LP), moved exactly onto the hyperplane along one coordinate and checked strictly inside every other row.</item>
/// <item>Every other halfspace is shown implied by the proven facets: multipliers from the LP
/// <c>max a_i·x over the proven facets (and a_i·x &lt;= b_i + scale)</c>, or from a vertex (d facets) that an
/// earlier row's LP ended at, prove it by a rigorous floating-point bound with the residual absorbed by the box
/// (<see cref="ExactPolytope.IsImpliedByBound"/>), from which the exact Farkas certificate is written out on
/// demand; rows implied with no margin get an exact certificate on the LP's support (Cramer's rule).</item>
/// </list>
/// Every failure falls back to the exact LP, so the result never depends on a floating-point decision; the
/// tolerances only steer which path is taken. Not thread-safe (LP buffers are reused).
/// </summary>
public sealed class PolytopeCertifier
{
    private readonly ChebyshevSolver chebyshev;
    private readonly ActiveSetKernel lpKernel;
    private readonly FacetFinder finder;

    public PolytopeCertifier(Tolerances? tolerances = null)
    {
        var tol = (tolerances ?? Tolerances.Default).Validated();
        chebyshev = new ChebyshevSolver(tol);
        lpKernel = new ActiveSetKernel(tol);
        finder = new FacetFinder(tol);
    }

    /// <summary>Exact LPs solved since construction.</summary>
    public long ExactSolves { get; private set; }

    /// <summary>
    /// Certifies <paramref name="p"/>. <paramref name="interiorHint"/>: a point believed to be inside (may be
    /// empty). <paramref name="claimedFacets"/>: the facets a floating-point analysis reported, as groups of rows
    /// (null: this certifier finds its own claims with <see cref="FacetFinder"/>). <paramref name="scale"/>: the
    /// length scale (box half-width) bounding the auxiliary LPs.
    /// </summary>
    // Jitted optimised at once (as the other per-row methods here): a run certifies each region once, and tiered
    // compilation would leave these loops unoptimised for much of a short run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PolytopeCertificate Certify(ExactPolytope p, ReadOnlySpan<double> interiorHint,
        IReadOnlyList<int[]>? claimedFacets, double scale)
    {
        int n = p.Dimension, m = p.Count;
        long exactBefore = ExactSolves;
        var unit = p.ToUnitDouble();

        var interior = FindInterior(p, unit, interiorHint, scale, out var none);
        if (interior == null)
            return new PolytopeCertificate(null, none, [], () => [], Enumerable.Repeat(-1, m).ToArray(),
                claimedFacets?.Count ?? 0, 0, (int)(ExactSolves - exactBefore));
        var interiorDouble = interior.Select(v => v.ToDouble()).ToArray();

        var groupOf = Groups(p, unit);
        var groupSize = new int[m];
        for (int r = 0; r < m; r++) groupSize[groupOf[r]]++;
        var candidate = new bool[m];
        if (claimedFacets != null)
        {
            foreach (var g in claimedFacets) foreach (int r in g) candidate[groupOf[r]] = true;
        }
        else
        {
            var facetOf = new int[m];
            finder.Find(unit.RowMajorA, unit.B, n, interiorDouble, scale, facetOf);
            for (int r = 0; r < m; r++) if (facetOf[r] >= 0) candidate[groupOf[r]] = true;
        }

        CoordinateRows? coordinates = null;
        var vertexSupports = new List<int[]>();
        var facets = new List<FacetCertificate>();
        var redundantReps = new List<(int Row, RedundancyProof Proof)>(m);
        var facetReps = new List<int>();
        // Claimed facets first (in row order) so that the Farkas LPs of the other rows run over proven facets.
        for (int pass = 0; pass < 2; pass++)
        {
            for (int rep = 0; rep < m; rep++)
            {
                if (groupOf[rep] != rep || candidate[rep] != (pass == 0)) continue;
                var group = new int[groupSize[rep]];
                for (int r = rep, k = 0; k < group.Length; r++) if (groupOf[r] == rep) group[k++] = r;
                FacetCertificate? facet = null;
                RedundancyProof? redundant = null;
                if (p.IsConstantRow(rep)) redundant = new RedundancyProof(new RedundancyCertificate(rep, [], []), null, null); // 0 <= b > 0 (interior)
                else if (pass == 0) facet = TryWitness(p, unit, group, interiorDouble, scale);
                else redundant = TryFarkas(p, unit, rep, facetReps, interiorDouble, scale, coordinates ??= new CoordinateRows(p), groupOf,
                    vertexSupports);
                if (facet == null && redundant == null)
                {
                    ExactSolves++;
                    var decision = ExactQueries.DecideFacet(p, group);
                    facet = decision.Facet;
                    if (decision.Redundant is { } exactCertificate) redundant = new RedundancyProof(exactCertificate, null, null);
                    else if (facet == null)
                        throw new InvalidOperationException("exact facet decision failed on a full-dimensional polyhedron");
                }
                if (facet != null) { facets.Add(facet); facetReps.Add(rep); }
                else redundantReps.Add((rep, redundant!.Value));
            }
        }

        var facetIndex = new int[m];
        Array.Fill(facetIndex, -1);
        facets.Sort((x, y) => x.Rows[0].CompareTo(y.Rows[0]));
        for (int f = 0; f < facets.Count; f++) foreach (int r in facets[f].Rows) facetIndex[r] = f;
        RedundancyCertificate[] WriteOut()
        {
            var rows = new List<RedundancyCertificate>();
            foreach (var (rep, proof) in redundantReps)
            {
                var c = proof.Exact ?? WithResidualOnCoordinates(p, rep, proof.Support!, proof.Weights!, coordinates!, groupOf, proof.Own);
                for (int r = rep; r < m; r++)
                    if (groupOf[r] == rep) rows.Add(r == rep ? c : Scaled(p, c, r));
            }
            rows.Sort((x, y) => x.Row.CompareTo(y.Row));
            return rows.ToArray();
        }

        int rejected = 0, added = 0;
        if (claimedFacets != null)
        {
            // Facet f is claimed exactly when some claim has its rows (facet rows are in ascending order).
            var matched = new bool[facets.Count];
            var seen = new HashSet<long>();
            foreach (var claim in claimedFacets)
            {
                int f = claim.Length > 0 ? facetIndex[claim[0]] : -1;
                bool same = f >= 0 && claim.Length == facets[f].Rows.Length && claim.All(r => facetIndex[r] == f);
                if (same) matched[f] = true;
                else if (seen.Add(ClaimKey(claim))) rejected++;
            }
            added = matched.Count(x => !x);
        }
        return new PolytopeCertificate(interior, null, facets.ToArray(), WriteOut, facetIndex,
            rejected, added, (int)(ExactSolves - exactBefore));
    }

    private static long ClaimKey(int[] rows)
    {
        long h = rows.Length;
        foreach (int r in rows.Order()) h = h * 1_000_003 + r;
        return h;
    }

    private Rational[]? FindInterior(ExactPolytope p, HPolytope unit, ReadOnlySpan<double> hint, double scale,
        out NoInteriorCertificate? none)
    {
        none = null;
        int n = p.Dimension;
        bool usable = hint.Length == n && VectorMath.AllFinite(hint); // a hint rounded from a huge exact point may not be
        if (usable)
        {
            var x = Rational.FromDoubles(hint);
            if (p.IsInteriorPoint(x)) return x;
        }
        var centre = new double[n];
        var start = usable ? hint.ToArray() : new double[n];
        var status = chebyshev.Solve(unit.RowMajorA, unit.B, n, start, centre, scale, out double radius);
        if (status == LpStatus.Optimal && radius > 0)
        {
            var x = Rational.FromDoubles(centre);
            if (p.IsInteriorPoint(x)) return x;
        }
        ExactSolves++;
        var (interior, refutation) = ExactQueries.Interior(p);
        none = refutation;
        return interior;
    }

    /// <summary>Rows grouped into halfspaces: groupOf[r] is the lowest row of r's halfspace. Constant rows are
    /// alone. Exact comparisons only for pairs whose unit rows agree to <see cref="NumericGuards.CertifyNearRows"/>
    /// (exactly equal halfspaces agree to rounding error), found by sorting the rows on their first rounded
    /// coordinate.</summary>
    private static int[] Groups(ExactPolytope p, HPolytope unit)
    {
        int n = p.Dimension, m = p.Count;
        var groupOf = new int[m];
        for (int r = 0; r < m; r++) groupOf[r] = r;
        var order = Enumerable.Range(0, m).Where(r => !p.IsConstantRow(r)).ToArray();
        var keys = order.Select(r => unit.Row(r)[0]).ToArray();
        Array.Sort(keys, order);
        for (int a = 0; a < order.Length; a++)
        {
            for (int b = a + 1; b < order.Length && keys[b] - keys[a] <= NumericGuards.CertifyNearRows; b++)
            {
                int q = Math.Min(order[a], order[b]), r = Math.Max(order[a], order[b]);
                if (!Near(unit, q, r, n) || !p.SameHalfspace(r, q)) continue;
                int gq = groupOf[q], gr = groupOf[r];
                int low = Math.Min(gq, gr), high = Math.Max(gq, gr);
                if (low == high) continue;
                for (int t = 0; t < m; t++) if (groupOf[t] == high) groupOf[t] = low;
            }
        }
        return groupOf;
    }

    private static bool Near(HPolytope unit, int q, int r, int n)
    {
        const double filter = NumericGuards.CertifyNearRows;
        var rq = unit.Row(q);
        var rr = unit.Row(r);
        for (int t = 0; t < n; t++) if (Math.Abs(rq[t] - rr[t]) > filter) return false;
        return Math.Abs(unit.Rhs(q) - unit.Rhs(r)) <= filter * Math.Max(1, Math.Abs(unit.Rhs(q)));
    }

    /// <summary>Witness for the facet of <paramref name="group"/>: the floating-point Chebyshev centre of the facet
    /// within its hyperplane, projected exactly onto the hyperplane; null when it does not check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FacetCertificate? TryWitness(ExactPolytope p, HPolytope unit, int[] group, double[] interior, double scale)
    {
        int n = p.Dimension, m = p.Count, rep = group[0];
        var row = p.Row(rep);
        if (n == 1)
        {
            var point = new[] { p.Rhs(rep) / row[0] };
            var single = new FacetCertificate(group, point);
            return p.IsFacetWitness(single) ? single : null;
        }
        var normal = unit.Row(rep);
        double offset = unit.Rhs(rep);
        var inGroup = new bool[m];
        foreach (int g in group) inGroup[g] = true;
        var x = n == 2 ? SegmentMidpoint(unit, inGroup, normal, offset, interior) : FacetCentre(unit, inGroup, normal, offset, interior, scale);
        if (x == null) return null;
        // On the hyperplane by construction, and the group's rows are its halfspace exactly (Groups): what is left
        // to check is that every other row is strict.
        var w = OntoHyperplane(row, p.Rhs(rep), Rational.FromDoubles(x));
        Span<double> approx = stackalloc double[n];
        bool ok = ExactPolytope.Approximate(w, approx);
        for (int j = 0; j < m; j++)
            if (!inGroup[j] && p.SlackSign(j, w, approx, ok) <= 0) return null;
        return new FacetCertificate(group, w);
    }

    /// <summary>2-D: the facet's line is p0 + s·v (v ⟂ normal); every other row bounds s to one side; the middle of
    /// the resulting interval (null when it is empty or unbounded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[]? SegmentMidpoint(HPolytope unit, bool[] inGroup, ReadOnlySpan<double> normal, double offset,
        double[] interior)
    {
        double vx = -normal[1], vy = normal[0];
        double px = offset * normal[0], py = offset * normal[1];
        double s0 = vx * interior[0] + vy * interior[1];
        px += s0 * vx; py += s0 * vy; // start the parameter at the interior point's projection
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        for (int j = 0; j < unit.Count; j++)
        {
            if (inGroup[j]) continue;
            var r = unit.Row(j);
            double along = r[0] * vx + r[1] * vy, slack = unit.Rhs(j) - (r[0] * px + r[1] * py);
            if (along > 0) hi = Math.Min(hi, slack / along);
            else if (along < 0) lo = Math.Max(lo, slack / along);
            else if (!(slack > 0)) return null;
        }
        if (!(lo < hi) || !double.IsFinite(lo) || !double.IsFinite(hi)) return null;
        double mid = 0.5 * (lo + hi);
        return [px + mid * vx, py + mid * vy];
    }

    /// <summary>d ≥ 3: the Chebyshev centre of the facet within its hyperplane (a (d−1)-dimensional LP over the other
    /// rows, bounded by the cap <paramref name="scale"/> on the radius).</summary>
    private double[]? FacetCentre(HPolytope unit, bool[] inGroup, ReadOnlySpan<double> normal, double offset,
        double[] interior, double scale)
    {
        int n = normal.Length, m = unit.Count;
        var basis = OrthonormalComplement(normal);
        int k = n - 1;
        int rows = inGroup.Count(g => !g);
        var a = new double[rows * k];
        var b = new double[rows];
        var p0 = new double[n];
        for (int t = 0; t < n; t++) p0[t] = offset * normal[t];
        for (int j = 0, q = 0; j < m; j++)
        {
            if (inGroup[j]) continue;
            var rj = unit.Row(j);
            for (int s = 0; s < k; s++) a[q * k + s] = VectorMath.Dot(rj, basis.AsSpan(s * n, n));
            b[q] = unit.Rhs(j) - VectorMath.Dot(rj, p0);
            q++;
        }
        var start = new double[k];
        for (int s = 0; s < k; s++) start[s] = VectorMath.Dot(basis.AsSpan(s * n, n), interior) - VectorMath.Dot(basis.AsSpan(s * n, n), p0);
        var centre = new double[k];
        var status = chebyshev.Solve(a, b, k, start, centre, scale, out double radius);
        if (status != LpStatus.Optimal || !(radius > 0)) return null;
        var x = new double[n];
        for (int t = 0; t < n; t++)
        {
            x[t] = p0[t];
            for (int s = 0; s < k; s++) x[t] += centre[s] * basis[s * n + t];
        }
        return x;
    }

    /// <summary>x moved along the coordinate with the largest |a_k| so that a·x = b exactly.</summary>
    private static Rational[] OntoHyperplane(ReadOnlySpan<Rational> a, Rational b, Rational[] x)
    {
        int k = 0;
        double best = -1;
        for (int t = 0; t < a.Length; t++)
        {
            double v = Math.Abs(a[t].ToDouble());
            if (v > best) { best = v; k = t; }
        }
        var residual = b - Rational.Dot(a, x);
        if (!residual.IsZero) x[k] += residual / a[k];
        return x;
    }

    /// <summary>Rows of an orthonormal basis of the complement of the unit vector <paramref name="normal"/>
    /// ((n−1) × n, row-major): Gram–Schmidt on the coordinate axes, leaving out the axis most aligned with it.</summary>
    private static double[] OrthonormalComplement(ReadOnlySpan<double> normal)
    {
        int n = normal.Length, skip = 0;
        for (int t = 1; t < n; t++) if (Math.Abs(normal[t]) > Math.Abs(normal[skip])) skip = t;
        var basis = new double[(n - 1) * n];
        var v = new double[n];
        for (int axis = 0, s = 0; axis < n; axis++)
        {
            if (axis == skip) continue;
            Array.Clear(v);
            v[axis] = 1;
            for (int pass = 0; pass < 2; pass++) // twice for orthogonality to rounding error
            {
                double pn = VectorMath.Dot(v, normal);
                for (int t = 0; t < n; t++) v[t] -= pn * normal[t];
                for (int q = 0; q < s; q++)
                {
                    var u = basis.AsSpan(q * n, n);
                    double pu = VectorMath.Dot(v, u);
                    for (int t = 0; t < n; t++) v[t] -= pu * u[t];
                }
            }
            double norm = VectorMath.Norm(v);
            for (int t = 0; t < n; t++) basis[s * n + t] = v[t] / norm;
            s++;
        }
        return basis;
    }

    // TryFarkas's LP and support, reused from row to row (this object serves one thread).
    private double[] farkasA = [], farkasB = [], farkasX = [];
    private readonly List<int> farkasSupport = new();
    private readonly List<double> farkasMu = new();

    /// <summary>How a row is redundant, until its certificate is written out (<see cref="PolytopeCertificate.Redundant"/>,
    /// on demand): an exact certificate, or multipliers μ on a support whose exact residual goes onto the
    /// coordinate rows (<see cref="WithResidualOnCoordinates"/>). A struct rather than a closure per row: two objects
    /// for each of a region's many redundant rows were a tenth of the certifier's allocations.</summary>
    private readonly record struct RedundancyProof(RedundancyCertificate? Exact, int[]? Support, double[]? Weights,
        int Own = -1);

    /// <summary>
    /// Farkas certificate for row i from the LP <c>max a_i·x over the proven facets</c>. Its multipliers λ (for the
    /// unit rows) are rescaled to the exact rows as μ_j (doubles, so exact binary fractions). For x in the
    /// polyhedron a_i·x = Σ μ_j a_j·x + r·x &lt;= Σ μ_j b_j + Σ_t |r_t|·B_t with the residual r = a_i − Σ μ_j a_j
    /// (rounding error only) and |x_t| &lt;= B_t from the coordinate rows (the box sides); when a rigorous
    /// floating-point upper bound of the right side minus b_i is negative, the row is implied
    /// (<see cref="ExactPolytope.IsImpliedByBound"/>), decided without rational arithmetic. The exact certificate
    /// follows from the same μ: the exact residual goes onto the coordinate rows (r_t·x_t &lt;= r_t·hi_t for
    /// r_t &gt; 0, likewise with lo_t), so Σ μ'_j a_j = a_i holds exactly; it is written out only on demand. A box
    /// side keeps its own coordinate's residual (a certificate with a scale just off 1, see
    /// <see cref="ExactPolytope.IsImpliedByBound"/>). Rows redundant with no margin (through a vertex) or polyhedra without coordinate rows are certified
    /// exactly on the LP's support (Cramer's rule in integers: in 6-D, with the box sides, that was half of a
    /// certification). Null when all of this fails.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RedundancyProof? TryFarkas(ExactPolytope p, HPolytope unit, int i, List<int> facetReps,
        double[] interior, double scale, CoordinateRows coordinates, int[] groupOf, List<int[]> vertexSupports)
    {
        int n = p.Dimension, f = facetReps.Count;
        if (f == 0) return null;
        bool bounded = coordinates.UsableFor(groupOf, i);
        // A box side: its own coordinate's residual cannot go onto itself (OwnCoordinateProof).
        int own = bounded ? -1 : coordinates.OwnCoordinate(p, groupOf, i);
        // A vertex that maximised an earlier row often maximises this one too: its multipliers (a d×d solve) are
        // tried before a new LP. Any non-negative multipliers are sound; the bound decides.
        if (bounded || own >= 0)
        {
            Span<double> w = stackalloc double[n];
            foreach (var s in vertexSupports)
                if (MultipliersOnSupport(p, unit, s, i, w) && p.IsImpliedByBound(i, s, w, coordinates.Bounds, own))
                    return new RedundancyProof(null, s, w.ToArray(), own);
        }
        // The LP over the facets and the relaxed row i, in this worker's buffers (one LP per redundant row).
        if (farkasB.Length < f + 1)
        {
            farkasB = new double[2 * (f + 1)];
            farkasA = new double[farkasB.Length * n];
        }
        var a = farkasA.AsSpan(0, (f + 1) * n);
        var b = farkasB.AsSpan(0, f + 1);
        for (int k = 0; k < f; k++)
        {
            unit.Row(facetReps[k]).CopyTo(a.Slice(k * n, n));
            b[k] = unit.Rhs(facetReps[k]);
        }
        unit.Row(i).CopyTo(a.Slice(f * n, n));
        b[f] = unit.Rhs(i) + scale;
        if (farkasX.Length != n) farkasX = new double[n];
        interior.CopyTo(farkasX, 0);
        if (lpKernel.Maximize(a, b, unit.Row(i), farkasX) != LpStatus.Optimal) return null;
        var multipliers = b; // the right-hand sides are no longer needed
        lpKernel.CopyMultipliers(multipliers);
        if (multipliers[f] > 0) return null;
        var support = farkasSupport;
        var mu = farkasMu;
        support.Clear();
        mu.Clear();
        double normI = p.ApproximateNorm(i);
        for (int k = 0; k < f; k++)
        {
            if (!(multipliers[k] > 0)) continue;
            double v = multipliers[k] * normI / p.ApproximateNorm(facetReps[k]);
            if (!(v > 0) || !double.IsFinite(v)) continue;
            support.Add(facetReps[k]);
            mu.Add(v);
        }
        if (support.Count == 0 || support.Count > n) return null;
        if (support.Count == n) vertexSupports.Add(support.ToArray());

        if (bounded || own >= 0)
        {
            var rows = support.ToArray();
            var weights = mu.ToArray();
            if (p.IsImpliedByBound(i, rows, weights, coordinates.Bounds, own))
                return new RedundancyProof(null, rows, weights, own);
        }
        var certificate = support.Count == n ? CramerCertificate(p, support, i) : null;
        if (certificate == null)
        {
            var lambda = SolveOnSupport(p, support, p.Row(i));
            if (lambda == null) return null;
            certificate = new RedundancyCertificate(i, support.ToArray(), lambda);
        }
        return p.IsRedundancyCertificate(certificate) ? new RedundancyProof(certificate, null, null) : null;
    }

    /// <summary>μ ≥ 0 with Σ μ_j a_j ≈ a_i on a support of d rows (floating point, partial pivoting, multipliers of
    /// the unit rows rescaled to the exact rows) into <paramref name="mu"/>; false when singular or some multiplier
    /// is clearly negative. Tried for every earlier vertex on most redundant rows, so it allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MultipliersOnSupport(ExactPolytope p, HPolytope unit, int[] support, int i, Span<double> mu)
    {
        int n = p.Dimension;
        Span<double> m = stackalloc double[n * (n + 1)];
        for (int t = 0; t < n; t++)
        {
            for (int k = 0; k < n; k++) m[t * (n + 1) + k] = unit.Row(support[k])[t];
            m[t * (n + 1) + n] = unit.Row(i)[t];
        }
        int w = n + 1;
        for (int c = 0; c < n; c++)
        {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(m[r * w + c]) > Math.Abs(m[piv * w + c])) piv = r;
            if (!(Math.Abs(m[piv * w + c]) > NumericGuards.CertifyPivot)) return false;
            if (piv != c) for (int k = 0; k < w; k++) (m[c * w + k], m[piv * w + k]) = (m[piv * w + k], m[c * w + k]);
            for (int r = c + 1; r < n; r++)
            {
                double factor = m[r * w + c] / m[c * w + c];
                if (factor == 0) continue;
                for (int k = c; k < w; k++) m[r * w + k] -= factor * m[c * w + k];
            }
        }
        double normI = p.ApproximateNorm(i);
        for (int c = n - 1; c >= 0; c--)
        {
            double v = m[c * w + n];
            for (int k = c + 1; k < n; k++) v -= m[c * w + k] * mu[k];
            mu[c] = v / m[c * w + c];
        }
        for (int k = 0; k < n; k++)
        {
            if (mu[k] < -NumericGuards.CertifyNegativeMultiplier) return false;
            mu[k] = Math.Max(0, mu[k]) * normI / p.ApproximateNorm(support[k]);
            if (!double.IsFinite(mu[k])) return false;
        }
        return true;
    }

    /// <summary>The exact certificate behind <see cref="ExactPolytope.IsImpliedByBound"/>: the multipliers μ as
    /// exact binary fractions, and the exact residual a_i − Σ μ_j a_j put on the coordinate rows.
    /// <para>For a box side a_i = c·e_own (<paramref name="own"/> ≥ 0) the residual r_own stays: Σ μ_j a_j plus the
    /// other coordinates' residual rows is (c − r_own)·e_own, so the certificate has scale (c − r_own)/c (see
    /// <see cref="ExactPolytope.IsImpliedByBound"/> for why it holds).</para></summary>
    private static RedundancyCertificate WithResidualOnCoordinates(ExactPolytope p, int i, int[] support,
        double[] weights, CoordinateRows coordinates, int[] groupOf, int own = -1)
    {
        int n = p.Dimension;
        var rows = new List<int>(support.Length + n);
        var multipliers = new List<Rational>(support.Length + n);
        var residual = p.Row(i).ToArray();
        for (int k = 0; k < support.Length; k++)
        {
            var mu = Rational.FromDouble(weights[k]);
            var row = p.Row(support[k]);
            for (int t = 0; t < n; t++) if (!row[t].IsZero) residual[t] -= mu * row[t];
            rows.Add(support[k]);
            multipliers.Add(mu);
        }
        for (int t = 0; t < n; t++)
        {
            if (residual[t].IsZero || t == own) continue;
            var (row, coefficient) = coordinates.Pick(t, residual[t].IsPositive, groupOf, i);
            var mu = residual[t] / coefficient; // the coefficient has the sign of residual[t]: mu > 0
            int at = rows.IndexOf(row);
            if (at >= 0) multipliers[at] += mu;
            else { rows.Add(row); multipliers.Add(mu); }
        }
        var certificate = new RedundancyCertificate(i, rows.ToArray(), multipliers.ToArray());
        if (own < 0) return certificate;
        var c = p.Row(i)[own];
        return certificate with { Scale = (c - residual[own]) / c };
    }

    /// <summary>For each coordinate t the rows c·x_t &lt;= β with c &gt; 0 (Upper) and with c &lt; 0 (Lower) that the
    /// polyhedron has (a box has one of each), rows with c = ±1 first; and bounds |x_t| &lt;= B_t on the polyhedron
    /// valid for every one of them.</summary>
    private sealed class CoordinateRows
    {
        public CoordinateRows(ExactPolytope p)
        {
            int n = p.Dimension;
            Upper = Enumerable.Range(0, n).Select(_ => new List<(int, Rational)>()).ToArray();
            Lower = Enumerable.Range(0, n).Select(_ => new List<(int, Rational)>()).ToArray();
            for (int r = 0; r < p.Count; r++)
            {
                var row = p.Row(r);
                int nonZero = -1, count = 0;
                for (int t = 0; t < n; t++) if (!row[t].IsZero) { nonZero = t; count++; }
                if (count != 1) continue;
                var c = row[nonZero];
                var list = c.IsPositive ? Upper[nonZero] : Lower[nonZero];
                if (c.Abs() == Rational.One) list.Insert(0, (r, c)); else list.Add((r, c));
            }
            Bounds = new double[n];
            Complete = true;
            for (int t = 0; t < n; t++)
            {
                if (Upper[t].Count == 0 || Lower[t].Count == 0) { Complete = false; return; }
                // The largest |β/c| over the candidates, from the rounded rows, widened to stay an upper bound.
                foreach (var (row, c) in Upper[t].Concat(Lower[t]))
                    Bounds[t] = Math.Max(Bounds[t],
                        Math.Abs(p.Rhs(row).ToDouble() / c.ToDouble()) * (1 + NumericGuards.CertifyBoundWidening));
                if (!double.IsFinite(Bounds[t])) { Complete = false; return; }
            }
        }

        public List<(int Row, Rational Coefficient)>[] Upper { get; }
        public List<(int Row, Rational Coefficient)>[] Lower { get; }
        public double[] Bounds { get; }
        public bool Complete { get; }

        /// <summary>Whether every coordinate has an upper and a lower row outside the halfspace of row i.</summary>
        public bool UsableFor(int[] groupOf, int i)
        {
            if (!Complete) return false;
            for (int t = 0; t < Upper.Length; t++)
                if (!Has(Upper[t], groupOf, groupOf[i]) || !Has(Lower[t], groupOf, groupOf[i])) return false;
            return true;
        }

        private static bool Has(List<(int Row, Rational Coefficient)> rows, int[] groupOf, int excluded)
        {
            foreach (var (row, _) in rows) if (groupOf[row] != excluded) return true;
            return false;
        }

        /// <summary>The coordinate t when row i is a coordinate row c·x_t &lt;= β itself (a box side) and every other
        /// coordinate has rows on both sides outside row i's halfspace; −1 otherwise.</summary>
        public int OwnCoordinate(ExactPolytope p, int[] groupOf, int i)
        {
            if (!Complete) return -1;
            var row = p.Row(i);
            int own = -1;
            for (int t = 0; t < row.Length; t++)
            {
                if (row[t].IsZero) continue;
                if (own >= 0) return -1;
                own = t;
            }
            if (own < 0) return -1;
            for (int t = 0; t < Upper.Length; t++)
                if (t != own && (!Has(Upper[t], groupOf, groupOf[i]) || !Has(Lower[t], groupOf, groupOf[i]))) return -1;
            return own;
        }

        public (int Row, Rational Coefficient) Pick(int t, bool upper, int[] groupOf, int i) =>
            (upper ? Upper[t] : Lower[t]).First(e => groupOf[e.Row] != groupOf[i]);
    }

    /// <summary>Σ_k λ_k a_{support[k]} = a_i by Cramer's rule in integers (λ_k = N_k / D): the certificate has
    /// multipliers N_k·sign(D) and scale |D|, so that checking it needs no division.</summary>
    private static RedundancyCertificate? CramerCertificate(ExactPolytope p, List<int> support, int i)
    {
        int n = p.Dimension;
        var matrix = new Rational[n * n];
        for (int k = 0; k < n; k++)
        {
            var row = p.Row(support[k]);
            for (int t = 0; t < n; t++) matrix[t * n + k] = row[t];
        }
        if (!ExactLinearSystem.SolveByCramer(matrix, n, p.Row(i), out var numerators, out var determinant)) return null;
        int sign = determinant.Sign;
        return new RedundancyCertificate(i, support.ToArray(), numerators.Select(v => (Rational)(sign * v)).ToArray())
        {
            Scale = sign * determinant,
        };
    }

    /// <summary>λ with Σ_k λ_k a_{support[k]} = target, exactly (free variables 0), or null.</summary>
    private static Rational[]? SolveOnSupport(ExactPolytope p, List<int> support, ReadOnlySpan<Rational> target)
    {
        int n = p.Dimension, s = support.Count;
        var matrix = new Rational[n * s];
        for (int k = 0; k < s; k++)
        {
            var row = p.Row(support[k]);
            for (int t = 0; t < n; t++) matrix[t * s + k] = row[t];
        }
        return ExactLinearSystem.Solve(matrix, n, s, target);
    }

    /// <summary>The certificate of <paramref name="c"/> for the same halfspace written as row r = t·row c.Row.</summary>
    private static RedundancyCertificate Scaled(ExactPolytope p, RedundancyCertificate c, int r)
    {
        var rep = p.Row(c.Row);
        var row = p.Row(r);
        int k = 0;
        while (rep[k].IsZero) k++;
        var ratio = row[k] / rep[k];
        return new RedundancyCertificate(r, c.Rows, c.Multipliers.Select(l => l * ratio).ToArray()) { Scale = c.Scale };
    }
}
