namespace Polytopes.Geometry.Tests;

/// <summary><see cref="ConvexVolume"/> against the exact volumes lrs computed for the fixture polytopes (1-D to
/// 4-D), and invariances a volume must have.</summary>
public sealed class ConvexVolumeTests
{
    public static TheoryData<string> All => Fixtures.Names(_ => true);

    [Theory]
    [MemberData(nameof(All))]
    public void Of_FixturePolytope_MatchesTheLrsVolume(string name)
    {
        var f = Fixtures.Get(name);
        double volume = ConvexVolume.Of(PolytopeVertices.Enumerate(f.Polytope), 1e-9);
        Assert.True(Math.Abs(volume - f.Volume) <= 1e-10 * Math.Max(1, f.Volume),
            $"{name}: volume {volume:R}, lrs {f.Volume:R} (full-dimensional: {f.FullDimensional})");
    }

    [Theory]
    [MemberData(nameof(FullDimensional2D))]
    public void Of_2DPolytope_EqualsTheShoelaceAreaOfTheClippedPolygon(string name)
    {
        var f = Fixtures.Get(name);
        var p = f.Polytope.Normalized();
        var polygon = new ConvexPolygon();
        polygon.StartSquare(0, 0, 4);
        for (int i = 0; i < p.Count; i++)
            if (VectorMath.Norm(p.Row(i)) > 0) polygon.Clip(p.Row(i)[0], p.Row(i)[1], p.Rhs(i), i, 1e-12);
        double shoelace = ConvexVolume.PolygonArea(polygon.Vertices().Chunk(2).ToArray());
        Assert.Equal(shoelace, ConvexVolume.Of(PolytopeVertices.Enumerate(f.Polytope), 1e-9), 12);
        Assert.Equal(f.Volume, shoelace, 12);
    }

    public static TheoryData<string> FullDimensional2D => Fixtures.FullDimensional2D;

    /// <summary>Rotating and translating a polytope does not change its volume (seeded random rotations, applied
    /// to the constraint rows: x ↦ Q x + t maps {A x ≤ b} to {A Qᵀ y ≤ b + A Qᵀ t}).</summary>
    [Theory]
    [InlineData("random_3d_0", 1)]
    [InlineData("random_3d_2", 2)]
    [InlineData("octahedron_3d", 3)]
    [InlineData("square_pyramid_3d", 4)]
    [InlineData("random_4d_0", 5)]
    public void Of_RotatedAndShiftedPolytope_KeepsItsVolume(string name, int seed)
    {
        var f = Fixtures.Get(name);
        int d = f.Dim;
        var rng = new Random(seed);
        var q = RandomRotation(d, rng);
        var t = Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var rows = new List<double[]>();
        var rhs = new List<double>();
        for (int i = 0; i < f.B.Length; i++)
        {
            var a = new double[d];
            for (int j = 0; j < d; j++)
                for (int k = 0; k < d; k++) a[j] += f.A[i][k] * q[j][k];
            rows.Add(a);
            rhs.Add(f.B[i] + VectorMath.Dot(a, t));
        }
        var moved = HPolytope.FromRows(rows, rhs);
        Assert.Equal(f.Volume, ConvexVolume.Of(PolytopeVertices.Enumerate(moved), 1e-9), 10);
    }

    [Fact]
    public void Of_NoVertices_IsZero() => Assert.Equal(0, ConvexVolume.Of([], 1e-9));

    [Fact]
    public void PolygonArea_ClockwiseOrCounterClockwise_IsPositive()
    {
        double[][] square = [[0, 0], [2, 0], [2, 1], [0, 1]];
        Assert.Equal(2, ConvexVolume.PolygonArea(square));
        Assert.Equal(2, ConvexVolume.PolygonArea(square.Reverse().ToArray()));
    }

    private static double[][] RandomRotation(int d, Random rng)
    {
        var q = new List<double[]>();
        while (q.Count < d)
        {
            var v = Enumerable.Range(0, d).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            foreach (var u in q)
            {
                double c = VectorMath.Dot(v, u);
                for (int t = 0; t < d; t++) v[t] -= c * u[t];
            }
            double n = VectorMath.Norm(v);
            if (n < 1e-3) continue;
            q.Add(v.Select(x => x / n).ToArray());
        }
        return q.ToArray();
    }
}
