using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Certification;

/// <summary>How to certify.</summary>
public sealed record CertifyOptions
{
    /// <summary>Tolerances of the floating-point steps that propose answers (every answer is then confirmed
    /// exactly, so they change the speed, never the result).</summary>
    public Tolerances Tolerances { get; init; } = Tolerances.Default;

    /// <summary>Worker threads for the per-region certificates (0: one per core). Results are identical for any
    /// value.</summary>
    public int Threads { get; init; }

    /// <summary>Give up (uncertified) after adding this many regions the floating-point search missed
    /// (0: 1000 + the number of regions found).</summary>
    public int MaxAddedRegions { get; init; }

    /// <summary>Keep every region's redundant rows and their Farkas certificates in the result
    /// (<see cref="CertifiedRegion.Polytope"/>), for checking the whole proof again. Off, a region keeps only its
    /// facet rows once it is proved: the redundant rows were most of the certifier's memory (about 35 KB a region
    /// on 2-64-64), and nothing after the proof needs them.</summary>
    public bool KeepRedundantRows { get; init; }
}

/// <summary>What the certifier had to correct in the floating-point result, by kind.</summary>
public sealed record CertificationRepairs(
    int RegionsDropped,
    int RegionsAdded,
    int FacetsRemoved,
    int FacetsAdded,
    int NeighboursCorrected)
{
    /// <summary>All repairs: regions dropped (no interior, or a pattern that is not canonical exactly) or added
    /// (missed), facet claims rejected or facets added (per region; a facet whose owner set was wrong counts once
    /// each way), and neuron facets whose neighbour was missing or wrong.</summary>
    public int Total => RegionsDropped + RegionsAdded + FacetsRemoved + FacetsAdded + NeighboursCorrected + RadiiReplaced;

    /// <summary>Regions whose floating-point inscribed radius lay outside the certified interval and was replaced
    /// by the interval's midpoint (see <see cref="RadiusInterval"/>); set when the regions are materialised.</summary>
    public int RadiiReplaced { get; init; }
}

/// <summary>One region as proved exactly: <see cref="Id"/> in the certified list (the float regions that
/// survived, in float id order, then added regions in discovery order), the float id (−1 if added), an interior
/// point with every inequality strict, its exact facet counts and its neighbours across the neuron facets.</summary>
public sealed record CertifiedRegion(
    int Id,
    int FloatId,
    ActivationPattern Pattern,
    Rational[] InteriorPoint,
    int FaceCount,
    int NeuronFaceCount,
    int[] Neighbours)
{
    /// <summary>The region's exact halfspaces and every certificate about them (interior point, facet witnesses,
    /// Farkas certificates of the other rows). Only the facet rows (so no Farkas certificates) unless
    /// <see cref="CertifyOptions.KeepRedundantRows"/>: the same region either way.</summary>
    public required ExactPolytope Polytope { get; init; }
    public required PolytopeCertificate Certificate { get; init; }
    /// <summary>Per facet of <see cref="Certificate"/>: the region across it (−1: a box side, or none proved).</summary>
    public int[] Links { get; init; } = [];
    /// <summary>Per row of <see cref="Polytope"/>: the unit that owns it, or −1 − side for a box side.</summary>
    public int[] RowUnits { get; init; } = [];
    /// <summary>The exact output map on the region: per output, d gradient entries then the constant.</summary>
    public Rational[] OutputMap { get; init; } = [];
}

/// <summary>
/// The outcome of <see cref="Certifier.Certify"/>. When <see cref="Certified"/> is true the counts are exact and
/// proved: every region has an interior point, every facet a witness, every other inequality a Farkas certificate,
/// and across every neuron facet lies a region of the set (checked at the facet's witness point), with the
/// adjacency symmetric — so the regions cover the box. <see cref="Failure"/> says why not otherwise.
/// </summary>
public sealed record CertificationResult(
    bool Certified,
    string? Failure,
    CertificationRepairs Repairs,
    int RegionCount,
    int LinearRegionCount,
    SortedDictionary<int, int> FaceHistogram,
    SortedDictionary<int, int> NeuronFaceHistogram,
    IReadOnlyList<CertifiedRegion> Regions,
    long ExactSolves,
    double Seconds);
