using System.Runtime.CompilerServices;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Certification;

/// <summary>
/// The exact halfspaces of one activation pattern, in the same order and with the same meaning as the
/// floating-point <see cref="RegionConstraints"/>: the 2d box sides first (x_j &lt;= hi_j is side 2j, −x_j &lt;= −lo_j
/// is side 2j+1; none for all of R^d), then one row per ReLU unit (on: −g(x) &lt;= 0, off: g(x) &lt;= 0) and k−1
/// rows per maxout unit (g_p − g_winner &lt;= 0). Rows are not normalised. A unit whose map is exactly constant
/// gives no row; if the constant contradicts its state, or the pattern is not canonical (state 1 for an
/// identically-zero unit, a tie won by the higher piece), there is no region: <see cref="Build"/> returns null.
/// Where the floating-point rows decide "zero" with a tolerance, these decide it exactly.
/// </summary>
internal sealed class ExactRegionRows
{
    private ExactRegionRows(ExactPolytope polytope, int[] unit, int[] piece)
    {
        Polytope = polytope;
        Unit = unit;
        Piece = piece;
    }

    public ExactPolytope Polytope { get; }
    /// <summary>Owner of each row: the unit index, or −1 − side for a box side.</summary>
    public int[] Unit { get; }
    /// <summary>For maxout rows the losing piece p of g_p − g_winner; −1 otherwise.</summary>
    public int[] Piece { get; }

    /// <summary>These rows only, renumbered 0, 1, … in the given order, with their owners.</summary>
    public ExactRegionRows WithRows(int[] rows) =>
        new(Polytope.WithRows(rows), rows.Select(r => Unit[r]).ToArray(), rows.Select(r => Piece[r]).ToArray());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ExactRegionRows? Build(NetworkLayout layout, Box? box, ExactPatternMaps maps, ReadOnlySpan<byte> states)
    {
        int d = layout.InputDim;
        // At most every unit's rows (fewer when a unit's map is constant): filled in place, trimmed at the end.
        int capacity = box != null ? 2 * d : 0;
        for (int l = 0; l < layout.LayerCount; l++)
        {
            var layer = layout.Layer(l);
            if (layer.Activation == Activation.Identity) continue;
            capacity += layer.Activation == Activation.Maxout ? layer.UnitCount * (layer.Pieces - 1) : layer.UnitCount;
        }
        var a = new Rational[capacity * d];
        var b = new Rational[capacity];
        var unitOf = new int[capacity];
        var pieceOf = new int[capacity];
        int count = 0;
        void Add(ReadOnlySpan<Rational> gradient, Rational rhs, int unit, int piece, bool negate)
        {
            for (int t = 0; t < d; t++) a[count * d + t] = negate ? -gradient[t] : gradient[t];
            b[count] = rhs;
            unitOf[count] = unit;
            pieceOf[count] = piece;
            count++;
        }
        if (box != null)
        {
            for (int j = 0; j < d; j++)
            {
                var e = new Rational[d];
                e[j] = Rational.One;
                Add(e, Rational.FromDouble(box.Hi[j]), -1 - 2 * j, -1, false);
                Add(e, -Rational.FromDouble(box.Lo[j]), -2 - 2 * j, -1, true);
            }
        }
        var diff = new Rational[d + 1];
        for (int l = 0; l < layout.LayerCount; l++)
        {
            var layer = layout.Layer(l);
            if (layer.Activation == Activation.Identity) continue;
            for (int u = 0; u < layer.UnitCount; u++)
            {
                int unit = layout.UnitOffset[l] + u;
                byte state = states[unit];
                if (layer.Activation != Activation.Maxout)
                {
                    var g = maps.PreRow(l, u);
                    if (ExactPatternMaps.GradientIsZero(g))
                    {
                        if (g[d].IsPositive != (state == 1)) return null;
                        continue;
                    }
                    // on: −g(x) <= 0, i.e. −grad·x <= c; off: g(x) <= 0, i.e. grad·x <= −c.
                    Add(g[..d], state == 1 ? g[d] : -g[d], unit, -1, state == 1);
                    continue;
                }
                int k = layer.Pieces;
                if (state >= k) return null;
                var gw = maps.PreRow(l, u * k + state);
                for (int p = 0; p < k; p++)
                {
                    if (p == state) continue;
                    var gp = maps.PreRow(l, u * k + p);
                    for (int t = 0; t <= d; t++) diff[t] = gp[t] - gw[t];
                    if (ExactPatternMaps.GradientIsZero(diff))
                    {
                        if (diff[d].IsZero ? p < state : diff[d].IsPositive) return null;
                        continue;
                    }
                    Add(diff.AsSpan(0, d), -diff[d], unit, p, false);
                }
            }
        }
        if (count < capacity)
        {
            Array.Resize(ref a, count * d);
            Array.Resize(ref b, count);
            Array.Resize(ref unitOf, count);
            Array.Resize(ref pieceOf, count);
        }
        return new ExactRegionRows(new ExactPolytope(d, a, b), unitOf, pieceOf);
    }
}
