namespace Polytopes.Geometry.Tests;

/// <summary><see cref="PolytopeVertices"/> against the vertices lrs computed exactly for every fixture polytope
/// (fixtures/geometry/polytopes.json), including the empty, lower-dimensional and degenerate ones.</summary>
public sealed class PolytopeVerticesTests
{
    public static TheoryData<string> All => Fixtures.Names(_ => true);

    [Theory]
    [MemberData(nameof(All))]
    public void Enumerate_FixturePolytope_GivesExactlyTheLrsVertices(string name)
    {
        var f = Fixtures.Get(name);
        var found = PolytopeVertices.Enumerate(f.Polytope);
        Assert.True(found.Count == f.Vertices.Length,
            $"{name}: {found.Count} vertices, lrs has {f.Vertices.Length}\n{TestUtil.Dump(f.Polytope)}");
        foreach (var expected in f.Vertices)
        {
            double nearest = found.Min(v => VectorMath.Distance(v.Point, expected));
            Assert.True(nearest < 1e-9, $"{name}: lrs vertex [{string.Join(", ", expected)}] is {nearest} from the nearest found");
        }
    }

    /// <summary>The certificate: every reported tight row is tight, every other row holds strictly, and the tight
    /// normals span R^d (so the point is a vertex, not a point on an edge).</summary>
    [Theory]
    [MemberData(nameof(All))]
    public void Enumerate_EveryVertex_HasTightRowsSpanningTheSpaceAndSatisfiesEveryRow(string name)
    {
        var f = Fixtures.Get(name);
        var p = f.Polytope.Normalized();
        foreach (var v in PolytopeVertices.Enumerate(f.Polytope))
        {
            for (int i = 0; i < p.Count; i++)
            {
                if (VectorMath.Norm(p.Row(i)) == 0) continue;
                double slack = p.Slack(i, v.Point);
                if (v.TightRows.Contains(i)) Assert.True(Math.Abs(slack) <= 1e-9, $"{name}: row {i} listed tight, slack {slack}");
                else Assert.True(slack > 1e-9, $"{name}: row {i} not listed tight but slack {slack}");
            }
            Assert.Equal(f.Dim, Rank(v.TightRows.Select(i => p.Row(i).ToArray()).ToList()));
        }
    }

    [Fact]
    public void Enumerate_SquarePyramidApex_ListsAllFourSlopedFacetsAsTight()
    {
        var f = Fixtures.Get("square_pyramid_3d");
        var vertices = PolytopeVertices.Enumerate(f.Polytope);
        Assert.Equal(5, vertices.Count);
        Assert.Contains(vertices, v => v.TightRows.Length >= 4 && v.Point[2] > 0.5 * vertices.Max(w => w.Point[2]));
    }

    [Fact]
    public void Enumerate_TooManyRowsForBruteForce_Throws()
    {
        var rows = Enumerable.Range(0, 400).Select(i => new[] { Math.Cos(i), Math.Sin(i), 0.1 * i % 1, 0.5 }).ToList();
        var p = HPolytope.FromRows(rows, Enumerable.Repeat(1.0, 400).ToArray());
        Assert.Throws<ArgumentException>(() => PolytopeVertices.Enumerate(p));
    }

    private static int Rank(List<double[]> rows)
    {
        var basis = new List<double[]>();
        foreach (var row in rows)
        {
            var r = (double[])row.Clone();
            foreach (var q in basis)
            {
                double c = VectorMath.Dot(r, q);
                for (int t = 0; t < r.Length; t++) r[t] -= c * q[t];
            }
            double n = VectorMath.Norm(r);
            if (n < 1e-9) continue;
            basis.Add(r.Select(x => x / n).ToArray());
        }
        return basis.Count;
    }
}
