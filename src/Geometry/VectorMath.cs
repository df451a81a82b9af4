namespace Polytopes.Geometry;

/// <summary>Small dense vector helpers on spans (no allocation).</summary>
public static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    public static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Dot(x, x));

    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    /// <summary>Euclidean distance between two points.</summary>
    public static double Distance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) { double t = x[i] - y[i]; s += t * t; }
        return Math.Sqrt(s);
    }
}
