namespace Polytopes.Enumeration.Sampling;

/// <summary>The estimators of the total region count, by key, with the one-line description printed beside them.</summary>
public static class EstimatorCatalog
{
    public const string Distinct = "distinct";
    public const string Chao1 = "chao1";
    public const string Ace = "ace";
    public const string Jackknife1 = "jackknife1";
    public const string Lines = "lines";
    public const string LinesHaninRolnick = "lines_hr";

    public static IReadOnlyList<string> Keys { get; } = [Distinct, Chao1, Ace, Jackknife1, Lines, LinesHaninRolnick];

    public static string Describe(string key) => key switch
    {
        Distinct => "distinct patterns among the points (a lower bound)",
        Chao1 => "Chao1: S + ((n-1)/n) f1^2/(2 f2), or S + ((n-1)/n) f1(f1-1)/2 when f2 = 0 (Chao 1987)",
        Ace => $"ACE, abundance-based coverage estimator, rare = seen <= {RichnessEstimators.AceRareThreshold} times " +
               "(Chao & Lee 1992); Chao1 where undefined",
        Jackknife1 => "first-order jackknife: S + f1 (n-1)/n (Burnham & Overton 1978)",
        Lines => "lines, isotropic Poisson hyperplane model: sum_k kappa_k (rho/2)^k V_k(box), rho = crossings " +
                 "per unit length on random chords (2-D: 1 + rho*perimeter/2 + (pi/4) rho^2 area)",
        LinesHaninRolnick => "lines, Hanin-Rolnick scaling: vol(box) rho^d / d!",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown estimator"),
    };

    /// <summary>Chords used beside N points by sample's default and by validate: max(10, ⌈N/100⌉).</summary>
    public static int LinesFor(long points) => (int)Math.Min(int.MaxValue, Math.Max(10, (points + 99) / 100));

    /// <summary>The point-based estimates of a sample, by key.</summary>
    public static IEnumerable<(string Key, double Value)> FromPoints(PatternSample sample)
    {
        var e = sample.Estimates();
        yield return (Distinct, e.Observed);
        yield return (Chao1, e.Chao1);
        yield return (Ace, e.Ace);
        yield return (Jackknife1, e.Jackknife1);
    }

    /// <summary>The line-based estimates, by key.</summary>
    public static IEnumerable<(string Key, double Value)> FromLines(LineSample lines, Geometry.Box box)
    {
        double rho = lines.CrossingDensity;
        yield return (Lines, LineEstimators.PoissonHyperplanes(rho, box));
        yield return (LinesHaninRolnick, LineEstimators.HaninRolnick(rho, box));
    }
}
