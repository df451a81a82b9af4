namespace Polytopes.Enumeration.Init;

/// <summary>
/// Standard normal draws from a <see cref="SplitMix64"/> stream by Marsaglia's polar method: u, v uniform in
/// [−1, 1), rejected unless 0 &lt; s = u² + v² &lt; 1, then u·√(−2 ln s / s) and v·√(−2 ln s / s) are two
/// independent standard normals (the second is kept for the next call). The logarithm is
/// <see cref="SpecifiedMath.Log"/> and √ is correctly rounded by IEEE-754, so a seed gives the same normals on
/// every machine — which <see cref="SplitMix64.NextGaussian"/> (Box–Muller through the platform's log and cos)
/// does not promise.
/// </summary>
public sealed class NormalSampler(SplitMix64 rng)
{
    private double spare;
    private bool hasSpare;

    public SplitMix64 Rng { get; } = rng;

    public double Next()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * Rng.NextDouble() - 1.0;
            v = 2.0 * Rng.NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * SpecifiedMath.Log(s) / s);
        spare = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /// <summary>A normal with the given standard deviation.</summary>
    public double Next(double std) => std * Next();

    /// <summary>Uniform in [lo, hi) from the same stream (a pending spare normal is kept for the next
    /// <see cref="Next()"/>).</summary>
    public double Uniform(double lo, double hi) => Rng.Uniform(lo, hi);
}
