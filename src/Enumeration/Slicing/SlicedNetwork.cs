using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Slicing;

/// <summary>
/// The network restricted to a slice, t ↦ f(origin + U t), as a network with input_dim k. Only the maps that read
/// the input change: the first layer (W ↦ W U, b ↦ b + W origin) and every skip connection from the input
/// (S ↦ S U, b ↦ b + S origin; an identity skip becomes U itself). This is done once, so the per-region cost of
/// enumerating the slice depends on k and the hidden widths, not on the original input width n. Activation
/// patterns, units and outputs are those of the original network at x = origin + U t.
/// </summary>
public static class SlicedNetwork
{
    /// <exception cref="InputException">the slice's points have a different dimension than the network's input;
    /// the message starts with <paramref name="sliceSource"/>.</exception>
    public static Network Compose(Network network, Slice slice, string sliceSource)
    {
        if (slice.AmbientDim != network.InputDim)
            throw new InputException(
                $"{sliceSource}: the slice's points have {slice.AmbientDim} coordinates but the network's input_dim is {network.InputDim}");
        int n = network.InputDim, k = slice.Dimension;
        var layers = new List<Layer>(network.Layers.Count);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            int rows = layer.Rows;
            var weight = layer.Weight.ToArray();
            int inputWidth = layer.InputWidth;
            var bias = layer.Bias.ToArray();
            if (l == 0)
            {
                weight = Compose(layer.Weight, rows, slice, bias);
                inputWidth = k;
            }
            var skip = layer.Skip;
            if (skip is { From: -1 })
            {
                double[] s = skip.IsIdentity ? IdentityRows(n) : skip.Weight!;
                skip = new SkipConnection(-1, Compose(s, rows, slice, bias));
            }
            layers.Add(new Layer(weight, rows, inputWidth, bias, layer.Activation, layer.NegativeSlope, layer.Pieces, skip));
        }
        string name = $"{network.Name} ({k}-D slice of the {n}-D input)";
        return new Network(name, k, layers, slice.Box.From(sliceSource));
    }

    /// <summary>M U (rows × k) for M rows × n; adds M origin to <paramref name="bias"/>.</summary>
    private static double[] Compose(ReadOnlySpan<double> m, int rows, Slice slice, double[] bias)
    {
        int n = slice.AmbientDim, k = slice.Dimension;
        var result = new double[rows * k];
        var origin = slice.Origin;
        for (int r = 0; r < rows; r++)
        {
            var row = m.Slice(r * n, n);
            double shift = 0;
            for (int i = 0; i < n; i++) shift += row[i] * origin[i];
            bias[r] += shift;
            for (int j = 0; j < k; j++)
            {
                var u = slice.BasisVector(j);
                double s = 0;
                for (int i = 0; i < n; i++) s += row[i] * u[i];
                result[r * k + j] = s;
            }
        }
        return result;
    }

    private static double[] IdentityRows(int n)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++) m[i * n + i] = 1;
        return m;
    }
}
