using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Linear regions: connected unions of adjacent activation regions carrying the same output affine map (e.g. two
/// patterns that differ only in a unit that a dead unit downstream ignores). Counted with union–find over the
/// neighbour edges whose two output maps agree up to <see cref="Tolerances.Coincidence"/> relative to the
/// larger map's magnitude.
/// </summary>
public static class LinearRegions
{
    public static int Count(IReadOnlyList<double[]> outputMaps, IReadOnlyList<int[]> adjacency, Tolerances tol)
    {
        var parent = new int[outputMaps.Count];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        int components = parent.Length;
        for (int i = 0; i < adjacency.Count; i++)
        {
            foreach (int j in adjacency[i])
            {
                if (j <= i || j >= outputMaps.Count || !SameMap(outputMaps[i], outputMaps[j], tol.Coincidence)) continue;
                int ri = Find(parent, i), rj = Find(parent, j);
                if (ri == rj) continue;
                parent[Math.Max(ri, rj)] = Math.Min(ri, rj);
                components--;
            }
        }
        return components;
    }

    public static bool SameMap(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tolerance)
    {
        double magnitude = Math.Max(1, Math.Max(VectorMath.MaxAbs(a), VectorMath.MaxAbs(b)));
        for (int t = 0; t < a.Length; t++)
            if (Math.Abs(a[t] - b[t]) > tolerance * magnitude) return false;
        return true;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    }
}
