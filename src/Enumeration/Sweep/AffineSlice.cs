using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Sweep;

/// <summary>Restricts a network to an affine slice x = o + Dᵀt of its input space (D: k rows of length d), giving
/// a network of t with input dimension k. Only the maps that read the input change: the first layer becomes
/// W Dᵀ with bias b + W o, and a skip connection from the input S x becomes (S Dᵀ) t with S o added to its
/// layer's bias (an identity skip is S = I). The regions of the result are the slices of the original's.</summary>
public static class AffineSlice
{
    public static Network Compose(Network network, ReadOnlySpan<double> origin, IReadOnlyList<double[]> directions)
    {
        int d = network.InputDim, k = directions.Count;
        if (origin.Length != d) throw new ArgumentException($"origin has length {origin.Length}, expected {d}");
        if (k == 0 || directions.Any(v => v.Length != d))
            throw new ArgumentException($"directions must be 1 or more vectors of length {d}");
        var layers = new List<Layer>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var weight = layer.Weight.ToArray();
            int columns = layer.InputWidth;
            var bias = layer.Bias.ToArray();
            if (l == 0)
            {
                weight = Restrict(layer.Weight, layer.Rows, d, origin, directions, bias);
                columns = k;
            }
            var skip = layer.Skip;
            if (skip is { From: -1 })
            {
                var s = skip.Weight ?? Identity(layer.Rows);
                skip = new SkipConnection(-1, Restrict(s, layer.Rows, d, origin, directions, bias));
            }
            layers.Add(new Layer(weight, layer.Rows, columns, bias, layer.Activation, layer.NegativeSlope, layer.Pieces, skip));
        }
        return new Network(network.Name, k, layers);
    }

    /// <summary>M Dᵀ (rows × k) for M rows × d, adding M o to <paramref name="bias"/>.</summary>
    private static double[] Restrict(ReadOnlySpan<double> m, int rows, int d, ReadOnlySpan<double> origin,
        IReadOnlyList<double[]> directions, double[] bias)
    {
        int k = directions.Count;
        var result = new double[rows * k];
        for (int r = 0; r < rows; r++)
        {
            var row = m.Slice(r * d, d);
            double shift = 0;
            for (int j = 0; j < d; j++) shift += row[j] * origin[j];
            bias[r] += shift;
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int j = 0; j < d; j++) s += row[j] * directions[c][j];
                result[r * k + c] = s;
            }
        }
        return result;
    }

    private static double[] Identity(int n)
    {
        var identity = new double[n * n];
        for (int i = 0; i < n; i++) identity[i * n + i] = 1;
        return identity;
    }
}
