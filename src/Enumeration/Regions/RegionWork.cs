namespace Polytopes.Enumeration.Regions;

/// <summary>A region found but not yet expanded: its pattern (unpacked states), maps, centre and the constraint
/// rows on its facets with their facet groups. Dropped once the region is recorded (its maps go back to the
/// pool).</summary>
internal sealed class RegionWork
{
    public int Id = -1;
    public required ActivationPattern Pattern;
    public required byte[] States;
    public required PatternMaps Maps;
    public required double[] Centre;
    public required double Radius;
    /// <summary>The rows on facets, in constraint order: normals (row-major), offsets, owning unit (−1 − side for
    /// a box side) and maxout piece; <see cref="FacetOf"/> gives each row's group representative (an index into
    /// these arrays, the group's first row).</summary>
    public double[] Rows = [];
    public double[] Rhs = [];
    public int[] Unit = [];
    public int[] Piece = [];
    public int[] FacetOf = [];
    public required bool ZeroUnitsBeyondFirstLayer;
    /// <summary>ReLU-type units identically zero on the region (<see cref="RegionConstraints.ZeroUnits"/>).</summary>
    public required int[] ZeroUnits;
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
    /// <summary>Its states and maps; null when the expansion found the pattern without maps (both are then
    /// computed from the parent's when the candidate is tested, from the facet's rows, <see cref="FacetRow"/>).</summary>
    public byte[]? NewStates;
    public PatternMaps? NewMaps;
    /// <summary>The representative row of the facet in the parent's kept rows.</summary>
    public int FacetRow = -1;
    /// <summary>Index into the level's list of new candidates (set when the level is merged).</summary>
    public int Candidate = -1;
}
