namespace Polytopes.Geometry;

/// <summary>Comparisons of hyperplanes given by unit normals.</summary>
public static class Hyperplanes
{
    /// <summary>Whether {a1·x = b1} and {a2·x = b2} (unit normals, same orientation) are the same hyperplane:
    /// normals and offsets differ by at most the tolerance (offsets already divided by the length scale).</summary>
    public static bool Coincide(ReadOnlySpan<double> a1, double b1, ReadOnlySpan<double> a2, double b2, double tolerance)
    {
        if (Math.Abs(b1 - b2) > tolerance) return false;
        for (int t = 0; t < a1.Length; t++)
            if (Math.Abs(a1[t] - a2[t]) > tolerance) return false;
        return true;
    }
}
