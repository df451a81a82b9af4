using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The pieces the subdivision (<see cref="SplitSearch{TShape, TBits}"/>) splits, in its input dimension: a polygon
/// in 2-D, a polyhedron in 3-D, each with its sides' rows. A struct type parameter wrapping the shape, so that each
/// dimension gets its own compiled code with the shape's calls direct.
/// </summary>
internal interface ISplitShape<TShape> where TShape : struct, ISplitShape<TShape>
{
    static abstract int Dimension { get; }

    /// <summary>A new, empty shape.</summary>
    static abstract TShape Make();

    /// <summary>Starts from the box itself, its sides on the rows <see cref="RegionConstraints"/> gives them: 2j
    /// (x_j ≤ hi_j) and 2j + 1 (−x_j ≤ −lo_j).</summary>
    void StartBox(Box box);

    void CopyFrom(TShape other);

    int VertexCount { get; }

    /// <summary>How many vertices lie beyond {a·x ≤ b} and how many inside it by more than the tolerance (the plane:
    /// d normal entries, then b).</summary>
    (int Beyond, int Inside) Sides(ReadOnlySpan<double> plane, double tolerance);

    /// <summary>This keeps the part inside the plane, <paramref name="beyondPart"/> becomes the part beyond, each
    /// with the new face on <paramref name="row"/>; only where the plane cuts (vertices on both sides, none on it).
    /// Returns the counts as <see cref="Sides"/>, or −1 beyond when the shape can hold no more faces.</summary>
    (int Beyond, int Inside) Split(TShape beyondPart, ReadOnlySpan<double> plane, int row, double tolerance);

    /// <summary>Whether every face is wider than <paramref name="width"/>, with the faces' rows.</summary>
    bool AllFacesWiderThan(double width, Span<int> rows, out int count);

    /// <summary>The mean of the vertices.</summary>
    void VertexCentroid(Span<double> centroid);

    /// <summary>The largest distance from <paramref name="centre"/> to a vertex.</summary>
    double RadiusAbout(ReadOnlySpan<double> centre);

    /// <summary>What a region's record says of its shape, as the search's: in 2-D its area and vertices, in 3-D
    /// (when asked for) its solid, from its facets' rows by row id (d entries a row in <paramref name="a"/>).</summary>
    void Describe(bool solids, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double vertexDistance, double pivotMin,
        out double? volume, out double[]? vertices, out RegionSolid? solid);
}

/// <summary>A 2-D piece: a <see cref="ConvexPolygon"/>.</summary>
internal readonly struct SplitPolygon(ConvexPolygon polygon) : ISplitShape<SplitPolygon>
{
    private readonly ConvexPolygon polygon = polygon;
    public static int Dimension => 2;
    public static SplitPolygon Make() => new(new ConvexPolygon());
    // Counter-clockwise from the lower left corner: y = lo, x = hi, y = hi, x = lo.
    public void StartBox(Box box) => polygon.StartBox(box.Lo, box.Hi, [3, 0, 2, 1]);
    public void CopyFrom(SplitPolygon other) => polygon.CopyFrom(other.polygon);
    public int VertexCount => polygon.Count;
    public (int Beyond, int Inside) Sides(ReadOnlySpan<double> plane, double tolerance) =>
        polygon.Sides(plane[0], plane[1], plane[2], tolerance);
    public (int Beyond, int Inside) Split(SplitPolygon beyondPart, ReadOnlySpan<double> plane, int row, double tolerance) =>
        polygon.Split(beyondPart.polygon, plane[0], plane[1], plane[2], row, tolerance);
    public bool AllFacesWiderThan(double width, Span<int> rows, out int count) =>
        polygon.AllEdgesLongerThan(width, rows, out count);

    public void VertexCentroid(Span<double> centroid)
    {
        double sx = 0, sy = 0;
        int n = polygon.Count;
        for (int v = 0; v < n; v++) { sx += polygon.X(v); sy += polygon.Y(v); }
        centroid[0] = sx / n; centroid[1] = sy / n;
    }

    public double RadiusAbout(ReadOnlySpan<double> centre) => polygon.RadiusAbout(centre[0], centre[1]);

    public void Describe(bool solids, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double vertexDistance,
        double pivotMin, out double? volume, out double[]? vertices, out RegionSolid? solid)
    {
        volume = polygon.Area();
        vertices = polygon.Vertices();
        solid = null;
    }
}

/// <summary>A 3-D piece: a <see cref="ConvexPolyhedron"/>.</summary>
internal readonly struct SplitPolyhedron(ConvexPolyhedron polyhedron) : ISplitShape<SplitPolyhedron>
{
    private readonly ConvexPolyhedron polyhedron = polyhedron;
    public static int Dimension => 3;
    public static SplitPolyhedron Make() => new(new ConvexPolyhedron());
    // Slots x = lo, x = hi, y = lo, ...
    public void StartBox(Box box) => polyhedron.StartBox(box.Lo, box.Hi, [1, 0, 3, 2, 5, 4]);
    public void CopyFrom(SplitPolyhedron other) => polyhedron.CopyFrom(other.polyhedron);
    public int VertexCount => polyhedron.VertexCount;
    public (int Beyond, int Inside) Sides(ReadOnlySpan<double> plane, double tolerance) =>
        polyhedron.Sides(plane[0], plane[1], plane[2], plane[3], tolerance);

    public (int Beyond, int Inside) Split(SplitPolyhedron beyondPart, ReadOnlySpan<double> plane, int row, double tolerance)
    {
        var counts = polyhedron.Split(beyondPart.polyhedron, plane[0], plane[1], plane[2], plane[3], row, tolerance);
        return polyhedron.TooManyFaces ? (-1, counts.Inside) : counts;
    }

    public bool AllFacesWiderThan(double width, Span<int> rows, out int count) =>
        polyhedron.AllFacesWiderThan(width, rows, out count);

    public void VertexCentroid(Span<double> centroid)
    {
        double sx = 0, sy = 0, sz = 0;
        int n = polyhedron.VertexCount;
        for (int v = 0; v < n; v++) { sx += polyhedron.X(v); sy += polyhedron.Y(v); sz += polyhedron.Z(v); }
        centroid[0] = sx / n; centroid[1] = sy / n; centroid[2] = sz / n;
    }

    public double RadiusAbout(ReadOnlySpan<double> centre) => polyhedron.RadiusAbout(centre[0], centre[1], centre[2]);

    public void Describe(bool solids, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double vertexDistance,
        double pivotMin, out double? volume, out double[]? vertices, out RegionSolid? solid)
    {
        volume = null;
        vertices = null;
        solid = null;
        if (!solids) return;
        var (v, corners) = PolyhedronSolid.Of(polyhedron, a, b, vertexDistance, pivotMin);
        solid = new RegionSolid(v, corners);
    }
}
