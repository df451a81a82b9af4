namespace Polytopes.Enumeration.Regions;

/// <summary>A region found but not yet expanded: its pattern (unpacked states), maps, centre and the constraint
/// rows on its facets with their facet groups. Its maps and facet rows go back to a worker once the candidates found
/// from it have been tested; once the region is recorded this object is reused for a later region by the worker
/// that recorded it.</summary>
internal sealed class RegionWork
{
    public int Id = -1;
    public ActivationPattern Pattern = null!;
    public byte[] States = [];
    public PatternMaps Maps = null!;
    /// <summary>The output's affine maps on the region (<see cref="PatternMaps.OutputMaps"/>), for its record.</summary>
    public double[] OutputMap = [];
    public LinearRegions.Sketch Sketch; // of OutputMap
    /// <summary>Its record's gradient and bias (<see cref="RegionRecords.SplitOutput"/>), made with the maps when
    /// records are built: read back when the record is built, a level later, the maps were out of the cache.</summary>
    public (double[] Gradient, double[] Bias) Output;
    public double[] Centre = [];
    public double Radius;
    /// <summary>The <see cref="RowCount"/> rows on facets, in constraint order: normals (row-major), offsets,
    /// owning unit (−1 − side for a box side) and maxout piece; <see cref="FacetOf"/> gives each row's group
    /// representative (an index into these arrays, the group's first row). The arrays may be longer.</summary>
    public double[] Rows = [];
    public double[] Rhs = [];
    public int[] Unit = [];
    public int[] Piece = [];
    public int[] FacetOf = [];
    public int RowCount;
    public bool ZeroUnitsBeyondFirstLayer;
    /// <summary>ReLU-type units identically zero on the region (<see cref="RegionConstraints.ZeroUnits"/>).</summary>
    public int[] ZeroUnits = [];
    public bool Bounded;
    public double? Volume;
    public double[]? Vertices;
    public RegionSolid? Solid;
    /// <summary>The region's facets and what lies across each, in facet order, set when it is expanded and read until
    /// its record is built: <see cref="CrossingCount"/> of them side by side in <see cref="Crossings"/> from
    /// <see cref="CrossingStart"/> on (its worker's <see cref="CrossingSlab"/>; as objects, one each, the record's
    /// build waited for memory at nearly every one).</summary>
    public FacetCrossing[] Crossings = [];
    public int CrossingStart, CrossingCount;

    /// <summary>The region's facet crossings (<see cref="Crossings"/>).</summary>
    public Span<FacetCrossing> FacetCrossings => Crossings.AsSpan(CrossingStart, CrossingCount);

    /// <summary>The crossing of facet <paramref name="facet"/>.</summary>
    public ref FacetCrossing Crossing(int facet) => ref Crossings[CrossingStart + facet];

    /// <summary>Places the region's <paramref name="count"/> crossings in <paramref name="slab"/>.</summary>
    public void TakeCrossings(CrossingSlab slab, int count)
    {
        (Crossings, CrossingStart) = slab.Take(count);
        CrossingCount = count;
    }

    /// <summary>Drops the crossings, clearing them (the record keeps their arrays, the candidates their patterns):
    /// their slab hands them out again.</summary>
    public void ClearCrossings()
    {
        FacetCrossings.Clear();
        Crossings = [];
        CrossingStart = CrossingCount = 0;
    }

    /// <summary>The maps, which this region then no longer holds.</summary>
    public PatternMaps TakeMaps()
    {
        var maps = Maps;
        Maps = null!;
        return maps;
    }

    /// <summary>The normal of kept row <paramref name="row"/> (<paramref name="dimension"/> numbers).</summary>
    public ReadOnlySpan<double> FacetNormal(int row, int dimension) => Rows.AsSpan(row * dimension, dimension);

    /// <summary>Gives the facet rows' arrays back to <paramref name="pool"/>: this region's rows are read only until
    /// the candidates found from it have been tested.</summary>
    public void ReturnRows(FacetRowArraysPool pool)
    {
        if (Rhs.Length > 0) pool.Return(new FacetRowArrays(Rows, Rhs, Unit, Piece, FacetOf));
        Rows = Rhs = [];
        Unit = Piece = FacetOf = [];
        RowCount = 0;
    }

    /// <summary>Makes room for <paramref name="rows"/> facet rows, with arrays from <paramref name="pool"/> when
    /// this region's are too short.</summary>
    public void EnsureRows(int rows, FacetRowArraysPool pool)
    {
        if (Rhs.Length < rows)
        {
            ReturnRows(pool);
            (Rows, Rhs, Unit, Piece, FacetOf) = pool.Rent(rows);
        }
        RowCount = rows;
    }
}

/// <summary>One facet of a region being expanded, and what lies across it: a known region, a new pattern (with
/// its maps, computed once by the discovering worker), or nothing (a box side). Held in the region's
/// <see cref="RegionWork.Crossings"/>; the normal and units arrays go into the region's record (without records the
/// normal is left empty: the search reads it from the region's rows, <see cref="FacetRow"/>).</summary>
internal struct FacetCrossing
{
    public double[] Normal;
    public double Offset;
    public int[] Units;
    public int BoxSide;
    /// <summary>Id of the known region across, or −1.</summary>
    public int KnownNeighbour;
    /// <summary>The pattern across when it was not known at expansion time.</summary>
    public ActivationPattern? NewPattern;
    /// <summary>Its maps, with its states (<see cref="PatternMaps.States"/>); null when the expansion found the
    /// pattern without maps (both are then computed from the parent's when the candidate is tested, from the
    /// facet's rows, <see cref="FacetRow"/>).</summary>
    public PatternMaps? NewMaps;
    /// <summary>The representative row of the facet in the parent's kept rows.</summary>
    public int FacetRow;
    /// <summary>The level's candidate of <see cref="NewPattern"/> (set when the crossing is offered to it, <see cref="NewPatterns.Offer"/>).</summary>
    public Candidate? Discovery;
    /// <summary>Where the analysis of the pattern across starts when <see cref="HasStart"/>: the crossed facet's
    /// point nearest the region's centre (2-D and 3-D over a box, set when the crossing is offered; its first d
    /// numbers), written during expansions and read by the tests.</summary>
    public StartPoint Start;
    public bool HasStart;

    public FacetCrossing(double[] normal, double offset, int[] units, int boxSide, int facetRow)
    {
        Normal = normal;
        Offset = offset;
        Units = units;
        BoxSide = boxSide;
        KnownNeighbour = -1;
        FacetRow = facetRow;
    }
}

/// <summary>A point of at most three coordinates, stored inline (<see cref="FacetCrossing.Start"/>).</summary>
[System.Runtime.CompilerServices.InlineArray(3)]
internal struct StartPoint
{
    private double first;
}
