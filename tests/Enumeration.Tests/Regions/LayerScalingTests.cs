using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>
/// ReLU, leaky ReLU and maxout are positively homogeneous (relu(c·z) = c·relu(z) for c &gt; 0), so multiplying
/// layer l's weights by c_l &gt; 0 and its biases by C_l = c_1···c_l multiplies its pre-activations by C_l (by
/// induction: W'h' + b' = c_l·W·(C_{l−1}·h) + C_l·b = C_l·(W·h + b)) and changes no unit's state: the scaled
/// network has the same regions (patterns, facets, neighbours, inscribed balls) as the original, only its
/// output maps scale. The engine's tolerances are all relative (rows are normalised, gradients compared with the
/// layer's own scale), so this must hold across many orders of magnitude — a tolerance fixed in absolute terms would
/// lose or invent regions in a network of tiny or huge weights.
/// </summary>
public class LayerScalingTests
{
    public static TheoryData<string, double[]> Cases => new()
    {
        // Powers of two scale every intermediate number exactly: the regions must be bit-identical.
        { "random:3:11:2,10,10,10", [0.0009765625, 1024, 0.5] },
        { "random:21:3:3,8,8", [65536, 1.52587890625e-05] },
        { "random:12:4:4,6,6", [0.125, 0.125, 256] },
        { "leaky:8:2,12,12", [4096, 0.001953125] },
        { "maxout:5:2,4,4:3", [0.0625, 32] },
        // Other factors round differently: the same regions, centres and radii up to rounding.
        { "random:3:11:2,10,10,10", [1e-4, 3e3, 7.0] },
        { "random:21:3:3,8,8", [1e5, 1e-5] },
        { "random:13:5:5,7,5", [1e-6, 1e6] },
        // Scales that compound, down to pre-activations far below the zero-gradient tolerance's 1e-12 and up to
        // 1e15 times the original's.
        { "random:3:11:2,10,10,10", [1e-3] },
        { "random:3:11:2,10,10,10", [1e-5] },
        { "random:12:4:4,6,6", [1e5] },
        { "random:12:4:4,6,6", [9.094947017729282e-13] }, // 2^-40
        { "maxout:5:2,4,4:3", [3e-7] },
    };

    /// <summary>The same over all of R^d (unbounded regions, infinite radii, centres moved toward an anchor).</summary>
    public static TheoryData<string, double[]> WholeSpaceCases => new()
    {
        { "random:3:11:2,10,10,10", [0.0009765625, 1024, 0.5] },
        { "random:21:3:3,8,8", [1e5, 1e-5] },
        { "random:12:4:4,6,6", [1e-3] },
        { "maxout:5:2,4,4:3", [3e-4, 20] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScalingEachLayerByAPositiveFactor_LeavesTheRegionsUnchanged(string spec, double[] factors) =>
        CompareScaled(spec, factors, wholeSpace: false);

    [Theory]
    [MemberData(nameof(WholeSpaceCases))]
    public void ScalingEachLayerByAPositiveFactor_LeavesTheRegionsOfAllOfSpaceUnchanged(string spec, double[] factors) =>
        CompareScaled(spec, factors, wholeSpace: true);

    private static void CompareScaled(string spec, double[] factors, bool wholeSpace)
    {
        var net = InvariantTests.Load(spec);
        var options = new SearchOptions { WholeSpace = wholeSpace };
        var a = new RegionEnumerator(net, options).Run();
        var b = new RegionEnumerator(Scaled(net, factors), options).Run();
        Assert.Equal(a.UnboundedRegions, b.UnboundedRegions);
        bool exact = factors.All(f => Math.Abs(Math.Log2(f) - Math.Round(Math.Log2(f))) == 0);

        SameRegions.AssertSameGraph(a, b);
        for (int i = 0; i < a.RegionCount; i++)
        {
            var r = a.Regions[i];
            var s = b.Regions[i];
            if (exact)
            {
                Assert.Equal(r.Centre, s.Centre);
                Assert.Equal(r.Radius, s.Radius);
            }
            else
            {
                Assert.Equal(double.IsInfinity(r.Radius), double.IsInfinity(s.Radius));
                if (double.IsFinite(r.Radius)) Assert.Equal(r.Radius, s.Radius, 1e-9);
                for (int j = 0; j < r.Centre.Length; j++) Assert.Equal(r.Centre[j], s.Centre[j], 1e-7 * (1 + Math.Abs(r.Centre[j])));
            }
        }
    }

    /// <summary>The network with layer l's weights multiplied by c_l = factors[l] (cycled over the layers) and its
    /// biases by c_1···c_l.</summary>
    private static Network Scaled(Network net, double[] factors)
    {
        var layers = new List<Layer>();
        double product = 1;
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var layer = net.Layers[l];
            double c = factors[l % factors.Length];
            product *= c;
            layers.Add(new Layer(layer.Weight.ToArray().Select(w => w * c).ToArray(), layer.Rows, layer.InputWidth,
                layer.Bias.ToArray().Select(v => v * product).ToArray(), layer.Activation, layer.NegativeSlope,
                layer.Pieces, layer.Skip));
        }
        return new Network(net.Name + "-scaled", net.InputDim, layers, net.Domain);
    }
}
