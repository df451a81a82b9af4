using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Random test networks and an independent forward pass (plain loops over the weights, sharing no code
/// with the engine's affine maps) that gives the activation pattern at a point.</summary>
internal static class RandomNets
{
    public static Network OneLayer(int seed, int d, int n) => Mlp(seed, d, [n]);

    /// <summary>A residual MLP: a first layer d → width, then blocks y = relu(y + W2 relu(W1 y + b1) + b2).</summary>
    public static Network Residual(int seed, int d, int width, int blocks)
    {
        var rng = new Random(seed);
        double[] Normal(int n, double std) => Enumerable.Range(0, n).Select(_ => std * Gaussian(rng)).ToArray();
        var layers = new List<Layer> { new(Normal(width * d, Math.Sqrt(2.0 / d)), width, d, Normal(width, 0.3), Activation.Relu) };
        for (int b = 0; b < blocks; b++)
        {
            int blockInput = layers.Count - 1;
            layers.Add(new Layer(Normal(width * width, Math.Sqrt(1.0 / width)), width, width, Normal(width, 0.2), Activation.Relu));
            layers.Add(new Layer(Normal(width * width, Math.Sqrt(1.0 / width)), width, width, Normal(width, 0.2), Activation.Relu,
                skip: new SkipConnection(blockInput)));
        }
        layers.Add(new Layer(Normal(width, 1), 1, width, [0.0], Activation.Identity));
        return new Network($"residual-{seed}", d, layers);
    }

    /// <summary>A ReLU MLP with Gaussian weights (std 1/sqrt(fan_in)·sqrt 2) and Gaussian biases (std 0.3).</summary>
    public static Network Mlp(int seed, int d, int[] widths, Activation activation = Activation.Relu, int pieces = 1)
    {
        var rng = new Random(seed);
        var layers = new List<Layer>();
        int input = d;
        foreach (var w in widths)
        {
            int rows = w * (activation == Activation.Maxout ? pieces : 1);
            var weight = new double[rows * input];
            var bias = new double[rows];
            for (int i = 0; i < weight.Length; i++) weight[i] = Gaussian(rng) * Math.Sqrt(2.0 / input);
            for (int i = 0; i < rows; i++) bias[i] = 0.3 * Gaussian(rng);
            layers.Add(new Layer(weight, rows, input, bias, activation, 0.1, pieces));
            input = w;
        }
        var head = new double[input];
        for (int i = 0; i < input; i++) head[i] = Gaussian(rng);
        layers.Add(new Layer(head, 1, input, [0.0], Activation.Identity));
        return new Network($"random-{seed}", d, layers);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>For a one-hidden-layer net: a box strictly containing every point where d of its hyperplanes meet.</summary>
    public static Box BoxContainingAllVertices(Network net)
    {
        var layer = net.Layers[0];
        int d = net.InputDim, n = layer.Rows;
        var lo = Enumerable.Repeat(-1.0, d).ToArray();
        var hi = Enumerable.Repeat(1.0, d).ToArray();
        foreach (var subset in Subsets(n, d))
        {
            var m = new double[d, d + 1];
            for (int r = 0; r < d; r++)
            {
                for (int c = 0; c < d; c++) m[r, c] = layer.WeightRow(subset[r])[c];
                m[r, d] = -layer.Bias[subset[r]];
            }
            var x = Solve(m, d);
            for (int j = 0; j < d; j++) { lo[j] = Math.Min(lo[j], x[j] - 1); hi[j] = Math.Max(hi[j], x[j] + 1); }
        }
        return new Box(lo, hi);
    }

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        var idx = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])idx.Clone();
            int i = k - 1;
            while (i >= 0 && idx[i] == n - k + i) i--;
            if (i < 0) yield break;
            idx[i]++;
            for (int j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
        }
    }

    /// <summary>Gaussian elimination with partial pivoting on an augmented d×(d+1) matrix.</summary>
    private static double[] Solve(double[,] m, int d)
    {
        for (int c = 0; c < d; c++)
        {
            int p = c;
            for (int r = c + 1; r < d; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[p, c])) p = r;
            for (int t = 0; t <= d; t++) (m[c, t], m[p, t]) = (m[p, t], m[c, t]);
            for (int r = 0; r < d; r++)
            {
                if (r == c) continue;
                double f = m[r, c] / m[c, c];
                for (int t = c; t <= d; t++) m[r, t] -= f * m[c, t];
            }
        }
        var x = new double[d];
        for (int i = 0; i < d; i++) x[i] = m[i, d] / m[i, i];
        return x;
    }

    /// <summary>The pattern at x by a plain forward pass, and the smallest |pre-activation| (or maxout gap)
    /// seen, so callers can skip points too close to a boundary to have a well-defined pattern.</summary>
    public static (string Pattern, double Margin) PatternAt(Network net, double[] x)
    {
        var chars = new List<char>();
        double margin = double.PositiveInfinity;
        var current = x;
        var outputs = new List<double[]>();
        foreach (var layer in net.Layers)
        {
            var z = new double[layer.Rows];
            for (int r = 0; r < layer.Rows; r++)
            {
                double s = layer.Bias[r];
                for (int j = 0; j < layer.InputWidth; j++) s += layer.WeightRow(r)[j] * current[j];
                if (layer.Skip is { } skip)
                {
                    var from = skip.From < 0 ? x : outputs[skip.From];
                    for (int j = 0; j < from.Length; j++)
                        s += (skip.Weight == null ? (j == r ? 1 : 0) : skip.Weight[r * from.Length + j]) * from[j];
                }
                z[r] = s;
            }
            var next = new double[layer.OutputWidth];
            for (int u = 0; u < layer.OutputWidth; u++)
            {
                switch (layer.Activation)
                {
                    case Activation.Identity: next[u] = z[u]; break;
                    case Activation.Relu:
                    case Activation.LeakyRelu:
                        bool on = z[u] > 0;
                        // An exact 0 at a random point means an identically-zero map (dead inputs), not a boundary.
                        if (z[u] != 0) margin = Math.Min(margin, Math.Abs(z[u]));
                        chars.Add(on ? '1' : '0');
                        next[u] = on ? z[u] : layer.NegativeSlope * z[u];
                        break;
                    case Activation.Maxout:
                        int best = 0;
                        for (int p = 1; p < layer.Pieces; p++) if (z[u * layer.Pieces + p] > z[u * layer.Pieces + best]) best = p;
                        chars.Add((char)('0' + best));
                        next[u] = z[u * layer.Pieces + best];
                        break;
                }
            }
            current = next;
            outputs.Add(next);
        }
        return (new string(chars.ToArray()), margin);
    }
}
