using System.Globalization;
using System.Numerics;

namespace Polytopes.Geometry.Exact;

/// <summary>
/// An exact rational number p/q on <see cref="BigInteger"/>: immutable and always normalised (q &gt; 0,
/// gcd(|p|, q) = 1, zero is 0/1), so equal values have equal representations. Every finite double is m·2^e
/// exactly and converts without error (<see cref="FromDouble"/>).
/// <para>Network weights read from float32/float64 files are dyadic (denominator a power of two), and so are all
/// the sums and products the pre-activation maps are made of. Dyadic operands take a fast path that normalises
/// with a trailing-zero count instead of a gcd; only division leaves the dyadic numbers.</para>
/// <para><c>default(Rational)</c> is zero.</para>
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>, IComparable,
    IAdditionOperators<Rational, Rational, Rational>, ISubtractionOperators<Rational, Rational, Rational>,
    IMultiplyOperators<Rational, Rational, Rational>, IDivisionOperators<Rational, Rational, Rational>,
    IUnaryNegationOperators<Rational, Rational>, IComparisonOperators<Rational, Rational, bool>,
    IAdditiveIdentity<Rational, Rational>, IMultiplicativeIdentity<Rational, Rational>
{
    private readonly BigInteger num;
    private readonly BigInteger den;   // the denominator when it is not a power of two; unused (0) otherwise
    private readonly int twoExponent;  // the denominator is 2^twoExponent when ≥ 0; −1: it is den

    /// <summary>Trusted constructor: a dyadic value num / 2^twoExponent, already normalised.</summary>
    private Rational(BigInteger num, int twoExponent)
    {
        this.num = num;
        this.twoExponent = twoExponent;
    }

    /// <summary>Trusted constructor: (num, den) already normalised, den &gt; 0.</summary>
    private static Rational Normalised(BigInteger num, BigInteger den)
    {
        int k = TwoExponentOf(den);
        return k >= 0 ? new Rational(num, k) : new Rational(num, den);
    }

    private Rational(BigInteger num, BigInteger den)
    {
        this.num = num;
        this.den = den;
        twoExponent = -1;
    }

    public static Rational Zero => default;
    public static Rational One { get; } = new(BigInteger.One, 0);
    public static Rational MinusOne { get; } = new(BigInteger.MinusOne, 0);
    public static Rational AdditiveIdentity => Zero;
    public static Rational MultiplicativeIdentity => One;

    /// <summary>The numerator p (carries the sign).</summary>
    public BigInteger Numerator => num;

    /// <summary>The denominator q &gt; 0.</summary>
    public BigInteger Denominator => twoExponent >= 0 ? PowerOfTwo(twoExponent) : den;

    private static readonly BigInteger[] Powers = Enumerable.Range(0, 1100).Select(k => BigInteger.One << k).ToArray();

    private static BigInteger PowerOfTwo(int k) => k < Powers.Length ? Powers[k] : BigInteger.One << k;

    /// <summary>True when the denominator is a power of two (every double is).</summary>
    public bool IsDyadic => twoExponent >= 0;

    public int Sign => num.Sign;
    public bool IsZero => num.IsZero;
    public bool IsPositive => num.Sign > 0;
    public bool IsNegative => num.Sign < 0;
    public bool IsInteger => Denominator.IsOne;

    /// <summary>p/q normalised; throws for q = 0.</summary>
    public static Rational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("rational with zero denominator");
        if (numerator.IsZero) return Zero;
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne) { numerator /= g; denominator /= g; }
        return Normalised(numerator, denominator);
    }

    /// <summary>n / 2^k (k ≥ 0), normalised by removing common factors of two.</summary>
    public static Rational FromDyadic(BigInteger n, int k)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), "the exponent must be non-negative");
        if (n.IsZero) return Zero;
        if (k > 0)
        {
            int tz = (int)Math.Min((long)BigInteger.TrailingZeroCount(n), k);
            if (tz > 0) { n >>= tz; k -= tz; }
        }
        return new Rational(n, k);
    }

    /// <summary>The exact value of a finite double (a double is ±m·2^e with an integer m &lt; 2^53).</summary>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{value} has no exact rational value", nameof(value));
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & ((1L << 52) - 1);
        int exponent;
        if (biased == 0) exponent = -1074;            // subnormal (or zero)
        else { mantissa |= 1L << 52; exponent = biased - 1075; }
        if (mantissa == 0) return Zero;
        BigInteger m = bits < 0 ? -mantissa : mantissa;
        return exponent >= 0 ? new Rational(m << exponent, 0) : FromDyadic(m, -exponent);
    }

    public static Rational[] FromDoubles(ReadOnlySpan<double> values)
    {
        var r = new Rational[values.Length];
        for (int i = 0; i < r.Length; i++) r[i] = FromDouble(values[i]);
        return r;
    }

    public static implicit operator Rational(int value) => new(value, 0);
    public static implicit operator Rational(long value) => new(value, 0);
    public static implicit operator Rational(BigInteger value) => new(value, 0);
    public static explicit operator double(Rational value) => value.ToDouble();

    /// <summary>A double within a few units in the last place of the exact value (±∞ beyond the double range).</summary>
    public double ToDouble()
    {
        if (num.IsZero) return 0;
        var q = Denominator;
        long nb = (long)BigInteger.Abs(num).GetBitLength(), db = (long)q.GetBitLength();
        if (nb < 1000 && db < 1000) return (double)num / (double)q;
        long shift = db - nb + 64; // quotient with about 64 significant bits, then scaled back
        if (shift > int.MaxValue / 2) return num.Sign * 0.0;
        if (shift < int.MinValue / 2) return num.Sign * double.PositiveInfinity;
        var quotient = shift >= 0 ? (num << (int)shift) / q : num / (q << (int)-shift);
        return Math.ScaleB((double)quotient, (int)-shift);
    }

    public static Rational operator +(Rational a, Rational b)
    {
        if (a.num.IsZero) return b;
        if (b.num.IsZero) return a;
        if (a.twoExponent >= 0 && b.twoExponent >= 0)
        {
            int k = Math.Max(a.twoExponent, b.twoExponent);
            var n = (k == a.twoExponent ? a.num : a.num << (k - a.twoExponent))
                  + (k == b.twoExponent ? b.num : b.num << (k - b.twoExponent));
            return FromDyadic(n, k);
        }
        var ad = a.Denominator; var bd = b.Denominator;
        if (ad == bd) return Create(a.num + b.num, ad);
        return Create(a.num * bd + b.num * ad, ad * bd);
    }

    public static Rational operator -(Rational a) => a.twoExponent >= 0 ? new(-a.num, a.twoExponent) : new(-a.num, a.den);
    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator *(Rational a, Rational b)
    {
        if (a.num.IsZero || b.num.IsZero) return Zero;
        if (a.twoExponent >= 0 && b.twoExponent >= 0) return FromDyadic(a.num * b.num, a.twoExponent + b.twoExponent);
        // Cross-cancel first: a and b are normalised, so the product of the reduced parts is normalised too.
        var ad = a.Denominator; var bd = b.Denominator;
        var g1 = BigInteger.GreatestCommonDivisor(a.num, bd);
        var g2 = BigInteger.GreatestCommonDivisor(b.num, ad);
        var n = (a.num / g1) * (b.num / g2);
        var d = (ad / g2) * (bd / g1);
        return Normalised(n, d);
    }

    public static Rational operator /(Rational a, Rational b) => a * b.Reciprocal();

    /// <summary>1/x; throws for zero.</summary>
    public Rational Reciprocal()
    {
        if (num.IsZero) throw new DivideByZeroException("reciprocal of zero");
        var d = BigInteger.Abs(num);
        var n = num.Sign < 0 ? -Denominator : Denominator;
        return Normalised(n, d);
    }

    public Rational Abs() => num.Sign < 0 ? -this : this;

    public int CompareTo(Rational other)
    {
        int sa = num.Sign, sb = other.num.Sign;
        if (sa != sb) return sa.CompareTo(sb);
        if (sa == 0) return 0;
        if (twoExponent >= 0 && other.twoExponent >= 0)
        {
            int k = Math.Max(twoExponent, other.twoExponent);
            return (num << (k - twoExponent)).CompareTo(other.num << (k - other.twoExponent));
        }
        return (num * other.Denominator).CompareTo(other.num * Denominator);
    }

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Rational r => CompareTo(r),
        _ => throw new ArgumentException("not a Rational", nameof(obj)),
    };

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;
    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    public bool Equals(Rational other) =>
        twoExponent == other.twoExponent && num == other.num && (twoExponent >= 0 || den == other.den);
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    public override int GetHashCode() => twoExponent >= 0 ? HashCode.Combine(num, twoExponent) : HashCode.Combine(num, den);

    /// <summary>"p" for integers, else "p/q" (invariant culture).</summary>
    public override string ToString() => Denominator.IsOne
        ? num.ToString(CultureInfo.InvariantCulture)
        : num.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses "p" or "p/q" (integers in invariant culture).</summary>
    public static Rational Parse(string text)
    {
        int slash = text.IndexOf('/');
        if (slash < 0) return BigInteger.Parse(text, CultureInfo.InvariantCulture);
        return Create(BigInteger.Parse(text[..slash], CultureInfo.InvariantCulture),
            BigInteger.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Σ x_t·y_t exactly.</summary>
    public static Rational Dot(ReadOnlySpan<Rational> x, ReadOnlySpan<Rational> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("lengths differ");
        var s = Zero;
        for (int t = 0; t < x.Length; t++)
            if (!x[t].IsZero && !y[t].IsZero) s += x[t] * y[t];
        return s;
    }

    private static int TwoExponentOf(BigInteger positiveDenominator) =>
        positiveDenominator.IsPowerOfTwo ? (int)(positiveDenominator.GetBitLength() - 1) : -1;
}
