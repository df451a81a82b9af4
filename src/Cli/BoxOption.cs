using System.Globalization;
using Polytopes.Enumeration;
using Polytopes.Geometry;

namespace Polytopes.Cli;

/// <summary>Parses --box: "LO,HI" gives every coordinate [LO,HI]; "LO1,HI1;LO2,HI2;..." one interval per
/// coordinate.</summary>
internal static class BoxOption
{
    public const string Help = "input box: LO,HI for every coordinate, or LO1,HI1;LO2,HI2;... per coordinate " +
                               "(default: the network's domain, else [-1,1]^d)";

    public static Box? Parse(string? text, int dimension)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 1 && parts.Length != dimension)
            throw new InputException($"--box: {parts.Length} intervals given but the network has input_dim {dimension}");
        var lo = new double[dimension];
        var hi = new double[dimension];
        for (int j = 0; j < dimension; j++)
        {
            var pair = parts[parts.Length == 1 ? 0 : j].Split(',', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !TryNumber(pair[0], out lo[j]) || !TryNumber(pair[1], out hi[j]))
                throw new InputException($"--box: '{text}' is not LO,HI (two finite numbers) or LO1,HI1;LO2,HI2;...");
            if (!(lo[j] < hi[j]))
                throw new InputException($"--box: lo >= hi for coordinate {j} ({lo[j]} >= {hi[j]})");
        }
        try
        {
            return new Box(lo, hi) { Source = "--box" };
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--box: {e.Message}");
        }
    }

    private static bool TryNumber(string s, out double v) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
}
