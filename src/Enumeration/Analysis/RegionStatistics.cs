using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Statistics;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Analysis;

/// <summary>How a region relates to one neighbour (Zhang &amp; Wu 2020, "relevance of surrounding regions").
/// <see cref="GradientAngle"/>: the angle in radians between the two output gradients, as vectors of all
/// outDim×d entries (arccos of the Frobenius cosine; null when either gradient is zero).
/// <see cref="NormalAngle"/>: the largest angle between the outward normals of two facets, one of each region,
/// owned by a common unit — other than the facet between them: how far the units' hyperplanes bend across the
/// boundary (0 for a one-layer network, whose hyperplanes are flat; null when no unit bounds both regions).</summary>
public readonly record struct NeighbourRelation(int Neighbour, double? GradientAngle, double? NormalAngle);

/// <summary>Per-region statistics: inscribed (Chebyshev) radius; <see cref="Volume"/> the length (1-D), exact area
/// (2-D) or volume (3-D, from the vertices) — null in higher dimensions or for an unbounded region;
/// <see cref="Vertices"/> in 2-D and 3-D, <see cref="Dimension"/> numbers each in one array; the Frobenius norm of the
/// output gradient; one relation per neighbour across a neuron facet (in facet order; a neighbour met across several
/// facets is listed once).</summary>
public sealed record RegionStats(int Id, int Dimension, double Radius, double? Volume, double[]? Vertices,
    double GradientNorm, NeighbourRelation[] Neighbours)
{
    public int? VertexCount => Vertices?.Length / Dimension;
    /// <summary>False for an unbounded region of all of R^d (no volume, no vertex list).</summary>
    public bool Bounded { get; init; } = true;
}

/// <summary>
/// Computes <see cref="RegionStats"/> from enumerated regions. 3-D vertices come from
/// <see cref="PolytopeVertices"/> on the region's facets and the volume from <see cref="ConvexVolume"/> (pyramids
/// from the vertex centroid over the faces, each face fanned from its centroid); 2-D uses the region's own
/// polygon. Distances are relative to <c>scale</c>, the box's half-width, like every tolerance of the engine.
/// </summary>
public sealed class RegionStatistics(int inputDim, double scale, Tolerances? tolerances = null)
{
    private readonly Tolerances tol = (tolerances ?? Tolerances.Default).Validated();

    /// <summary>The statistics of one region; <paramref name="lookup"/> returns a region by id (null if unknown,
    /// e.g. beyond a region limit, when that neighbour's relation has null angles). <paramref name="shape"/>: the
    /// region's <see cref="Shape"/> if already computed. A writer that visits both regions of each neighbour pair
    /// can pass a <paramref name="shared"/> table: both angles of a pair are symmetric (bit for bit: the same sums
    /// of the same squares, the largest of the same angles), so the first visit computes them and leaves them
    /// there, and the second takes them.</summary>
    public RegionStats Of(Region region, Func<int, Region?> lookup, (double? Volume, double[]? Vertices)? shape = null,
        Dictionary<(int, int), (double?, double?)>? shared = null)
    {
        var (volume, vertices) = shape ?? Shape(region);
        var facets = region.Facets;
        // Neighbours across neuron facets, each once, in facet order: a region has a few dozen facets at most, so a
        // scan of the earlier ones replaces a set (this runs once per line of --out).
        int count = 0;
        for (int f = 0; f < facets.Length; f++)
            if (IsFirstNeighbourFacet(facets, f)) count++;
        var relations = new NeighbourRelation[count];
        for (int f = 0, k = 0; f < facets.Length; f++)
        {
            if (!IsFirstNeighbourFacet(facets, f)) continue;
            int n = facets[f].Neighbour;
            var other = lookup(n);
            if (other == null) { relations[k++] = new NeighbourRelation(n, null, null); continue; }
            var pair = (Math.Min(region.Id, n), Math.Max(region.Id, n));
            if (shared == null || !shared.Remove(pair, out var angles))
            {
                angles = (Angle(region.OutputGradient, other.OutputGradient), BendAngle(region, other));
                shared?.Add(pair, angles);
            }
            relations[k++] = new NeighbourRelation(n, angles.Item1, angles.Item2);
        }
        return new RegionStats(region.Id, inputDim, region.Radius, volume, vertices, VectorMath.ScaledNorm(region.OutputGradient),
            relations) { Bounded = region.Bounded };
    }

    /// <summary>True when facet f is a neuron facet with a neighbour that no earlier facet leads to.</summary>
    private static bool IsFirstNeighbourFacet(RegionFacet[] facets, int f)
    {
        int n = facets[f].Neighbour;
        if (facets[f].IsBoxSide || n < 0) return false;
        for (int e = 0; e < f; e++)
            if (!facets[e].IsBoxSide && facets[e].Neighbour == n) return false;
        return true;
    }

    /// <summary>Statistics of every region of a complete list (ids are list indices, as the enumerator gives them).</summary>
    public IReadOnlyList<RegionStats> All(IReadOnlyList<Region> regions)
    {
        var byId = regions.ToDictionary(r => r.Id);
        return regions.Select(r => Of(r, id => byId.GetValueOrDefault(id))).ToArray();
    }

    /// <summary>Volume and vertices: from the region in 1-D and 2-D and from its polyhedron in 3-D (the search's
    /// <see cref="Region.Solid"/>), else computed from the facets.</summary>
    public (double? Volume, double[]? Vertices) Shape(Region region)
    {
        if (!region.Bounded || !double.IsFinite(region.Radius)) return (null, null);
        if (inputDim == 2 && region.Vertices == null) return PolygonFromFacets(region);
        if (inputDim <= 2) return (region.Volume is double v && double.IsFinite(v) ? v : null, region.Vertices);
        if (inputDim != 3) return (null, null);
        if (region.Solid is { } solid) return (solid.Volume, solid.Vertices);
        var polytope = HPolytope.FromRows(region.Facets.Select(f => f.Normal).ToArray(),
            region.Facets.Select(f => f.Offset).ToArray());
        var vertices = PolytopeVertices.Enumerate(polytope, scale, tol);
        return (ConvexVolume.Of(vertices, tol.Facet * scale), vertices.SelectMany(v => v.Point).ToArray());
    }

    /// <summary>A bounded 2-D region without a polygon (regions of all of R^2 are found without one): a square
    /// around its facet lines' crossings, clipped by every facet.</summary>
    private (double? Volume, double[]? Vertices) PolygonFromFacets(Region region)
    {
        var crossings = ViewWindow.Crossings(region, tol).ToArray();
        if (crossings.Length == 0) return (null, null);
        double half = crossings.Max(v => Math.Max(Math.Abs(v[0] - region.Centre[0]), Math.Abs(v[1] - region.Centre[1])));
        var polygon = new ConvexPolygon();
        polygon.StartSquare(region.Centre[0], region.Centre[1], 2 * half + scale);
        for (int k = 0; k < region.Facets.Length; k++)
        {
            var f = region.Facets[k];
            if (!polygon.Clip(f.Normal[0], f.Normal[1], f.Offset, k, tol.Facet * scale)) return (null, null);
        }
        return (polygon.Area(), polygon.Vertices());
    }

    /// <summary>The angle between two vectors in radians, in [0, π]; null when either is zero (or its length beyond a
    /// double). Kahan's
    /// 2·atan2(‖‖b‖a − ‖a‖b‖, ‖‖b‖a + ‖a‖b‖), accurate also near 0 and π where arccos of the cosine is not.</summary>
    public static double? Angle(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double na = VectorMath.ScaledNorm(a), nb = VectorMath.ScaledNorm(b);
        if (na == 0 || nb == 0 || !double.IsFinite(na) || !double.IsFinite(nb)) return null;
        double minus = 0, plus = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double u = a[i] / na, v = b[i] / nb;
            minus += (u - v) * (u - v);
            plus += (u + v) * (u + v);
        }
        return 2 * Math.Atan2(Math.Sqrt(minus), Math.Sqrt(plus));
    }

    /// <summary>See <see cref="NeighbourRelation.NormalAngle"/>.</summary>
    public static double? BendAngle(Region a, Region b)
    {
        if (!SingleOwnersInOrder(a.Facets) || !SingleOwnersInOrder(b.Facets)) return BendAnglePairwise(a, b);
        // Each list holds a unit at most once, in increasing order (the search lists facets in row order): one merge
        // meets every pair of facets sharing a unit, where the pairwise scan compared every facet with every other.
        double? largest = null;
        var fa = a.Facets;
        var fb = b.Facets;
        int i = NextNeuronFacet(fa, 0, b.Id), j = NextNeuronFacet(fb, 0, a.Id);
        while (i < fa.Length && j < fb.Length)
        {
            int ua = fa[i].Units[0], ub = fb[j].Units[0];
            if (ua == ub && PairAngle(fa[i].Normal, fb[j].Normal) is double value) largest = Math.Max(largest ?? 0, value);
            if (ua <= ub) i = NextNeuronFacet(fa, i + 1, b.Id);
            if (ub <= ua) j = NextNeuronFacet(fb, j + 1, a.Id);
        }
        return largest;
    }

    // The first facet from index k on that is a neuron facet not leading to region `other`.
    private static int NextNeuronFacet(RegionFacet[] facets, int k, int other)
    {
        while (k < facets.Length && (facets[k].IsBoxSide || facets[k].Neighbour == other)) k++;
        return k;
    }

    // Whether every neuron facet has one owner and the owners increase along the list.
    private static bool SingleOwnersInOrder(RegionFacet[] facets)
    {
        int last = -1;
        foreach (ref readonly var f in facets.AsSpan())
        {
            if (f.IsBoxSide) continue;
            if (f.Units.Length != 1 || f.Units[0] <= last) return false;
            last = f.Units[0];
        }
        return true;
    }

    // One array for both (records share a first-layer unit's normal): the angle of a unit vector with itself,
    // exactly 0 (as Angle gives it).
    private static double? PairAngle(double[] a, double[] b) => ReferenceEquals(a, b) ? 0 : Angle(a, b);

    // Every pair of facets sharing a unit (facets with several owners, maxout units with several facets).
    private static double? BendAnglePairwise(Region a, Region b)
    {
        double? largest = null;
        foreach (ref readonly var fa in a.Facets.AsSpan())
        {
            if (fa.IsBoxSide || fa.Neighbour == b.Id) continue;
            foreach (ref readonly var fb in b.Facets.AsSpan())
            {
                if (fb.IsBoxSide || fb.Neighbour == a.Id || !ShareUnit(fa.Units, fb.Units)) continue;
                if (PairAngle(fa.Normal, fb.Normal) is double value) largest = Math.Max(largest ?? 0, value);
            }
        }
        return largest;
    }

    // Owner lists hold one unit, rarely a few (duplicated neurons): a double loop beats a set.
    private static bool ShareUnit(int[] a, int[] b)
    {
        if (a.Length == 1 && b.Length == 1) return a[0] == b[0];
        foreach (int u in a)
            if (Array.IndexOf(b, u) >= 0) return true;
        return false;
    }
}

/// <summary>Order statistics of one quantity over regions or pairs (NaN when there are no values).</summary>
public sealed record Spread(int Count, double Min, double Median, double Mean, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0) return new Spread(0, double.NaN, double.NaN, double.NaN, double.NaN);
        return new Spread(sorted.Length, sorted[0], RegionSummary.Median(sorted), sorted.Average(), sorted[^1]);
    }
}

/// <summary>
/// A summary of <see cref="RegionStats"/> over all regions: radius, volume (with the total, which should equal
/// the box's volume), vertex counts, output-gradient norms, and over every unordered pair of neighbours (each
/// counted once) the gradient and bend angles. Radius, volume and vertex counts cover the bounded regions only
/// (<see cref="BoundedRegions"/>; all of them over a box): an unbounded region of R^d has infinite volume and
/// possibly infinite radius.
/// </summary>
public sealed record StatsSummary(
    int Regions,
    int BoundedRegions,
    Spread Radius,
    Spread? Volume,
    double? TotalVolume,
    Spread? VertexCount,
    Spread GradientNorm,
    int NeighbourPairs,
    Spread GradientAngle,
    Spread NormalAngle)
{
    public static StatsSummary Of(IReadOnlyList<RegionStats> stats)
    {
        var bounded = stats.Where(s => s.Bounded).ToArray();
        bool allVolumes = bounded.Length > 0 && bounded.All(s => s.Volume != null);
        bool allVertices = bounded.Length > 0 && bounded.All(s => s.Vertices != null);
        var pairs = stats.SelectMany(s => s.Neighbours.Where(n => n.Neighbour > s.Id)).ToArray();
        return new StatsSummary(
            stats.Count,
            bounded.Length,
            Spread.Of(bounded.Select(s => s.Radius).Where(double.IsFinite)),
            allVolumes ? Spread.Of(bounded.Select(s => s.Volume!.Value)) : null,
            allVolumes ? bounded.Sum(s => s.Volume!.Value) : null,
            allVertices ? Spread.Of(bounded.Select(s => (double)s.VertexCount!.Value)) : null,
            Spread.Of(stats.Select(s => s.GradientNorm)),
            pairs.Length,
            Spread.Of(pairs.Where(p => p.GradientAngle != null).Select(p => p.GradientAngle!.Value)),
            Spread.Of(pairs.Where(p => p.NormalAngle != null).Select(p => p.NormalAngle!.Value)));
    }
}
