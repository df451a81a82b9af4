using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The affine maps x ↦ a·x + c of every pre-activation and post-activation of the network for one activation
/// pattern, computed layer by layer: pre_l = W_l · post_{l−1} + b_l, then post_l from the unit states. This is
/// the unavoidable work per region (about d+1 forward passes). Each pre-activation row also gets a magnitude
/// scale (Σ|W|·|inputs| + |b|) so that "this map is zero" is decided relative to the numbers that made it.
/// </summary>
internal sealed class PatternMaps
{
    private readonly NetworkLayout layout;

    public PatternMaps(NetworkLayout layout)
    {
        this.layout = layout;
        Pre = new double[layout.PreRows * layout.Width];
        Post = new double[layout.PostRows * layout.Width];
        PreScale = new double[layout.PreRows];
        postNorm = new double[layout.PostRows];
    }

    private readonly double[] postNorm;
    public double[] Pre { get; }
    public double[] Post { get; }
    public double[] PreScale { get; }

    public Span<double> PreRow(int layer, int row) =>
        Pre.AsSpan((layout.PreOffset[layer] + row) * layout.Width, layout.Width);

    public ReadOnlySpan<double> OutputMaps =>
        Post.AsSpan(layout.OutputOffset * layout.Width, layout.Layer(layout.LayerCount - 1).OutputWidth * layout.Width);

    /// <summary>pre_l from post_{l−1} (or from the input, for the first layer).</summary>
    public void ComputePre(int l)
    {
        var layer = layout.Layer(l);
        int w = layout.Width, d = layout.InputDim, inWidth = layer.InputWidth;
        var weight = layer.Weight;
        var bias = layer.Bias;
        int preBase = layout.PreOffset[l] * w;
        if (l == 0)
        {
            for (int r = 0; r < layer.Rows; r++)
            {
                var row = Pre.AsSpan(preBase + r * w, w);
                weight.Slice(r * inWidth, inWidth).CopyTo(row);
                row[d] = bias[r];
                double s = Math.Abs(bias[r]);
                for (int j = 0; j < inWidth; j++) s += Math.Abs(weight[r * inWidth + j]);
                PreScale[layout.PreOffset[l] + r] = s;
            }
            return;
        }
        int postBase = layout.PostOffset[l - 1];
        var input = Post.AsSpan(postBase * w, inWidth * w);
        var inputNorm = postNorm.AsSpan(postBase, inWidth);
        for (int r = 0; r < layer.Rows; r++)
        {
            var row = Pre.AsSpan(preBase + r * w, w);
            row.Clear();
            double s = Math.Abs(bias[r]);
            var wr = weight.Slice(r * inWidth, inWidth);
            for (int j = 0; j < inWidth; j++)
            {
                double c = wr[j];
                if (c == 0) continue;
                var src = input.Slice(j * w, w);
                for (int t = 0; t < w; t++) row[t] += c * src[t];
                s += Math.Abs(c) * inputNorm[j];
            }
            row[d] += bias[r];
            PreScale[layout.PreOffset[l] + r] = s;
        }
    }

    /// <summary>post_l from pre_l and the states of layer l's units.</summary>
    public void ComputePost(int l, ReadOnlySpan<byte> states)
    {
        var layer = layout.Layer(l);
        int w = layout.Width;
        int unitBase = layout.UnitOffset[l];
        for (int u = 0; u < layer.OutputWidth; u++)
        {
            var dst = Post.AsSpan((layout.PostOffset[l] + u) * w, w);
            switch (layer.Activation)
            {
                case Activation.Identity:
                    PreRow(l, u).CopyTo(dst);
                    break;
                case Activation.Relu:
                    if (states[unitBase + u] != 0) PreRow(l, u).CopyTo(dst); else dst.Clear();
                    break;
                case Activation.LeakyRelu:
                    {
                        var src = PreRow(l, u);
                        double f = states[unitBase + u] != 0 ? 1 : layer.NegativeSlope;
                        for (int t = 0; t < w; t++) dst[t] = f * src[t];
                        break;
                    }
                case Activation.Maxout:
                    PreRow(l, u * layer.Pieces + states[unitBase + u]).CopyTo(dst);
                    break;
            }
            double norm = 0;
            foreach (var v in dst) norm += Math.Abs(v);
            postNorm[layout.PostOffset[l] + u] = norm;
        }
    }

    /// <summary>Whether the map has a gradient that is zero relative to its scale.</summary>
    public static bool GradientIsZero(ReadOnlySpan<double> map, double scale, double tolerance) =>
        VectorMath.Norm(map[..^1]) <= tolerance * scale;

    /// <summary>Value of map at x.</summary>
    public static double Evaluate(ReadOnlySpan<double> map, ReadOnlySpan<double> x) =>
        VectorMath.Dot(map[..^1], x) + map[^1];
}
