using Polytopes.Geometry;

namespace Polytopes.Enumeration.Networks;

/// <summary>A feed-forward piecewise-linear network: immutable, validated on construction.</summary>
public sealed class Network
{
    public Network(string name, int inputDim, IReadOnlyList<Layer> layers, Box? domain = null)
    {
        if (inputDim <= 0) throw new NetworkFormatException($"input_dim must be positive, got {inputDim}");
        if (layers.Count == 0) throw new NetworkFormatException("the network has no layers");
        int width = inputDim;
        for (int l = 0; l < layers.Count; l++)
        {
            if (layers[l].InputWidth != width)
                throw new NetworkFormatException(
                    $"layer {l}: weight has {layers[l].InputWidth} columns but its input has width {width}");
            if (layers[l].Skip is { } skip)
            {
                if (skip.From >= l)
                    throw new NetworkFormatException($"layer {l}: skip.from ({skip.From}) must be an earlier layer or -1 (the input)");
                int fromWidth = skip.From < 0 ? inputDim : layers[skip.From].OutputWidth;
                if (skip.IsIdentity && fromWidth != layers[l].Rows)
                    throw new NetworkFormatException(
                        $"layer {l}: identity skip from width {fromWidth} into {layers[l].Rows} rows (give skip.weight)");
                if (!skip.IsIdentity && skip.Weight!.Length != layers[l].Rows * fromWidth)
                    throw new NetworkFormatException(
                        $"layer {l}: skip.weight has {skip.Weight.Length} entries, expected {layers[l].Rows}×{fromWidth}");
            }
            width = layers[l].OutputWidth;
        }
        if (domain != null && domain.Dimension != inputDim)
            throw new NetworkFormatException($"domain has dimension {domain.Dimension} but input_dim is {inputDim}");
        Name = name;
        InputDim = inputDim;
        Layers = layers.ToArray();
        Domain = domain;
        OutputDim = width;
        UnitCount = Layers.Sum(l => l.UnitCount);
    }

    public string Name { get; }
    public int InputDim { get; }
    public int OutputDim { get; }
    public IReadOnlyList<Layer> Layers { get; }
    /// <summary>The input box stored with the network, if any.</summary>
    public Box? Domain { get; }
    /// <summary>Units that carry an activation state (all non-identity layers).</summary>
    public int UnitCount { get; }

    /// <summary>Evaluates the network at x (plain forward pass).</summary>
    public double[] Evaluate(ReadOnlySpan<double> x)
    {
        var input = x.ToArray();
        var outputs = new double[Layers.Count][];
        var current = input;
        for (int l = 0; l < Layers.Count; l++)
        {
            var layer = Layers[l];
            var z = new double[layer.Rows];
            for (int r = 0; r < layer.Rows; r++)
            {
                var row = layer.WeightRow(r);
                double s = layer.Bias[r];
                for (int j = 0; j < row.Length; j++) s += row[j] * current[j];
                z[r] = s;
            }
            if (layer.Skip is { } skip)
            {
                var from = skip.From < 0 ? input : outputs[skip.From];
                for (int r = 0; r < layer.Rows; r++)
                {
                    if (skip.IsIdentity) { z[r] += from[r]; continue; }
                    for (int j = 0; j < from.Length; j++) z[r] += skip.Weight![r * from.Length + j] * from[j];
                }
            }
            current = outputs[l] = Activate(layer, z);
        }
        return current;
    }

    private static double[] Activate(Layer layer, double[] z)
    {
        switch (layer.Activation)
        {
            case Activation.Identity: return z;
            case Activation.Relu: return z.Select(v => v > 0 ? v : 0).ToArray();
            case Activation.LeakyRelu: return z.Select(v => v > 0 ? v : layer.NegativeSlope * v).ToArray();
            default:
                var y = new double[layer.OutputWidth];
                for (int u = 0; u < y.Length; u++)
                {
                    double m = double.NegativeInfinity;
                    for (int p = 0; p < layer.Pieces; p++) m = Math.Max(m, z[u * layer.Pieces + p]);
                    y[u] = m;
                }
                return y;
        }
    }
}
