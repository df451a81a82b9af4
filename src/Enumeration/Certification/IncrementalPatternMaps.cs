using Polytopes.Enumeration.Regions;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Certification;

/// <summary>
/// The exact integer maps (<see cref="IntegerPatternMaps"/>, Int128) of a sequence of patterns, each computed from
/// the previous one's as the float search's maps are: a layer's pre-activation rows change only by
/// W[:, j]·(new − old post-activation of j) for the inputs j whose post-activation changed, and a unit's
/// post-activation only when its state or its pre-activation row did. Consecutive regions of a breadth-first
/// search differ in a few first-layer units (2-128-128: 3.4 of 61 live, in id order), so a wide layer's rows cost
/// a few columns instead of all. Integer arithmetic is exact, so the maps are the same as computed afresh (tests
/// compare them); an Int128 overflow falls back to <see cref="IntegerPatternMaps.Compute"/> (BigInteger) and the
/// next pattern starts afresh. One object per worker thread: not thread-safe.
/// </summary>
internal sealed class IncrementalPatternMaps(IntegerNetwork net)
{
    private readonly NetworkLayout layout = net.Layout;
    private readonly Int128[] pre = new Int128[net.Layout.PreRows * net.Layout.Width];
    private readonly Int128[] post = new Int128[net.Layout.PostRows * net.Layout.Width];
    private readonly Int128[] oldPost = new Int128[net.Layout.PostRows * net.Layout.Width];
    private readonly bool[] postZero = new bool[net.Layout.PostRows];
    private readonly bool[] postChanged = new bool[net.Layout.PostRows];
    private readonly Int128[] delta = new Int128[net.Layout.Width];
    private readonly List<int> changedInputs = new();
    private byte[] states = [];
    private bool holdsMaps;

    /// <summary>Patterns whose maps came from the previous ones (not computed afresh).</summary>
    public int Updates { get; private set; }

    /// <summary>Pre-activation maps (PreRows × (d+1)) and output post-activation maps of the pattern, as
    /// rationals: the same values as <see cref="IntegerPatternMaps.Compute"/>.</summary>
    public (Rational[] Pre, Rational[] Output) Compute(ReadOnlySpan<byte> next)
    {
        try
        {
            var constants = net.As<Int128>();
            if (holdsMaps && next.Length == states.Length)
            {
                Update(constants, next);
                Updates++;
            }
            else
            {
                for (int l = 0; l < layout.LayerCount; l++)
                {
                    IntegerPatternMaps.ComputePre(net, constants, l, pre, post, postZero);
                    IntegerPatternMaps.ComputePost(net, constants, l, next, pre, post, postZero);
                }
                states = new byte[next.Length];
            }
            next.CopyTo(states);
            holdsMaps = true;
            return IntegerPatternMaps.ToRationals<Int128>(net, pre, post);
        }
        catch (OverflowException)
        {
            holdsMaps = false;
            return IntegerPatternMaps.Compute(net, next);
        }
    }

    /// <summary>From the maps of <see cref="states"/> to those of <paramref name="next"/>, layer by layer.</summary>
    private void Update(IntegerNetwork.Constants<Int128> constants, ReadOnlySpan<byte> next)
    {
        int w = layout.Width;
        for (int l = 0; l < layout.LayerCount; l++)
        {
            var layer = layout.Layer(l);
            bool preChanged = UpdatePre(constants, l);
            int unitBase = layout.UnitOffset[l], postBase = layout.PostOffset[l];
            for (int u = 0; u < layer.OutputWidth; u++)
            {
                int row = postBase + u;
                bool stateChanged = layer.UnitCount > 0 && next[unitBase + u] != states[unitBase + u];
                if (!preChanged && !stateChanged) { postChanged[row] = false; continue; }
                var current = post.AsSpan(row * w, w);
                current.CopyTo(oldPost.AsSpan(row * w, w));
                IntegerPatternMaps.ComputePost(net, constants, l, u, next, pre, post, postZero);
                postChanged[row] = !current.SequenceEqual(oldPost.AsSpan(row * w, w));
            }
        }
    }

    /// <summary>Layer l's pre-activation rows after its inputs' post-activations changed: by the changes when few
    /// did, afresh when half or more of the live inputs did. Whether any row may have changed.</summary>
    private bool UpdatePre(IntegerNetwork.Constants<Int128> constants, int l)
    {
        if (l == 0) return false; // its input, x, never changes
        var layer = layout.Layer(l);
        int inBase = layout.PostOffset[l - 1], inWidth = layer.InputWidth;
        changedInputs.Clear();
        int live = 0;
        for (int j = 0; j < inWidth; j++)
        {
            if (postChanged[inBase + j]) changedInputs.Add(j);
            if (!postZero[inBase + j]) live++;
        }
        int skipFrom = layer.Skip is { From: >= 0 } skip ? skip.From : -1;
        bool skipChanged = false;
        if (skipFrom >= 0)
            for (int j = 0; j < layout.Layer(skipFrom).OutputWidth; j++)
                skipChanged |= postChanged[layout.PostOffset[skipFrom] + j];
        if (changedInputs.Count == 0 && !skipChanged) return false;
        if (skipChanged || 2 * changedInputs.Count >= live)
        {
            IntegerPatternMaps.ComputePre(net, constants, l, pre, post, postZero);
            return true;
        }
        int w = layout.Width, preBase = layout.PreOffset[l];
        var weights = constants.Weights[l];
        foreach (int j in changedInputs)
        {
            for (int t = 0; t < w; t++) delta[t] = checked(post[(inBase + j) * w + t] - oldPost[(inBase + j) * w + t]);
            for (int r = 0; r < layer.Rows; r++)
            {
                var wj = weights[r * inWidth + j];
                if (wj == Int128.Zero) continue;
                var row = pre.AsSpan((preBase + r) * w, w);
                for (int t = 0; t < w; t++) row[t] = IntegerPatternMaps.MultiplyAdd(row[t], wj, delta[t]);
            }
        }
        return true;
    }
}
