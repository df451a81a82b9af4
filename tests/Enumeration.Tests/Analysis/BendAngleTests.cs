using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Tests.Regions;

namespace Polytopes.Enumeration.Tests.Analysis;

/// <summary><see cref="RegionStatistics.BendAngle"/> (a merge of the facets by owner where each lists a unit at most
/// once, in order; a pairwise scan otherwise) is, bit for bit, the largest angle over every pair of facets sharing
/// an owner — computed here by brute force — on networks whose facets take either path: ReLU and leaky ReLU (one
/// owner per facet), maxout (a unit owns several facets), duplicated neurons (several owners per facet).</summary>
public class BendAngleTests
{
    [Theory]
    [InlineData("random:5:3:3,6,6")]
    [InlineData("random:12:4:4,6,6,5")]
    [InlineData("leaky:6:2,10,10")]
    [InlineData("maxout:5:2,4,4:3")]
    [InlineData("reference/degenerate_2d.json")]
    [InlineData("residual:7:2,6,2")]
    public void BendAngle_IsTheLargestAngleOverFacetPairsSharingAnOwner(string spec)
    {
        var regions = new RegionEnumerator(InvariantTests.Load(spec)).Run().Regions;
        int pairs = 0;
        foreach (var a in regions)
            foreach (int n in a.Neighbours)
            {
                var b = regions[n];
                double? expected = null;
                foreach (var fa in a.Facets.Where(f => !f.IsBoxSide && f.Neighbour != b.Id))
                    foreach (var fb in b.Facets.Where(f => !f.IsBoxSide && f.Neighbour != a.Id && f.Units.Intersect(fa.Units).Any()))
                        if (RegionStatistics.Angle(fa.Normal, fb.Normal) is double angle) expected = Math.Max(expected ?? 0, angle);
                Assert.Equal(expected, RegionStatistics.BendAngle(a, b));
                pairs++;
            }
        Assert.True(pairs > 0);
    }
}
