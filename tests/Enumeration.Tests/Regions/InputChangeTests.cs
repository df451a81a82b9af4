using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>
/// A change of input coordinates folded into the first layer gives a network with the same regions, each moved by
/// the change: x = s·y + t (s &gt; 0; W' = s·W, b' = b + W·t) maps the network over the box [lo, hi] to one over
/// [(lo − t)/s, (hi − t)/s], centres to y = (x − t)/s and radii to r/s; a signed permutation of the axes maps
/// [-1, 1]^d to itself. The engine's tolerances are relative to the box, so this must hold for tiny and huge boxes
/// far from the origin.
/// </summary>
public class InputChangeTests
{
    [Theory]
    [InlineData("random:3:11:2,10,10,10", 1e-3, 5.0)]
    [InlineData("random:3:11:2,10,10,10", 1e4, -3e4)]
    [InlineData("random:3:11:2,10,10,10", 1e7, 0.5)] // a box 2e-7 wide
    [InlineData("random:21:3:3,8,8", 0.001953125, 0.0)] // 2^-9: the same numbers up to a power of two
    [InlineData("random:21:3:3,8,8", 250.0, 1e3)]
    [InlineData("random:12:4:4,6,6", 1e-2, -7.0)]
    [InlineData("maxout:5:2,4,4:3", 1e3, 0.25)]
    public void MovingAndScalingTheInput_MovesTheRegions(string spec, double s, double t)
    {
        var net = InvariantTests.Load(spec);
        int d = net.InputDim;
        var a = new RegionEnumerator(net).Run();
        // x = s·y + t·(1, 2, ..., d), the box [-1, 1]^d in x.
        var shift = Enumerable.Range(1, d).Select(j => t * j).ToArray();
        var box = new Box(shift.Select(v => (-1 - v) / s).ToArray(), shift.Select(v => (1 - v) / s).ToArray());
        var b = new RegionEnumerator(Moved(net, s, shift), new SearchOptions { Box = box }).Run();

        SameRegions.AssertSameGraph(a, b);
        for (int i = 0; i < a.RegionCount; i++)
        {
            var r = a.Regions[i];
            var m = b.Regions[i];
            Assert.Equal(r.Radius / s, m.Radius, 1e-9 * (1 + r.Radius / s));
            for (int j = 0; j < d; j++) Assert.Equal((r.Centre[j] - shift[j]) / s, m.Centre[j], 1e-7 * (1 + Math.Abs(shift[j] / s)));
        }
    }

    /// <summary>The axes of the input permuted and some reflected (x = P·y with P a signed permutation, W' = W·P):
    /// the box [-1, 1]^d maps to itself, the regions to their images, each centre to Pᵀ·x (every number computed
    /// from the same products, so to the last bit up to the order of sums), radii unchanged.</summary>
    [Theory]
    [InlineData("random:3:11:2,10,10,10", 1)]
    [InlineData("random:21:3:3,8,8", 2)]
    [InlineData("random:12:4:4,6,6", 3)]
    [InlineData("random:13:5:5,7,5", 4)]
    [InlineData("maxout:5:2,4,4:3", 5)]
    public void PermutingAndReflectingTheInputAxes_MapsTheRegions(string spec, int seed)
    {
        var net = InvariantTests.Load(spec);
        int d = net.InputDim;
        var rng = new Random(seed);
        var axis = Enumerable.Range(0, d).OrderBy(_ => rng.Next()).ToArray(); // y_j is ±x_axis[j]
        var sign = Enumerable.Range(0, d).Select(_ => rng.Next(2) == 0 ? 1.0 : -1.0).ToArray();
        var first = net.Layers[0];
        var weight = new double[first.Rows * d];
        for (int r = 0; r < first.Rows; r++)
            for (int j = 0; j < d; j++) weight[r * d + j] = sign[j] * first.Weight[r * d + axis[j]];
        var layers = new List<Layer> { new(weight, first.Rows, d, first.Bias.ToArray(), first.Activation, first.NegativeSlope, first.Pieces) };
        layers.AddRange(net.Layers.Skip(1));
        var a = new RegionEnumerator(net).Run();
        var b = new RegionEnumerator(new Network(net.Name + "-axes", d, layers)).Run();

        SameRegions.AssertSameCounts(a, b);
        SameRegions.AssertSameRadii(a, b);
        // The same patterns, and each region's centre mapped: x_axis[j] = sign[j]·y_j.
        var byPattern = b.Regions.ToDictionary(r => r.Pattern.ToString());
        foreach (var r in a.Regions)
        {
            var m = byPattern[r.Pattern.ToString()];
            Assert.Equal(r.Radius, m.Radius, 1e-9);
            for (int j = 0; j < d; j++) Assert.Equal(r.Centre[axis[j]], sign[j] * m.Centre[j], 1e-7);
        }
    }

    /// <summary>The network of y with x = s·y + shift fed to the first layer.</summary>
    private static Network Moved(Network net, double s, double[] shift)
    {
        var first = net.Layers[0];
        int rows = first.Rows, d = first.InputWidth;
        var weight = new double[rows * d];
        var bias = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            bias[r] = first.Bias[r];
            for (int j = 0; j < d; j++)
            {
                weight[r * d + j] = s * first.Weight[r * d + j];
                bias[r] += first.Weight[r * d + j] * shift[j];
            }
        }
        var layers = new List<Layer> { new(weight, rows, d, bias, first.Activation, first.NegativeSlope, first.Pieces) };
        layers.AddRange(net.Layers.Skip(1));
        return new Network(net.Name + "-moved", net.InputDim, layers);
    }
}
