using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Sampling;

namespace Polytopes.Enumeration.Tests.Sampling;

/// <summary>The richness estimators on synthetic frequency tables whose answers follow from the formulas by hand
/// (exact fractions in the comments).</summary>
public class RichnessEstimatorTests
{
    /// <summary>A frequency table k → f_k and its sample size n = Σ k·f_k.</summary>
    private static (SortedDictionary<int, int> F, long N) Table(params (int K, int Fk)[] entries)
    {
        var f = new SortedDictionary<int, int>();
        foreach (var (k, fk) in entries) f[k] = fk;
        return (f, entries.Sum(e => (long)e.K * e.Fk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(241)]
    public void Estimate_EveryPatternSeenTwice_EveryEstimatorEqualsTheDistinctCount(int species)
    {
        var (f, n) = Table((2, species));
        var e = RichnessEstimators.Estimate(f, n);
        Assert.Equal(species, e.Observed);
        Assert.Equal(species, e.Chao1);   // f1 = 0: nothing unseen is inferred
        Assert.True(e.AceDefined);
        Assert.Equal(species, e.Ace, 12); // C = 1 and γ² = max(S/(2S−1) − 1, 0) = 0
        Assert.Equal(species, e.Jackknife1);
        Assert.Equal(1.0, e.Coverage);
    }

    [Fact]
    public void Chao1_WithSingletonsAndDoubletons_IsObservedPlusScaledF1SquaredOverTwiceF2()
    {
        // f1 = 2, f2 = 1, f3 = 1, f20 = 1: S = 5, n = 27; Chao1 = 5 + (26/27)·4/2 = 5 + 52/27.
        var (f, n) = Table((1, 2), (2, 1), (3, 1), (20, 1));
        Assert.Equal(27, n);
        Assert.Equal(5 + 52.0 / 27, RichnessEstimators.Estimate(f, n).Chao1, 12);
    }

    [Fact]
    public void Chao1_WithoutDoubletons_UsesTheBiasCorrectedForm()
    {
        // f1 = 4, f5 = 2: S = 6, n = 14; Chao1 = 6 + (13/14)·4·3/2 = 6 + 78/14.
        var (f, n) = Table((1, 4), (5, 2));
        Assert.Equal(6 + 78.0 / 14, RichnessEstimators.Estimate(f, n).Chao1, 12);
    }

    [Fact]
    public void Ace_HandExample_MatchesTheFormula()
    {
        // Rare (≤ 10): f1 = 2, f2 = 1, f3 = 1 → S_rare = 4, N_rare = 7, C = 5/7, Σ i(i−1) f_i = 8,
        // γ² = (4/(5/7))·8/(7·6) − 1 = 1/15; abundant: one pattern seen 20 times.
        // ACE = 1 + 4·7/5 + (2·7/5)·(1/15) = 1 + 28/5 + 14/75 = 509/75.
        var (f, n) = Table((1, 2), (2, 1), (3, 1), (20, 1));
        var (ace, defined) = RichnessEstimators.Ace(f, n);
        Assert.True(defined);
        Assert.Equal(509.0 / 75, ace, 12);
    }

    [Fact]
    public void Ace_EveryRarePatternASingleton_IsUndefinedAndTheEstimateFallsBackToChao1()
    {
        var (f, n) = Table((1, 3), (50, 2));
        var (_, defined) = RichnessEstimators.Ace(f, n);
        Assert.False(defined);
        var e = RichnessEstimators.Estimate(f, n);
        Assert.False(e.AceDefined);
        Assert.Equal(e.Chao1, e.Ace);
    }

    [Fact]
    public void Ace_NoRarePatterns_IsTheObservedCount()
    {
        var (f, n) = Table((11, 2), (40, 3));
        Assert.Equal((5.0, true), RichnessEstimators.Ace(f, n));
    }

    [Fact]
    public void Jackknife1AndCoverage_HandExample()
    {
        // f1 = 3, S = 5, n = 3 + 2·2 = 7: jackknife 5 + 3·6/7; coverage 1 − 3/7.
        var (f, n) = Table((1, 3), (2, 2));
        var e = RichnessEstimators.Estimate(f, n);
        Assert.Equal(5 + 18.0 / 7, e.Jackknife1, 12);
        Assert.Equal(4.0 / 7, e.Coverage, 12);
    }

    [Fact]
    public void PatternSample_FrequencyCountsAndOrderByFrequency_FromItsCounts()
    {
        var a = new ActivationPattern([0, 1]);
        var b = new ActivationPattern([1, 1]);
        var c = new ActivationPattern([1, 0]);
        var sample = new PatternSample(6, [a, b, c], [1, 4, 1]);
        Assert.Equal(new SortedDictionary<int, int> { [1] = 2, [4] = 1 }, sample.FrequencyCounts);
        Assert.Equal(["11", "01", "10"], sample.ByFrequency().Select(pc => pc.Pattern.ToString()));
        Assert.Equal(3 + 5.0 / 6 * 2 * 1 / 2, sample.Estimates().Chao1, 12); // f2 = 0: 3 + (5/6)·2·1/2
    }

    [Fact]
    public void PatternSample_CountsNotAddingUpToThePoints_IsRejected()
    {
        var a = new ActivationPattern([0]);
        Assert.Throws<ArgumentException>(() => new PatternSample(3, [a], [2]));
    }
}
