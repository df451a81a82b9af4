using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Degenerate networks, each with its expected count derived by hand in the comment.</summary>
public class DegenerateNetworkTests
{
    private static Layer Relu(double[,] w, double[] b) => new(w, b, Activation.Relu);
    private static Layer Output(double[,] w) => new(w, new double[w.GetLength(0)], Activation.Identity);

    /// <summary>u0 = relu(x), u1 = relu(y), output = u0. The lines x = 0 and y = 0 cut [-1,1]² into 4 activation
    /// regions; the output ignores u1, so the pairs of quadrants with the same sign of x carry the same map and are
    /// adjacent across y = 0: 2 linear regions.</summary>
    [Fact]
    public void UnitIgnoredByTheOutput_MergesActivationRegionsIntoLinearRegions()
    {
        var net = new Network("ignored", 2, [Relu(new double[,] { { 1, 0 }, { 0, 1 } }, [0, 0]), Output(new double[,] { { 1, 0 } })]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(4, result.RegionCount);
        Assert.Equal(2, result.LinearRegionCount);
    }

    /// <summary>output = 2000 + 1e-6·relu(x) on [-1, 1]: two regions (x &lt; 0, x &gt; 0) with slopes 0 and 1e-6, so
    /// two linear regions, and two distinct maps along the segment. The large constant must not hide the slope.
    /// The same network scaled down by 1e-12 (outputs far below 1) has the same counts.</summary>
    [Theory]
    [InlineData(1e-6, 2000.0)]
    [InlineData(1e-18, 2e-9)]
    public void LargeConstantOrTinyOutputs_KeepDifferentSlopesApart(double slope, double constant)
    {
        var net = new Network("offset", 1,
        [
            Relu(new double[,] { { 1 } }, [0]),
            new Layer(new double[,] { { slope } }, [constant], Activation.Identity),
        ]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(2, result.RegionCount);
        Assert.Equal(2, result.LinearRegionCount);
        var line = Polytopes.Enumeration.Slicing.LineScan.Run(net,
            Polytopes.Enumeration.Slicing.Slice.Segment([-1.0], [1.0]));
        Assert.Equal(2, line.LinearPieces);
        Assert.Equal(2, line.DistinctMaps);
    }

    /// <summary>Where every second-layer unit is off, the output is its bias: the gradient is exactly 0. Found by a
    /// campaign on random Gaussian nets: the search reaches such regions by updating the maps incrementally (units
    /// switched off subtract their old terms), and two regions of this network came out with a gradient of
    /// −2.2e-16, which gave them gradient angles. A gradient within ZeroGradient of the output's scale is now 0.</summary>
    [Fact]
    public void OutputOfDeadUnits_HasAnExactlyZeroGradient()
    {
        var net = new Network("relu1_gauss_1", 1,
        [
            Relu(new double[,] { { 1.27322518825531 }, { -0.07226356118917465 }, { 0.7834561467170715 }, { -0.417153000831604 } },
                [0.3837016522884369, -0.17638619244098663, 0.3834626078605652, 0.04193199425935745]),
            Relu(new double[,] { { -2.4470057487487793, -0.054011955857276917, -0.9414520859718323, -0.7265355587005615 }, { 2.9029862880706787, -0.32989302277565, -1.2616446018218994, -0.23941431939601898 }, { 0.23645099997520447, -0.010640240274369717, 0.7620846033096313, 0.9633598327636719 }, { 0.8827956914901733, -2.210057497024536, 1.8271805047988892, -0.24473795294761658 } },
                [0.17674604058265686, -0.2680455446243286, -0.34228983521461487, -0.17794442176818848]),
            new Layer(new double[,] { { 0.651565670967102, -1.0548137426376343, 0.02166040614247322, 0.6637700796127319 } }, [1.041953444480896], Activation.Identity),
        ]);
        var result = new RegionEnumerator(net).Run();
        var dead = result.Regions.Where(r => r.Pattern.ToString()[4..] == "0000").ToList();
        Assert.NotEmpty(dead);
        Assert.All(dead, r => Assert.Equal(0.0, r.OutputGradient[0]));
        Assert.All(result.Regions.Except(dead), r => Assert.NotEqual(0.0, r.OutputGradient[0]));
    }

    /// <summary>A second-layer unit relu(−10 − u0 − u1) is negative on the whole box (u ≥ 0), so it is never
    /// active and the output (that unit) is identically 0: 4 activation regions from x = 0 and y = 0, one linear
    /// region.</summary>
    [Fact]
    public void DeadUnitDownstream_LeavesOneLinearRegion()
    {
        var net = new Network("dead", 2,
        [
            Relu(new double[,] { { 1, 0 }, { 0, 1 } }, [0, 0]),
            Relu(new double[,] { { -1, -1 } }, [-10]),
            Output(new double[,] { { 1 } }),
        ]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(4, result.RegionCount);
        Assert.Equal(1, result.LinearRegionCount);
        Assert.All(result.Regions, r => Assert.Equal('0', r.Pattern.ToString()[2]));
    }

    /// <summary>Two identical units (x − 0.25 twice) and a line y = 0: the two identical lines are one
    /// hyperplane, so the box is cut by x = 0.25 and y = 0 into 4 regions; each facet on x = 0.25 is owned by both
    /// units, and crossing it flips them together (patterns 00x or 11x only).</summary>
    [Fact]
    public void DuplicateUnits_ShareOneFacetAndFlipTogether()
    {
        var net = new Network("dup", 2,
        [
            Relu(new double[,] { { 1, 0 }, { 1, 0 }, { 0, 1 } }, [-0.25, -0.25, 0]),
            Output(new double[,] { { 1, 1, 1 } }),
        ]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(4, result.RegionCount);
        Assert.All(result.Regions, r => Assert.Equal(r.Pattern[0], r.Pattern[1]));
        Assert.All(result.Regions, r => Assert.Contains(r.Facets, f => f.Units.SequenceEqual([0, 1])));
        Assert.All(result.Regions, r => Assert.Equal(4, r.FaceCount)); // each quarter is a rectangle
    }

    /// <summary>A zero row (weights 0, bias 0) has a pre-activation identically 0: it cuts nothing and is '0' in
    /// every pattern; with the line x = 0 the box has 2 regions.</summary>
    [Fact]
    public void ZeroRow_IsOffEverywhereAndCutsNothing()
    {
        var net = new Network("zero", 2, [Relu(new double[,] { { 0, 0 }, { 1, 0 } }, [0, 0]), Output(new double[,] { { 1, 1 } })]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(2, result.RegionCount);
        Assert.All(result.Regions, r => Assert.Equal(0, r.Pattern[0]));
    }

    /// <summary>Second layer v = relu(u0) with u0 = relu(x): where x &lt; 0, u0 is off and v's pre-activation is
    /// identically 0; across x = 0 both become active together. 2 regions with patterns "00" and "11" — the
    /// pattern "10" has no interior and must not be produced by flipping u0 alone.</summary>
    [Fact]
    public void UnitIdenticallyZeroOnOneSide_FlipsWithTheUnitFeedingIt()
    {
        var net = new Network("chain", 2,
        [
            Relu(new double[,] { { 1, 0 } }, [0]),
            Relu(new double[,] { { 1 } }, [0]),
            Output(new double[,] { { 1 } }),
        ]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(["00", "11"], result.Regions.Select(r => r.Pattern.ToString()).Order());
        Assert.Equal(0, result.FacetsWithoutNeighbour);
    }

    /// <summary>Maxout unit of 3 pieces x, x, −x (pieces 0 and 1 equal): the max is |x| with 2 regions; the
    /// winner on x &gt; 0 is piece 0 (lowest index among equals), on x &lt; 0 piece 2.</summary>
    [Fact]
    public void MaxoutWithEqualPieces_TakesTheLowestIndexAmongEquals()
    {
        var net = new Network("maxout", 2,
        [
            new Layer(new double[,] { { 1, 0 }, { 1, 0 }, { -1, 0 } }, [0, 0, 0], Activation.Maxout, pieces: 3),
            Output(new double[,] { { 1 } }),
        ]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(["0", "2"], result.Regions.Select(r => r.Pattern.ToString()).Order());
    }

    /// <summary>Six lines through the box centre (0,0) at distinct angles: 12 sectors, each a region; the start
    /// point (the centre) lies on every line, so the search must start elsewhere.</summary>
    [Fact]
    public void ManyLinesThroughTheBoxCentre_GiveTwiceAsManySectors()
    {
        var w = new double[6, 2];
        for (int i = 0; i < 6; i++) { w[i, 0] = Math.Cos(i * Math.PI / 6 + 0.1); w[i, 1] = Math.Sin(i * Math.PI / 6 + 0.1); }
        var net = new Network("star", 2, [Relu(w, new double[6]), Output(new double[,] { { 1, 1, 1, 1, 1, 1 } })]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(12, result.RegionCount);
    }

    /// <summary>Residual block y = relu(x + W2 h + b2) with W2 = 0, b2 = 0 after h = relu(x1 − 0.5): the units are
    /// h (line x1 = 0.5) and the block's two units relu(x1), relu(x2) (lines x1 = 0 and x2 = 0), so the box is cut
    /// by two parallel lines and one crossing line: 3 strips × 2 = 6 regions.</summary>
    [Fact]
    public void ResidualBlockWithZeroBranch_CutsTheBoxByTheSkipAlone()
    {
        var net = new Network("residual", 2,
        [
            Relu(new double[,] { { 1, 0 } }, [-0.5]),
            new Layer(new double[,] { { 0 }, { 0 } }, [0, 0], Activation.Relu, skip: new SkipConnection(-1)),
            Output(new double[,] { { 1, 1 } }),
        ]);
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(6, result.RegionCount);
    }
}
