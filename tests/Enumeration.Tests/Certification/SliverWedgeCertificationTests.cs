using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Tests.Regions;

namespace Polytopes.Enumeration.Tests.Certification;

/// <summary>
/// fixtures/zero_bias/certify/relu_2d_sliver_wedges: a zero-bias network whose first-layer lines through the box
/// centre meet at angles near 1e-9, so wedges thinner than the tolerances lie between regions. The float search
/// (within its tolerances) reports two facets that exactly are none, with no region across them; the certified
/// result must be the exact one of make_truth.py (rational pattern enumeration with lrslib and cddlib: 32 regions,
/// faces 3:28 4:4), with every facet leading to a region: the count of facets without a neighbour is the proved
/// records', not the float search's.
/// </summary>
public class SliverWedgeCertificationTests
{
    [Fact]
    public void Certify_GivesTheExactRegionsAndFacesAndNoFacetWithoutANeighbour()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("zero_bias", Path.Combine("certify", "relu_2d_sliver_wedges.json")));
        var run = RegionSearch.Run(net, new RegionSearchOptions { Certify = true });
        Assert.True(run.Certification!.Certified, run.Certification.Failure);
        Truth.AssertExact(Truth.Exact("certify", "relu_2d_sliver_wedges.truth.json"), run.Result);
        Assert.Equal(0, run.Result.FacetsWithoutNeighbour);
    }
}
