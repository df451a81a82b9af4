using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Enumeration of all of R^d (--domain all), where regions are polyhedra and may be unbounded.</summary>
public class WholeSpaceTests
{
    private static long Binomial(int n, int k)
    {
        if (k < 0 || k > n) return 0;
        long c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }

    /// <summary>n hyperplanes in general position in R^d: Σ_{i≤d} C(n,i) regions (Zaslavsky / Buck), of which
    /// C(n−1,d) are bounded. Random Gaussian weights are in general position with probability 1.</summary>
    [Theory]
    [InlineData(11, 1, 5)]
    [InlineData(12, 2, 3)]
    [InlineData(13, 2, 9)]
    [InlineData(14, 3, 4)]
    [InlineData(15, 3, 8)]
    [InlineData(16, 4, 6)]
    [InlineData(17, 4, 9)]
    public void OneLayerInGeneralPosition_GivesZaslavskyCountsAndBoundedCount(int seed, int d, int n)
    {
        var net = RandomNets.OneLayer(seed, d, n);
        var result = new RegionEnumerator(net, new SearchOptions { WholeSpace = true }).Run();
        long expected = Enumerable.Range(0, d + 1).Sum(i => Binomial(n, i));
        Assert.Equal(expected, result.RegionCount);
        Assert.Equal(Binomial(n - 1, d), result.BoundedRegions);
        Assert.All(result.Regions, r => Assert.DoesNotContain(r.Facets, f => f.IsBoxSide));
        Assert.Equal(0, result.FacetsWithoutNeighbour);
    }

    /// <summary>u0 = relu(x), u1 = relu(y), v = relu(u0 + u1 − 1). The axes cut R² into 4 quadrants; v's
    /// pre-activation is x + y − 1 on (+,+), x − 1 on (+,−), y − 1 on (−,+) and −1 on (−,−), so it cuts each of
    /// the first three quadrants in two: 7 regions. Only {x &gt; 0, y &gt; 0, x + y &lt; 1} is bounded.</summary>
    [Fact]
    public void TwoLayerNet_CountsDerivedByHand()
    {
        var net = new Network("hand", 2,
        [
            new Layer(new double[,] { { 1, 0 }, { 0, 1 } }, [0, 0], Activation.Relu),
            new Layer(new double[,] { { 1, 1 } }, [-1], Activation.Relu),
            new Layer(new double[,] { { 1 } }, [0], Activation.Identity),
        ]);
        var result = new RegionEnumerator(net, new SearchOptions { WholeSpace = true }).Run();
        Assert.Equal(7, result.RegionCount);
        Assert.Equal(1, result.BoundedRegions);
        var bounded = Assert.Single(result.Regions, r => r.Bounded);
        Assert.Equal("110", bounded.Pattern.ToString()); // v is off inside the triangle (x + y − 1 Assert.Equal("111", bounded.Pattern.ToString());lt; 0)
        Assert.Equal(3, bounded.FaceCount);
        // The triangle (0,0),(1,0),(0,1): inradius = area / semiperimeter = 0.5 / ((2 + √2) / 2).
        Assert.Equal(1 / (2 + Math.Sqrt(2)), bounded.Radius, 9);
    }

    /// <summary>Every region contains a point whose pattern is its own: its Chebyshev centre (for unbounded
    /// regions the capped centre, still interior), checked by an independent forward pass.</summary>
    [Theory]
    [InlineData(21, "2,8,6")]
    [InlineData(22, "3,6,5")]
    [InlineData(23, "2,5,5,4")]
    public void RandomNet_EveryRegionContainsAPointWithItsPattern(int seed, string widths)
    {
        var w = widths.Split(',').Select(int.Parse).ToArray();
        var net = RandomNets.Mlp(seed, w[0], w[1..]);
        var result = new RegionEnumerator(net, new SearchOptions { WholeSpace = true }).Run();
        Assert.True(result.RegionCount > 0);
        Assert.Equal(0, result.FacetsWithoutNeighbour);
        foreach (var r in result.Regions)
        {
            var (pattern, margin) = RandomNets.PatternAt(net, r.Centre);
            Assert.True(margin > 0);
            Assert.Equal(r.Pattern.ToString(), pattern);
        }
        foreach (var r in result.Regions)
            foreach (var n in r.Neighbours)
                Assert.Contains(r.Id, result.Regions[n].Neighbours);
    }

    /// <summary>Nets whose arrangement has every vertex inside [-1,1]^d (fixtures/nets, verified by
    /// make_nets.py): each region of R^d meets the box in one convex piece, so both counts agree.</summary>
    [Theory]
    [InlineData("lines_general_k5.json")]
    [InlineData("lines_general_k8.json")]
    [InlineData("concurrent_lines_4.json")]
    [InlineData("hyperplanes_3d_general_6.json")]
    public void AllVerticesInsideTheBox_WholeSpaceCountEqualsBoxCount(string file)
    {
        var net = NetworkJson.Read(TestPaths.Fixture("nets", file));
        var inBox = new RegionEnumerator(net).Run();
        var whole = new RegionEnumerator(net, new SearchOptions { WholeSpace = true }).Run();
        Assert.Equal(Truth.ExpectedRegions(file), whole.RegionCount);
        Assert.Equal(inBox.RegionCount, whole.RegionCount);
    }

    /// <summary>Parallel lines: every strip is unbounded but has a finite inscribed radius (half its width).
    /// fixtures/nets/parallel_lines_4.json: 5 strips.</summary>
    [Fact]
    public void ParallelLines_StripsAreUnboundedWithFiniteRadius()
    {
        var net = NetworkJson.Read(TestPaths.Fixture("nets", "parallel_lines_4.json"));
        var result = new RegionEnumerator(net, new SearchOptions { WholeSpace = true }).Run();
        Assert.Equal(5, result.RegionCount);
        Assert.Equal(5, result.UnboundedRegions);
        Assert.Equal(3, result.Regions.Count(r => double.IsFinite(r.Radius)));
    }

    /// <summary>The simplex x, y, z ≥ 0, x + y + z ≤ 1 is the region where all four units are on. Its inscribed ball
    /// touches the three coordinate planes and the slanted face: centre (r, r, r) with r = (1 − 3r)/√3, so
    /// r = 1/(3 + √3). All of R^3 moves the centres of unbounded regions towards the origin; a bounded region keeps
    /// its Chebyshev centre (it used to be moved too, to (r/2, r/2, r/2), which keeps only half the radius).</summary>
    [Fact]
    public void BoundedRegion_KeepsItsChebyshevCentre()
    {
        var net = new Network("simplex", 3,
        [
            new Layer(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { -1, -1, -1 } }, [0, 0, 0, 1], Activation.Relu),
            new Layer(new double[,] { { 1, 1, 1, 1 } }, [0.0], Activation.Identity),
        ]);
        var result = new RegionEnumerator(net, new SearchOptions { WholeSpace = true }).Run();
        var simplex = Assert.Single(result.Regions, r => r.Pattern.ToString() == "1111");
        double r = 1 / (3 + Math.Sqrt(3));
        Assert.True(simplex.Bounded);
        Assert.Equal(r, simplex.Radius, 1e-12);
        Assert.All(simplex.Centre.ToArray(), c => Assert.Equal(r, c, 1e-12));
    }

    /// <summary>Second-layer rows parallel in exact arithmetic but a few units in the last place apart in the
    /// incremental maps: an LP over an unbounded region made a row 50 away a facet 1e15 out. Truth from
    /// fixtures/whole_space/make_truth.py (SciPy HiGHS breadth-first search over R^3).</summary>
    [Fact]
    public void RowsParallelUpToRounding_GiveNoFarFacets()
    {
        var net = NetworkJson.Read(TestPaths.Fixture("whole_space", "relu_3d_10x10_parallel_rows.json"));
        var truth = System.Text.Json.JsonDocument.Parse(File.ReadAllText(
            TestPaths.Fixture("whole_space", "relu_3d_10x10_parallel_rows.truth.json"))).RootElement;
        foreach (int threads in new[] { 1, 2 })
        {
            var result = new RegionEnumerator(net, new SearchOptions { WholeSpace = true, Threads = threads }).Run();
            Assert.Equal(truth.GetProperty("regions").GetInt32(), result.RegionCount);
            Assert.Equal(truth.GetProperty("bounded_regions").GetInt32(), result.RegionCount - result.UnboundedRegions);
            Assert.Equal(Truth.Histogram(truth.GetProperty("face_histogram")), result.FaceHistogram);
            Assert.Equal(0, result.FacetsWithoutNeighbour);
        }
    }
}
