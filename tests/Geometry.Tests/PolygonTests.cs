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
        var actual = polygon.Vertices().Chunk(2).ToArray();
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

    /// <summary>A split gives, vertex for vertex and bit for bit, what two clips by the opposite half-planes give
    /// (each part's vertices in the same cyclic order, its edges on the same rows), the parts' areas add up to the
    /// whole's, and where the line does not cut (all on one side, or a vertex on it) nothing changes.</summary>
    [Fact]
    public void Split_IsTwoClips()
    {
        var rng = new Random(29);
        int splits = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var q = new ConvexPolygon();
            q.StartBox([-1, -1], [1, 2], [3, 0, 2, 1]);
            for (int c = 0; c < 5; c++)
            {
                var (cx, cy) = RandomUnit(rng);
                var clipped = new ConvexPolygon();
                clipped.CopyFrom(q);
                if (clipped.Clip(cx, cy, rng.NextDouble() * 1.2 - 0.2, 10 + c, 1e-12) && clipped.Count >= 3) q = clipped;
            }
            var (ax, ay) = RandomUnit(rng);
            // A random line, or one through a vertex (on it within the tolerance: not split).
            double b = trial % 5 == 0 ? ax * q.X(0) + ay * q.Y(0) : rng.NextDouble() * 2 - 1;
            var inside = new ConvexPolygon();
            inside.CopyFrom(q);
            var beyond = new ConvexPolygon();
            var sides = q.Sides(ax, ay, b, 1e-12);
            Assert.Equal(sides, inside.Split(beyond, ax, ay, b, 99, 1e-12));
            if (sides.Beyond == 0 || sides.Inside == 0 || sides.Beyond + sides.Inside != q.Count)
            {
                Assert.False(inside.Cut);
                AssertSameCycle(q, inside);
                continue;
            }
            splits++;
            Assert.True(inside.Cut);
            var keptInside = new ConvexPolygon();
            keptInside.CopyFrom(q);
            Assert.True(keptInside.Clip(ax, ay, b, 99, 1e-12));
            var keptBeyond = new ConvexPolygon();
            keptBeyond.CopyFrom(q);
            Assert.True(keptBeyond.Clip(-ax, -ay, -b, 99, 1e-12));
            AssertSameCycle(keptInside, inside);
            AssertSameCycle(keptBeyond, beyond);
            Assert.Equal(q.Area(), inside.Area() + beyond.Area(), 1e-12);
        }
        Assert.True(splits > 150, $"only {splits} splits");

        static (double, double) RandomUnit(Random rng)
        {
            double t = rng.NextDouble() * 2 * Math.PI;
            return (Math.Cos(t), Math.Sin(t));
        }
    }

    [Fact]
    public void A_box_s_edges_lie_on_their_sides_rows()
    {
        var q = new ConvexPolygon();
        q.StartBox([-1, 0], [3, 0.5], [3, 0, 2, 1]); // rows: y = lo, x = hi, y = hi, x = lo
        Assert.Equal(2, q.Area(), 15);
        var rows = new int[4];
        Assert.True(q.AllEdgesLongerThan(0.4, rows, out int count));
        Assert.Equal(4, count);
        for (int j = 0; j < 4; j++)
        {
            int next = (j + 1) % 4;
            bool horizontal = q.Y(j) == q.Y(next);
            double at = horizontal ? q.Y(j) : q.X(j);
            int expected = horizontal ? (at == 0 ? 3 : 2) : (at == 3 ? 0 : 1);
            Assert.Equal(expected, rows[j]);
        }
        Assert.False(q.AllEdgesLongerThan(0.5, rows, out _)); // the sides 0.5 long are not longer than 0.5
    }

    /// <summary>The same vertices, bit for bit, with the same edge rows, in the same cyclic order.</summary>
    private static void AssertSameCycle(ConvexPolygon expected, ConvexPolygon actual)
    {
        int n = expected.Count;
        Assert.Equal(n, actual.Count);
        int shift = Enumerable.Range(0, n).FirstOrDefault(s => actual.X(s) == expected.X(0) && actual.Y(s) == expected.Y(0), -1);
        Assert.True(shift >= 0, "the first vertex is missing");
        for (int j = 0; j < n; j++)
        {
            int k = (j + shift) % n;
            Assert.Equal(expected.X(j), actual.X(k));
            Assert.Equal(expected.Y(j), actual.Y(k));
            Assert.Equal(expected.EdgeRow(j), actual.EdgeRow(k));
        }
    }
}
