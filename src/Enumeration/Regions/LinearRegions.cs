using System.Runtime.InteropServices;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Linear regions: connected unions of adjacent activation regions carrying the same output affine map (e.g. two
/// patterns that differ only in a unit that a dead unit downstream ignores). Counted with union–find while the
/// search records regions in id order: each region joins the earlier neighbours whose output maps agree with its
/// own up to <see cref="Tolerances.Coincidence"/> (<see cref="SameMap"/>,
/// tested in parallel when the region's record is built), so every neighbour edge is looked at once, from its
/// later end.
/// </summary>
public sealed class LinearRegions
{
    private readonly List<int> parent = new();

    /// <summary>The number of linear regions among the regions added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the next region (id = the number added so far), joined to the earlier regions
    /// <paramref name="sameMapEarlier"/> that border it with the same output map.</summary>
    public void Add(ReadOnlySpan<int> sameMapEarlier)
    {
        int id = parent.Count;
        parent.Add(id);
        Count++;
        var roots = CollectionsMarshal.AsSpan(parent);
        foreach (int j in sameMapEarlier)
        {
            int ri = Find(roots, id), rj = Find(roots, j);
            if (ri == rj) continue;
            roots[Math.Max(ri, rj)] = Math.Min(ri, rj);
            Count--;
        }
    }

    /// <summary>
    /// Whether two output maps (per output its gradient and constant, <paramref name="width"/> = d + 1 numbers) are
    /// the same affine map. Per output, each gradient entry must agree within <paramref name="tolerance"/> times the
    /// larger gradient's magnitude, and the constant within the tolerance times the larger of the constants and that
    /// magnitude. The parts are compared separately because a large constant says nothing about the slopes: with
    /// one scale for both, y = 2000 + 2e-6·x and y = 2000 passed for one map (and with a floor of 1, every map of a
    /// network whose outputs are all below 1e-9). Gradients that are both rounding noise next to the constant
    /// (<see cref="NumericGuards.MapGradientNoise"/>) count as equal.
    /// </summary>
    public static bool SameMap(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int width, double tolerance)
    {
        int d = width - 1;
        for (int o = 0; o < a.Length; o += width)
        {
            var ga = a.Slice(o, d);
            var gb = b.Slice(o, d);
            double gradient = Math.Max(VectorMath.MaxAbs(ga), VectorMath.MaxAbs(gb));
            double constant = Math.Max(Math.Abs(a[o + d]), Math.Abs(b[o + d]));
            if (gradient > NumericGuards.MapGradientNoise * constant)
                for (int t = 0; t < d; t++)
                    if (Math.Abs(ga[t] - gb[t]) > tolerance * gradient) return false;
            if (Math.Abs(a[o + d] - b[o + d]) > tolerance * Math.Max(constant, gradient)) return false;
        }
        return true;
    }

    /// <summary>The numbers of <see cref="SameMap"/>'s test of the first output's constant, kept apart from the maps
    /// so that a region's neighbours can be told apart without reading theirs.</summary>
    internal readonly record struct Sketch(double Constant, double Gradient)
    {
        /// <summary>The sketch of output maps of <paramref name="width"/> = d + 1 numbers an output.</summary>
        public static Sketch Of(ReadOnlySpan<double> maps, int width) =>
            maps.Length < width ? default : new(maps[width - 1], VectorMath.MaxAbs(maps[..(width - 1)]));

        /// <summary>True when the maps sketched are not the same map: their first outputs' constants differ by
        /// more than <see cref="SameMap"/> allows, computed as it does (false: they may be).</summary>
        public bool Differs(Sketch other, double tolerance)
        {
            double gradient = Math.Max(Gradient, other.Gradient);
            double constant = Math.Max(Math.Abs(Constant), Math.Abs(other.Constant));
            return Math.Abs(Constant - other.Constant) > tolerance * Math.Max(constant, gradient);
        }
    }

    private static int Find(Span<int> parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }
}
