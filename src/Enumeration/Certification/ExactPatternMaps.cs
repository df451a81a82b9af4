using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Certification;

/// <summary>The network's parameters as exact rationals, converted once: every weight, bias, skip weight and
/// leaky slope is a double and so an exact binary fraction (float32 weights included).</summary>
internal sealed class ExactNetwork
{
    public ExactNetwork(Network network)
    {
        Layout = new NetworkLayout(network);
        Weights = network.Layers.Select(l => Rational.FromDoubles(l.Weight)).ToArray();
        Biases = network.Layers.Select(l => Rational.FromDoubles(l.Bias)).ToArray();
        Slopes = network.Layers.Select(l => Rational.FromDouble(l.NegativeSlope)).ToArray();
        SkipWeights = network.Layers.Select(l => l.Skip?.Weight is { } w ? Rational.FromDoubles(w) : null).ToArray();
        Integers = new IntegerNetwork(network, Layout);
    }

    public NetworkLayout Layout { get; }
    /// <summary>The same parameters as integers per layer exponent, for the fast path.</summary>
    public IntegerNetwork Integers { get; }
    public Rational[][] Weights { get; }
    public Rational[][] Biases { get; }
    public Rational[] Slopes { get; }
    public Rational[]?[] SkipWeights { get; }
}

/// <summary>
/// The exact affine maps x ↦ a·x + c of every pre- and post-activation for one activation pattern: the same
/// layer-by-layer recursion as the floating-point <see cref="PatternMaps"/> (pre_l = W_l·post_{l−1} + b_l + skip,
/// post_l from the unit states), in <see cref="Rational"/> arithmetic. All entries stay dyadic, so no gcd is
/// ever taken here. Row r of <see cref="Pre"/> is (gradient, constant), d + 1 entries.
/// </summary>
internal sealed class ExactPatternMaps
{
    private readonly ExactNetwork net;
    private readonly NetworkLayout layout;
    // Every post-activation map; null for maps made by Of, which keep only the output maps (in output).
    private readonly Rational[]? post;
    private readonly Rational[]? output;
    private readonly bool[] postZero;

    public ExactPatternMaps(ExactNetwork net)
    {
        this.net = net;
        layout = net.Layout;
        Pre = new Rational[layout.PreRows * layout.Width];
        post = new Rational[layout.PostRows * layout.Width];
        postZero = new bool[layout.PostRows];
    }

    private ExactPatternMaps(ExactNetwork net, Rational[] pre, Rational[] output)
    {
        this.net = net;
        layout = net.Layout;
        Pre = pre;
        this.output = output;
        postZero = [];
    }

    public Rational[] Pre { get; }

    public ReadOnlySpan<Rational> PreRow(int layer, int row) =>
        Pre.AsSpan((layout.PreOffset[layer] + row) * layout.Width, layout.Width);

    private Span<Rational> PreRowMutable(int layer, int row) =>
        Pre.AsSpan((layout.PreOffset[layer] + row) * layout.Width, layout.Width);

    private Rational[] Post => post ?? throw new InvalidOperationException("maps made by Of keep no post-activations (use OfRational)");

    private ReadOnlySpan<Rational> PostRow(int layer, int unit) =>
        Post.AsSpan((layout.PostOffset[layer] + unit) * layout.Width, layout.Width);

    /// <summary>All maps of the pattern with the given states (one per unit), computed in integers
    /// (<see cref="IntegerPatternMaps"/>). Such maps give pre-activation rows and output maps only; to continue a
    /// recursion (<see cref="ComputePre"/>) use <see cref="OfRational"/>. They hold only those (the certifier
    /// computes them for every region: the other post-activations were a third of its allocations).</summary>
    public static ExactPatternMaps Of(ExactNetwork net, ReadOnlySpan<byte> states)
    {
        var (pre, output) = IntegerPatternMaps.Compute(net.Integers, states);
        return new ExactPatternMaps(net, pre, output);
    }

    /// <summary>As <see cref="Of(ExactNetwork, ReadOnlySpan{byte})"/>, computed from the previous pattern's maps that
    /// <paramref name="incremental"/> holds (the same values).</summary>
    public static ExactPatternMaps Of(ExactNetwork net, IncrementalPatternMaps incremental, ReadOnlySpan<byte> states)
    {
        var (pre, output) = incremental.Compute(states);
        return new ExactPatternMaps(net, pre, output);
    }

    /// <summary>All maps of the pattern by the rational recursion (the reference the integer path is tested
    /// against).</summary>
    public static ExactPatternMaps OfRational(ExactNetwork net, ReadOnlySpan<byte> states)
    {
        var maps = new ExactPatternMaps(net);
        for (int l = 0; l < net.Layout.LayerCount; l++)
        {
            maps.ComputePre(l);
            maps.ComputePost(l, states);
        }
        return maps;
    }

    /// <summary>The output maps, row-major (outputs × (d+1)).</summary>
    public Rational[] OutputMaps()
    {
        if (output != null) return (Rational[])output.Clone();
        int l = layout.LayerCount - 1, n = layout.Layer(l).OutputWidth, w = layout.Width;
        var maps = new Rational[n * w];
        for (int u = 0; u < n; u++) PostRow(l, u).CopyTo(maps.AsSpan(u * w, w));
        return maps;
    }

    /// <summary>pre_l from post_{l−1} (or the input) and the skip connection.</summary>
    public void ComputePre(int l)
    {
        var post = Post;
        var layer = layout.Layer(l);
        int w = layout.Width, d = layout.InputDim, inWidth = layer.InputWidth;
        var weight = net.Weights[l];
        var bias = net.Biases[l];
        for (int r = 0; r < layer.Rows; r++)
        {
            var row = PreRowMutable(l, r);
            if (l == 0)
            {
                weight.AsSpan(r * inWidth, inWidth).CopyTo(row);
                row[d] = bias[r];
                continue;
            }
            row.Clear();
            row[d] = bias[r];
            int postBase = layout.PostOffset[l - 1];
            for (int j = 0; j < inWidth; j++)
            {
                var wj = weight[r * inWidth + j];
                if (wj.IsZero || postZero[postBase + j]) continue;
                var src = post.AsSpan((postBase + j) * w, w);
                for (int t = 0; t < w; t++) if (!src[t].IsZero) row[t] += wj * src[t];
            }
        }
        AddSkip(l);
    }

    private void AddSkip(int l)
    {
        var layer = layout.Layer(l);
        if (layer.Skip is not { } skip) return;
        int w = layout.Width, d = layout.InputDim;
        int fromWidth = skip.From < 0 ? d : layout.Layer(skip.From).OutputWidth;
        var weight = net.SkipWeights[l];
        for (int r = 0; r < layer.Rows; r++)
        {
            var row = PreRowMutable(l, r);
            for (int j = 0; j < fromWidth; j++)
            {
                var s = weight == null ? (j == r ? Rational.One : Rational.Zero) : weight[r * fromWidth + j];
                if (s.IsZero) continue;
                if (skip.From < 0) { row[j] += s; continue; }
                var src = PostRow(skip.From, j);
                for (int t = 0; t < w; t++) if (!src[t].IsZero) row[t] += s * src[t];
            }
        }
    }

    /// <summary>post_l from pre_l and the states of layer l's units.</summary>
    public void ComputePost(int l, ReadOnlySpan<byte> states)
    {
        var post = Post;
        var layer = layout.Layer(l);
        int w = layout.Width, unitBase = layout.UnitOffset[l], postBase = layout.PostOffset[l];
        for (int u = 0; u < layer.OutputWidth; u++)
        {
            var dst = post.AsSpan((postBase + u) * w, w);
            ReadOnlySpan<Rational> src;
            var factor = Rational.One;
            switch (layer.Activation)
            {
                case Activation.Relu:
                    src = PreRow(l, u);
                    if (states[unitBase + u] == 0) factor = Rational.Zero;
                    break;
                case Activation.LeakyRelu:
                    src = PreRow(l, u);
                    if (states[unitBase + u] == 0) factor = net.Slopes[l];
                    break;
                case Activation.Maxout:
                    src = PreRow(l, u * layer.Pieces + states[unitBase + u]);
                    break;
                default:
                    src = PreRow(l, u);
                    break;
            }
            bool zero = true;
            for (int t = 0; t < w; t++)
            {
                dst[t] = factor == Rational.One ? src[t] : factor * src[t];
                if (!dst[t].IsZero) zero = false;
            }
            postZero[postBase + u] = zero;
        }
    }

    /// <summary>Whether every entry of the map (gradient and constant) is zero.</summary>
    public static bool IsZero(ReadOnlySpan<Rational> map)
    {
        foreach (var v in map) if (!v.IsZero) return false;
        return true;
    }

    /// <summary>Whether the gradient part (all but the last entry) is zero.</summary>
    public static bool GradientIsZero(ReadOnlySpan<Rational> map) => IsZero(map[..^1]);
}
