using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Analysis;

/// <summary>
/// One piece of the decision boundary inside one region: the part of the region where classes
/// <see cref="ClassA"/> &lt; <see cref="ClassB"/> tie as the top two outputs. It lies on the hyperplane
/// <see cref="Normal"/>·x = <see cref="Offset"/> with Normal = (g_a − g_b)/‖g_a − g_b‖ (so class a wins on the
/// positive side). <see cref="Radius"/> is the radius of the largest (d−1)-ball of the piece inside the hyperplane
/// (in 1-D the point's depth inside the region) and <see cref="Centre"/> its centre. In 2-D <see cref="Segment"/>
/// holds the two endpoints and <see cref="Length"/> the length; both are null in other dimensions. For a network
/// with one output, class 1 is the constant 0, so the piece is where the output is 0.
/// </summary>
public sealed record BoundaryPiece(int Region, int ClassA, int ClassB, double[] Normal, double Offset, double Radius,
    double[] Centre, double[][]? Segment, double? Length);

/// <summary>The decision boundary over all regions: <see cref="RegionsCrossed"/> regions hold at least one piece;
/// <see cref="Pieces"/> lists every piece (one per region and class pair); <see cref="LinearPieces"/> counts the
/// connected linear pieces (pieces in neighbouring regions with the same class pair and the same hyperplane that
/// meet on the facet between them are one linear piece); <see cref="Length"/> is the total length in 2-D (null
/// otherwise); <see cref="TiedRegions"/> counts regions where the two top outputs are equal everywhere (their tie
/// set is the whole region, not a boundary, and is left out).</summary>
public sealed record DecisionBoundaryResult(int Outputs, int RegionsCrossed, int LinearPieces, double? Length,
    int TiedRegions, IReadOnlyList<BoundaryPiece> Pieces);

/// <summary>
/// The decision boundary of a classifier over its enumerated regions. On a region the outputs are affine,
/// f(x) = G x + c. The boundary is the set where the two largest outputs tie: for each class pair a &lt; b the set
/// T_ab = {x : f_a(x) = f_b(x) ≥ f_l(x) for every other l}; with one output it is {x : f(x) = 0} (a second,
/// constant-zero output is appended). Within a region, T_ab lies on the hyperplane (g_a − g_b)·x + (c_a − c_b) = 0
/// and is convex; it is a piece of the boundary when it has positive (d−1)-dimensional measure, decided by one LP
/// per region and pair: the Chebyshev ball of {region facets, f_l ≤ f_a} inside the hyperplane
/// (<see cref="FlatChebyshev"/>), kept when its radius exceeds <see cref="Tolerances.Radius"/> × scale. In 2-D the
/// line is clipped exactly instead (the same ball: half the segment). In 1-D a piece is a point of the closed
/// interval. A piece lying on a facet of its region (the boundary runs along a neuron's hyperplane) is found in
/// both regions beside the facet; it is kept once, in the region of lower id. Two pieces in neighbouring regions
/// are connected when they share class pair and hyperplane and meet on the common facet with positive
/// (d−2)-dimensional measure (in 2-D: at a common point); connected components are the linear pieces (Tseran &amp;
/// Montúfar 2021 count these for maxout networks).
/// </summary>
public sealed class DecisionBoundary
{
    private readonly int dimension;
    private readonly double scale;
    private readonly Tolerances tol;
    private readonly FlatChebyshev flat;

    public DecisionBoundary(int inputDim, double scale, Tolerances? tolerances = null)
    {
        if (inputDim < 1) throw new ArgumentOutOfRangeException(nameof(inputDim));
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale));
        dimension = inputDim;
        this.scale = scale;
        tol = (tolerances ?? Tolerances.Default).Validated();
        flat = new FlatChebyshev(tol);
    }

    public DecisionBoundaryResult Analyze(IReadOnlyList<Region> regions)
    {
        var byId = regions.ToDictionary(r => r.Id);
        var raw = new Dictionary<int, List<Candidate>>();
        int tied = 0;
        foreach (var r in regions)
        {
            var (found, fullTie) = PiecesOf(r);
            raw[r.Id] = found;
            if (fullTie) tied++;
        }

        // A piece on a facet is seen from both sides: keep the copy in the region of lower id.
        foreach (var r in regions)
            raw[r.Id].RemoveAll(c => c.OnFacet >= 0 && r.Facets[c.OnFacet].Neighbour is int n && n >= 0 && n < r.Id
                                     && raw.TryGetValue(n, out var other) && other.Any(o => SamePlane(o, c)));

        var kept = regions.SelectMany(r => raw[r.Id]).ToList();
        var index = new Dictionary<Candidate, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < kept.Count; i++) index[kept[i]] = i;
        var parent = Enumerable.Range(0, kept.Count).ToArray();
        int components = kept.Count;
        if (dimension >= 2)
        {
            foreach (var r in regions)
            {
                foreach (var facet in r.Facets)
                {
                    int n = facet.Neighbour;
                    if (facet.IsBoxSide || n < 0 || n == r.Id || !byId.TryGetValue(n, out var other)) continue;
                    foreach (var p in raw[r.Id])
                        foreach (var q in raw[n])
                        {
                            if (!SamePlane(p, q)) continue;
                            int a = Find(parent, index[p]), b = Find(parent, index[q]);
                            if (a == b || !Meet(r, p, other, q, facet)) continue;
                            parent[Math.Max(a, b)] = Math.Min(a, b);
                            components--;
                        }
                }
            }
        }
        int outputs = regions.Count == 0 ? 0 : regions[0].OutputBias.Length;
        var pieces = kept.Select(c => c.Piece).ToArray();
        double? length = dimension == 2 ? pieces.Sum(p => p.Length ?? 0) : null;
        return new DecisionBoundaryResult(outputs, pieces.Select(p => p.Region).Distinct().Count(), components, length,
            tied, pieces);
    }

    /// <summary>The pieces of one region (before removing the second copy of pieces that lie on a facet) and
    /// whether the top two outputs tie on the whole region.</summary>
    private (List<Candidate> Pieces, bool FullTie) PiecesOf(Region region)
    {
        var (g, c, k) = Outputs(region);
        int d = dimension;
        var result = new List<Candidate>();
        bool fullTie = false;
        var polytope = Polytope(region);
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                var h = new double[d];
                for (int j = 0; j < d; j++) h[j] = g[a * d + j] - g[b * d + j];
                double norm = VectorMath.Norm(h), delta = c[a] - c[b];
                double magnitude = Math.Max(VectorMath.Norm(g.AsSpan(a * d, d)), VectorMath.Norm(g.AsSpan(b * d, d)));
                var classRows = ClassRows(g, c, k, a, b);
                if (norm == 0 || norm <= tol.ZeroGradient * magnitude)
                {
                    // f_a − f_b is constant on the region: no boundary, or a tie everywhere.
                    if (Math.Abs(delta) <= tol.Coincidence * Math.Max(1, Math.Max(Math.Abs(c[a]), Math.Abs(c[b])))
                        && Top(g, c, k, a, region.Centre)) fullTie = true;
                    continue;
                }
                var normal = h.Select(v => v / norm).ToArray();
                double offset = -delta / norm;
                var constraints = Append(polytope, classRows);
                var piece = Measure(region, constraints, normal, offset, a, b);
                if (piece == null) continue;
                result.Add(new Candidate(piece, constraints, OnFacet(region, normal, offset)));
            }
        }
        return (result, fullTie);
    }

    private BoundaryPiece? Measure(Region region, HPolytope constraints, double[] normal, double offset, int a, int b)
    {
        int d = dimension;
        double along = offset - VectorMath.Dot(normal, region.Centre);
        var x0 = region.Centre.Select((v, j) => v + along * normal[j]).ToArray();
        if (d == 2)
        {
            double[] u = [-normal[1], normal[0]];
            var (lo, hi) = flat.ClipLine(constraints, x0, u, tol.Facet * scale);
            if (!(hi - lo > 2 * tol.Radius * scale)) return null;
            if (double.IsInfinity(lo) || double.IsInfinity(hi))
                return new BoundaryPiece(region.Id, a, b, normal, offset, double.PositiveInfinity, x0, null, double.PositiveInfinity);
            double[] p = [x0[0] + lo * u[0], x0[1] + lo * u[1]], q = [x0[0] + hi * u[0], x0[1] + hi * u[1]];
            double[] mid = [0.5 * (p[0] + q[0]), 0.5 * (p[1] + q[1])];
            return new BoundaryPiece(region.Id, a, b, normal, offset, 0.5 * (hi - lo), mid, [p, q], hi - lo);
        }
        var ball = flat.Compute(constraints, [normal], [offset], region.Centre, tol.Facet * scale);
        bool present = d == 1 ? ball.Radius >= -tol.Facet * scale : ball.Radius > tol.Radius * scale;
        return present ? new BoundaryPiece(region.Id, a, b, normal, offset, ball.Radius, ball.Centre, null, null) : null;
    }

    /// <summary>Whether piece p of region r and piece q of its neighbour s meet on their common facet with positive
    /// (d−2)-measure (2-D: share a point): the Chebyshev ball of both regions' constraints within the flat where
    /// the boundary hyperplane meets the facet's hyperplane.</summary>
    private bool Meet(Region r, Candidate p, Region s, Candidate q, RegionFacet facet)
    {
        var both = Append(p.Constraints, Rows(q.Constraints));
        var ball = flat.Compute(both, [p.Piece.Normal, facet.Normal], [p.Piece.Offset, facet.Offset],
            p.Piece.Centre, tol.Facet * scale);
        if (double.IsNegativeInfinity(ball.Radius)) return false;
        return dimension == 2 ? ball.Radius >= -tol.Facet * scale : ball.Radius > tol.Radius * scale;
    }

    private static (double[] G, double[] C, int K) Outputs(Region region)
    {
        int k = region.OutputBias.Length;
        if (k != 1) return (region.OutputGradient, region.OutputBias, k);
        var g = new double[2 * region.OutputGradient.Length];
        region.OutputGradient.CopyTo(g, 0);
        return (g, [region.OutputBias[0], 0], 2);
    }

    /// <summary>f_l ≤ f_a for every class l other than a and b: (g_l − g_a)·x ≤ c_a − c_l.</summary>
    private List<(double[] Row, double Rhs)> ClassRows(double[] g, double[] c, int k, int a, int b)
    {
        int d = dimension;
        var rows = new List<(double[], double)>();
        for (int l = 0; l < k; l++)
        {
            if (l == a || l == b) continue;
            var row = new double[d];
            for (int j = 0; j < d; j++) row[j] = g[l * d + j] - g[a * d + j];
            rows.Add((row, c[a] - c[l]));
        }
        return rows;
    }

    /// <summary>Whether class a is (one of) the largest outputs at x.</summary>
    private bool Top(double[] g, double[] c, int k, int a, double[] x)
    {
        int d = dimension;
        double fa = VectorMath.Dot(g.AsSpan(a * d, d), x) + c[a];
        for (int l = 0; l < k; l++)
            if (VectorMath.Dot(g.AsSpan(l * d, d), x) + c[l] > fa + tol.Coincidence * Math.Max(1, Math.Abs(fa))) return false;
        return true;
    }

    private int OnFacet(Region region, double[] normal, double offset)
    {
        var flipped = normal.Select(v => -v).ToArray();
        for (int f = 0; f < region.Facets.Length; f++)
        {
            var facet = region.Facets[f];
            if (Hyperplanes.Coincide(normal, offset / scale, facet.Normal, facet.Offset / scale, tol.Coincidence)
                || Hyperplanes.Coincide(flipped, -offset / scale, facet.Normal, facet.Offset / scale, tol.Coincidence))
                return f;
        }
        return -1;
    }

    private bool SamePlane(Candidate p, Candidate q) =>
        p.Piece.ClassA == q.Piece.ClassA && p.Piece.ClassB == q.Piece.ClassB
        && Hyperplanes.Coincide(p.Piece.Normal, p.Piece.Offset / scale, q.Piece.Normal, q.Piece.Offset / scale, tol.Coincidence);

    /// <summary>The region's facets as a polytope (none: the region is all of R^d).</summary>
    private HPolytope Polytope(Region region) =>
        HPolytope.FromRows(dimension, region.Facets.Select(f => f.Normal).ToArray(), region.Facets.Select(f => f.Offset).ToArray());

    private static IEnumerable<(double[] Row, double Rhs)> Rows(HPolytope p) =>
        Enumerable.Range(0, p.Count).Select(i => (p.Row(i).ToArray(), p.Rhs(i)));

    private HPolytope Append(HPolytope p, IEnumerable<(double[] Row, double Rhs)> extra)
    {
        var rows = Rows(p).Concat(extra).ToArray();
        return HPolytope.FromRows(dimension, rows.Select(r => r.Row).ToArray(), rows.Select(r => r.Rhs).ToArray());
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }

    /// <summary>A piece with the constraints that cut it out (region facets and class rows) and the index of the
    /// region facet it lies on (−1: none).</summary>
    private sealed record Candidate(BoundaryPiece Piece, HPolytope Constraints, int OnFacet);
}
