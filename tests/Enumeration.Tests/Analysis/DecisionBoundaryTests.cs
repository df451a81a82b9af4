using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Analysis;

/// <summary><see cref="DecisionBoundary"/> on networks whose boundary is counted and measured by hand (see
/// <see cref="Nets"/> for each derivation).</summary>
public class DecisionBoundaryTests
{
    private static DecisionBoundaryResult Analyze(string json, Box? box = null)
    {
        var net = Nets.Parse(json);
        var enumerator = new RegionEnumerator(net, new SearchOptions { Box = box });
        var result = enumerator.Run();
        return new DecisionBoundary(net.InputDim, enumerator.Box!.Scale()).Analyze(result.Regions);
    }

    [Fact]
    public void StraightLineAcrossAGrid_Crosses5RegionsInOneLinearPieceOfLengthRoot5()
    {
        var b = Analyze(Nets.StraightBoundaryGrid);
        Assert.Equal(5, b.RegionsCrossed);
        Assert.Equal(5, b.Pieces.Count);
        Assert.Equal(1, b.LinearPieces);
        Assert.Equal(Math.Sqrt(5), b.Length!.Value, 12);
        Assert.All(b.Pieces, p => Assert.Equal(0.1 / Math.Sqrt(1.25), p.Offset, 12));
    }

    [Fact]
    public void StraightLineAcrossAGrid_PiecesMatchTheHandComputedSegments()
    {
        var b = Analyze(Nets.StraightBoundaryGrid);
        // Crossing points along the line, by x1 from top to bottom: 1, 0.2, 0, -0.5, -0.8, -1.
        var lengths = b.Pieces.Select(p => p.Length!.Value).Order().ToArray();
        double unit = Math.Sqrt(1.25); // length per unit of x1 along x0 = 0.1 − x1/2
        Assert.Equal(new[] { 0.2, 0.2, 0.3, 0.5, 0.8 }.Select(t => t * unit), lengths, new Near(1e-12));
    }

    [Fact]
    public void BentBoundary_Has3LinearPiecesInThe3RegionsWherePositive()
    {
        var b = Analyze(Nets.BentBoundary);
        Assert.Equal(3, b.RegionsCrossed);
        Assert.Equal(3, b.LinearPieces);
        Assert.Equal(2 + Math.Sqrt(0.5), b.Length!.Value, 12);
        Assert.Equal(0, b.TiedRegions);
    }

    [Fact]
    public void ThreeClasses_TopTwoTiePiecesAreCountedPerPairAndJoinedAcrossRegions()
    {
        var b = Analyze(Nets.ThreeClasses);
        Assert.Equal(3, b.Outputs);
        Assert.Equal(3, b.RegionsCrossed);
        Assert.Equal(5, b.Pieces.Count);
        Assert.Equal(3, b.LinearPieces);
        Assert.Equal(0.8 * Math.Sqrt(2) + 2.4, b.Length!.Value, 12);
        Assert.Single(b.Pieces, p => p.ClassA == 0 && p.ClassB == 1);
        Assert.Equal(2, b.Pieces.Count(p => p.ClassA == 0 && p.ClassB == 2));
    }

    [Fact]
    public void BoundaryOnAFacet_IsCountedOnce()
    {
        var b = Analyze(Nets.BoundaryOnFacet);
        Assert.Equal(1, b.RegionsCrossed);
        Assert.Single(b.Pieces);
        Assert.Equal(1, b.LinearPieces);
        Assert.Equal(2, b.Length!.Value, 12);
    }

    [Fact]
    public void PlaneThroughOctants_Crosses7OctantsInOneLinearPiece()
    {
        var b = Analyze(Nets.PlaneThroughOctants);
        Assert.Equal(7, b.RegionsCrossed);
        Assert.Equal(1, b.LinearPieces);
        Assert.Null(b.Length);
        Assert.All(b.Pieces, p => Assert.True(p.Radius > 0));
    }

    /// <summary>1-D: f = relu(x) − 1/2 is 0 at x = 1/2 inside (0, 1]; f = relu(x) is 0 on all of [−1, 0] (a tie
    /// throughout, not a boundary) and at the endpoint 0 of (0, 1], which counts once.</summary>
    [Fact]
    public void OneDimension_BoundaryPointsAndTiedRegions()
    {
        var inside = Analyze(Nets.Json("p", 1, [[1]], [0], [[1]], [-0.5]));
        Assert.Equal(1, inside.RegionsCrossed);
        Assert.Equal(1, inside.LinearPieces);
        Assert.Null(inside.Length);

        var atKink = Analyze(Nets.Json("k", 1, [[1]], [0], [[1]], [0]));
        Assert.Equal(1, atKink.TiedRegions);
        Assert.Single(atKink.Pieces);
    }

    [Fact]
    public void NoBoundaryInTheBox_HasNoPieces()
    {
        var b = Analyze(Nets.Json("far", 2, [[1, 0]], [0], [[1]], [5]));
        Assert.Equal(0, b.RegionsCrossed);
        Assert.Equal(0, b.LinearPieces);
        Assert.Equal(0, b.Length);
    }

    private sealed class Near(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
