using System.Runtime.InteropServices;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Linear regions: connected unions of adjacent activation regions carrying the same output affine map (e.g. two
/// patterns that differ only in a unit that a dead unit downstream ignores). Counted with union–find while the
/// search records regions in id order: each region joins the earlier neighbours whose output maps agree with its
/// own up to <see cref="Tolerances.Coincidence"/> relative to the larger map's magnitude (<see cref="SameMap"/>,
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

    public static bool SameMap(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tolerance)
    {
        double magnitude = Math.Max(1, Math.Max(VectorMath.MaxAbs(a), VectorMath.MaxAbs(b)));
        for (int t = 0; t < a.Length; t++)
            if (Math.Abs(a[t] - b[t]) > tolerance * magnitude) return false;
        return true;
    }

    private static int Find(Span<int> parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }
}
