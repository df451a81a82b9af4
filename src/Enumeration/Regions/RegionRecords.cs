namespace Polytopes.Enumeration.Regions;

/// <summary>What the search's statistics need from a region, and its record when anyone reads records (null
/// otherwise).</summary>
internal readonly record struct BuiltRegion(Region? Region, double[] OutputMaps, int[] SameMapEarlier,
    int FaceCount, int NeuronFacets, int Dangling, double Radius, bool Bounded);

/// <summary>
/// The regions a search has recorded, in id order: their output maps, linear regions, face counts and radii, the
/// records kept, and the callers' callbacks (<see cref="SearchOptions.OnRegion"/>, <see cref="SearchOptions.OnProgress"/>).
/// Shared by the breadth-first search and the subdivision (<see cref="SplitSearch"/>), which record alike.
/// </summary>
internal sealed class RegionRecords(SearchOptions options, int inputDim)
{
    public List<Region> Kept { get; } = new();
    public List<double[]> OutputMaps { get; } = new();
    public LinearRegions Linear { get; } = new();
    public List<int> FaceCounts { get; } = new();
    public List<int> NeuronFaceCounts { get; } = new();
    public List<double> Radii { get; } = new();
    public int Dangling { get; private set; }
    public int UnboundedCount { get; private set; }
    public int Count => OutputMaps.Count;

    /// <summary>True when a caller reads region records; otherwise none is built (their facets, normals and output
    /// gradients were most of the bytes a search allocates per region).</summary>
    public bool BuildsRecords => options.KeepRegions || options.OnRegion != null || options.OnRegionBuilt != null;

    /// <summary>A region's record (its output maps split into gradient and bias), handed to
    /// <see cref="SearchOptions.OnRegionBuilt"/>.</summary>
    public Region Make(int id, ActivationPattern pattern, double[] centre, double radius, RegionFacet[] facets,
        double[] outMaps, double? volume, double[][]? vertices, bool bounded, RegionSolid? solid)
    {
        int d = inputDim;
        int outDim = outMaps.Length / (d + 1);
        var gradient = new double[outDim * d];
        var bias = new double[outDim];
        for (int o = 0; o < outDim; o++)
        {
            outMaps.AsSpan(o * (d + 1), d).CopyTo(gradient.AsSpan(o * d, d));
            bias[o] = outMaps[o * (d + 1) + d];
        }
        var region = new Region(id, pattern, centre, radius, facets, gradient, bias, volume, vertices)
        {
            Bounded = bounded, Solid = solid,
        };
        options.OnRegionBuilt?.Invoke(region);
        return region;
    }

    /// <summary>Accounts for the next region (id = <see cref="Count"/>).</summary>
    public void Record(BuiltRegion built)
    {
        Dangling += built.Dangling;
        if (!built.Bounded) UnboundedCount++;
        OutputMaps.Add(built.OutputMaps);
        Linear.Add(built.SameMapEarlier);
        FaceCounts.Add(built.FaceCount);
        NeuronFaceCounts.Add(built.NeuronFacets);
        Radii.Add(built.Radius);
        if (built.Region is { } region)
        {
            if (options.KeepRegions) Kept.Add(region);
            options.OnRegion?.Invoke(region);
        }
        options.OnProgress?.Invoke(OutputMaps.Count);
    }
}
