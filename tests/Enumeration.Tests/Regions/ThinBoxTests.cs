using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>
/// Tolerances are relative to the box's largest half-side, so a box much longer than wide would lose regions
/// that are thin only along its short side. The reference network relu_2d_16x16 (241 regions on [-1,1]^2, ground
/// truth) stretched along x by 2^20 — first-layer weights of x divided by 2^20, exactly — over
/// [-2^20, 2^20] × [-1, 1] is the same function on the same plane, so it has the same 241 regions. With the
/// default tolerance 1e-9 the search would lose those thinner than 2^20 × 1e-9 ≈ 1e-3: it is refused; with a
/// tolerance of 1e-14 it finds them all.
/// </summary>
public class ThinBoxTests
{
    private const double Stretch = 1 << 20;

    private static Network Stretched()
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", "relu_2d_16x16.json"));
        var first = net.Layers[0];
        var weight = first.Weight.ToArray();
        for (int r = 0; r < first.Rows; r++) weight[r * 2] /= Stretch;
        var layers = net.Layers.ToList();
        layers[0] = new Layer(weight, first.Rows, 2, first.Bias.ToArray(), first.Activation);
        return new Network("stretched", 2, layers);
    }

    private static readonly Box Long = new([-Stretch, -1], [Stretch, 1]) { Source = "test box" };

    [Fact]
    public void ABoxMillionsOfTimesLongerThanWide_IsRefusedNamingItsSource()
    {
        var e = Assert.Throws<InputException>(() => new RegionEnumerator(Stretched(), new SearchOptions { Box = Long }));
        Assert.StartsWith("test box: ", e.Message);
        Assert.Contains("longer than wide", e.Message);
    }

    /// <summary>Any valid tolerance (up to 1e-2) on a square box, and boxes up to 100 times longer than wide
    /// while aspect × tolerance stays within 1e-2, are the user's choice, not the box's: accepted (a campaign found
    /// the square box refusing --tolerance 1e-3). Longer boxes within 1e-4.</summary>
    [Theory]
    [InlineData(1.0, 1e-2)]
    [InlineData(1.0, 1e-3)]
    [InlineData(100.0, 1e-4)]
    [InlineData(1e4, 1e-9)]
    public void OrdinaryBoxesAndTolerances_AreAccepted(double aspect, double tolerance)
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", "relu_2d_16x16.json"));
        var box = new Box([-aspect, -1], [aspect, 1]);
        var options = new SearchOptions { Box = box, Tolerances = Tolerances.Default with { Radius = tolerance, Facet = tolerance } };
        Assert.True(new RegionEnumerator(net, options).Run().RegionCount > 0);
    }

    /// <summary>A box 100 times longer than wide at tolerance 1e-2 would drop every region thinner than its whole
    /// short side: refused (it ended in an internal error when accepted).</summary>
    [Fact]
    public void CoarseToleranceOnALongBox_IsRefused()
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", "relu_2d_16x16.json"));
        var options = new SearchOptions { Box = new Box([-100, -1], [100, 1]), Tolerances = Tolerances.Default with { Radius = 1e-2 } };
        Assert.Contains("longer than wide", Assert.Throws<InputException>(() => new RegionEnumerator(net, options)).Message);
    }

    [Fact]
    public void WithASmallerTolerance_TheStretchedReferenceNetworkHasItsRegions()
    {
        var truth = Truth.Reference("relu_2d_16x16");
        var options = new SearchOptions
        {
            Box = Long,
            Tolerances = Tolerances.Default with { Radius = 1e-14, Facet = 1e-14 },
        };
        var result = new RegionEnumerator(Stretched(), options).Run();
        Assert.Equal(truth.GetProperty("regions").GetInt32(), result.RegionCount);
        Assert.Equal(Truth.Histogram(truth.GetProperty("face_hist_total")), result.FaceHistogram);
        Assert.Equal(0, result.FacetsWithoutNeighbour);
    }
}
