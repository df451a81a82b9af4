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
    double Seconds);
