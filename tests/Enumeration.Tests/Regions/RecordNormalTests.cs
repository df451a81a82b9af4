using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Records share the normal arrays of box sides and first-layer units (the same numbers in every region):
/// the shared arrays must hold exactly those numbers — ±e_j for a side, ±w_u/‖w_u‖ for unit u, outward — and a
/// worker gives one array per side or unit and sign to all its records.</summary>
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

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
