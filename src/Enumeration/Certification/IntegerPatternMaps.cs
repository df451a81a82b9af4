using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Certification;

/// <summary>
/// The network's parameters as integers with one power-of-two exponent per layer, so that the exact maps of a
/// pattern are integer matrix products: every pre-activation entry of layer l is N·2^−PreExponent[l] and every
/// post-activation entry N·2^−PostExponent[l] (the input's identity map has exponent 0). The alignment shifts
/// are folded into the constants once: pre_l = W_l·post_{l−1} + b_l + S_l·post_from needs no shift at run
/// time, and a leaky unit's post is pre·2^e (on) or pre·s (off) for the slope s·2^−e. Every double is such an
/// integer times a power of two, so this is exact.
/// </summary>
internal sealed class IntegerNetwork
{
    public IntegerNetwork(Network network, NetworkLayout layout)
    {
        Layout = layout;
        int layers = network.Layers.Count;
        PreExponent = new int[layers];
        PostExponent = new int[layers];
        Weights = new BigInteger[layers][];
        Biases = new BigInteger[layers][];
        Skips = new BigInteger[layers][];
        SlopeOff = new BigInteger[layers];
        SlopeOn = new BigInteger[layers];
        for (int l = 0; l < layers; l++)
        {
            var layer = network.Layers[l];
            var w = Rational.FromDoubles(layer.Weight);
            var b = Rational.FromDoubles(layer.Bias);
            int ew = MaxExponent(w), eb = MaxExponent(b);
            int inputExponent = l == 0 ? 0 : PostExponent[l - 1];
            int exponent = Math.Max(ew + inputExponent, eb);
            Rational[]? s = null;
            int es = 0, fromExponent = 0;
            if (layer.Skip is { } skip)
            {
                s = skip.Weight is { } sw ? Rational.FromDoubles(sw) : null;
                es = s == null ? 0 : MaxExponent(s);
                fromExponent = skip.From < 0 ? 0 : PostExponent[skip.From];
                exponent = Math.Max(exponent, es + fromExponent);
            }
            PreExponent[l] = exponent;
            Weights[l] = Scaled(w, exponent - inputExponent);
            Biases[l] = Scaled(b, exponent);
            if (layer.Skip is { } sk)
            {
                int fromWidth = sk.From < 0 ? network.InputDim : network.Layers[sk.From].OutputWidth;
                s ??= Identity(layer.Rows, fromWidth);
                Skips[l] = Scaled(s, exponent - fromExponent);
            }
            else Skips[l] = [];
            var slope = Rational.FromDouble(layer.NegativeSlope);
            int eSlope = layer.Activation == Activation.LeakyRelu ? MaxExponent([slope]) : 0;
            PostExponent[l] = exponent + eSlope;
            SlopeOn[l] = BigInteger.One << eSlope;
            SlopeOff[l] = layer.Activation == Activation.LeakyRelu ? Scaled([slope], eSlope)[0] : BigInteger.Zero;
        }
    }

    /// <summary>The integer constants as <typeparamref name="T"/> (converted once per type; throws
    /// <see cref="OverflowException"/> if one does not fit).</summary>
    public Constants<T> As<T>() where T : IBinaryInteger<T>
    {
        lock (converted)
        {
            if (converted.TryGetValue(typeof(T), out var c)) return c as Constants<T> ?? throw new OverflowException();
            Constants<T>? made = null;
            try { made = new Constants<T>(this); }
            finally { converted[typeof(T)] = made; }
            return made;
        }
    }

    private readonly Dictionary<Type, object?> converted = new();

    /// <summary>The constants of <see cref="IntegerNetwork"/> in one integer type.</summary>
    public sealed class Constants<T> where T : IBinaryInteger<T>
    {
        public Constants(IntegerNetwork n)
        {
            Weights = n.Weights.Select(Convert).ToArray();
            Biases = n.Biases.Select(Convert).ToArray();
            Skips = n.Skips.Select(Convert).ToArray();
            SlopeOn = Convert(n.SlopeOn);
            SlopeOff = Convert(n.SlopeOff);
        }

        public T[][] Weights { get; }
        public T[][] Biases { get; }
        public T[][] Skips { get; }
        public T[] SlopeOn { get; }
        public T[] SlopeOff { get; }

        private static T[] Convert(BigInteger[] values) => values.Select(T.CreateChecked).ToArray();
    }

    public NetworkLayout Layout { get; }
    public int[] PreExponent { get; }
    public int[] PostExponent { get; }
    /// <summary>Per layer, row-major, scaled so that W·post_{l−1} has exponent PreExponent[l].</summary>
    public BigInteger[][] Weights { get; }
    public BigInteger[][] Biases { get; }
    /// <summary>Per layer with a skip connection: the skip matrix (identity written out), scaled likewise.</summary>
    public BigInteger[][] Skips { get; }
    /// <summary>Leaky ReLU: post = pre·SlopeOn (state 1) or pre·SlopeOff (state 0); 1 and 0 for ReLU.</summary>
    public BigInteger[] SlopeOn { get; }
    public BigInteger[] SlopeOff { get; }

    private static int MaxExponent(Rational[] values)
    {
        int e = 0;
        foreach (var v in values)
            if (!v.IsZero) e = Math.Max(e, (int)(v.Denominator.GetBitLength() - 1)); // dyadic: 2^e
        return e;
    }

    /// <summary>v·2^exponent as integers (exact: every value's denominator divides 2^exponent).</summary>
    private static BigInteger[] Scaled(Rational[] values, int exponent)
    {
        var r = new BigInteger[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].IsZero) continue;
            int shift = exponent - (int)(values[i].Denominator.GetBitLength() - 1);
            r[i] = values[i].Numerator << shift;
        }
        return r;
    }

    private static Rational[] Identity(int rows, int columns)
    {
        var r = new Rational[rows * columns];
        for (int i = 0; i < Math.Min(rows, columns); i++) r[i * columns + i] = Rational.One;
        return r;
    }
}

/// <summary>
/// The exact maps of a pattern in integer arithmetic over <see cref="IntegerNetwork"/>, written once for any
/// integer type: <see cref="Int128"/> with checked operations first (fast, and enough for a few float32 layers),
/// <see cref="BigInteger"/> when an Int128 overflows. Gives the same values as the rational recursion of
/// <see cref="ExactPatternMaps"/> (tests compare them).
/// </summary>
internal static class IntegerPatternMaps
{
    /// <summary>Pre-activation maps (PreRows × (d+1)) and the output post-activation maps, as rationals.</summary>
    public static (Rational[] Pre, Rational[] Output) Compute(IntegerNetwork net, ReadOnlySpan<byte> states)
    {
        try
        {
            return Compute<Int128>(net, states);
        }
        catch (OverflowException)
        {
            return Compute<BigInteger>(net, states);
        }
    }

    // Jitted fully optimised at once: a run certifies each region once, so tiered compilation would leave this
    // hot loop unoptimised for much of a short run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (Rational[] Pre, Rational[] Output) Compute<T>(IntegerNetwork net, ReadOnlySpan<byte> states)
        where T : IBinaryInteger<T>
    {
        var layout = net.Layout;
        var constants = net.As<T>();
        int w = layout.Width;
        // Scratch from the shared pool (one region's maps are several kilobytes, computed once per region): rows
        // are accumulated into, so pre is cleared; post and postZero are written in full before they are read.
        var preBuffer = ArrayPool<T>.Shared.Rent(layout.PreRows * w);
        var postBuffer = ArrayPool<T>.Shared.Rent(layout.PostRows * w);
        var postZero = ArrayPool<bool>.Shared.Rent(layout.PostRows);
        try
        {
            var pre = preBuffer.AsSpan(0, layout.PreRows * w);
            pre.Clear();
            return Compute(net, constants, states, pre, postBuffer.AsSpan(0, layout.PostRows * w), postZero);
        }
        finally
        {
            bool references = RuntimeHelpers.IsReferenceOrContainsReferences<T>(); // BigInteger: let go of its digits
            ArrayPool<T>.Shared.Return(preBuffer, references);
            ArrayPool<T>.Shared.Return(postBuffer, references);
            ArrayPool<bool>.Shared.Return(postZero);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Rational[] Pre, Rational[] Output) Compute<T>(IntegerNetwork net, IntegerNetwork.Constants<T> constants,
        ReadOnlySpan<byte> states, Span<T> pre, Span<T> post, bool[] postZero) where T : IBinaryInteger<T>
    {
        for (int l = 0; l < net.Layout.LayerCount; l++)
        {
            ComputePre(net, constants, l, pre, post, postZero);
            ComputePost(net, constants, l, states, pre, post, postZero);
        }
        return ToRationals<T>(net, pre, post);
    }

    /// <summary>Layer l's pre-activation rows from the post-activations before it (rows of pre accumulated into:
    /// they must be zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ComputePre<T>(IntegerNetwork net, IntegerNetwork.Constants<T> constants, int l, Span<T> pre,
        ReadOnlySpan<T> post, bool[] postZero) where T : IBinaryInteger<T>
    {
        var layout = net.Layout;
        int w = layout.Width, d = layout.InputDim;
        var layer = layout.Layer(l);
        int inWidth = layer.InputWidth, preBase = layout.PreOffset[l];
        var weights = constants.Weights[l];
        var biases = constants.Biases[l];
        for (int r = 0; r < layer.Rows; r++)
        {
            var row = pre.Slice((preBase + r) * w, w);
            row.Clear();
            row[d] = biases[r];
            if (l == 0)
            {
                for (int t = 0; t < d; t++) row[t] = weights[r * inWidth + t];
            }
            else
            {
                int postBase = layout.PostOffset[l - 1];
                for (int j = 0; j < inWidth; j++)
                {
                    var wj = weights[r * inWidth + j];
                    if (postZero[postBase + j] || T.IsZero(wj)) continue;
                    var src = post.Slice((postBase + j) * w, w);
                    for (int t = 0; t < w; t++) row[t] = MultiplyAdd(row[t], wj, src[t]);
                }
            }
            if (layer.Skip is { } skip) AddSkip(net, constants.Skips[l], l, r, skip.From, row, post);
        }
    }

    /// <summary>The pre-activation maps and the output maps as rationals.</summary>
    internal static (Rational[] Pre, Rational[] Output) ToRationals<T>(IntegerNetwork net, ReadOnlySpan<T> pre,
        ReadOnlySpan<T> post) where T : IBinaryInteger<T>
    {
        var layout = net.Layout;
        int w = layout.Width;
        var pr = new Rational[layout.PreRows * w];
        for (int l = 0; l < layout.LayerCount; l++)
        {
            int from = layout.PreOffset[l] * w, to = from + layout.Layer(l).Rows * w;
            for (int k = from; k < to; k++) pr[k] = ToRational(pre[k], net.PreExponent[l]);
        }
        int last = layout.LayerCount - 1, outs = layout.Layer(last).OutputWidth;
        var output = new Rational[outs * w];
        for (int k = 0; k < output.Length; k++)
            output[k] = ToRational(post[layout.PostOffset[last] * w + k], net.PostExponent[last]);
        return (pr, output);
    }

    /// <summary>acc + a·b, checked. For Int128 the product of two factors that fit in 64 bits is one 64 × 64 → 128-bit
    /// multiplication, which cannot overflow (|a·b| ≤ 2^126); Int128's general checked product (a 256-bit product
    /// and its test) was most of the certifier's time on wide networks, whose maps are mostly such products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T MultiplyAdd<T>(T acc, T a, T b) where T : IBinaryInteger<T>
    {
        if (typeof(T) == typeof(Int128))
        {
            var x = Unsafe.As<T, Int128>(ref a);
            var y = Unsafe.As<T, Int128>(ref b);
            var product = FitsInLong(x) && FitsInLong(y) ? Math.BigMul((long)x, (long)y) : checked(x * y);
            var sum = checked(Unsafe.As<T, Int128>(ref acc) + product);
            return Unsafe.As<Int128, T>(ref sum);
        }
        return checked(acc + a * b);
    }

    /// <summary>Whether v is a long: its upper 64 bits are the sign extension of its lower.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FitsInLong(Int128 v) => (long)(v >> 64) == (long)v >> 63;

    /// <summary>v / 2^exponent, with the common factors of two removed in T before converting.</summary>
    private static Rational ToRational<T>(T v, int exponent) where T : IBinaryInteger<T>
    {
        if (T.IsZero(v)) return Rational.Zero;
        int shift = (int)Math.Min(long.CreateChecked(T.TrailingZeroCount(v)), exponent);
        return Rational.FromDyadic(BigInteger.CreateChecked(v >> shift), exponent - shift);
    }

    private static void AddSkip<T>(IntegerNetwork net, T[] skip, int l, int r, int from, Span<T> row, ReadOnlySpan<T> post)
        where T : IBinaryInteger<T>
    {
        var layout = net.Layout;
        int w = layout.Width, d = layout.InputDim;
        int fromWidth = from < 0 ? d : layout.Layer(from).OutputWidth;
        for (int j = 0; j < fromWidth; j++)
        {
            var s = skip[r * fromWidth + j];
            if (T.IsZero(s)) continue;
            if (from < 0) { row[j] = checked(row[j] + s); continue; }
            var src = post.Slice((layout.PostOffset[from] + j) * w, w);
            for (int t = 0; t < w; t++) row[t] = MultiplyAdd(row[t], s, src[t]);
        }
    }

    /// <summary>Layer l's post-activation rows from its pre-activations and states, with postZero.</summary>
    internal static void ComputePost<T>(IntegerNetwork net, IntegerNetwork.Constants<T> constants, int l,
        ReadOnlySpan<byte> states, ReadOnlySpan<T> pre, Span<T> post, bool[] postZero) where T : IBinaryInteger<T>
    {
        for (int u = 0; u < net.Layout.Layer(l).OutputWidth; u++) ComputePost(net, constants, l, u, states, pre, post, postZero);
    }

    /// <summary>Post-activation row u of layer l (the winning piece's row for maxout, the row times the state's slope
    /// for ReLU and leaky ReLU).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ComputePost<T>(IntegerNetwork net, IntegerNetwork.Constants<T> constants, int l, int u,
        ReadOnlySpan<byte> states, ReadOnlySpan<T> pre, Span<T> post, bool[] postZero) where T : IBinaryInteger<T>
    {
        var layout = net.Layout;
        var layer = layout.Layer(l);
        int w = layout.Width, unitBase = layout.UnitOffset[l], postBase = layout.PostOffset[l];
        int source = layer.Activation == Activation.Maxout ? u * layer.Pieces + states[unitBase + u] : u;
        var factor = T.One;
        if (layer.Activation is Activation.Relu or Activation.LeakyRelu)
            factor = states[unitBase + u] == 1 ? constants.SlopeOn[l] : constants.SlopeOff[l];
        var src = pre.Slice((layout.PreOffset[l] + source) * w, w);
        var dst = post.Slice((postBase + u) * w, w);
        bool zero = true;
        for (int t = 0; t < w; t++)
        {
            dst[t] = factor == T.One ? src[t] : checked(factor * src[t]);
            if (!T.IsZero(dst[t])) zero = false;
        }
        postZero[postBase + u] = zero;
    }
}
