namespace Polytopes.Enumeration.Regions;

/// <summary>One facet of a region: a hyperplane n·x = offset (unit outward normal) with the units whose
/// pre-activation vanishes on it (several for duplicated or coincident neurons) or the box side it lies on. The
/// normal and units arrays may be shared between records (a box side's and a first-layer unit's normal are the same
/// in every region): read them, do not change them.</summary>
public readonly record struct RegionFacet(
    double[] Normal,
    double Offset,
    int[] Units,
    int BoxSide,
    int Neighbour)
{
    /// <summary>True for a side of the input box (BoxSide ≥ 0: 2j is x_j = hi_j, 2j+1 is x_j = lo_j).</summary>
    public bool IsBoxSide => BoxSide >= 0;
}

/// <summary>A bounded 3-D region's volume and vertices (three numbers each, x, y, z, in one array).</summary>
public sealed record RegionSolid(double Volume, double[] Vertices)
{
    public int VertexCount => Vertices.Length / 3;
}

/// <summary>
/// One activation region: a full-dimensional polytope on which every unit keeps its state and the network is
/// one affine map. Neighbour ids refer to regions across the neuron facets (−1 if a tolerance decision left none).
/// The output map is <see cref="OutputGradient"/> (outDim × d, row-major) times x plus <see cref="OutputBias"/>. A 2-D
/// region's <see cref="Vertices"/> are its polygon's, counter-clockwise, two numbers each (x, y) in one array (null in
/// other dimensions; a 3-D region's are in <see cref="Solid"/> when the search made it).
/// </summary>
public sealed record Region(
    int Id,
    ActivationPattern Pattern,
    double[] Centre,
    double Radius,
    RegionFacet[] Facets,
    double[] OutputGradient,
    double[] OutputBias,
    double? Volume,
    double[]? Vertices)
{
    /// <summary>How many vertices <see cref="Vertices"/> holds (0 when null).</summary>
    public int VertexCount => Vertices == null ? 0 : Vertices.Length / Centre.Length;

    /// <summary>False for an unbounded polyhedron (possible only when enumerating all of R^d); its
    /// <see cref="Radius"/> may then be +∞ and its volume is +∞.</summary>
    public bool Bounded { get; init; } = true;

    /// <summary>A certified enclosure of the exact inscribed radius (set on regions materialised from a
    /// certification, null otherwise); <see cref="Radius"/> then lies in it.</summary>
    public Certification.RadiusInterval? RadiusBounds { get; init; }

    /// <summary>A 3-D region's volume and vertices from the polyhedron the search clipped (null otherwise: then
    /// computed from the facets when asked for, <see cref="Analysis.RegionStatistics.Shape"/>).</summary>
    public RegionSolid? Solid { get; init; }

    public int FaceCount => Facets.Length;
    public int NeuronFaceCount => Facets.Count(f => !f.IsBoxSide);
    public int BoxFaceCount => Facets.Count(f => f.IsBoxSide);
    public IEnumerable<int> Neighbours => Facets.Where(f => !f.IsBoxSide && f.Neighbour >= 0).Select(f => f.Neighbour);
}
