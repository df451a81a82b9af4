namespace Polytopes.Enumeration.Regions;

public enum StopReason { Complete, RegionLimit, Cancelled }

/// <summary>The outcome of an enumeration: counts, every region (if kept), and why the search stopped.</summary>
public sealed record EnumerationResult(
    int InputDim,
    int Neurons,
    int RegionCount,
    int LinearRegionCount,
    IReadOnlyList<Region> Regions,
    SortedDictionary<int, int> FaceHistogram,
    SortedDictionary<int, int> NeuronFaceHistogram,
    double RadiusMin,
    double RadiusMedian,
    double RadiusMax,
    StopReason Stop,
    long CandidatesTested,
    int FacetsWithoutNeighbour,
    double Seconds)
{
    /// <summary>True when the search covered all of R^d rather than a box.</summary>
    public bool WholeSpace { get; init; }
    public int UnboundedRegions { get; init; }
    /// <summary>Worker threads used.</summary>
    public int Threads { get; init; }
    /// <summary>Whether the regions came from the subdivision (<see cref="SplitSearch"/>) rather than the search.</summary>
    internal bool Subdivided { get; init; }
    public int BoundedRegions => RegionCount - UnboundedRegions;
}
