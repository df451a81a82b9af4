using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Decides activation patterns while computing their maps layer by layer: the pattern at a point, and the pattern
/// just across a facet of a region. Both decide each layer's states from that layer's pre-activation maps, which
/// depend only on the states of earlier layers, so one pass gives the pattern and all its maps.
/// </summary>
internal sealed class PatternRules(NetworkLayout layout, Tolerances tol)
{
    /// <summary>The canonical pattern at x: ReLU on iff its pre-activation at x is positive (a map that is
    /// identically zero is off); maxout the highest piece, lowest index among equals.</summary>
    public void PatternAt(ReadOnlySpan<double> x, Span<byte> states, PatternMaps maps)
    {
        int d = layout.InputDim;
        for (int l = 0; l < layout.LayerCount; l++)
        {
            maps.ComputePre(l);
            var layer = layout.Layer(l);
            int pre = layout.PreOffset[l];
            for (int u = 0; u < layer.UnitCount; u++)
            {
                int unit = layout.UnitOffset[l] + u;
                if (layer.Activation != Activation.Maxout)
                {
                    var g = maps.PreRow(l, u);
                    double scale = maps.PreScale[pre + u];
                    bool zero = PatternMaps.IsIdenticallyZero(g, scale, tol.ZeroGradient);
                    states[unit] = (byte)(!zero && PatternMaps.Evaluate(g, x) > 0 ? 1 : 0);
                    continue;
                }
                int k = layer.Pieces, best = 0;
                double bestValue = PatternMaps.Evaluate(maps.PreRow(l, u * k), x);
                for (int p = 1; p < k; p++)
                {
                    double v = PatternMaps.Evaluate(maps.PreRow(l, u * k + p), x);
                    double scale = maps.PreScale[pre + u * k + p] + maps.PreScale[pre + u * k + best];
                    if (v > bestValue + tol.ZeroGradient * scale) { best = p; bestValue = v; }
                }
                states[unit] = (byte)best;
            }
            maps.ComputePost(l, states);
        }
    }

    /// <summary>
    /// The pattern the network has just across the facet with unit outward normal <paramref name="normal"/> of
    /// the region with <paramref name="parentStates"/> and maps <paramref name="parent"/>. A unit can change
    /// state only where its pre-activation vanishes on the whole facet: it owns the facet (its hyperplane is the
    /// facet's), or its map is identically zero on the region. For such a unit the pre-activation on the far side
    /// (computed from the far-side states of earlier layers) vanishes on the facet's hyperplane by continuity, so
    /// it is λ·(distance across) and its far-side state is the sign of its derivative along the normal. Every
    /// other unit keeps its state (its pre-activation is non-zero on the facet's relative interior). This is why
    /// one facet leads to exactly one neighbour, and why crossing a facet owned by several units flips them
    /// together.
    /// </summary>
    public void Across(ReadOnlySpan<byte> parentStates, PatternMaps parent, ReadOnlySpan<double> normal,
        FacetOwners owners, ReadOnlySpan<int> zeroUnits, Span<byte> states, PatternMaps child)
    {
        parentStates.CopyTo(states);
        // Layers before the shallowest owner keep their states (see above), so their maps are the parent's; from
        // there on only the units whose post-activation changed feed a (rank-few) update of the next layer, unless
        // so many changed that recomputing is cheaper. Skip connections take the full recomputation.
        bool incremental = !layout.HasSkips && owners.ShallowestLayer >= 0;
        int firstLayer = incremental ? owners.ShallowestLayer : 0;
        // The deepest layer with a unit that may change state: below it, once no post-activation differs from the
        // parent's, nothing else can.
        int lastDeciding = owners.DeepestLayer;
        foreach (int unit in zeroUnits) lastDeciding = Math.Max(lastDeciding, layout.UnitLayer[unit]);
        if (incremental) child.CopyFrom(parent);
        for (int l = firstLayer; l < layout.LayerCount; l++)
        {
            // Whether pre_l is the parent's: at the first layer decided, and wherever no input changed (then only
            // the units deciding here can change their post-activation).
            bool preSame = incremental && l == firstLayer;
            if (!incremental) child.ComputePre(l);
            else if (l > firstLayer)
            {
                if (changedPost.Count == 0)
                {
                    if (l > lastDeciding) return; // nothing differs from here on: the rest is the parent's
                    preSame = true;
                }
                else if (4 * changedPost.Count > layout.Layer(l).InputWidth) child.ComputePre(l);
                else child.UpdatePre(l, parent, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(changedPost));
            }
            var layer = layout.Layer(l);
            int first = layout.UnitOffset[l], end = first + layer.UnitCount;
            if (layer.Activation == Activation.Maxout)
                for (int u = 0; u < layer.UnitCount; u++)
                    states[first + u] = FarSideWinner(l, u, parentStates[first + u], parent, child, normal, owners);
            else
            {
                // Only the owners and the units identically zero on the region may change (see above).
                foreach (int unit in owners.Units)
                    if (unit >= first && unit < end) states[unit] = FarSideState(l, unit - first, child, normal);
                foreach (int unit in zeroUnits)
                    if (unit >= first && unit < end) states[unit] = FarSideState(l, unit - first, child, normal);
            }
            if (preSame)
            {
                // Same pre-activations as the parent here: only units whose state changed can have a new post.
                stateChanged.Clear();
                for (int unit = first; unit < end; unit++)
                    if (states[unit] != parentStates[unit]) stateChanged.Add(unit - first);
                var changed = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stateChanged);
                child.ComputePost(l, states, changed);
                child.ChangedPost(l, parent, changed, changedPost);
                continue;
            }
            child.ComputePost(l, states);
            if (incremental) child.ChangedPost(l, parent, changedPost);
        }
    }

    /// <summary>A ReLU-type unit's state just across the facet: on iff its far-side pre-activation grows along
    /// the outward normal.</summary>
    private byte FarSideState(int l, int u, PatternMaps child, ReadOnlySpan<double> normal)
    {
        int d = layout.InputDim;
        double slope = VectorMath.Dot(child.PreRow(l, u)[..d], normal);
        return (byte)(slope > tol.ZeroGradient * child.PreScale[layout.PreOffset[l] + u] ? 1 : 0);
    }

    private readonly List<int> stateChanged = new();
    private readonly List<int> changedPost = new();

    /// <summary>
    /// The same pattern as <see cref="Across"/> without computing any map, when that is possible: every owner lies
    /// in one layer l and no unit beyond the first unit layer is identically zero on the region. Then only the
    /// owners can change state, the layers before l keep their states, so the owners' far-side pre-activation
    /// maps are their region maps. Returns false when the full computation is needed.
    /// </summary>
    public bool TryAcrossQuickly(ActivationPattern parentPattern, PatternMaps parent, ReadOnlySpan<double> normal,
        FacetOwners owners, bool zeroUnitsBeyondFirstLayer, List<(int Unit, byte State)> changes)
    {
        changes.Clear();
        int l = owners.DeepestLayer;
        if (l < 0 || owners.ShallowestLayer != l || zeroUnitsBeyondFirstLayer) return false;
        var layer = layout.Layer(l);
        int d = layout.InputDim, pre = layout.PreOffset[l];
        foreach (int unit in owners.Units)
        {
            int u = unit - layout.UnitOffset[l];
            byte state;
            if (layer.Activation == Activation.Maxout)
                state = FarSideWinner(l, u, parentPattern[unit], parent, parent, normal, owners);
            else
            {
                double slope = VectorMath.Dot(parent.PreRow(l, u)[..d], normal);
                state = (byte)(slope > tol.ZeroGradient * parent.PreScale[pre + u] ? 1 : 0);
            }
            if (state != parentPattern[unit]) changes.Add((unit, state));
        }
        return true;
    }

    /// <summary>Among the pieces that tie with the winner on the whole facet (owners of the facet, or identical
    /// to the winner on the region), the one growing fastest across it; lowest index among equals.</summary>
    private byte FarSideWinner(int l, int u, byte winner, PatternMaps parent, PatternMaps child,
        ReadOnlySpan<double> normal, FacetOwners owners)
    {
        var layer = layout.Layer(l);
        int d = layout.InputDim, k = layer.Pieces, pre = layout.PreOffset[l];
        int unit = layout.UnitOffset[l] + u;
        var gw = parent.PreRow(l, u * k + winner);
        int best = -1;
        double bestSlope = 0;
        for (int p = 0; p < k; p++)
        {
            bool ties = p == winner || owners.Owns(unit, p);
            if (!ties)
            {
                var gp = parent.PreRow(l, u * k + p);
                double scale = parent.PreScale[pre + u * k + p] + parent.PreScale[pre + u * k + winner];
                ties = true;
                for (int t = 0; t <= d && ties; t++) ties = Math.Abs(gp[t] - gw[t]) <= tol.ZeroGradient * scale;
            }
            if (!ties) continue;
            double slope = VectorMath.Dot(child.PreRow(l, u * k + p)[..d], normal);
            double margin = tol.ZeroGradient * child.PreScale[pre + u * k + p];
            if (best < 0 || slope > bestSlope + margin) { best = p; bestSlope = slope; }
        }
        return (byte)best;
    }
}
