using System.Globalization;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Init;

/// <summary>
/// Everything that determines a generated network: widths [d, hidden..., outputs], the hidden activation, the
/// initialisation, an optional bias standard deviation (null: the scheme's own bias rule; 0: zero biases) and
/// the seed. The same spec gives a bit-identical network on every machine (see <see cref="RandomNetworks"/>).
/// </summary>
public sealed record RandomNetworkSpec(
    IReadOnlyList<int> Widths,
    ActivationSpec Activation,
    InitScheme Init,
    double? BiasStd,
    ulong Seed)
{
    /// <summary>Throws <see cref="InputException"/> (message starting with <paramref name="where"/>) when the
    /// combination cannot be generated.</summary>
    public void Validate(string where)
    {
        if (Widths.Count < 2)
            throw new InputException($"{where}: widths need an input and an output width, e.g. 2,16,16,1 (got {WidthsText})");
        foreach (int w in Widths)
            if (w < 1) throw new InputException($"{where}: widths must be positive integers (got {WidthsText})");
        if (BiasStd is double s && !(s >= 0 && double.IsFinite(s)))
            throw new InputException($"{where}: the bias standard deviation must be a finite number >= 0, got {s.ToString("R", CultureInfo.InvariantCulture)}");
        bool maxout = Activation.Activation == Networks.Activation.Maxout;
        if (Init.NeedsMaxout() && !maxout && Widths.Count > 2)
            throw new InputException(
                $"{where}: init {Init.ToName()} is defined for maxout layers only (Tseran & Montufar 2021); use a maxout:K activation");
        if (Init.SetsOwnBiases() && BiasStd != null)
            throw new InputException($"{where}: init {Init.ToName()} sets its own biases; leave out the bias standard deviation");
        if ((Init is InitScheme.MaxoutHe or InitScheme.Sphere or InitScheme.ManyRegions) && maxout)
            InitSchemes.MaxoutConstant(Activation.Pieces); // throws for K beyond the table
    }

    public string WidthsText => string.Join("-", Widths.Select(w => w.ToString(CultureInfo.InvariantCulture)));

    /// <summary>e.g. "2-16-16-1 relu he_normal seed 3" (with "bias_std S" when given).</summary>
    public string Name =>
        $"{WidthsText} {Activation} {Init.ToName()}" +
        (BiasStd is double s ? $" bias_std {s.ToString("R", CultureInfo.InvariantCulture)}" : "") +
        $" seed {Seed.ToString(CultureInfo.InvariantCulture)}";
}
