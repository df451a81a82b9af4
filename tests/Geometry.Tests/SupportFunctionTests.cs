namespace Polytopes.Geometry.Tests;

public class SupportFunctionTests
{
    // The cube [-1,1]^3 cut by x + y + z <= 2: rows x <= 1, -x <= 1, y <= 1, -y <= 1, z <= 1, -z <= 1, x+y+z <= 2.
    private static readonly double[] A = [1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 1, 1, 1];
    private static readonly double[] B = [1, 1, 1, 1, 1, 1, 2];

    [Fact]
    public void Max_IsTheSupportValue_AndLastPointWhereItIsReached()
    {
        var support = new SupportFunction();
        // max x + 2y + 3z: by hand, the cut leaves the corners (1,0,1), (0,1,1), (1,1,0), ...; the best is
        // (0,1,1) with 5 (the cube's corner (1,1,1), worth 6, is cut off).
        Assert.Equal(5, support.Max(A, B, [1, 2, 3], [0, 0, 0]), 12);
        Assert.True(support.LastPointFound);
        Assert.Equal([0, 1, 1], support.LastPoint.ToArray().Select(v => Math.Round(v, 12)));
        // max -x: the face x = -1, any point of it.
        Assert.Equal(1, support.Max(A, B, [-1, 0, 0], [0.5, 0.25, 0]), 12);
        Assert.Equal(-1, support.LastPoint[0], 12);
        Assert.Equal(3, support.LastPoint.Length);
    }

    [Fact]
    public void Max_OfAnUnboundedDirection_IsInfinite_WithNoPoint()
    {
        var support = new SupportFunction();
        Assert.Equal(double.PositiveInfinity, support.Max(A.AsSpan(0, 6 * 3 - 3), B.AsSpan(0, 5), [0, 0, -1], [0, 0, 0]));
        Assert.False(support.LastPointFound);
    }
}
