namespace Polytopes.Enumeration.Networks;

/// <summary>One affine map z = W x + b followed by an activation. Immutable; validated on construction.</summary>
public sealed class Layer
{
    private readonly double[] weight; // row-major, Rows × InputWidth (PyTorch nn.Linear.weight layout)
    private readonly double[] bias;

    public Layer(double[,] weight, double[] bias, Activation activation, double negativeSlope = 0.01, int pieces = 1,
        SkipConnection? skip = null)
        : this(Flatten(weight), weight.GetLength(0), weight.GetLength(1), bias, activation, negativeSlope, pieces, skip) { }

    public Layer(double[] weightRowMajor, int rows, int inputWidth, double[] bias, Activation activation,
        double negativeSlope = 0.01, int pieces = 1, SkipConnection? skip = null)
    {
        if (rows <= 0) throw new NetworkFormatException("a layer needs at least one row");
        if (inputWidth <= 0) throw new NetworkFormatException("a layer needs at least one input");
        if (weightRowMajor.Length != rows * inputWidth)
            throw new NetworkFormatException($"weight has {weightRowMajor.Length} entries, expected {rows}×{inputWidth}");
        if (bias.Length != rows)
            throw new NetworkFormatException($"bias has length {bias.Length} but weight has {rows} rows");
        foreach (var w in weightRowMajor)
            if (!double.IsFinite(w)) throw new NetworkFormatException("weight contains a non-finite number");
        foreach (var v in bias)
            if (!double.IsFinite(v)) throw new NetworkFormatException("bias contains a non-finite number");
        if (activation == Activation.LeakyRelu && !double.IsFinite(negativeSlope))
            throw new NetworkFormatException("negative_slope is not a finite number");
        if (activation == Activation.Maxout)
        {
            if (pieces < 1) throw new NetworkFormatException($"maxout pieces must be at least 1, got {pieces}");
            if (rows % pieces != 0)
                throw new NetworkFormatException($"maxout: {rows} rows are not divisible by {pieces} pieces");
        }
        else pieces = 1;

        weight = weightRowMajor.ToArray();
        this.bias = bias.ToArray();
        Rows = rows;
        InputWidth = inputWidth;
        Activation = activation;
        NegativeSlope = activation == Activation.LeakyRelu ? negativeSlope : 0;
        Pieces = pieces;
        Skip = skip;
    }

    public int Rows { get; }
    public int InputWidth { get; }
    public Activation Activation { get; }
    /// <summary>Slope for z &lt;= 0; meaningful for leaky ReLU only.</summary>
    public double NegativeSlope { get; }
    /// <summary>Pieces per maxout unit; 1 for every other activation.</summary>
    public int Pieces { get; }

    /// <summary>A skip connection added to this layer's pre-activation, if any (validated by the network).</summary>
    public SkipConnection? Skip { get; }

    /// <summary>Width of the layer's output (maxout: Rows / Pieces).</summary>
    public int OutputWidth => Rows / Pieces;

    /// <summary>Units with an activation state (0 for identity layers).</summary>
    public int UnitCount => Activation == Activation.Identity ? 0 : OutputWidth;

    public ReadOnlySpan<double> Weight => weight;
    public ReadOnlySpan<double> WeightRow(int row) => weight.AsSpan(row * InputWidth, InputWidth);
    public ReadOnlySpan<double> Bias => bias;

    private static double[] Flatten(double[,] w)
    {
        var flat = new double[w.Length];
        int k = 0;
        for (int i = 0; i < w.GetLength(0); i++)
            for (int j = 0; j < w.GetLength(1); j++)
                flat[k++] = w[i, j];
        return flat;
    }
}
