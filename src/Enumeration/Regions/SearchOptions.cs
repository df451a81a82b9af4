using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>What to enumerate and how. Box null: the network's domain, else [-1,1]^d.</summary>
public sealed record SearchOptions
{
    public Box? Box { get; init; }
    /// <summary>Enumerate the regions of all of R^d instead of a box: regions are polyhedra, possibly unbounded.
    /// Distances (tolerances) are then absolute (length scale 1).</summary>
    public bool WholeSpace { get; init; }
    public Tolerances Tolerances { get; init; } = Tolerances.Default;
    /// <summary>Stop after this many regions (0: no limit); the result then says it is incomplete.</summary>
    public int MaxRegions { get; init; }
    /// <summary>Called with each region in id order as soon as its facets and neighbours are known.</summary>
    public Action<Region>? OnRegion { get; init; }
    /// <summary>Called with each region as soon as its record is built, on the search's threads and in no
    /// particular order (so it must be thread-safe), before <see cref="OnRegion"/> gets it: for work on a region
    /// alone that a caller would otherwise do in <see cref="OnRegion"/>, one region at a time.</summary>
    public Action<Region>? OnRegionBuilt { get; init; }
    /// <summary>Called in id order with the number of regions recorded so far. Unlike the region callbacks it
    /// needs no record: without <see cref="OnRegion"/>, <see cref="OnRegionBuilt"/> and <see cref="KeepRegions"/>
    /// the search builds none (only the statistics), and allocates about half as much per region.</summary>
    public Action<int>? OnProgress { get; init; }
    /// <summary>Called from the search's threads, now and then, with the number of regions found so far, where
    /// regions are found before they can be numbered (2-D and 3-D networks enumerated by subdivision, whose ids are a
    /// breadth-first order over all of them: <see cref="OnProgress"/> follows as they are recorded). For a
    /// progress display; must be thread-safe.</summary>
    public Action<int>? OnFound { get; init; }
    /// <summary>Give 3-D regions' records their volume and vertices (<see cref="Region.Solid"/>) from the polyhedra
    /// the search clips anyway, for callers that write or analyse shapes (<c>enumerate --out</c>, <c>stats</c>);
    /// without it they are computed from the facets when asked for (<see cref="Analysis.RegionStatistics.Shape"/>),
    /// and a search that only counts pays nothing for them.</summary>
    public bool Solids { get; init; }
    /// <summary>Keep every region in the result (needed by callers that analyse them afterwards).</summary>
    public bool KeepRegions { get; init; } = true;
    /// <summary>Worker threads (0: one per core). Results are identical for any value.</summary>
    public int Threads { get; init; }
    /// <summary>The textbook method papers describe, for comparison only: per region a fresh Chebyshev LP (phase
    /// 1, no warm start) and one LP per constraint for redundancy (<see cref="TextbookFacetFinder"/>), no 2-D
    /// polygon path. Same regions, much slower.</summary>
    public bool Textbook { get; init; }
    /// <summary>Leave out of each region's analysis the rows on no facet of its first-layer cell
    /// (<see cref="FirstLayerCells"/>; 4 and more dimensions). Off only to compare with the analysis of every row.</summary>
    internal bool FirstLayerCells { get; init; } = true;

    /// <summary>Whether a ReLU network over a 2-D or 3-D box is enumerated by subdivision (<see cref="SplitSearch"/>) where it
    /// applies; off, the breadth-first search runs (tests compare the two).</summary>
    internal bool Subdivision { get; init; } = true;
}
