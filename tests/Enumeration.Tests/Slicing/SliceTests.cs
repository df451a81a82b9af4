using Polytopes.Enumeration.Formats.Onnx;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Slicing;
using Polytopes.Enumeration.Tests.Formats;
using Polytopes.Enumeration.Tests.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Slicing;

/// <summary>The slice model, the plane through three points, and the composition of a network with a slice.</summary>
public sealed class SliceTests
{
    private static double[] Uniforms(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

    /// <summary>A 5-input net whose first layer and output layer both also read the input through skips
    /// (identity into layer 1 of width 5, a weighted skip into the output).</summary>
    private static Network NetWithInputSkips(int seed)
    {
        var rng = new Random(seed);
        var layers = new List<Layer>
        {
            new(Uniforms(rng, 5 * 5), 5, 5, Uniforms(rng, 5), Activation.Relu),
            new(Uniforms(rng, 5 * 5), 5, 5, Uniforms(rng, 5), Activation.LeakyRelu, 0.1, skip: new SkipConnection(-1)),
            new(Uniforms(rng, 2 * 5), 2, 5, Uniforms(rng, 2), Activation.Identity, skip: new SkipConnection(-1, Uniforms(rng, 2 * 5))),
        };
        return new Network("skips", 5, layers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ComposedNetwork_AtT_EqualsTheOriginalAtOriginPlusUt(int seed)
    {
        var net = NetWithInputSkips(seed);
        var rng = new Random(100 + seed);
        var slice = new Slice(Uniforms(rng, 5), [Uniforms(rng, 5), Uniforms(rng, 5)], Box.Cube(2, -2, 2));
        var sliced = SlicedNetwork.Compose(net, slice, "slice.json");
        Assert.Equal(2, sliced.InputDim);
        Assert.Equal(-2.0, sliced.Domain!.Lo[0]);
        for (int i = 0; i < 50; i++)
        {
            var t = Uniforms(rng, 2);
            var expected = net.Evaluate(slice.Point(t));
            var actual = sliced.Evaluate(t);
            for (int o = 0; o < expected.Length; o++) Assert.Equal(expected[o], actual[o], 1e-12);
        }
    }

    [Fact]
    public void SliceOfTheMnistNet_HasTheRegionsOfAHandBuilt2DNet()
    {
        // The plane through three stored sample images of the 784-input net.
        var net = OnnxImporter.Read(OnnxFixtures.Path("mnist_mlp"));
        var (images, _) = OnnxFixtures.Samples("mnist_mlp");
        var slice = Slice.PlaneThrough(images);
        var sliced = SlicedNetwork.Compose(net, slice, "points.json");

        // Hand-built: first layer W U and b + W origin with plain loops; the other layers copied.
        var first = net.Layers[0];
        var w = new double[first.Rows * 2];
        var b = first.Bias.ToArray();
        for (int r = 0; r < first.Rows; r++)
            for (int i = 0; i < 784; i++)
            {
                double wi = first.Weight[r * 784 + i];
                b[r] += wi * slice.Origin[i];
                w[r * 2] += wi * slice.BasisVector(0)[i];
                w[r * 2 + 1] += wi * slice.BasisVector(1)[i];
            }
        var layers = new List<Layer> { new(w, first.Rows, 2, b, first.Activation) };
        layers.AddRange(net.Layers.Skip(1));
        var hand = new Network("hand", 2, layers);

        var a = new RegionEnumerator(sliced, new SearchOptions { Box = slice.Box }).Run();
        var h = new RegionEnumerator(hand, new SearchOptions { Box = slice.Box }).Run();
        Assert.True(a.RegionCount > 20, $"only {a.RegionCount} regions: the test would prove little");
        Assert.Equal(h.RegionCount, a.RegionCount);
        Assert.Equal(h.LinearRegionCount, a.LinearRegionCount);
        Assert.Equal(h.FaceHistogram, a.FaceHistogram);
        Assert.Equal(h.Regions.Select(r => r.Pattern.ToString()), a.Regions.Select(r => r.Pattern.ToString()));
        for (int i = 0; i < a.RegionCount; i++)
            Assert.Equal(h.Regions[i].Volume!.Value, a.Regions[i].Volume!.Value, 1e-9);
        Assert.Equal(slice.Box.Volume(), a.Regions.Sum(r => r.Volume!.Value), 1e-9);
    }

    [Fact]
    public void PlaneThroughThreePoints_OrthonormalBasisCentroidOriginBoxCoveringTheTriangle()
    {
        double[][] p = [[1, 0, 0, 2], [0, 3, 0, 2], [0, 0, 1, -1]];
        var slice = Slice.PlaneThrough(p);
        Assert.Equal([1 / 3.0, 1, 1 / 3.0, 1], slice.Origin.ToArray());
        double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v) { double s = 0; for (int i = 0; i < u.Length; i++) s += u[i] * v[i]; return s; }
        Assert.Equal(1, Dot(slice.BasisVector(0), slice.BasisVector(0)), 1e-15);
        Assert.Equal(1, Dot(slice.BasisVector(1), slice.BasisVector(1)), 1e-15);
        Assert.Equal(0, Dot(slice.BasisVector(0), slice.BasisVector(1)), 1e-15);
        // Each point has coordinates t in the box, and the box is the tightest such box.
        var ts = p.Select(point =>
        {
            var d = point.Select((v, i) => v - slice.Origin[i]).ToArray();
            return new[] { Dot(d, slice.BasisVector(0)), Dot(d, slice.BasisVector(1)) };
        }).ToArray();
        for (int k = 0; k < 3; k++)
        {
            var back = slice.Point(ts[k]);
            for (int i = 0; i < 4; i++) Assert.Equal(p[k][i], back[i], 1e-12);
        }
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(ts.Min(t => t[j]), slice.Box.Lo[j], 1e-12);
            Assert.Equal(ts.Max(t => t[j]), slice.Box.Hi[j], 1e-12);
        }
        // t_1 runs along p0 → p1.
        Assert.Equal(0, ts[0][1] - ts[1][1], 1e-12);
    }

    [Fact]
    public void PlaneThroughCollinearPoints_IsDegenerate()
    {
        var e = Assert.Throws<ArgumentException>(() => Slice.PlaneThrough([[0, 0, 1], [1, 1, 1], [3, 3, 1]]));
        Assert.Contains("collinear", e.Message);
    }

    [Fact]
    public void PlaneThroughNearlyCollinearPoints_IsDegenerate()
    {
        Assert.Throws<ArgumentException>(() => Slice.PlaneThrough([[0.1, 0.7], [0.3, 0.2], [0.1 + 0.2 * 1e6, 0.7 - 0.5 * 1e6 + 1e-7]]));
    }

    [Fact]
    public void PlaneThroughCoincidentPoints_IsDegenerate()
    {
        Assert.Throws<ArgumentException>(() => Slice.PlaneThrough([[1, 2], [1, 2], [0, 5]]));
    }

    [Fact]
    public void PlaneThroughPointsOfDifferentLengths_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Slice.PlaneThrough([[1, 2], [1, 2, 3], [0, 5]]));
        Assert.Contains("points[1] has 3 coordinates", e.Message);
    }

    [Fact]
    public void LinearlyDependentBasis_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Slice([0, 0, 0], [[1, 2, 3], [2, 4, 6]], Box.Cube(2, 0, 1)));
        Assert.Contains("linearly dependent", e.Message);
        Assert.Throws<ArgumentException>(() => new Slice([0, 0], [[0, 0]], Box.Cube(1, 0, 1)));
    }

    [Fact]
    public void DegeneracyTolerance_DecidesWhatNearlyDependentMeans()
    {
        // The second vector leaves a residual of 1e-4 of its length after removing the first.
        double[][] basis = [[1, 0, 0], [1, 1e-4, 0]];
        Assert.Equal(2, new Slice([0, 0, 0], basis, Box.Cube(2, 0, 1)).Dimension);
        Assert.Throws<ArgumentException>(() =>
            new Slice([0, 0, 0], basis, Box.Cube(2, 0, 1), Tolerances.Default with { Degeneracy = 1e-3 }));
    }

    [Fact]
    public void SegmentBetweenEqualPoints_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Slice.Segment([1, 2], [1, 2]));
        Assert.Contains("same", e.Message);
    }

    [Fact]
    public void SliceOfTheWrongWidth_IsAnInputErrorNamingTheSliceFile()
    {
        var net = RandomNets.Mlp(1, 3, [4]);
        var slice = new Slice([0, 0], [[1, 0]], Box.Cube(1, 0, 1));
        var e = Assert.Throws<InputException>(() => SlicedNetwork.Compose(net, slice, "s.json"));
        Assert.Equal("s.json: the slice's points have 2 coordinates but the network's input_dim is 3", e.Message);
    }

    [Fact]
    public void SliceOfAResidualNet_KeepsItsInnerSkipConnections()
    {
        var net = RandomNets.Residual(5, 3, 4, 2);
        var slice = new Slice([0.1, 0.2, 0.3], [[1, 0, 0], [0, 1, 1]], Box.Cube(2, -1, 1));
        var sliced = SlicedNetwork.Compose(net, slice, "s");
        Assert.Equal(net.Layers.Select(l => l.Skip?.From), sliced.Layers.Select(l => l.Skip?.From));
        var x = slice.Point([0.4, -0.3]);
        Assert.Equal(net.Evaluate(x)[0], sliced.Evaluate([0.4, -0.3])[0], 1e-12);
    }
}
