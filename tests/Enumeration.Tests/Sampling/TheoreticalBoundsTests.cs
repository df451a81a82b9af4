using System.Numerics;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Statistics;
using Polytopes.Enumeration.Tests.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Sampling;

/// <summary>The theoretical references: hand values and "exact count ≤ bound" on the reference networks.</summary>
public class TheoreticalBoundsTests
{
    [Theory]
    [InlineData(8, 2, 37)]  // 1 + 8 + 28
    [InlineData(6, 3, 42)]  // 1 + 6 + 15 + 20
    [InlineData(3, 5, 8)]   // fewer hyperplanes than dimensions: 2^3
    [InlineData(0, 2, 1)]
    public void Zaslavsky_HandValues(int n, int d, int expected) =>
        Assert.Equal(new BigInteger(expected), TheoreticalBounds.Zaslavsky(n, d));

    [Fact]
    public void SerraRelu_OneLayer_IsZaslavsky() =>
        Assert.Equal(TheoreticalBounds.Zaslavsky(8, 2), TheoreticalBounds.SerraRelu(2, [8]));

    [Fact]
    public void SerraRelu_OneInput_IsTheProductOfWidthsPlusOne()
    {
        // n_0 = 1: j_l ∈ {0, 1}, and the bound is exact: Π (n_l + 1) (Serra et al. 2018).
        Assert.Equal(new BigInteger(4 * 5), TheoreticalBounds.SerraRelu(1, [3, 4]));
        Assert.Equal(new BigInteger(33 * 33), TheoreticalBounds.SerraRelu(1, [32, 32]));
    }

    [Fact]
    public void SerraRelu_TwoByTwo_HandSum()
    {
        // n_0 = 2, widths 2, 2: j1 = 0 → 1·(1+2+1) = 4; j1 = 1 → 2·(1+2) = 6; j1 = 2 → 1·1 = 1; total 11 (below the
        // product bound 4·4 = 16).
        Assert.Equal(new BigInteger(11), TheoreticalBounds.SerraRelu(2, [2, 2]));
        Assert.Equal(new BigInteger(16), TheoreticalBounds.ProductBound([2, 2], [2, 2]));
    }

    [Theory]
    [InlineData("relu_2d_8")]
    [InlineData("relu_2d_16x16")]
    [InlineData("degenerate_2d")]
    [InlineData("relu_1d_32x32")]
    [InlineData("relu_3d_12x12")]
    public void For_ReferenceNetworks_TheExactCountIsAtMostTheArchitectureBound(string name)
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", name + ".json"));
        int exact = new RegionEnumerator(net).Run().RegionCount;
        var bounds = TheoreticalBounds.For(net, Box.Cube(net.InputDim, -1, 1));
        var serra = Assert.Single(bounds, b => b.Key == "serra_2018");
        Assert.True(exact <= serra.Exact, $"{exact} regions above Serra's bound {serra.Exact}");
        Assert.Contains(bounds, b => b.Key == "zaslavsky_first_layer");
        Assert.Contains(bounds, b => b.Key == "hanin_rolnick_scaling");
    }

    [Fact]
    public void For_OneLayerNet_ZaslavskyIsAtLeastTheCountAndSerraEqualsIt()
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", "relu_2d_8.json"));
        var bounds = TheoreticalBounds.For(net, Box.Cube(2, -1, 1));
        Assert.Equal(new BigInteger(37), bounds.Single(b => b.Key == "zaslavsky_first_layer").Exact);
        Assert.Equal(new BigInteger(37), bounds.Single(b => b.Key == "serra_2018").Exact);
    }

    [Fact]
    public void HaninRolnickScaling_IsVolumeTimesNToTheDOverDFactorial()
    {
        Assert.Equal(4.0 * 32 * 32 / 2, TheoreticalBounds.HaninRolnickScaling(32, 2, 4), 9);
        var net = NetworkJson.Read(TestPaths.Fixture("reference", "relu_3d_12x12.json"));
        var hr = TheoreticalBounds.For(net, Box.Cube(3, -1, 1)).Single(b => b.Key == "hanin_rolnick_scaling");
        Assert.Null(hr.Exact);
        Assert.Equal(8.0 * 24 * 24 * 24 / 6, hr.Value, 9);
    }

    [Fact]
    public void For_MaxoutNet_UsesThePairwiseHyperplanesInTheProductBound()
    {
        // Two layers of maxout units with 3 pieces: 3 comparison hyperplanes per unit.
        var net = RandomNets.Mlp(1, 2, [4, 3], Activation.Maxout, 3);
        var bounds = TheoreticalBounds.For(net, Box.Cube(2, -1, 1));
        var product = bounds.Single(b => b.Key == "product_bound");
        Assert.Equal(TheoreticalBounds.Zaslavsky(12, 2) * TheoreticalBounds.Zaslavsky(9, 2), product.Exact);
        Assert.DoesNotContain(bounds, b => b.Key == "serra_2018");
        int exact = new RegionEnumerator(net).Run().RegionCount;
        Assert.True(exact <= product.Exact);
    }

    [Fact]
    public void For_NetWithSkipsFromTheInput_UsesTheInputDimensionForEveryLayer()
    {
        var net = LineTests.NetWithInputSkips(); // hidden layers of 3, 2 and 3 units, d = 2
        var product = TheoreticalBounds.For(net, Box.Cube(2, -1, 1)).Single(b => b.Key == "product_bound");
        Assert.Equal(TheoreticalBounds.Zaslavsky(3, 2) * TheoreticalBounds.Zaslavsky(2, 2) * TheoreticalBounds.Zaslavsky(3, 2), product.Exact);
        Assert.True(new RegionEnumerator(net).Run().RegionCount <= product.Exact);
    }
}
