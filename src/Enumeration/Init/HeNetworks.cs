using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Init;

/// <summary>Deterministic random networks with He (Kaiming) normal weights, std √(2 / fan_in), and PyTorch's
/// default biases U(−1/√fan_in, 1/√fan_in); a final identity layer with one output. Used by the benchmark suite.</summary>
public static class HeNetworks
{
    /// <summary>widths = [d, hidden..., outputs]; maxout layers get <paramref name="pieces"/> rows per unit.</summary>
    public static Network Create(IReadOnlyList<int> widths, ulong seed, Activation hidden = Activation.Relu, int pieces = 1)
    {
        if (widths.Count < 2) throw new ArgumentException("widths needs an input and an output width");
        var rng = new SplitMix64(seed);
        var layers = new List<Layer>();
        for (int l = 1; l < widths.Count; l++)
        {
            bool last = l == widths.Count - 1;
            var activation = last ? Activation.Identity : hidden;
            int k = activation == Activation.Maxout ? pieces : 1;
            int fanIn = widths[l - 1], rows = widths[l] * k;
            var weight = new double[rows * fanIn];
            var bias = new double[rows];
            double std = Math.Sqrt(2.0 / fanIn), bound = 1.0 / Math.Sqrt(fanIn);
            for (int i = 0; i < weight.Length; i++) weight[i] = (float)(std * rng.NextGaussian());
            for (int i = 0; i < rows; i++) bias[i] = (float)rng.Uniform(-bound, bound);
            layers.Add(new Layer(weight, rows, fanIn, bias, activation, 0.01, k));
        }
        string name = string.Join("-", widths) + (hidden == Activation.Maxout ? $"-maxout{pieces}" : "");
        return new Network(name, widths[0], layers, Box.Cube(widths[0], -1, 1));
    }
}
