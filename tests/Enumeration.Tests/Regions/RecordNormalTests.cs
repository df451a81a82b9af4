using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Records share normal arrays wherever the numbers are the same bit for bit (<see cref="RecordNormals"/>):
/// a box side's and a first-layer unit's everywhere, a deeper unit's often. Each must still be its own facet's
/// normal, and a side or first-layer unit must have one array per sign and worker.</summary>
public class RecordNormalTests
{
    [Theory]
    [InlineData("random:3:2:2,8,8")]
    [InlineData("random:5:3:3,6,6")]
    [InlineData("random:12:4:4,6,6")]
    [InlineData("leaky:7:4,6,5")]
    [InlineData("reference/degenerate_2d.json")]
    public void SharedNormals_AreTheBoxSidesAndFirstLayerRows_OneArrayPerWorker(string spec)
    {
        var net = InvariantTests.Load(spec);
        var first = net.Layers[0];
        int d = net.InputDim;
        foreach (int threads in new[] { 1, 2 })
        {
            var regions = new RegionEnumerator(net, new SearchOptions { Threads = threads }).Run().Regions;
            var arrays = new Dictionary<(int Owner, int Sign), HashSet<double[]>>();
            foreach (var r in regions)
                foreach (var f in r.Facets)
                {
                    // Outward: the region's centre lies strictly inside.
                    Assert.True(Dot(f.Normal, r.Centre) < f.Offset);
                    double[] expected;
                    int owner, sign;
                    if (f.IsBoxSide)
                    {
                        expected = new double[d];
                        int j = f.BoxSide / 2;
                        sign = f.BoxSide % 2 == 0 ? 1 : -1;
                        expected[j] = sign;
                        owner = -1 - f.BoxSide;
                    }
                    else if (f.Units.Length == 1 && f.Units[0] < first.UnitCount)
                    {
                        owner = f.Units[0];
                        var w = first.WeightRow(owner).ToArray();
                        double norm = Math.Sqrt(Dot(w, w));
                        sign = Dot(f.Normal, w) > 0 ? 1 : -1;
                        expected = w.Select(v => sign * v / norm).ToArray();
                    }
                    else continue;
                    for (int t = 0; t < d; t++) Assert.Equal(expected[t], f.Normal[t], 1e-14);
                    if (!arrays.TryGetValue((owner, sign), out var set))
                        arrays[(owner, sign)] = set = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
                    set.Add(f.Normal);
                }
            Assert.NotEmpty(arrays);
            Assert.All(arrays.Values, set => Assert.InRange(set.Count, 1, threads));
        }
    }

    /// <summary>Every neuron facet's normal — shared or not — is its unit's pre-activation gradient on the region,
    /// computed here by a plain forward pass of affine maps for the region's states, normalised and pointing out.
    /// </summary>
    [Theory]
    [InlineData("random:5:3:3,6,6")]
    [InlineData("random:12:4:4,6,6,5")]
    [InlineData("leaky:7:4,6,5")]
    public void EveryNeuronFacetNormal_IsItsUnitsGradientOnTheRegion(string spec)
    {
        var net = InvariantTests.Load(spec);
        int d = net.InputDim;
        foreach (int threads in new[] { 1, 2 })
            foreach (var r in new RegionEnumerator(net, new SearchOptions { Threads = threads }).Run().Regions)
            {
                var gradients = UnitGradients(net, r.Pattern.States());
                foreach (var f in r.Facets)
                {
                    if (f.IsBoxSide) continue;
                    var g = gradients[f.Units[0]];
                    double norm = Math.Sqrt(Dot(g, g)), sign = Dot(f.Normal, g) > 0 ? 1 : -1;
                    for (int t = 0; t < d; t++) Assert.Equal(sign * g[t] / norm, f.Normal[t], 1e-12);
                    Assert.True(Dot(f.Normal, r.Centre) < f.Offset);
                }
            }
    }

    // The gradient of every unit's pre-activation for the given states (ReLU or leaky ReLU hidden layers).
    private static double[][] UnitGradients(Polytopes.Enumeration.Networks.Network net, byte[] states)
    {
        int d = net.InputDim;
        var post = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, d).Select(t => t == j ? 1.0 : 0).ToArray()).ToArray();
        var gradients = new List<double[]>();
        foreach (var layer in net.Layers)
        {
            if (layer.UnitCount == 0) break;
            var pre = new double[layer.OutputWidth][];
            for (int u = 0; u < layer.OutputWidth; u++)
            {
                var w = layer.WeightRow(u).ToArray();
                pre[u] = Enumerable.Range(0, d).Select(t => Enumerable.Range(0, w.Length).Sum(j => w[j] * post[j][t])).ToArray();
            }
            int first = gradients.Count;
            gradients.AddRange(pre);
            post = pre.Select((g, u) => g.Select(v => states[first + u] == 1 ? v : layer.NegativeSlope * v).ToArray()).ToArray();
        }
        return gradients.ToArray();
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
