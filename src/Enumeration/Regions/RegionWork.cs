namespace Polytopes.Enumeration.Regions;

/// <summary>A region found but not yet expanded: its pattern (unpacked states), maps, centre and constraint rows
/// with their facet groups. Dropped once the region is recorded.</summary>
internal sealed class RegionWork
{
    public int Id = -1;
    public required ActivationPattern Pattern;
    public required byte[] States;
    public required PatternMaps Maps;
    public required double[] Centre;
    public required double Radius;
    public required double[] Rows;
    public required double[] Rhs;
    public required int[] Unit;
    public required int[] Piece;
    public required int[] FacetOf;
    public required bool ZeroUnitsBeyondFirstLayer;
    public required bool Bounded;
    public double? Volume;
    public double[][]? Vertices;
}

/// <summary>One facet of a region being expanded, and what lies across it: a known region, a new pattern (with
/// its maps, computed once by the discovering worker), or nothing (a box side).</summary>
internal sealed class FacetCrossing
{
    public required double[] Normal;
    public required double Offset;
    public required int[] Units;
    public required int BoxSide;
    /// <summary>Id of the known region across, or −1.</summary>
    public int KnownNeighbour = -1;
    /// <summary>The pattern across when it was not known at expansion time.</summary>
    public ActivationPattern? NewPattern;
    public byte[]? NewStates;
    public PatternMaps? NewMaps;
    /// <summary>Index into the level's list of new candidates (set when the level is merged).</summary>
    public int Candidate = -1;
}
