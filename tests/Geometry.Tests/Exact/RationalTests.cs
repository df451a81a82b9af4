using System.Numerics;
using Polytopes.Geometry.Exact;

namespace Polytopes.Geometry.Tests.Exact;

public class RationalTests
{
    [Fact]
    public void Create_NormalisesSignAndCommonFactors()
    {
        var r = Rational.Create(6, -4);
        Assert.Equal(new BigInteger(-3), r.Numerator);
        Assert.Equal(new BigInteger(2), r.Denominator);
        Assert.Equal("-3/2", r.ToString());
        Assert.Equal(Rational.Create(-3, 2), Rational.Create(9, -6));
        Assert.Equal(Rational.Create(-3, 2).GetHashCode(), Rational.Create(9, -6).GetHashCode());
    }

    [Fact]
    public void Zero_IsZeroOverOneHoweverItIsMade()
    {
        Assert.Equal(Rational.Zero, default);
        Assert.Equal(Rational.Zero, Rational.Create(0, -7));
        Assert.Equal(BigInteger.One, default(Rational).Denominator);
        Assert.Equal("0", Rational.Create(0, 5).ToString());
        Assert.Equal(Rational.Zero, Rational.FromDouble(-0.0));
        Assert.Equal(Rational.Zero, Rational.One - Rational.One);
        Assert.True((Rational.Zero * Rational.Create(3, 7)).IsZero);
    }

    [Fact]
    public void ZeroDenominatorAndDivisionByZero_Throw()
    {
        Assert.Throws<DivideByZeroException>(() => Rational.Create(1, 0));
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
        Assert.Throws<ArgumentException>(() => Rational.FromDouble(double.NaN));
        Assert.Throws<ArgumentException>(() => Rational.FromDouble(double.PositiveInfinity));
    }

    [Theory]
    [InlineData(0.5, "1/2")]
    [InlineData(-0.75, "-3/4")]
    [InlineData(3.0, "3")]
    [InlineData(0.1, "3602879701896397/36028797018963968")]
    [InlineData(1e20, "100000000000000000000")]
    public void FromDouble_IsTheExactBinaryFraction(double value, string expected)
    {
        Assert.Equal(expected, Rational.FromDouble(value).ToString());
        Assert.Equal(Rational.Parse(expected), Rational.FromDouble(value));
    }

    [Fact]
    public void FromDouble_OfSubnormalsAndExtremes_IsExact()
    {
        Assert.Equal(Rational.FromDyadic(1, 1074), Rational.FromDouble(double.Epsilon));
        Assert.Equal(Rational.FromDyadic(3, 1074), Rational.FromDouble(3 * double.Epsilon));
        var max = (BigInteger.One << 1024) - (BigInteger.One << 971);
        Assert.Equal((Rational)max, Rational.FromDouble(double.MaxValue));
        Assert.Equal(double.MaxValue, ((Rational)max).ToDouble());
    }

    [Fact]
    public void FromFloat32_IsExact()
    {
        float f = 0.1f;
        Assert.Equal(Rational.Create(13421773, 134217728), Rational.FromDouble(f));
        float next = MathF.BitIncrement(f);
        Assert.Equal(Rational.Create(1, 134217728), Rational.FromDouble(next) - Rational.FromDouble(f));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ToDouble_RoundTripsEveryDouble(int seed)
    {
        var rng = new Random(seed);
        for (int k = 0; k < 2000; k++)
        {
            double v = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (!double.IsFinite(v)) continue;
            Assert.Equal(v, Rational.FromDouble(v).ToDouble());
        }
    }

    [Fact]
    public void ToDouble_OfANonDyadicValue_IsWithinAnUlp()
    {
        Assert.Equal(1.0 / 3.0, Rational.Create(1, 3).ToDouble());
        var huge = Rational.Create(BigInteger.Pow(10, 400), BigInteger.Pow(10, 399) * 3);
        Assert.Equal(10.0 / 3.0, huge.ToDouble(), 15);
    }

    public static TheoryData<int> Seeds => new() { 11, 12, 13, 14 };

    /// <summary>Field identities on random operands: dyadic (from doubles), non-dyadic (p/q) and mixed.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void ArithmeticIdentities_HoldExactly(int seed)
    {
        var rng = new Random(seed);
        for (int k = 0; k < 300; k++)
        {
            var a = Random(rng); var b = Random(rng); var c = Random(rng);
            Assert.Equal(a + b, b + a);
            Assert.Equal((a + b) + c, a + (b + c));
            Assert.Equal(a * b, b * a);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * (b + c), a * b + a * c);
            Assert.Equal(a, a + b - b);
            Assert.Equal(Rational.Zero, a - a);
            Assert.Equal(-(-a), a);
            if (!b.IsZero)
            {
                Assert.Equal(a, a / b * b);
                Assert.Equal(Rational.One, b / b);
                Assert.Equal(b.Reciprocal().Reciprocal(), b);
            }
            Assert.Equal(Math.Sign((a - b).Sign), a.CompareTo(b));
            Assert.True(Normalised(a * b + c));
            Assert.True(Normalised(b.IsZero ? a : a / b));
        }
    }

    [Fact]
    public void DyadicArithmetic_AgreesWithExactDoubleArithmetic()
    {
        // Sums and products of small dyadic numbers are exact in double: the two must agree.
        var rng = new Random(5);
        for (int k = 0; k < 1000; k++)
        {
            double x = rng.Next(-1000, 1000) / 64.0, y = rng.Next(-1000, 1000) / 1024.0;
            Assert.Equal(Rational.FromDouble(x + y), Rational.FromDouble(x) + Rational.FromDouble(y));
            Assert.Equal(Rational.FromDouble(x * y), Rational.FromDouble(x) * Rational.FromDouble(y));
            Assert.Equal(x.CompareTo(y), Rational.FromDouble(x).CompareTo(Rational.FromDouble(y)));
            Assert.True(Rational.FromDouble(x * y).IsDyadic);
        }
    }

    [Fact]
    public void Comparison_SeesDifferencesFarBelowDoublePrecision()
    {
        var one = Rational.One;
        var tiny = Rational.FromDyadic(1, 2000); // 2^-2000: no double can hold it
        Assert.True(one + tiny > one);
        Assert.True(one - tiny < one);
        Assert.Equal(1.0, (one + tiny).ToDouble());
        Assert.NotEqual(one + tiny, one);
    }

    [Fact]
    public void ParseAndToString_RoundTrip()
    {
        foreach (var text in new[] { "0", "7", "-7", "22/7", "-1/3", "123456789012345678901234567891/2" })
            Assert.Equal(text, Rational.Parse(text).ToString());
    }

    private static Rational Random(Random rng) => rng.Next(3) switch
    {
        0 => Rational.FromDouble(rng.NextDouble() * Math.Pow(2, rng.Next(-60, 60)) * (rng.Next(2) == 0 ? -1 : 1)),
        1 => Rational.Create(rng.Next(-100000, 100000), rng.Next(1, 100000)),
        _ => Rational.FromDyadic(rng.Next(-5, 6), rng.Next(0, 80)),
    };

    private static bool Normalised(Rational r) =>
        r.Denominator.Sign > 0 && BigInteger.GreatestCommonDivisor(r.Numerator, r.Denominator).IsOne
        && r.IsDyadic == r.Denominator.IsPowerOfTwo;
}
