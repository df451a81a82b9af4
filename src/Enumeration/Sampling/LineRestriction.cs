using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Sampling;

/// <summary>
/// The restriction of a network to the line x = p + t·v: a network of one input t with the same units and the same
/// pattern at every t as the original at p + t·v. Only what reads the input changes: the first layer becomes
/// W·v (one column) with bias b + W·p, and every skip connection from the input (from = −1), S·x = S·p + t·S·v,
/// becomes a one-column skip S·v with S·p added to its layer's bias (a skip into the first layer is folded into
/// its weight). Later layers read earlier layers, whose outputs are unchanged as functions of t.
/// </summary>
public static class LineRestriction
{
    public static Network Compose(Network network, ReadOnlySpan<double> p, ReadOnlySpan<double> v, double t0, double t1)
    {
        int d = network.InputDim;
        if (p.Length != d || v.Length != d) throw new ArgumentException($"point and direction need {d} coordinates");
        var layers = new List<Layer>(network.Layers.Count);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var bias = layer.Bias.ToArray();
            var skip = layer.Skip;
            if (l == 0)
            {
                var column = new double[layer.Rows];
                Apply(layer.Weight, layer.Rows, p, v, bias, column);
                if (skip != null) ApplySkip(skip, layer.Rows, p, v, bias, column); // from = −1 is the only choice here
                layers.Add(Copy(layer, column, 1, bias, null));
                continue;
            }
            if (skip is { From: < 0 })
            {
                var column = new double[layer.Rows];
                ApplySkip(skip, layer.Rows, p, v, bias, column);
                skip = new SkipConnection(-1, column);
            }
            layers.Add(Copy(layer, layer.Weight.ToArray(), layer.InputWidth, bias, skip));
        }
        return new Network($"{network.Name} on a line", 1, layers, new Box([t0], [t1]));
    }

    /// <summary>column = M·v and bias += M·p for a row-major M with d columns.</summary>
    private static void Apply(ReadOnlySpan<double> m, int rows, ReadOnlySpan<double> p, ReadOnlySpan<double> v,
        double[] bias, double[] column)
    {
        int d = p.Length;
        for (int r = 0; r < rows; r++)
        {
            var row = m.Slice(r * d, d);
            double sv = 0, sp = 0;
            for (int j = 0; j < d; j++) { sv += row[j] * v[j]; sp += row[j] * p[j]; }
            column[r] += sv;
            bias[r] += sp;
        }
    }

    private static void ApplySkip(SkipConnection skip, int rows, ReadOnlySpan<double> p, ReadOnlySpan<double> v,
        double[] bias, double[] column)
    {
        if (!skip.IsIdentity) { Apply(skip.Weight!, rows, p, v, bias, column); return; }
        for (int r = 0; r < rows; r++) { column[r] += v[r]; bias[r] += p[r]; }
    }

    private static Layer Copy(Layer layer, double[] weight, int inputWidth, double[] bias, SkipConnection? skip) =>
        new(weight, layer.Rows, inputWidth, bias, layer.Activation, layer.NegativeSlope, layer.Pieces, skip);
}
