using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Certification;

/// <summary>
/// The pattern just across a facet, decided exactly: the rule of <see cref="PatternRules.Across"/> with every
/// "is zero" and every sign taken in rational arithmetic. A unit can change state only if its pre-activation
/// vanishes on the whole facet — it owns the facet (its row lies on the facet's hyperplane) or its map is
/// identically zero on the region; its far-side pre-activation (computed from the far-side states of earlier
/// layers) then vanishes on the hyperplane, so it is λ·(n·x − b) and the far-side state is the sign of its
/// derivative along the outward normal n. Every other unit is non-zero at the facet's witness point (which is
/// strictly inside its row) and keeps its state. So the result is the pattern of the points w + εn for small
/// ε &gt; 0, where w is any point of the facet's relative interior.
/// </summary>
internal static class ExactPatternRules
{
    /// <summary>Far-side states and maps across the facet with outward normal <paramref name="normal"/> (any
    /// positive multiple) owned by the (unit, piece) pairs in <paramref name="owners"/> (piece −1 for ReLU).</summary>
    public static (byte[] States, ExactPatternMaps Maps) Across(ExactNetwork net, ReadOnlySpan<byte> parentStates,
        ExactPatternMaps parent, ReadOnlySpan<Rational> normal, IReadOnlySet<(int Unit, int Piece)> owners)
    {
        var layout = net.Layout;
        int d = layout.InputDim;
        var states = parentStates.ToArray();
        var child = new ExactPatternMaps(net);
        for (int l = 0; l < layout.LayerCount; l++)
        {
            child.ComputePre(l);
            var layer = layout.Layer(l);
            for (int u = 0; u < layer.UnitCount; u++)
            {
                int unit = layout.UnitOffset[l] + u;
                if (layer.Activation == Activation.Maxout)
                {
                    states[unit] = FarSideWinner(layout, l, u, parentStates[unit], parent, child, normal, owners);
                    continue;
                }
                if (!owners.Contains((unit, -1)) && !ExactPatternMaps.IsZero(parent.PreRow(l, u))) continue;
                var slope = Rational.Dot(child.PreRow(l, u)[..d], normal);
                states[unit] = (byte)(slope.IsPositive ? 1 : 0);
            }
            child.ComputePost(l, states);
        }
        return (states, child);
    }

    /// <summary>Among the pieces tied with the winner on the whole facet (owners, or identical to the winner on
    /// the region), the one growing fastest across it; the lowest index among equals.</summary>
    private static byte FarSideWinner(NetworkLayout layout, int l, int u, byte winner, ExactPatternMaps parent,
        ExactPatternMaps child, ReadOnlySpan<Rational> normal, IReadOnlySet<(int Unit, int Piece)> owners)
    {
        int d = layout.InputDim, k = layout.Layer(l).Pieces, unit = layout.UnitOffset[l] + u;
        var gw = parent.PreRow(l, u * k + winner);
        int best = -1;
        Rational bestSlope = default;
        for (int p = 0; p < k; p++)
        {
            bool ties = p == winner || owners.Contains((unit, p)) || parent.PreRow(l, u * k + p).SequenceEqual(gw);
            if (!ties) continue;
            var slope = Rational.Dot(child.PreRow(l, u * k + p)[..d], normal);
            if (best < 0 || slope > bestSlope) { best = p; bestSlope = slope; }
        }
        return (byte)best;
    }
}
