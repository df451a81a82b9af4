namespace Polytopes.Enumeration.Sweep;

/// <summary>Statistics of one configuration (a work-item key without its seed) over its seeds. Region statistics
/// use the complete lines only; <see cref="Incomplete"/> counts the others (region limit reached, or an error).
/// <see cref="StdRegions"/> is the sample standard deviation (n − 1; 0 for one seed).</summary>
public sealed record SweepGroup(
    string ConfigKey,
    int[] Arch,
    string Activation,
    string Init,
    string Domain,
    int InputDim,
    int Neurons,
    int Count,
    int Incomplete,
    double MeanRegions,
    double StdRegions,
    long MinRegions,
    long MaxRegions,
    double MeanLinearRegions,
    double MeanSeconds)
{
    /// <summary>Hidden layers.</summary>
    public int Depth => Arch.Length - 2;

    /// <summary>Configurations that differ only in their widths form one series of the plot.</summary>
    public string Series => $"{Activation} {Init} {Domain} depth {Depth}";
}

public static class SweepSummary
{
    /// <summary>Groups records by configuration, in the order the configurations first appear.</summary>
    public static IReadOnlyList<SweepGroup> Of(IEnumerable<SweepRecord> records)
    {
        var groups = new List<SweepGroup>();
        foreach (var g in records.GroupBy(r => r.ConfigKey, StringComparer.Ordinal))
        {
            var first = g.First();
            var complete = g.Where(r => r.Complete && r.Regions != null).ToList();
            // Welford's running mean and variance (numerically stable for large counts).
            double mean = 0, m2 = 0, meanLinear = 0;
            int n = 0;
            foreach (var r in complete)
            {
                n++;
                double x = r.Regions!.Value, delta = x - mean;
                mean += delta / n;
                m2 += delta * (x - mean);
                meanLinear += ((r.LinearRegions ?? 0) - meanLinear) / n;
            }
            string init = first.Init + (first.BiasStd is double s ? " bias_std=" + SweepFormat.Number(s) : "");
            groups.Add(new SweepGroup(g.Key, first.Arch, first.Activation, init, first.Domain, first.InputDim,
                first.Neurons, g.Count(), g.Count() - complete.Count,
                n == 0 ? double.NaN : mean,
                n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0,
                n == 0 ? 0 : complete.Min(r => r.Regions!.Value),
                n == 0 ? 0 : complete.Max(r => r.Regions!.Value),
                n == 0 ? double.NaN : meanLinear,
                g.Average(r => r.Seconds)));
        }
        return groups;
    }
}

/// <summary>Reference counts drawn with the sweep's results.</summary>
public static class ReferenceBounds
{
    /// <summary>Zaslavsky's count Σ_{i=0..d} C(N, i): the number of regions of N hyperplanes in general position
    /// in R^d — a single ReLU layer of N neurons on all of R^d, and the classical reference line (Montúfar et al.
    /// 2014; Serra et al. 2018) against which deeper networks' counts are compared.</summary>
    public static double Zaslavsky(int neurons, int dimension)
    {
        double sum = 0, binomial = 1; // C(N, 0)
        for (int i = 0; i <= Math.Min(dimension, neurons); i++)
        {
            sum += binomial;
            binomial = binomial * (neurons - i) / (i + 1);
        }
        return sum;
    }
}
