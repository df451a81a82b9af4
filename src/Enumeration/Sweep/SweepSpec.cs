using System.Globalization;
using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Sweep;

/// <summary>
/// A sweep: the cartesian product architectures × activations × initialisations × domains × seeds, each
/// combination one <see cref="WorkItem"/>. Read from JSON by <see cref="SweepSpecReader"/> (the format is
/// documented there and in the README). Immutable; the reader has validated every combination.
/// </summary>
public sealed record SweepSpec(
    IReadOnlyList<int[]> Architectures,
    IReadOnlyList<ActivationSpec> Activations,
    IReadOnlyList<InitChoice> Inits,
    IReadOnlyList<SweepDomain> Domains,
    IReadOnlyList<ulong> Seeds,
    int MaxRegions)
{
    /// <summary>Number of work items (the size of the product).</summary>
    public long ItemCount => (long)Architectures.Count * Activations.Count * Inits.Count * Domains.Count * Seeds.Count;
}

/// <summary>An initialisation scheme with an optional bias standard deviation (null: the scheme's own rule).</summary>
public sealed record InitChoice(InitScheme Scheme, double? BiasStd)
{
    /// <summary>"he_normal", or "he_normal bias_std=0.1" in tables.</summary>
    public override string ToString() =>
        Scheme.ToName() + (BiasStd is double s ? " bias_std=" + SweepFormat.Number(s) : "");
}

/// <summary>Where a generated network is enumerated: a box of its input space, or a box in a k-dimensional
/// affine slice of it. Domains are identified by <see cref="Label"/> (record equality would compare arrays by
/// reference).</summary>
public abstract record SweepDomain
{
    /// <summary>The label in work-item keys: "box=LO,HI", "box=LO1,HI1;LO2,HI2" or "slice=NAME".</summary>
    public abstract string Label { get; }

    /// <summary>Dimension of the enumerated space for a network with input dimension d.</summary>
    public abstract int Dimension(int inputDim);

    /// <summary>A problem with this domain for input dimension d, or null.</summary>
    public abstract string? Check(int inputDim);

    /// <summary>The network to enumerate (the slice composed in front, if any) and the box to enumerate it over.</summary>
    public abstract (Network Network, Box Box) Apply(Network network);
}

/// <summary>A box of the input space: one interval for every coordinate, or one interval per coordinate.</summary>
public sealed record BoxDomain(double[] Lo, double[] Hi, bool Cube) : SweepDomain
{
    public static BoxDomain Default { get; } = new([-1.0], [1.0], Cube: true);

    public override string Label => "box=" + (Cube
        ? Interval(0)
        : string.Join(";", Enumerable.Range(0, Lo.Length).Select(Interval)));

    private string Interval(int j) => SweepFormat.Number(Lo[j]) + "," + SweepFormat.Number(Hi[j]);

    public override int Dimension(int inputDim) => inputDim;

    public override string? Check(int inputDim) => Cube || Lo.Length == inputDim
        ? null
        : $"{Label} has {Lo.Length} intervals but the input dimension is {inputDim}";

    public override (Network Network, Box Box) Apply(Network network)
    {
        int d = network.InputDim;
        return Cube
            ? (network, Box.Cube(d, Lo[0], Hi[0]))
            : (network, new Box(Lo, Hi));
    }
}

/// <summary>
/// A k-dimensional affine slice x = origin + Dᵀt of the input space, enumerated over t in [lo, hi]^k — the
/// two-dimensional slices of Hanin &amp; Rolnick (2019). Directions are given (k rows of length d, used as they
/// are) or drawn: a k × d Gaussian matrix from the slice's own seed, rows orthonormalised, so every network of a
/// given input dimension is cut by the same plane. Origin defaults to 0.
/// </summary>
public sealed record SliceDomain(string Name, int SliceDim, double[][]? Directions, ulong? RandomSeed, double[]? Origin,
    double Lo, double Hi) : SweepDomain
{
    public override string Label => "slice=" + Name;

    public override int Dimension(int inputDim) => SliceDim;

    public override string? Check(int inputDim)
    {
        if (Directions != null && Directions[0].Length != inputDim)
            return $"{Label}: directions have length {Directions[0].Length} but the input dimension is {inputDim}";
        if (Origin != null && Origin.Length != inputDim)
            return $"{Label}: origin has length {Origin.Length} but the input dimension is {inputDim}";
        if (SliceDim > inputDim)
            return $"{Label}: a {SliceDim}-dimensional slice does not fit in input dimension {inputDim}";
        return null;
    }

    public double[][] DirectionsFor(int inputDim)
    {
        if (Directions != null) return Directions;
        var normal = new NormalSampler(new SplitMix64(RandomSeed!.Value));
        var matrix = new double[SliceDim * inputDim];
        for (int i = 0; i < matrix.Length; i++) matrix[i] = normal.Next();
        RandomNetworks.Orthonormalise(matrix, SliceDim, inputDim);
        return Enumerable.Range(0, SliceDim).Select(r => matrix.AsSpan(r * inputDim, inputDim).ToArray()).ToArray();
    }

    public override (Network Network, Box Box) Apply(Network network)
    {
        int d = network.InputDim;
        var sliced = AffineSlice.Compose(network, Origin ?? new double[d], DirectionsFor(d));
        return (sliced, Box.Cube(SliceDim, Lo, Hi));
    }
}

/// <summary>Number formatting shared by keys and lines: shortest round-trip, invariant culture.</summary>
public static class SweepFormat
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Widths(IEnumerable<int> widths) =>
        string.Join("-", widths.Select(w => w.ToString(CultureInfo.InvariantCulture)));
}
