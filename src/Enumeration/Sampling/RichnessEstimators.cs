namespace Polytopes.Enumeration.Sampling;

/// <summary>The richness estimates of one sample (see <see cref="RichnessEstimators"/> for each formula).</summary>
public sealed record RichnessEstimates(
    int Observed,
    int Singletons,
    int Doubletons,
    double Chao1,
    double Ace,
    bool AceDefined,
    double Jackknife1,
    double Coverage);

/// <summary>
/// Species-richness estimators from ecology, applied to regions: a region is a species, a sampled point an
/// individual, and a region's abundance is proportional to its volume. Every estimator is a function of the
/// sample size n and the frequency counts f_k (the number of patterns seen exactly k times). They estimate how
/// many regions a uniform sample would eventually see, and all of them rely on the unseen regions looking like
/// the rarely seen ones — which is what fails when many regions are tiny (see the validate command).
/// </summary>
public static class RichnessEstimators
{
    /// <summary>ACE's rare/abundant cut-off: patterns seen at most this many times are "rare" (Chao &amp; Lee 1992
    /// recommend 10).</summary>
    public const int AceRareThreshold = 10;

    public static RichnessEstimates Estimate(IReadOnlyDictionary<int, int> f, long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        int observed = f.Values.Sum();
        int f1 = f.GetValueOrDefault(1), f2 = f.GetValueOrDefault(2);
        var chao1 = Chao1(observed, f1, f2, n);
        var (ace, defined) = Ace(f, n);
        return new RichnessEstimates(observed, f1, f2, chao1, defined ? ace : chao1, defined,
            Jackknife1(observed, f1, n), GoodTuringCoverage(f1, n));
    }

    /// <summary>
    /// Chao1 (Chao 1984, 1987) with the small-sample factor (n−1)/n, in the form used by EstimateS, SpadeR and
    /// iNEXT (Chao et al. 2014, Ecol. Monogr. 84:45): S_obs + ((n−1)/n)·f1²/(2 f2) when f2 &gt; 0, else the
    /// bias-corrected S_obs + ((n−1)/n)·f1(f1−1)/2. Equals S_obs when nothing is seen exactly once. A lower bound
    /// of the expected richness in the large-sample limit.
    /// </summary>
    public static double Chao1(int observed, int f1, int f2, long n)
    {
        if (n <= 0) return observed;
        double factor = (n - 1.0) / n;
        return f2 > 0
            ? observed + factor * (double)f1 * f1 / (2.0 * f2)
            : observed + factor * f1 * (f1 - 1.0) / 2.0;
    }

    /// <summary>
    /// ACE, the abundance-based coverage estimator (Chao &amp; Lee 1992; the form of EstimateS and Chao et al.
    /// 2000): with rare patterns those seen at most k = 10 times, S_rare = Σ_{i≤k} f_i, N_rare = Σ_{i≤k} i·f_i,
    /// sample coverage of the rare group C = 1 − f1/N_rare and squared coefficient of variation
    /// γ² = max(S_rare/C · Σ_{i≤k} i(i−1) f_i / (N_rare(N_rare−1)) − 1, 0):
    /// ACE = S_abund + S_rare/C + (f1/C)·γ². Undefined (Defined = false) when every rare pattern is a singleton
    /// (C = 0); callers then report Chao1 instead. With no rare patterns it is S_obs.
    /// </summary>
    public static (double Value, bool Defined) Ace(IReadOnlyDictionary<int, int> f, long n, int rareThreshold = AceRareThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rareThreshold, 1);
        int abundant = 0, rare = 0;
        long nRare = 0;
        double pairs = 0;
        foreach (var (k, fk) in f)
        {
            if (k > rareThreshold) { abundant += fk; continue; }
            rare += fk;
            nRare += (long)k * fk;
            pairs += (double)k * (k - 1) * fk;
        }
        if (rare == 0) return (abundant, true);
        int f1 = f.GetValueOrDefault(1);
        if (f1 == nRare) return (double.NaN, false);
        double coverage = 1.0 - (double)f1 / nRare;
        double gamma2 = Math.Max(rare / coverage * pairs / ((double)nRare * (nRare - 1)) - 1.0, 0.0);
        return (abundant + rare / coverage + f1 / coverage * gamma2, true);
    }

    /// <summary>First-order jackknife for abundance data (Burnham &amp; Overton 1978; Chao &amp; Chiu 2016):
    /// S_obs + f1·(n−1)/n.</summary>
    public static double Jackknife1(int observed, int f1, long n) =>
        n <= 0 ? observed : observed + f1 * (n - 1.0) / n;

    /// <summary>Good–Turing sample coverage 1 − f1/n (Good 1953): the estimated fraction of the box's volume
    /// covered by the regions already seen, so f1/n estimates the volume fraction of all unseen regions.</summary>
    public static double GoodTuringCoverage(int f1, long n) => n <= 0 ? 0 : 1.0 - (double)f1 / n;
}
