using Polytopes.Enumeration.Init;

namespace Polytopes.Enumeration.Tests.Init;

/// <summary>The basic-arithmetic log, sin and cos agree with the platform's to a few ulps; the normal sampler has
/// mean 0 and variance 1, and its first draws are pinned (a machine that computed other bits would fail here).</summary>
public class SpecifiedMathTests
{
    [Fact]
    public void Log_OverManyMagnitudes_AgreesWithMathLogTo2e16Relative()
    {
        var rng = new SplitMix64(7);
        for (int i = 0; i < 100_000; i++)
        {
            double x = Math.Pow(2, rng.Uniform(-1074, 1023)) * (1 + rng.NextDouble());
            if (!double.IsFinite(x) || x <= 0) continue;
            double expected = Math.Log(x), actual = SpecifiedMath.Log(x);
            Assert.True(Math.Abs(actual - expected) <= 4e-16 * Math.Max(1, Math.Abs(expected)), $"Log({x:R}) = {actual:R}, Math.Log = {expected:R}");
        }
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, -0.69314718055994530942)]
    [InlineData(2.718281828459045, 1.0)]
    [InlineData(4.9406564584124654e-324, -744.44007192138126231)]
    public void Log_AtKnownPoints_IsAccurate(double x, double expected) =>
        Assert.Equal(expected, SpecifiedMath.Log(x), 1e-14);

    [Fact]
    public void Log_OfZeroOrNegative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecifiedMath.Log(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecifiedMath.Log(-1));
    }

    [Fact]
    public void SinAndCos_OnMinus10To10_AgreeWithMathTo1e15()
    {
        var rng = new SplitMix64(11);
        for (int i = 0; i < 100_000; i++)
        {
            double x = rng.Uniform(-10, 10);
            Assert.True(Math.Abs(SpecifiedMath.Sin(x) - Math.Sin(x)) <= 1e-15, $"Sin({x:R})");
            Assert.True(Math.Abs(SpecifiedMath.Cos(x) - Math.Cos(x)) <= 1e-15, $"Cos({x:R})");
        }
    }

    [Fact]
    public void NormalSampler_MillionDraws_HaveMeanZeroAndVarianceOneWithinFiveStandardErrors()
    {
        var normal = new NormalSampler(new SplitMix64(3));
        const int n = 1_000_000;
        double sum = 0, squares = 0;
        for (int i = 0; i < n; i++)
        {
            double z = normal.Next();
            sum += z;
            squares += z * z;
        }
        double mean = sum / n, variance = squares / n - mean * mean;
        Assert.True(Math.Abs(mean) < 5 / Math.Sqrt(n), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 5 * Math.Sqrt(2.0 / n), $"variance {variance}");
    }

    /// <summary>The first draws of seed 42, as bits: the stream is specified, so these may never change.</summary>
    [Fact]
    public void NormalSampler_Seed42_FirstDrawsArePinned()
    {
        var normal = new NormalSampler(new SplitMix64(42));
        var bits = Enumerable.Range(0, 5).Select(_ => BitConverter.DoubleToInt64Bits(normal.Next()).ToString("X16")).ToArray();
        Assert.Equal(PinnedSeed42, bits);
    }

    private static readonly string[] PinnedSeed42 =
        ["3FDF8C80E851C08C", "BFE6354B5F7DCE79", "BFF47F4AF60C7F94", "BFECD98E78B167AE", "BFE342959C9FA344"];
}
