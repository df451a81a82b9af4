using System.Runtime.InteropServices;

namespace Polytopes.Enumeration.Regions;

/// <summary>What the search's statistics need from a region, and its record when anyone reads records (null
/// otherwise).</summary>
internal readonly record struct BuiltRegion(Region? Region, double[] OutputMaps, LinearRegions.Sketch Sketch,
    int[] SameMapEarlier, int FaceCount, int NeuronFacets, int Dangling, double Radius, bool Bounded);

/// <summary>
/// The regions a search has recorded, in id order: their output maps, linear regions, face counts and radii, the
/// records kept, and the callers' callbacks (<see cref="SearchOptions.OnRegion"/>, <see cref="SearchOptions.OnProgress"/>).
/// Shared by the breadth-first search and the subdivision (<see cref="SplitSearch"/>), which record alike. The
/// lists other than the records kept are pooled (<see cref="PooledList{T}"/>) and given back on Dispose.
/// </summary>
internal sealed class RegionRecords(SearchOptions options) : IDisposable
{
    public List<Region> Kept { get; } = new();
    public PooledList<double[]> OutputMaps { get; } = new();
    /// <summary>The output maps' sketches (<see cref="LinearRegions.Sketch"/>), by id.</summary>
    public PooledList<LinearRegions.Sketch> Sketches { get; } = new();
    public LinearRegions Linear { get; } = new();
    public PooledList<int> FaceCounts { get; } = new();
    public PooledList<int> NeuronFaceCounts { get; } = new();
    public PooledList<double> Radii { get; } = new();
    public int Dangling { get; private set; }
    public int UnboundedCount { get; private set; }
    public int Count => OutputMaps.Count;

    /// <summary>True when a caller reads region records; otherwise none is built (their facets, normals and output
    /// gradients were most of the bytes a search allocates per region).</summary>
    public bool BuildsRecords => options.KeepRegions || options.OnRegion != null || options.OnRegionBuilt != null;

    /// <summary>A region's record, handed to <see cref="SearchOptions.OnRegionBuilt"/>; its output map is
    /// <paramref name="output"/> (<see cref="SplitOutput"/>).</summary>
    public Region Make(int id, ActivationPattern pattern, double[] centre, double radius, RegionFacet[] facets,
        (double[] Gradient, double[] Bias) output, double? volume, double[]? vertices, bool bounded, RegionSolid? solid)
    {
        var region = new Region(id, pattern, centre, radius, facets, output.Gradient, output.Bias, volume, vertices)
        {
            Bounded = bounded, Solid = solid,
        };
        options.OnRegionBuilt?.Invoke(region);
        return region;
    }

    /// <summary>Output maps (d + 1 numbers an output: gradient, then constant; <paramref name="d"/> inputs) as a
    /// record's gradient (outDim × d, row-major) and bias.</summary>
    public static (double[] Gradient, double[] Bias) SplitOutput(ReadOnlySpan<double> outMaps, int d)
    {
        int outDim = outMaps.Length / (d + 1);
        var gradient = new double[outDim * d];
        var bias = new double[outDim];
        for (int o = 0; o < outDim; o++)
        {
            outMaps.Slice(o * (d + 1), d).CopyTo(gradient.AsSpan(o * d, d));
            bias[o] = outMaps[o * (d + 1) + d];
        }
        return (gradient, bias);
    }

    /// <summary>Accounts for the next region (id = <see cref="Count"/>).</summary>
    public void Record(BuiltRegion built)
    {
        Open(1);
        Place(Count - 1, built);
        Close(new ReadOnlySpan<BuiltRegion>(in built));
    }

    /// <summary>Makes room for the next <paramref name="count"/> regions: each is then placed
    /// (<see cref="Place"/>) and, all of them in id order, closed (<see cref="Close"/>).</summary>
    public void Open(int count)
    {
        opened = Count;
        int total = opened + count;
        if (options.KeepRegions) CollectionsMarshal.SetCount(Kept, total);
        OutputMaps.Extend(total);
        Sketches.Extend(total);
        FaceCounts.Extend(total);
        NeuronFaceCounts.Extend(total);
        Radii.Extend(total);
    }

    private int opened; // the first id of the regions opened

    /// <summary>Writes region <paramref name="id"/>'s numbers into the place <see cref="Open"/> made for it: any
    /// thread, any order, one call an id (the stores then come where its record was just built, in that thread's
    /// cache; made in id order on one thread, each reference store read the object's type, mostly from memory).</summary>
    public void Place(int id, in BuiltRegion built)
    {
        if (options.KeepRegions) CollectionsMarshal.AsSpan(Kept)[id] = built.Region!;
        OutputMaps.AsSpan()[id] = built.OutputMaps;
        Sketches.AsSpan()[id] = built.Sketch;
        FaceCounts.AsSpan()[id] = built.FaceCount;
        NeuronFaceCounts.AsSpan()[id] = built.NeuronFacets;
        Radii.AsSpan()[id] = built.Radius;
    }

    /// <summary>Accounts for the regions opened, placed and given here in id order: their linear regions, totals
    /// and the callbacks.</summary>
    public void Close(ReadOnlySpan<BuiltRegion> built)
    {
        for (int k = 0; k < built.Length; k++)
        {
            Dangling += built[k].Dangling;
            if (!built[k].Bounded) UnboundedCount++;
            Linear.Add(built[k].SameMapEarlier);
            if (built[k].Region is { } region) options.OnRegion?.Invoke(region);
            options.OnProgress?.Invoke(opened + k + 1);
        }
    }

    public void Dispose()
    {
        OutputMaps.Dispose();
        Sketches.Dispose();
        FaceCounts.Dispose();
        NeuronFaceCounts.Dispose();
        Radii.Dispose();
    }
}
