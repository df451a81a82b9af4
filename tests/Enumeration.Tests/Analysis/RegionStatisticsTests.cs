using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Tests.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Analysis;

/// <summary><see cref="RegionStatistics"/>: volumes against the reference truth (lrslib, exact) and the box,
/// vertex counts, and neighbour angles on hand-built networks.</summary>
public class RegionStatisticsTests
{
    private static (EnumerationResult Result, IReadOnlyList<RegionStats> Stats) Run(Polytopes.Enumeration.Networks.Network net)
    {
        var enumerator = new RegionEnumerator(net);
        var result = enumerator.Run();
        return (result, new RegionStatistics(net.InputDim, enumerator.Box!.Scale()).All(result.Regions));
    }

    /// <summary>3-D volumes from the vertices sum to the box volume 8 and have the truth's min, median and max
    /// (lrslib volumes of the exact regions).</summary>
    [Fact]
    public void Volume_Reference3DNetwork_SumsToTheBoxAndMatchesTheTruthOrderStatistics()
    {
        var truth = Truth.Reference("relu_3d_12x12");
        var (_, stats) = Run(NetworkJson.Read(TestPaths.Fixture("reference", "relu_3d_12x12.json")));
        var summary = StatsSummary.Of(stats);
        Assert.Equal(8, summary.TotalVolume!.Value, 9);
        Assert.Equal(truth.GetProperty("volume_min").GetDouble(), summary.Volume!.Min, 15);
        Assert.Equal(truth.GetProperty("volume_median").GetDouble(), summary.Volume.Median, 12);
        Assert.Equal(truth.GetProperty("volume_max").GetDouble(), summary.Volume.Max, 12);
        Assert.All(stats, s => Assert.True(s.VertexCount >= 4, $"region {s.Id}: {s.VertexCount} vertices"));
    }

    /// <summary>Zaslavsky's 42 regions of 6 general planes: volumes sum to 8; each region's vertex count obeys
    /// Euler's formula for a simple 3-polytope, V = 2F − 4, when no more than 3 faces meet at a vertex.</summary>
    [Fact]
    public void Volume_GeneralPlanes_SumsToTheBoxVolume()
    {
        var (result, stats) = Run(NetworkJson.Read(TestPaths.Fixture("nets", "hyperplanes_3d_general_6.json")));
        Assert.Equal(42, stats.Count);
        Assert.Equal(8, stats.Sum(s => s.Volume!.Value), 10);
        foreach (var s in stats)
            Assert.Equal(2 * result.Regions[s.Id].FaceCount - 4, s.VertexCount);
    }

    [Theory]
    [InlineData("relu_2d_8", 4)]
    [InlineData("relu_2d_16x16", 4)]
    [InlineData("degenerate_2d", 4)]
    [InlineData("relu_1d_32x32", 2)]
    public void Volume_Reference1DAnd2D_SumsToTheExactTruthTotal(string name, double total)
    {
        var truth = Truth.Reference(name);
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), truth.GetProperty("volume_sum_exact").GetString());
        var (result, stats) = Run(NetworkJson.Read(TestPaths.Fixture("reference", name + ".json")));
        Assert.Equal(total, stats.Sum(s => s.Volume!.Value), 10);
        if (result.InputDim == 2)
            Assert.All(stats, s => Assert.Equal(result.Regions[s.Id].FaceCount, s.VertexCount));
    }

    /// <summary>f = relu(x0) + relu(x1): gradients (1,1), (1,0), (0,1), (0,0) on the quadrants; angles π/4
    /// between the first quadrant and its neighbours, undefined next to the zero gradient; flat hyperplanes
    /// bend by 0.</summary>
    [Fact]
    public void Neighbours_QuadrantsOfTwoReLUs_HaveTheHandComputedAngles()
    {
        var (result, stats) = Run(Nets.Parse(Nets.BentBoundary));
        Assert.Equal(4, result.RegionCount);
        int Quadrant(bool x0, bool x1) => result.Regions.Single(r => (r.Centre[0] > 0) == x0 && (r.Centre[1] > 0) == x1).Id;
        int q1 = Quadrant(true, true), q2 = Quadrant(false, true), q3 = Quadrant(false, false), q4 = Quadrant(true, false);
        var first = stats[q1].Neighbours.ToDictionary(n => n.Neighbour);
        Assert.Equal(Math.PI / 4, first[q2].GradientAngle!.Value, 12);
        Assert.Equal(Math.PI / 4, first[q4].GradientAngle!.Value, 12);
        Assert.Null(stats[q2].Neighbours.Single(n => n.Neighbour == q3).GradientAngle);
        Assert.All(stats.SelectMany(s => s.Neighbours), n => Assert.Equal(0, n.NormalAngle!.Value, 12));
        Assert.Equal(Math.Sqrt(2), stats[q1].GradientNorm, 12);
        Assert.Equal(4, StatsSummary.Of(stats).NeighbourPairs);
    }

    /// <summary>The second-layer unit's hyperplane bends by π/4 on x0 = 0: the normal angle of the pairs across
    /// x0 = 0 is π/4, and 0 across the bent unit (whose neighbours share the flat line x0 = 0).</summary>
    [Fact]
    public void Neighbours_BentHyperplane_GiveTheBendAngle()
    {
        var (result, stats) = Run(Nets.Parse(Nets.BentHyperplane));
        Assert.Equal(4, result.RegionCount);
        foreach (var s in stats)
        {
            var region = result.Regions[s.Id];
            foreach (var n in s.Neighbours)
            {
                var facet = region.Facets.First(f => f.Neighbour == n.Neighbour);
                bool acrossFirstLayer = facet.Units.Contains(0);
                Assert.Equal(acrossFirstLayer ? Math.PI / 4 : 0, n.NormalAngle!.Value, 12);
            }
        }
    }

    /// <summary>Hand-built records: a neighbour met across two facets is listed once, at its first facet; box
    /// sides and facets without a neighbour (−1) give no relation; the others keep facet order. The gradients
    /// (1, 0) and (0, 1) are π/2 apart, and (1, 0) and (2, 0) 0 apart.</summary>
    [Fact]
    public void Neighbours_MetAcrossSeveralFacets_AreListedOnceInFacetOrder()
    {
        var pattern = new ActivationPattern([1, 0]);
        RegionFacet Facet(int unit, int neighbour) => new([1.0, 0.0], 1, [unit], -1, neighbour);
        var boxSide = new RegionFacet([0.0, 1.0], 1, [], 2, -1);
        var region = new Region(0, pattern, [0.0, 0.0], 0.5,
            [Facet(0, 2), boxSide, Facet(1, 1), Facet(0, -1), Facet(1, 2), Facet(0, 1)], [1.0, 0.0], [0.0], null, null);
        var two = new Region(2, pattern, [1.0, 0.0], 0.5, [Facet(0, 0)], [0.0, 1.0], [0.0], null, null);
        var one = new Region(1, pattern, [0.0, 1.0], 0.5, [Facet(1, 0)], [2.0, 0.0], [0.0], null, null);
        var byId = new Dictionary<int, Region> { [1] = one, [2] = two };
        var stats = new RegionStatistics(2, 1).Of(region, id => byId.GetValueOrDefault(id), (null, null));
        Assert.Equal([2, 1], stats.Neighbours.Select(n => n.Neighbour));
        Assert.Equal(Math.PI / 2, stats.Neighbours[0].GradientAngle!.Value, 12);
        Assert.Equal(0, stats.Neighbours[1].GradientAngle!.Value, 12);
    }

    [Fact]
    public void Angle_OfZeroVector_IsNullAndOfOppositeVectorsIsPi()
    {
        Assert.Null(RegionStatistics.Angle([0, 0], [1, 0]));
        Assert.Equal(Math.PI, RegionStatistics.Angle([1, 2], [-2, -4])!.Value, 12);
    }

    [Fact]
    public void Spread_Empty_IsNaN()
    {
        var s = Spread.Of([]);
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Median));
    }
}
