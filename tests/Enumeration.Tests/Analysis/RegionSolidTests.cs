using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Tests.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Analysis;

/// <summary>
/// A 3-D region's record carries the volume and vertices of the polyhedron the search clipped, each vertex
/// recomputed from its faces' rows (<see cref="PolyhedronSolid"/>). They must be the ones brute-force vertex
/// enumeration over every three of the region's facets (<see cref="PolytopeVertices"/>) and the hull volume from
/// those vertices (<see cref="ConvexVolume"/>) give — a method that shares neither the clipping nor the faces.
/// Vertices agree to 1e-10 (two points within the 1e-9 distance tolerance are one vertex; where more than three
/// planes meet, as in the zero-bias network, the two methods may solve different three of them, 1.4e-12 apart).
/// </summary>
public class RegionSolidTests
{
    public static TheoryData<string> Nets => new()
    {
        "reference/relu_3d_12x12.json", "nets/hyperplanes_3d_general_6.json", "random:31:3:3,8,8", "leaky:32:3,7,7",
        "maxout:33:3,4,4:3", "residual:34:3,6,2", "zero_bias/relu_3d_4x4x4_zero_bias.json",
    };

    [Theory]
    [MemberData(nameof(Nets))]
    public void Solid_IsTheBruteForceVerticesAndVolume(string spec)
    {
        var result = new RegionEnumerator(InvariantTests.Load(spec), new SearchOptions { Solids = true }).Run();
        foreach (var r in result.Regions)
        {
            Assert.NotNull(r.Solid);
            var facets = HPolytope.FromRows(r.Facets.Select(f => f.Normal).ToArray(), r.Facets.Select(f => f.Offset).ToArray());
            var brute = PolytopeVertices.Enumerate(facets, 1, Tolerances.Default);
            Assert.Equal(brute.Count, r.Solid!.VertexCount);
            var points = r.Solid.Vertices.Chunk(3).ToArray();
            foreach (var v in brute)
                Assert.True(points.Min(p => VectorMath.Distance(p, v.Point)) is var gap && gap <= 1e-10,
                    $"region {r.Id}: vertex {string.Join(",", v.Point)} not found ({gap})");
            double volume = ConvexVolume.Of(brute, 1e-9);
            Assert.True(Math.Abs(r.Solid.Volume - volume) <= 1e-9 * volume, $"region {r.Id}: volume {r.Solid.Volume:R} vs {volume:R}");
        }
    }

    [Fact]
    public void ARegionWithoutSolid_GetsTheSameShapeFromItsFacets()
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", "relu_3d_12x12.json"));
        var kept = new RegionEnumerator(net, new SearchOptions { Solids = true }).Run().Regions;
        Assert.All(new RegionEnumerator(net).Run().Regions, r => Assert.Null(r.Solid));
        var stats = new RegionStatistics(3, 1);
        var withoutSolid = kept[0] with { Solid = null };
        var (volume, vertices) = stats.Shape(withoutSolid);
        Assert.Equal(kept[0].Solid!.Volume, volume!.Value, 12);
        Assert.Equal(kept[0].Solid!.Vertices.Length, vertices!.Length);
    }
}
