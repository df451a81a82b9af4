namespace Polytopes.Geometry.Tests;

/// <summary>The 2-D polygon path against lrs (vertices, exact volume), and <see cref="ConvexPolygon.Clip"/> on
/// its degenerate cases.</summary>
public sealed class PolygonTests
{
    public static TheoryData<string> FullDimensional2D => Fixtures.FullDimensional2D;

    [Theory]
    [MemberData(nameof(FullDimensional2D))]
    public void Polygon_area_and_vertices_match_the_fixture(string name)
    {
        var f = Fixtures.Get(name);
        var p = f.Polytope.Normalized();
        var analyzer = new PolytopeAnalyzer(2);
        Assert.True(analyzer.Analyze(p.RowMajorA, p.B, [0, 0], 1));
        Assert.True(analyzer.HasPolygon);
        var polygon = analyzer.Polygon;

        Assert.True(Math.Abs(polygon.Area() - f.Volume) <= 1e-12 * f.Volume,
            $"{name}: area {polygon.Area():R}, fixture volume {f.Volume:R}");
        var actual = polygon.Vertices();
        string show = string.Join(" ", actual.Select(v => $"({v[0]:R}, {v[1]:R})"));
        Assert.True(actual.Length == f.Vertices.Length, $"{name}: {actual.Length} vertices {show}, fixture {f.Vertices.Length}");
        foreach (var v in f.Vertices)
            Assert.True(actual.Count(w => VectorMath.Distance(v, w) <= 1e-9) == 1,
                $"{name}: fixture vertex ({v[0]:R}, {v[1]:R}) not matched once among {show}");
    }

    private static ConvexPolygon Square()
    {
        var q = new ConvexPolygon();
        q.StartSquare(0, 0, 1); // (-1,-1) (1,-1) (1,1) (-1,1)
        return q;
    }

    private static void AssertVertices(ConvexPolygon q, params (double X, double Y)[] expected)
    {
        Assert.Equal(expected.Length, q.Count);
        foreach (var (x, y) in expected)
            Assert.True(Enumerable.Range(0, q.Count).Count(j => Math.Abs(q.X(j) - x) <= 1e-12 && Math.Abs(q.Y(j) - y) <= 1e-12) == 1,
                $"vertex ({x}, {y}) missing");
    }

    private static readonly (double, double)[] SquareVertices = [(-1, -1), (1, -1), (1, 1), (-1, 1)];
    private const double Tol = 1e-9;

    [Fact]
    public void Clipping_a_square_by_lines_through_a_vertex_changes_nothing()
    {
        var q = Square();
        // Every line through (1,1) with a normal in the closed first quadrant supports the square there.
        for (int k = 0; k <= 8; k++)
        {
            double t = k * Math.PI / 16, ax = Math.Cos(t), ay = Math.Sin(t);
            Assert.True(q.Clip(ax, ay, ax + ay, 10 + k, Tol));
        }
        AssertVertices(q, SquareVertices);
        for (int j = 0; j < q.Count; j++) Assert.Equal(-1, q.EdgeRow(j));
        Assert.Equal(4, q.Area(), 12);
    }

    [Fact]
    public void Clipping_a_square_by_a_line_cutting_a_corner_gives_five_vertices()
    {
        var q = Square();
        double s = Math.Sqrt(0.5);
        Assert.True(q.Clip(s, s, 1.5 * s, 7, Tol)); // x + y <= 1.5 cuts (1,1) off
        AssertVertices(q, (-1, -1), (1, -1), (1, 0.5), (0.5, 1), (-1, 1));
        // The new edge runs from (1, 0.5) to (0.5, 1) and carries row 7; the others are the square's.
        int j = Enumerable.Range(0, q.Count).Single(j => Math.Abs(q.X(j) - 1) < 1e-12 && Math.Abs(q.Y(j) - 0.5) < 1e-12);
        Assert.Equal(7, q.EdgeRow(j));
        Assert.Equal(1, Enumerable.Range(0, q.Count).Count(t => q.EdgeRow(t) == 7));
        Assert.Equal(4 - 0.125, q.Area(), 12);
    }

    [Fact]
    public void Clipping_by_a_duplicate_of_an_existing_edge_line_changes_nothing()
    {
        var q = Square();
        Assert.True(q.Clip(1, 0, 1, 3, Tol)); // x <= 1 is the square's own right edge
        AssertVertices(q, SquareVertices);
        Assert.True(q.Clip(1, 0, 0.5, 4, Tol)); // x <= 0.5: a real cut, edge row 4
        Assert.True(q.Clip(1, 0, 0.5, 5, Tol)); // the same line again: no change, the edge keeps row 4
        AssertVertices(q, (-1, -1), (0.5, -1), (0.5, 1), (-1, 1));
        Assert.Equal(1, Enumerable.Range(0, q.Count).Count(t => q.EdgeRow(t) == 4));
        Assert.Equal(0, Enumerable.Range(0, q.Count).Count(t => q.EdgeRow(t) == 5));
    }

    [Fact]
    public void Clipping_by_a_half_plane_excluding_everything_returns_false()
    {
        var q = Square();
        Assert.False(q.Clip(1, 0, -2, 0, Tol)); // x <= -2
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void Clipping_to_a_single_edge_of_the_square_returns_false()
    {
        var q = Square();
        Assert.False(q.Clip(1, 0, -1, 0, Tol)); // x <= -1 leaves only the left edge: degenerate
    }

    [Fact]
    public void Clipping_by_a_half_plane_containing_everything_changes_nothing()
    {
        var q = Square();
        Assert.True(q.Clip(0, 1, 5, 0, Tol));
        AssertVertices(q, SquareVertices);
    }
}
