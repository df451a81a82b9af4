namespace Polytopes.Enumeration.Init;

/// <summary>
/// Logarithm, sine and cosine written with IEEE-754 basic operations only (+, −, ×, ÷, exact bit manipulation
/// and round-to-integer), each correctly rounded by the standard, so they return the same bits on every machine,
/// operating system and .NET version. <see cref="Math.Log(double)"/> and <see cref="Math.Cos"/> call the
/// platform's C library, whose last-ulp results are not specified; random networks drawn through them could
/// differ between machines. Accuracy is a few ulps (tests compare with <see cref="Math"/> to 1e-15), which is
/// all a random-number transform needs: what matters is that the function is fixed, not that it is correctly
/// rounded. (.NET does not contract a*b+c into a fused multiply-add on its own, so the evaluation order written
/// here is the one executed.)
/// </summary>
public static class SpecifiedMath
{
    // ln 2 split so that e·Ln2Hi is exact for |e| < 2^11 (fdlibm's constants).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    // π/2 split the same way (fdlibm's pio2_1 and pio2_1t).
    private const double PiOver2Hi = 1.57079632673412561417e+00;
    private const double PiOver2Lo = 6.07710050650619224932e-11;
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>Natural logarithm of a positive finite x: x = m·2^e with m in [√2/2, √2], then
    /// ln m = 2 atanh((m−1)/(m+1)) by its odd power series (|f| ≤ 0.1716, 13 terms reach 1e-20).</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || !double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs a positive finite number");
        int e = 0;
        if (x < 2.2250738585072014e-308) { x *= 18014398509481984.0; e = -54; } // subnormal: scale by 2^54 first
        long bits = BitConverter.DoubleToInt64Bits(x);
        e += (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // [1, 2)
        if (m > Sqrt2) { m *= 0.5; e++; }
        double f = (m - 1.0) / (m + 1.0);
        double f2 = f * f;
        // 2·(f + f³/3 + f⁵/5 + ... + f²⁵/25), Horner from the smallest term.
        double s = 1.0 / 25;
        for (int k = 23; k >= 1; k -= 2) s = 1.0 / k + f2 * s;
        double logM = 2.0 * f * s;
        return e * Ln2Hi + (logM + e * Ln2Lo);
    }

    /// <summary>Sine: x reduced by the nearest multiple of π/2 to |r| ≤ π/4, then Taylor series in r. Exact to a
    /// few ulps for |x| up to about 1e5 (the reduction uses a two-part π/2); the callers here pass small angles.</summary>
    public static double Sin(double x)
    {
        var (r, quadrant) = Reduce(x);
        return quadrant switch
        {
            0 => SinKernel(r),
            1 => CosKernel(r),
            2 => -SinKernel(r),
            _ => -CosKernel(r),
        };
    }

    /// <summary>Cosine, reduced as in <see cref="Sin"/>.</summary>
    public static double Cos(double x)
    {
        var (r, quadrant) = Reduce(x);
        return quadrant switch
        {
            0 => CosKernel(r),
            1 => -SinKernel(r),
            2 => -CosKernel(r),
            _ => SinKernel(r),
        };
    }

    private static (double R, int Quadrant) Reduce(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Sin/Cos need a finite number");
        double k = Math.Round(x / (PiOver2Hi + PiOver2Lo), MidpointRounding.ToEven);
        double r = (x - k * PiOver2Hi) - k * PiOver2Lo;
        int quadrant = (int)(((long)k % 4 + 4) % 4);
        return (r, quadrant);
    }

    /// <summary>sin r for |r| ≤ π/4: r − r³/3! + ... up to r²³/23! (the next term is below 1e-25).</summary>
    private static double SinKernel(double r)
    {
        // Nested form sin r = r(1 − r²/(2·3)(1 − r²/(4·5)(1 − ...))), evaluated from the innermost factor.
        double r2 = r * r;
        double s = 1.0;
        for (int n = 23; n >= 3; n -= 2) s = 1.0 - r2 / ((n - 1.0) * n) * s;
        return r * s;
    }

    /// <summary>cos r for |r| ≤ π/4: 1 − r²/2! + ... up to r²⁴/24!.</summary>
    private static double CosKernel(double r)
    {
        double r2 = r * r;
        double s = 1.0;
        for (int n = 24; n >= 2; n -= 2) s = 1.0 - r2 / ((n - 1.0) * n) * s;
        return s;
    }
}
