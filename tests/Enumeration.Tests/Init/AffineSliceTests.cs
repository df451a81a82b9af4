using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Sweep;

namespace Polytopes.Enumeration.Tests.Init;

/// <summary>A network restricted to a slice computes the original at origin + Dᵀt.</summary>
public class AffineSliceTests
{
    [Fact]
    public void ComposedNetwork_EqualsTheOriginalOnTheSlice()
    {
        var net = RandomNetworks.Create(new RandomNetworkSpec([5, 8, 6, 2], ActivationSpec.Relu, InitScheme.HeNormal, 0.2, 1));
        double[] origin = [0.1, -0.2, 0.3, 0, 0.5];
        double[][] directions = [[1, 0, 0.5, 0, -1], [0, 2, 0, 1, 0]];
        var sliced = AffineSlice.Compose(net, origin, directions);
        Assert.Equal(2, sliced.InputDim);
        var rng = new SplitMix64(4);
        for (int i = 0; i < 100; i++)
        {
            double t0 = rng.Uniform(-1, 1), t1 = rng.Uniform(-1, 1);
            var x = origin.Select((o, j) => o + t0 * directions[0][j] + t1 * directions[1][j]).ToArray();
            var expected = net.Evaluate(x);
            var actual = sliced.Evaluate([t0, t1]);
            for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], actual[k], 12);
        }
    }

    [Fact]
    public void IdentitySkipFromTheInput_IsRestrictedToo()
    {
        var first = new Layer([1.0, -1, 0.5, 2], 2, 2, [0.1, 0.2], Activation.Relu);
        var second = new Layer([1.0, 1, -1, 0.5], 2, 2, [0.0, -0.3], Activation.Relu, skip: new SkipConnection(-1));
        var output = new Layer([1.0, -2], 1, 2, [0.0], Activation.Identity);
        var net = new Network("skip", 2, [first, second, output]);
        var sliced = AffineSlice.Compose(net, [0.3, -0.1], [[0.6, 0.8]]);
        foreach (var t in new[] { -1.0, -0.3, 0, 0.4, 1 })
            Assert.Equal(net.Evaluate([0.3 + 0.6 * t, -0.1 + 0.8 * t])[0], sliced.Evaluate([t])[0], 12);
    }

    [Fact]
    public void RandomSlice_HasOrthonormalDirectionsFixedByItsSeed()
    {
        var slice = new SliceDomain("plane", 2, null, 7, null, -1, 1);
        var a = slice.DirectionsFor(10);
        var b = slice.DirectionsFor(10);
        Assert.Equal(a[0], b[0]);
        Assert.Equal(1.0, a[0].Sum(v => v * v), 12);
        Assert.Equal(1.0, a[1].Sum(v => v * v), 12);
        Assert.Equal(0.0, a[0].Zip(a[1], (u, v) => u * v).Sum(), 12);
    }
}
