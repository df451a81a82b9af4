using System.Buffers;
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
    // Every number of the maps in one array (one allocation, one copy in CopyFrom), in parts: the pre-activation
    // rows; the post-activations column-major per layer (column t, gradient component t or the constant for t = d,
    // holds the value for every unit of the layer contiguously, so each pre-activation entry is one vectorised dot
    // product of a weight row with a column); each pre-activation row's scale; each post-activation's 1-norm; and
    // each pre-activation row's history, the magnitude of everything summed into it since it was last computed in
    // full (an incremental update adds and subtracts terms, so its rounding error follows this, not the row's
    // scale now).
    private readonly double[] block;
    private readonly int preLength, postStart, scaleStart, normStart, historyStart;

    public PatternMaps(NetworkLayout layout)
    {
        this.layout = layout;
        preLength = layout.PreRows * layout.Width;
        postStart = preLength;
        scaleStart = postStart + layout.PostRows * layout.Width;
        normStart = scaleStart + layout.PreRows;
        historyStart = normStart + layout.PostRows;
        block = new double[historyStart + layout.PreRows];
        States = new byte[layout.UnitCount];
    }

    /// <summary>Room for the unit states these maps are for, travelling with them through the pool: a candidate's
    /// and a region's states are its maps' (allocated afresh, they were a quarter of the bytes a 2-128-128 search
    /// allocated).</summary>
    public byte[] States { get; }

    private Span<double> postColumns => block.AsSpan(postStart, scaleStart - postStart);
    private Span<double> postNorm => block.AsSpan(normStart, layout.PostRows);
    private Span<double> preHistory => block.AsSpan(historyStart, layout.PreRows);

    /// <summary>Pre-activation maps, row-major: row r is (gradient, constant).</summary>
    public Span<double> Pre => block.AsSpan(0, preLength);
    public Span<double> PreScale => block.AsSpan(scaleStart, layout.PreRows);

    public Span<double> PreRow(int layer, int row) =>
        Pre.Slice((layout.PreOffset[layer] + row) * layout.Width, layout.Width);

    /// <summary>The output maps, row-major (outputs × (d+1)), each gradient that is rounding noise set to exactly
    /// zero: one whose norm is at most <paramref name="zeroGradient"/> (<see cref="Tolerances.ZeroGradient"/>) times
    /// the magnitudes summed into the output (its scale), the test that makes a unit's map identically zero. An
    /// output constant on a region, whose exact gradient is 0, could come out as ±2e-16 through cancellation, and
    /// then had a gradient angle and a decision boundary 1e16 away.</summary>
    public double[] OutputMaps(double zeroGradient)
    {
        int l = layout.LayerCount - 1, n = layout.Layer(l).OutputWidth, w = layout.Width, d = layout.InputDim;
        var column = PostColumns(l);
        var maps = new double[n * w];
        for (int u = 0; u < n; u++)
            for (int t = 0; t < w; t++) maps[u * w + t] = column[t * n + u];
        var layer = layout.Layer(l);
        int pieces = layer.Activation == Activation.Maxout ? layer.Pieces : 1, preBase = layout.PreOffset[l];
        var scale = PreScale;
        for (int u = 0; u < n; u++)
        {
            // The output's pre-activation row (for maxout, the largest scale among the unit's pieces).
            double magnitude = 0;
            for (int p = 0; p < pieces; p++) magnitude = Math.Max(magnitude, scale[preBase + u * pieces + p]);
            var gradient = maps.AsSpan(u * w, d);
            if (VectorMath.Norm(gradient) <= zeroGradient * magnitude) gradient.Clear();
        }
        return maps;
    }

    private Span<double> PostColumns(int l) =>
        postColumns.Slice(layout.PostOffset[l] * layout.Width, layout.Layer(l).OutputWidth * layout.Width);

    /// <summary>pre_l from post_{l−1} (or from the input, for the first layer).</summary>
    public void ComputePre(int l)
    {
        var layer = layout.Layer(l);
        int w = layout.Width, d = layout.InputDim, inWidth = layer.InputWidth;
        var weight = layer.Weight;
        var bias = layer.Bias;
        int preBase = layout.PreOffset[l];
        if (l == 0)
        {
            for (int r = 0; r < layer.Rows; r++)
            {
                var row = Pre.Slice((preBase + r) * w, w);
                weight.Slice(r * inWidth, inWidth).CopyTo(row);
                row[d] = bias[r];
                PreScale[preBase + r] = Math.Abs(bias[r]) + layout.AbsRowSum(0, r);
            }
            AddSkip(l);
            StartHistory(l);
            return;
        }
        var columns = PostColumns(l - 1);
        var inputNorm = postNorm.Slice(layout.PostOffset[l - 1], inWidth);
        var absWeight = layout.AbsWeight(l);
        for (int r = 0; r < layer.Rows; r++)
            PreRow(r, preBase, w, d, inWidth, weight, bias, absWeight, columns, inputNorm);
        AddSkip(l);
        StartHistory(l);
    }

    /// <summary>Row r of pre_l (l ≥ 1) in full from post_{l−1}, with its scale (skip connections not included).</summary>
    private void ComputePreRow(int l, int r)
    {
        var layer = layout.Layer(l);
        int inWidth = layer.InputWidth;
        PreRow(r, layout.PreOffset[l], layout.Width, layout.InputDim, inWidth, layer.Weight, layer.Bias,
            layout.AbsWeight(l), PostColumns(l - 1), postNorm.Slice(layout.PostOffset[l - 1], inWidth));
    }

    // One row of pre_l and its scale; the layer's spans are the caller's (a loop over the rows takes them once).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void PreRow(int r, int preBase, int w, int d, int inWidth, ReadOnlySpan<double> weight,
        ReadOnlySpan<double> bias, ReadOnlySpan<double> absWeight, ReadOnlySpan<double> columns,
        ReadOnlySpan<double> inputNorm)
    {
        var row = Pre.Slice((preBase + r) * w, w);
        var wr = weight.Slice(r * inWidth, inWidth);
        for (int t = 0; t < w; t++) row[t] = VectorMath.DotSimd(wr, columns.Slice(t * inWidth, inWidth));
        row[d] += bias[r];
        PreScale[preBase + r] = Math.Abs(bias[r]) + VectorMath.DotSimd(absWeight.Slice(r * inWidth, inWidth), inputNorm);
    }

    // A row computed in full has summed exactly the magnitudes its scale measures.
    private void StartHistory(int l)
    {
        int preBase = layout.PreOffset[l], rows = layout.Layer(l).Rows;
        PreScale.Slice(preBase, rows).CopyTo(preHistory.Slice(preBase, rows));
    }

    /// <summary>Adds S · x_from to layer l's pre-activation maps (x_from: the input's identity map, or an
    /// earlier layer's post-activation maps).</summary>
    private void AddSkip(int l)
    {
        var layer = layout.Layer(l);
        if (layer.Skip is not { } skip) return;
        int w = layout.Width, d = layout.InputDim, preBase = layout.PreOffset[l];
        int fromWidth = skip.From < 0 ? d : layout.Layer(skip.From).OutputWidth;
        var columns = skip.From < 0 ? default : PostColumns(skip.From);
        for (int r = 0; r < layer.Rows; r++)
        {
            var row = Pre.Slice((preBase + r) * w, w);
            for (int j = 0; j < fromWidth; j++)
            {
                double s = skip.IsIdentity ? (j == r ? 1 : 0) : skip.Weight![r * fromWidth + j];
                if (s == 0) continue;
                if (skip.From < 0) { row[j] += s; PreScale[preBase + r] += Math.Abs(s); continue; }
                for (int t = 0; t < w; t++) row[t] += s * columns[t * fromWidth + j];
                PreScale[preBase + r] += Math.Abs(s) * postNorm[layout.PostOffset[skip.From] + j];
            }
        }
    }

    /// <summary>Makes this a copy of <paramref name="other"/> (same layout).</summary>
    public void CopyFrom(PatternMaps other) => other.block.CopyTo(block, 0);

    /// <summary>
    /// pre_l from <paramref name="parent"/>'s pre_l when only the given units of layer l−1 have a different
    /// post-activation here than there: pre_l += W_l[:, j] ⊗ (post_j − parent post_j) for those j. A facet
    /// crossing changes a few units, so this is O(rows × changed × (d+1)) instead of O(rows × width × (d+1)).
    /// A row whose scale has fallen far below the magnitudes summed into it since it was last computed in full
    /// (<see cref="NumericGuards.IncrementalMapRoundoff"/>) is computed in full again: its rounding error follows those
    /// magnitudes, and would otherwise pass for a real value when the row is, in exact arithmetic, small or zero —
    /// a unit whose inputs all died across the facet, which must be identically zero and off.
    /// </summary>
    public void UpdatePre(int l, PatternMaps parent, ReadOnlySpan<int> changed)
    {
        int w = layout.Width, inWidth = layout.Layer(l).InputWidth, normBase = layout.PostOffset[l - 1];
        var mine = PostColumns(l - 1);
        var theirs = parent.PostColumns(l - 1);
        Span<double> delta = stackalloc double[w];
        foreach (int j in changed)
        {
            for (int t = 0; t < w; t++) delta[t] = mine[t * inWidth + j] - theirs[t * inWidth + j];
            AddColumnChange(l, j, delta, postNorm[normBase + j], parent.postNorm[normBase + j]);
        }
        RecomputeDriftedRows(l);
    }

    /// <summary>
    /// The given units of a ReLU or leaky ReLU layer l made to take their states from <paramref name="states"/>, in
    /// place: their post_l
    /// from <paramref name="source"/>'s pre_l (as <see cref="ComputePost(int, ReadOnlySpan{byte}, PatternMaps)"/>
    /// writes it), and pre_{l+1} updated for them as <see cref="UpdatePre"/> does (its drifted rows computed in
    /// full): the subdivision's maps of a cell from those of the cell found before it, in the same cell of the
    /// layers before.
    /// </summary>
    public void UpdatePost(int l, ReadOnlySpan<byte> states, PatternMaps source, ReadOnlySpan<int> changed)
    {
        var layer = layout.Layer(l);
        int w = layout.Width, n = layer.OutputWidth, normBase = layout.PostOffset[l];
        double offFactor = layer.Activation == Activation.LeakyRelu ? layer.NegativeSlope : 0;
        Span<double> factor = [offFactor, 1];
        var columns = PostColumns(l);
        var maps = source.Pre.Slice(layout.PreOffset[l] * w, n * w);
        var layerStates = states.Slice(layout.UnitOffset[l], n);
        Span<double> delta = stackalloc double[w];
        foreach (int u in changed)
        {
            for (int t = 0; t < w; t++) delta[t] = -columns[t * n + u];
            double before = postNorm[normBase + u];
            double after = postNorm[normBase + u] = WritePost(maps.Slice(u * w, w), factor[layerStates[u]], columns, u, n);
            for (int t = 0; t < w; t++) delta[t] += columns[t * n + u];
            AddColumnChange(l + 1, u, delta, after, before);
        }
        RecomputeDriftedRows(l + 1);
    }

    /// <summary>pre_l += W_l[:, j] ⊗ delta, where input j of layer l (post_{l−1}'s unit j) changed by delta, its
    /// 1-norm from <paramref name="normBefore"/> to <paramref name="normAfter"/>: the rows' scales follow, and their
    /// histories add up both norms (the magnitudes whose rounding the rows now carry).</summary>
    private void AddColumnChange(int l, int j, ReadOnlySpan<double> delta, double normAfter, double normBefore)
    {
        int w = layout.Width, preBase = layout.PreOffset[l];
        var weight = layout.WeightColumn(l, j);
        var absWeight = layout.AbsWeightColumn(l, j);
        var pre = Pre.Slice(preBase * w, weight.Length * w);
        var scale = PreScale.Slice(preBase, weight.Length);
        var history = preHistory.Slice(preBase, weight.Length);
        RowUpdates.AddScaled(pre, weight, delta);
        // A zero weight adds ±0 to a scale or history, which are never −0: no change, as skipping it.
        RowUpdates.AddMultiple(scale, absWeight, normAfter - normBefore);
        RowUpdates.AddMultiple(history, absWeight, normAfter + normBefore);
    }

    /// <summary>Rows of pre_l whose rounding, by their history, is no longer small against their scale
    /// (<see cref="NumericGuards.IncrementalMapRoundoff"/>), computed in full.</summary>
    private void RecomputeDriftedRows(int l)
    {
        int preBase = layout.PreOffset[l], rows = layout.Layer(l).Rows;
        // On the stack, or rented for a wide layer: an array kept by each maps object was 20 bytes a region more.
        int[]? rented = null;
        Span<int> drifted = rows <= 256 ? stackalloc int[256] : rented = ArrayPool<int>.Shared.Rent(rows);
        int count = RowUpdates.Drifted(preHistory.Slice(preBase, rows), PreScale.Slice(preBase, rows), drifted);
        foreach (int r in drifted[..count]) RecomputeRow(l, r); // each changes only its own numbers
        if (rented != null) ArrayPool<int>.Shared.Return(rented);
    }

    /// <summary>Row r of pre_l computed in full, its history started afresh.</summary>
    private void RecomputeRow(int l, int r)
    {
        ComputePreRow(l, r);
        int at = layout.PreOffset[l] + r;
        preHistory[at] = PreScale[at];
    }

    /// <summary>The units of layer l whose post-activation map differs from <paramref name="parent"/>'s.</summary>
    public void ChangedPost(int l, PatternMaps parent, List<int> changed)
    {
        changed.Clear();
        int n = layout.Layer(l).OutputWidth;
        var mine = PostColumns(l);
        var theirs = parent.PostColumns(l);
        for (int u = 0; u < n; u++)
            if (PostDiffers(mine, theirs, u, n)) changed.Add(u);
    }

    /// <summary>As <see cref="ChangedPost(int, PatternMaps, List{int})"/>, looking only at the given units (the
    /// others are known to be equal).</summary>
    public void ChangedPost(int l, PatternMaps parent, ReadOnlySpan<int> among, List<int> changed)
    {
        changed.Clear();
        int n = layout.Layer(l).OutputWidth;
        var mine = PostColumns(l);
        var theirs = parent.PostColumns(l);
        foreach (int u in among)
            if (PostDiffers(mine, theirs, u, n)) changed.Add(u);
    }

    private bool PostDiffers(ReadOnlySpan<double> mine, ReadOnlySpan<double> theirs, int u, int n)
    {
        for (int t = 0; t < layout.Width; t++)
            if (mine[t * n + u] != theirs[t * n + u]) return true;
        return false;
    }

    /// <summary>post_l from pre_l and the states of layer l's units.</summary>
    public void ComputePost(int l, ReadOnlySpan<byte> states) => ComputePost(l, states, this);

    /// <summary>post_l from the pre-activations of layer l in <paramref name="source"/> (a ReLU-type or identity
    /// layer): this one's post_l, and then its pre_{l+1}, need none of its own earlier layers.</summary>
    public void ComputePost(int l, ReadOnlySpan<byte> states, PatternMaps source)
    {
        var layer = layout.Layer(l);
        int n = layer.OutputWidth;
        var columns = PostColumns(l);
        if (layer.Activation == Activation.Maxout)
        {
            if (source != this) throw new ArgumentException("maxout post-activations from this maps' own rows only");
            for (int u = 0; u < n; u++) ComputePostUnit(l, states, u, columns);
            return;
        }
        // ReLU-type and identity layers: post_u = f·pre_u with f from the unit's state (ComputePostUnit's numbers,
        // in one loop over the layer: the search recomputes whole layers after most facet crossings).
        int w = layout.Width, unitBase = layout.UnitOffset[l], normBase = layout.PostOffset[l];
        bool identity = layer.Activation is not (Activation.Relu or Activation.LeakyRelu); // no units, no states
        double offFactor = layer.Activation == Activation.LeakyRelu ? layer.NegativeSlope : 0;
        var maps = source.Pre.Slice(layout.PreOffset[l] * w, n * w);
        var norms = postNorm.Slice(normBase, n);
        if (identity)
        {
            for (int u = 0; u < n; u++) norms[u] = WritePost(maps.Slice(u * w, w), 1, columns, u, n);
            return;
        }
        // The factor looked up by the state (0 or 1) rather than chosen by a branch: units are as often on as off,
        // and a branch on the state mispredicted about every other unit.
        Span<double> factor = [offFactor, 1];
        var layerStates = states.Slice(unitBase, n);
        for (int u = 0; u < n; u++) norms[u] = WritePost(maps.Slice(u * w, w), factor[layerStates[u]], columns, u, n);
    }

    /// <summary>post_l of the given units only (the others are already right).</summary>
    public void ComputePost(int l, ReadOnlySpan<byte> states, ReadOnlySpan<int> units)
    {
        var columns = PostColumns(l);
        foreach (int u in units) ComputePostUnit(l, states, u, columns);
    }

    private void ComputePostUnit(int l, ReadOnlySpan<byte> states, int u, Span<double> columns)
    {
        var layer = layout.Layer(l);
        int n = layer.OutputWidth;
        int unitBase = layout.UnitOffset[l];
        Span<double> src;
        double f = 1;
        switch (layer.Activation)
        {
            case Activation.Relu:
                src = PreRow(l, u);
                if (states[unitBase + u] == 0) f = 0;
                break;
            case Activation.LeakyRelu:
                src = PreRow(l, u);
                if (states[unitBase + u] == 0) f = layer.NegativeSlope;
                break;
            case Activation.Maxout:
                src = PreRow(l, u * layer.Pieces + states[unitBase + u]);
                break;
            default:
                src = PreRow(l, u);
                break;
        }
        postNorm[layout.PostOffset[l] + u] = WritePost(src, f, columns, u, n);
    }

    /// <summary>Unit u's post-activation map f·pre into column-major <paramref name="columns"/> (n units a column);
    /// returns its 1-norm.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double WritePost(ReadOnlySpan<double> pre, double f, Span<double> columns, int u, int n)
    {
        double norm = 0;
        for (int t = 0; t < pre.Length; t++)
        {
            double v = f * pre[t];
            columns[t * n + u] = v;
            norm += Math.Abs(v);
        }
        return norm;
    }

    /// <summary>Whether the map has a gradient that is zero relative to its scale.</summary>
    /// <summary>Whether the map is identically zero (gradient and constant) relative to its scale: a unit whose
    /// inputs are all dead, or a zero row.</summary>
    public static bool IsIdenticallyZero(ReadOnlySpan<double> map, double scale, double tolerance) =>
        GradientIsZero(map, scale, tolerance) && Math.Abs(map[^1]) <= tolerance * scale;

    public static bool GradientIsZero(ReadOnlySpan<double> map, double scale, double tolerance) =>
        VectorMath.Norm(map[..^1]) <= tolerance * scale;

    /// <summary>Value of map at x.</summary>
    public static double Evaluate(ReadOnlySpan<double> map, ReadOnlySpan<double> x) =>
        VectorMath.Dot(map[..^1], x) + map[^1];
}
