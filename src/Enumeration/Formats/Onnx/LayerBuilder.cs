using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Formats.Onnx;

/// <summary>
/// Turns pre-activations (affine in earlier network values) into network layers. A layer's pre-activation is
/// W · x_{l−1} + b + S · x_from: the term in the previous layer's output is the main weight (zero if absent), one
/// other term becomes the skip connection (identity when its matrix is the identity). A pre-activation that sums
/// three or more sources (several residual branches meeting) is spread over a chain of identity layers, each
/// adding one more source; identity layers have no units, so the regions are unchanged.
/// </summary>
internal sealed class LayerBuilder(int inputDim)
{
    private readonly List<Layer> layers = new();

    public IReadOnlyList<Layer> Layers => layers;

    /// <summary>The source index of the most recent layer's output (−1: the network input).</summary>
    public int Last => layers.Count - 1;

    public int Width(int source) => source < 0 ? inputDim : layers[source].OutputWidth;

    /// <summary>Adds the layer(s) computing activation(pre) and returns the new layer's output, x_new itself.
    /// Maxout: rows j·pieces .. j·pieces+pieces−1 of <paramref name="pre"/> are unit j's pieces.</summary>
    public AffineRows Emit(AffineRows pre, Activation activation, double negativeSlope = 0.01, int pieces = 1)
    {
        pre = pre.WithoutZeroTerms();
        int rows = pre.Rows;
        int previous = Last;
        var main = pre.Terms.TryGetValue(previous, out var mainTerm) ? mainTerm.Matrix : new double[rows * Width(previous)];
        var others = pre.Terms.Where(kv => kv.Key != previous).ToList();
        if (others.Count <= 1)
        {
            var skip = others.Count == 0 ? null : Skip(others[0].Key, others[0].Value, rows);
            Add(main, rows, Width(previous), pre.Constant, activation, negativeSlope, pieces, skip);
        }
        else
        {
            // z_1 = main + S_1 x_1; z_k = z_{k−1} + S_k x_k; the last adds the constant and the activation.
            Add(main, rows, Width(previous), new double[rows], Activation.Identity, 0, 1, Skip(others[0].Key, others[0].Value, rows));
            var identity = AffineRows.Identity(-1, rows).Terms[-1].Matrix;
            for (int k = 1; k < others.Count; k++)
            {
                bool final = k == others.Count - 1;
                Add(identity, rows, rows, final ? pre.Constant : new double[rows], final ? activation : Activation.Identity,
                    negativeSlope, final ? pieces : 1, Skip(others[k].Key, others[k].Value, rows));
            }
        }
        return AffineRows.Identity(Last, layers[Last].OutputWidth);
    }

    private static SkipConnection Skip(int source, AffineRows.Term term, int rows) =>
        term.Width == rows && AffineRows.IsIdentity(term.Matrix, rows)
            ? new SkipConnection(source)
            : new SkipConnection(source, term.Matrix);

    private void Add(double[] weight, int rows, int inputWidth, double[] bias, Activation activation, double slope,
        int pieces, SkipConnection? skip)
    {
        try
        {
            layers.Add(new Layer(weight, rows, inputWidth, bias, activation, slope, pieces, skip));
        }
        catch (NetworkFormatException e)
        {
            throw new OnnxProblem($"layer {layers.Count}: {e.Message}");
        }
    }
}
