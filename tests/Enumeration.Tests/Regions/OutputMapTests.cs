using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Each region's affine output map, as the search computed it (incrementally across facets, in recycled
/// buffers), agrees with a plain forward pass of the network at points inside the region: its centre and the
/// centre moved half the inscribed radius along each axis.</summary>
public class OutputMapTests
{
    public static TheoryData<string> Nets => new()
    {
        "nets/one_d_relu_shared_breakpoint.json", "nets/dead_and_duplicate.json", "nets/concurrent_lines_4.json",
        "nets/maxout_2d_duplicate_piece.json", "nets/hyperplanes_3d_general_6.json",
        "reference/relu_2d_16x16.json", "reference/degenerate_2d.json", "reference/relu_3d_12x12.json",
        "reference/relu_1d_32x32.json", "random:3:11:2,10,10,10", "maxout:5:2,4,4:3", "leaky:4:3,6,6",
        "residual:7:2,6,2",
    };

    [Theory]
    [MemberData(nameof(Nets))]
    public void Enumerate_EveryRegion_OutputMapMatchesTheForwardPass(string spec)
    {
        var net = InvariantTests.Load(spec);
        int d = net.InputDim;
        foreach (int threads in new[] { 1, 2 })
        {
            var result = new RegionEnumerator(net, new SearchOptions { Threads = threads }).Run();
            foreach (var region in result.Regions)
            {
                var points = new List<double[]> { region.Centre };
                for (int j = 0; j < d; j++)
                {
                    var p = (double[])region.Centre.Clone();
                    p[j] += region.Radius / 2;
                    points.Add(p);
                }
                foreach (var x in points)
                {
                    var y = net.Evaluate(x);
                    for (int o = 0; o < y.Length; o++)
                    {
                        double map = region.OutputBias[o];
                        for (int t = 0; t < d; t++) map += region.OutputGradient[o * d + t] * x[t];
                        Assert.True(Math.Abs(map - y[o]) <= 1e-9 * (1 + Math.Abs(y[o])),
                            $"{spec}, {threads} threads, region {region.Id}, output {o}: map {map:R}, forward pass {y[o]:R}");
                    }
                }
            }
        }
    }
}
