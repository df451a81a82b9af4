namespace Polytopes.Geometry.Tests;

/// <summary>Random bounded polytopes around the origin: the box [-1,1]^d plus random half-spaces with unit
/// normals and offsets in [0.1, 1] (so the origin is interior), optionally with duplicate rows (positive multiples
/// of other rows, their offsets optionally moved by up to ±<c>jitter</c> after normalisation) and rows supporting the
/// box at a corner (touching it, if at all, only there).</summary>
internal static class RandomPolytopes
{
    public static double[] UnitNormal(Random rng, int d)
    {
        while (true)
        {
            var g = new double[d];
            for (int j = 0; j < d; j++)
            {
                // Box–Muller: a Gaussian vector has a uniformly distributed direction.
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                g[j] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
            double norm = VectorMath.Norm(g);
            if (norm < 1e-3) continue;
            for (int j = 0; j < d; j++) g[j] /= norm;
            return g;
        }
    }

    /// <summary>The polytope's rows and offsets as lists, to insert rows into.</summary>
    public static (List<double[]> Rows, List<double> Rhs) Lists(HPolytope p) =>
        (Enumerable.Range(0, p.Count).Select(i => p.Row(i).ToArray()).ToList(),
         Enumerable.Range(0, p.Count).Select(p.Rhs).ToList());

    public static HPolytope Make(Random rng, int d, int cuts, int duplicates = 0, int cornerRows = 0, bool shuffle = false,
        double jitter = 0)
    {
        var rows = new List<double[]>();
        var rhs = new List<double>();
        for (int j = 0; j < d; j++)
        {
            var e = new double[d]; e[j] = 1; rows.Add(e); rhs.Add(1);
            var f = new double[d]; f[j] = -1; rows.Add(f); rhs.Add(1);
        }
        for (int k = 0; k < cuts; k++)
        {
            rows.Add(UnitNormal(rng, d));
            rhs.Add(0.1 + 0.9 * rng.NextDouble());
        }
        for (int k = 0; k < cornerRows; k++)
        {
            // A normal in the orthant of a random corner s supports the box exactly at s.
            var s = Enumerable.Range(0, d).Select(_ => rng.Next(2) == 0 ? -1.0 : 1.0).ToArray();
            var a = UnitNormal(rng, d).Select((v, j) => Math.Abs(v) * s[j]).ToArray();
            rows.Add(a);
            rhs.Add(VectorMath.Dot(a, s));
        }
        int before = rows.Count;
        double[] factors = [1, 2, 0.5, 3, 0.1];
        for (int k = 0; k < duplicates; k++)
        {
            int src = rng.Next(before);
            double f = factors[rng.Next(factors.Length)];
            rows.Add(rows[src].Select(v => f * v).ToArray());
            // Every row before the duplicates has a unit normal, so f·jitter here is a jitter after normalisation.
            rhs.Add(f * (rhs[src] + jitter * (2 * rng.NextDouble() - 1)));
        }
        if (shuffle)
        {
            for (int i = rows.Count - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (rows[i], rows[j]) = (rows[j], rows[i]);
                (rhs[i], rhs[j]) = (rhs[j], rhs[i]);
            }
        }
        return HPolytope.FromRows(rows, rhs);
    }
}
