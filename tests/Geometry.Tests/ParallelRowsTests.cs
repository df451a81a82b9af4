namespace Polytopes.Geometry.Tests;

/// <summary><see cref="ParallelRows"/>: normals equal or opposite up to rounding become exactly so; rows apart by
/// more than the noise stay as they are.</summary>
public class ParallelRowsTests
{
    [Fact]
    public void RowsApartByRounding_BecomeExactlyParallelOrOpposite_OthersStay()
    {
        double s = Math.Sqrt(0.5);
        double[] a =
        [
            s, s, 0,
            s + 2e-16, s - 1e-16, 1e-17,     // the first up to rounding
            -s + 1e-16, -s, -2e-17,          // its opposite up to rounding
            s + 1e-9, s, 0,                  // apart by far more than rounding
            0, 0, 1,
        ];
        var into = new double[a.Length];
        new ParallelRows().MakeExact(a, 3, into);
        Assert.Equal(a[..3], into[3..6]);
        Assert.Equal(a[..3].Select(v => -v), into[6..9]);
        Assert.Equal(a[9..], into[9..]);
        Assert.Equal(a[..3], into[..3]);
    }
}
