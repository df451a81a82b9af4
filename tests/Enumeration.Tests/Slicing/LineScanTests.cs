using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Slicing;

namespace Polytopes.Enumeration.Tests.Slicing;

/// <summary>Exact 1-D profiles along segments.</summary>
public sealed class LineScanTests
{
    /// <summary>h = relu(x1), relu(x2 − 0.25); y = h1 + c·h2. Along (−1,−1) → (1,1), x = −1 + 2t: x1 = 0 at t = 1/2,
    /// x2 = 0.25 at t = 5/8.</summary>
    private static Network TwoUnits(double c) => new("two", 2,
    [
        new Layer(new double[,] { { 1, 0 }, { 0, 1 } }, [0, -0.25], Activation.Relu),
        new Layer(new double[,] { { 1, c } }, [0], Activation.Identity),
    ]);

    [Fact]
    public void HandCount_BreakpointsWhereEachUnitSwitches()
    {
        var p = LineScan.Run(TwoUnits(1), Slice.Segment([-1, -1], [1, 1]));
        Assert.Equal(3, p.Pieces.Count);
        Assert.Equal(0.5, p.Breakpoints[0], 1e-12);
        Assert.Equal(0.625, p.Breakpoints[1], 1e-12);
        Assert.Equal(["00", "10", "11"], p.Pieces.Select(x => x.Pattern.ToString()));
        Assert.Equal(3, p.LinearPieces);
        Assert.Equal(3, p.DistinctMaps);
        // y(t) on the last piece: (−1 + 2t) + (−1.25 + 2t) = 4t − 2.25.
        Assert.Equal(4, p.Pieces[2].Slope[0], 1e-12);
        Assert.Equal(-2.25, p.Pieces[2].Intercept[0], 1e-12);
        Assert.Equal(0, p.Pieces[0].From);
        Assert.Equal(1, p.Pieces[2].To);
    }

    [Fact]
    public void UnitIgnoredDownstream_ChangesThePatternButNotTheMap()
    {
        var p = LineScan.Run(TwoUnits(0), Slice.Segment([-1, -1], [1, 1]));
        Assert.Equal(3, p.Pieces.Count);
        Assert.Equal(2, p.LinearPieces);
        Assert.Equal(2, p.DistinctMaps);
        Assert.Equal([0, 1, 1], p.Pieces.Select(x => x.Map));
    }

    [Fact]
    public void SegmentMissingEveryHyperplane_IsOnePiece()
    {
        var p = LineScan.Run(TwoUnits(1), Slice.Segment([0.5, 0.5], [1, 0.75]));
        Assert.Single(p.Pieces);
        Assert.Empty(p.Breakpoints);
    }

    public static TheoryData<string, double[], double[]> Segments => new()
    {
        { "relu_2d_16x16", [-1, -0.3], [1, 0.55] },
        { "relu_2d_16x16", [-0.9, 0.95], [0.2, -1] },
        { "degenerate_2d", [-1, -1], [1, 1] },
        { "degenerate_2d", [-0.8, 0.1], [0.7, 0.3] },
        { "relu_2d_8", [0, -1], [0, 1] },
    };

    /// <summary>The 1-D profile equals where the segment crosses the 2-D region map: clip the segment by every
    /// 2-D region's inequalities (facets, box sides included), keep the non-degenerate intervals.</summary>
    [Theory]
    [MemberData(nameof(Segments))]
    public void Breakpoints_AreWhereTheSegmentCrossesThe2DRegionMap(string name, double[] a, double[] b)
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", name + ".json"));
        var regions = new RegionEnumerator(net, new SearchOptions { Box = net.Domain }).Run().Regions;
        var crossings = new List<(double From, double To, string Pattern)>();
        foreach (var r in regions)
        {
            double from = 0, to = 1;
            foreach (var f in r.Facets)
            {
                // n·(a + t (b − a)) <= offset  ⇔  t · n·(b − a) <= offset − n·a
                double slope = f.Normal[0] * (b[0] - a[0]) + f.Normal[1] * (b[1] - a[1]);
                double rest = f.Offset - f.Normal[0] * a[0] - f.Normal[1] * a[1];
                if (Math.Abs(slope) < 1e-15) { if (rest < 0) to = from - 1; continue; }
                if (slope > 0) to = Math.Min(to, rest / slope); else from = Math.Max(from, rest / slope);
            }
            if (to - from > 1e-9) crossings.Add((from, to, r.Pattern.ToString()));
        }
        crossings.Sort((x, y) => x.From.CompareTo(y.From));

        var profile = LineScan.Run(net, Slice.Segment(a, b));
        Assert.Equal(crossings.Select(c => c.Pattern), profile.Pieces.Select(p => p.Pattern.ToString()));
        Assert.Equal(crossings.Count - 1, profile.Breakpoints.Count);
        for (int i = 0; i < profile.Breakpoints.Count; i++)
            Assert.Equal(crossings[i].To, profile.Breakpoints[i], 1e-9);
    }

    [Fact]
    public void EveryPiece_IsTheNetworkItself()
    {
        var net = NetworkJson.Read(TestPaths.Fixture("reference", "relu_2d_16x16.json"));
        double[] a = [-0.7, 0.9], b = [0.8, -0.6];
        var profile = LineScan.Run(net, Slice.Segment(a, b));
        foreach (var piece in profile.Pieces)
            foreach (double s in new[] { 0.1, 0.5, 0.9 })
            {
                double t = piece.From + s * (piece.To - piece.From);
                double y = net.Evaluate([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])])[0];
                Assert.Equal(y, piece.Slope[0] * t + piece.Intercept[0], 1e-9);
            }
    }
}
