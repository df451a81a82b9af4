using Polytopes.Enumeration.Certification;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Tests.Certification;

/// <summary>Certified radius intervals on hand-made polyhedra whose inscribed radius is known by a formula.</summary>
public class ChebyshevIntervalTests
{
    /// <summary>{x : A x ≤ b} from integer rows (a1, a2, b), with every row a facet.</summary>
    private static (ExactPolytope P, int[] Rows) Polygon(params (int A1, int A2, int B)[] rows)
    {
        var a = rows.SelectMany(r => new Rational[] { r.A1, r.A2 }).ToArray();
        var b = rows.Select(r => (Rational)r.B).ToArray();
        return (new ExactPolytope(2, a, b), Enumerable.Range(0, rows.Length).ToArray());
    }

    private static RadiusInterval Interval((ExactPolytope P, int[] Rows) polygon, double x, double y, bool wholeSpace = false) =>
        ChebyshevInterval.Of(polygon.P, polygon.Rows, [Rational.FromDouble(x), Rational.FromDouble(y)], wholeSpace)!;

    private static void AssertTight(RadiusInterval interval, double exact)
    {
        Assert.True(interval.Lower <= exact && exact <= interval.Upper, $"{exact} not in [{interval.Lower}, {interval.Upper}]");
        Assert.True(interval.Width <= 1e-15 * exact, $"width {interval.Width} for radius {exact}");
    }

    [Fact]
    public void Square_RadiusIsHalfTheSide()
    {
        // [-1,1]^2: the unit disc fits exactly.
        var square = Polygon((1, 0, 1), (-1, 0, 1), (0, 1, 1), (0, -1, 1));
        AssertTight(Interval(square, 0.3, -0.2), 1);
    }

    [Fact]
    public void RightTriangle345_RadiusIsOne()
    {
        // Legs 3 and 4, hypotenuse 5: the incircle radius is (a + b − c)/2 = 1.
        var triangle = Polygon((-1, 0, 0), (0, -1, 0), (4, 3, 12));
        AssertTight(Interval(triangle, 1, 1), 1);
    }

    [Fact]
    public void UnitRightTriangle_IrrationalRadiusIsEnclosed()
    {
        // Legs 1 and 1, hypotenuse √2: r = (2 − √2)/2, irrational, so the interval cannot be a point.
        var triangle = Polygon((-1, 0, 0), (0, -1, 0), (1, 1, 1));
        var interval = Interval(triangle, 0.25, 0.25);
        AssertTight(interval, 1 - Math.Sqrt(2) / 2);
        Assert.True(interval.Lower < interval.Upper);
    }

    [Fact]
    public void LongRectangle_NonUniqueCentre_RadiusIsHalfTheShortSide()
    {
        // [0,6] × [0,2]: every centre on the segment y = 1, 1 ≤ x ≤ 5 is optimal; the dual support is two rows.
        var rectangle = Polygon((1, 0, 6), (-1, 0, 0), (0, 1, 2), (0, -1, 0));
        AssertTight(Interval(rectangle, 4.5, 0.5), 1);
    }

    [Fact]
    public void Strip_OfAllOfTheSpace_HasAFiniteRadius()
    {
        // 0 ≤ x ≤ 2 is unbounded but holds no disc larger than radius 1.
        var strip = Polygon((1, 0, 2), (-1, 0, 0));
        AssertTight(Interval(strip, 0.5, 7, wholeSpace: true), 1);
    }

    [Fact]
    public void Wedge_OfAllOfTheSpace_HasAnInfiniteRadius()
    {
        // x ≥ 0, y ≥ 0 holds discs of any size.
        var wedge = Polygon((-1, 0, 0), (0, -1, 0));
        var interval = Interval(wedge, 1, 1, wholeSpace: true);
        Assert.True(interval.IsInfinite);
        Assert.True(ChebyshevInterval.HasInfiniteRadius(wedge.P, wedge.Rows));
        Assert.False(ChebyshevInterval.HasInfiniteRadius(Polygon((1, 0, 2), (-1, 0, 0)).P, [0, 1]));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.1)]
    [InlineData(2.0)]
    public void Rounding_IsOutwards(double v)
    {
        var third = Rational.FromDouble(v) / 3; // not a double: a third of a dyadic number
        Assert.True(Rational.FromDouble(ChebyshevInterval.RoundDown(third)) <= third);
        Assert.True(Rational.FromDouble(ChebyshevInterval.RoundUp(third)) >= third);
        Assert.Equal(Math.BitIncrement(ChebyshevInterval.RoundDown(third)), ChebyshevInterval.RoundUp(third));
    }
}
