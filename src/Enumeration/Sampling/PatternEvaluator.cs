using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Sampling;

/// <summary>
/// The activation pattern at a point by a plain forward pass over the network's layers, in the format of
/// <see cref="Regions.ActivationPattern"/>: one state per unit of every non-identity layer, in layer then row
/// order; ReLU and leaky ReLU 1 when the pre-activation is &gt; 0, else 0; maxout the 0-based index of the
/// largest piece, the lowest index on ties. It shares no code with the enumerator's affine maps, so a sampled
/// pattern is an independent check of the enumerated ones. Buffers are reused: one instance per thread.
/// </summary>
public sealed class PatternEvaluator
{
    private readonly Network network;
    private readonly double[] input;
    private readonly double[][] outputs;
    private readonly double[][] pre;
    private readonly int layers;

    public PatternEvaluator(Network network)
    {
        this.network = network;
        input = new double[network.InputDim];
        outputs = network.Layers.Select(l => new double[l.OutputWidth]).ToArray();
        pre = network.Layers.Select(l => new double[l.Rows]).ToArray();
        // Trailing identity layers carry no states and feed nothing that does: skip them.
        layers = network.Layers.Count;
        while (layers > 0 && network.Layers[layers - 1].UnitCount == 0) layers--;
    }

    public int UnitCount => network.UnitCount;

    /// <summary>Writes the pattern at <paramref name="x"/> into <paramref name="states"/> (length
    /// <see cref="UnitCount"/>).</summary>
    public void Evaluate(ReadOnlySpan<double> x, Span<byte> states)
    {
        if (x.Length != input.Length) throw new ArgumentException($"point has {x.Length} coordinates, expected {input.Length}");
        if (states.Length != UnitCount) throw new ArgumentException($"states has length {states.Length}, expected {UnitCount}");
        x.CopyTo(input);
        ReadOnlySpan<double> current = input;
        int unit = 0;
        for (int l = 0; l < layers; l++)
        {
            var layer = network.Layers[l];
            var z = pre[l];
            var weight = layer.Weight;
            var bias = layer.Bias;
            int width = layer.InputWidth;
            for (int r = 0; r < layer.Rows; r++)
            {
                var row = weight.Slice(r * width, width);
                double s = bias[r];
                for (int j = 0; j < width; j++) s += row[j] * current[j];
                z[r] = s;
            }
            if (layer.Skip is { } skip) AddSkip(skip, z);
            var y = outputs[l];
            switch (layer.Activation)
            {
                case Activation.Identity:
                    z.AsSpan().CopyTo(y);
                    break;
                case Activation.Relu:
                case Activation.LeakyRelu:
                    for (int r = 0; r < z.Length; r++)
                    {
                        bool on = z[r] > 0;
                        states[unit++] = on ? (byte)1 : (byte)0;
                        y[r] = on ? z[r] : layer.NegativeSlope * z[r];
                    }
                    break;
                case Activation.Maxout:
                    int k = layer.Pieces;
                    for (int u = 0; u < y.Length; u++)
                    {
                        int best = 0;
                        for (int p = 1; p < k; p++)
                            if (z[u * k + p] > z[u * k + best]) best = p; // strict: the lowest index wins a tie
                        states[unit++] = (byte)best;
                        y[u] = z[u * k + best];
                    }
                    break;
            }
            current = y;
        }
    }

    private void AddSkip(SkipConnection skip, double[] z)
    {
        ReadOnlySpan<double> from = skip.From < 0 ? input : outputs[skip.From];
        if (skip.IsIdentity)
        {
            for (int r = 0; r < z.Length; r++) z[r] += from[r];
            return;
        }
        var s = skip.Weight!;
        for (int r = 0; r < z.Length; r++)
            for (int j = 0; j < from.Length; j++) z[r] += s[r * from.Length + j] * from[j];
    }
}
