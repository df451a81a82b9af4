using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>The largest ball of a polytope inside an affine flat, measured within the flat: <see cref="Radius"/>
/// is the radius, <see cref="Centre"/> its centre (a point of the flat, in the original coordinates) and
/// <see cref="Dimension"/> the flat's dimension. For a 0-dimensional flat (a point) the radius is the point's
/// depth, min_i (b_i − A_i·x)/‖A_i‖: positive inside, about 0 on the boundary, negative outside.</summary>
public readonly record struct FlatBall(LpStatus Status, double[] Centre, double Radius, int Dimension);

/// <summary>
/// Chebyshev ball of P ∩ L for P = {x : A x &lt;= b} and the flat L = {x : N x = e} (k independent rows). L is
/// parametrised as x = x0 + U y, with x0 the projection of a reference point onto L and U an orthonormal basis
/// of the null space of N; the LP is then the ordinary Chebyshev LP in d − k variables,
/// <c>max r  s.t.  (A_i U)·y + ‖A_i U‖·r &lt;= b_i − A_i·x0</c>, solved by <see cref="ChebyshevSolver"/> from
/// y = 0. ‖A_i U‖ is the largest rate at which row i grows inside L, so r is the radius of a ball within L. A
/// row parallel to L (‖A_i U‖ at most <see cref="Tolerances.Coincidence"/> × ‖A_i‖) is constant on L: it is
/// dropped when (b_i − A_i·x0)/‖A_i‖ &gt;= −distance, and makes P ∩ L empty otherwise (radius −∞).
/// Used for the pieces of a decision boundary inside a region (L a hyperplane) and for the contact of two such
/// pieces across a facet (L of codimension 2). Not thread-safe.
/// </summary>
public sealed class FlatChebyshev(Tolerances? tolerances = null)
{
    private readonly Tolerances tol = (tolerances ?? Tolerances.Default).Validated();
    private readonly ChebyshevSolver chebyshev = new(tolerances ?? Tolerances.Default);

    /// <summary>The ball of p within the flat {x : normals_j·x = offsets_j}; <paramref name="reference"/> is a
    /// point near the expected answer (e.g. the region's centre); <paramref name="distance"/> the absolute slack
    /// allowed for rows parallel to the flat. Returns radius −∞ (status Infeasible) when the normals are
    /// dependent (no flat of the expected dimension) or a parallel row excludes the flat.</summary>
    public FlatBall Compute(HPolytope p, IReadOnlyList<double[]> normals, IReadOnlyList<double> offsets,
        ReadOnlySpan<double> reference, double distance)
    {
        int d = p.Dimension, k = normals.Count;
        if (k != offsets.Count) throw new ArgumentException("normals and offsets differ in number");
        var q = Orthonormalise(normals, tol.Coincidence);
        if (q == null || k > d) return Empty(reference, d - k);
        var x0 = Project(reference, normals, offsets, q);
        var basis = Complement(q, d);
        int n = d - k;

        var rows = new List<double>();
        var rhs = new List<double>();
        for (int i = 0; i < p.Count; i++)
        {
            var a = p.Row(i);
            double norm = VectorMath.Norm(a);
            if (norm == 0) { if (p.Rhs(i) < 0) return Empty(x0, n); continue; }
            double slack = p.Rhs(i) - VectorMath.Dot(a, x0);
            var projected = new double[n];
            for (int t = 0; t < n; t++) projected[t] = VectorMath.Dot(a, basis[t]);
            if (VectorMath.Norm(projected) <= tol.Coincidence * norm)
            {
                if (slack < -distance * norm) return Empty(x0, n);
                continue;
            }
            if (n == 0) continue;
            rows.AddRange(projected);
            rhs.Add(slack);
        }

        if (n == 0)
        {
            double depth = double.PositiveInfinity;
            for (int i = 0; i < p.Count; i++)
            {
                double norm = VectorMath.Norm(p.Row(i));
                if (norm > 0) depth = Math.Min(depth, (p.Rhs(i) - VectorMath.Dot(p.Row(i), x0)) / norm);
            }
            return new FlatBall(LpStatus.Optimal, x0, depth, 0);
        }
        if (rhs.Count == 0) return new FlatBall(LpStatus.Unbounded, x0, double.PositiveInfinity, n);
        var y = new double[n];
        var status = chebyshev.Solve(rows.ToArray(), rhs.ToArray(), n, new double[n], y, out double radius);
        var centre = (double[])x0.Clone();
        for (int t = 0; t < n; t++)
            for (int j = 0; j < d; j++) centre[j] += y[t] * basis[t][j];
        return new FlatBall(status, centre, radius, n);
    }

    /// <summary>The segment of the line {x0 + t·u} inside {x : A x &lt;= b}: [tLo, tHi] (tLo &gt; tHi when it
    /// misses; ±∞ when unbounded). A row parallel to the line (|A_i·u| at most <see cref="Tolerances.Coincidence"/>
    /// × ‖A_i‖‖u‖) empties the segment when x0 violates it by more than <paramref name="distance"/>, and is
    /// ignored otherwise. This is the d = 2 case of <see cref="Compute"/> with the endpoints kept.</summary>
    public (double Lo, double Hi) ClipLine(HPolytope p, ReadOnlySpan<double> x0, ReadOnlySpan<double> u, double distance)
    {
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity, un = VectorMath.Norm(u);
        for (int i = 0; i < p.Count; i++)
        {
            var a = p.Row(i);
            double rate = VectorMath.Dot(a, u), slack = p.Rhs(i) - VectorMath.Dot(a, x0);
            if (Math.Abs(rate) <= tol.Coincidence * VectorMath.Norm(a) * un)
            {
                if (slack < -distance * Math.Max(VectorMath.Norm(a), double.Epsilon)) return (1, 0);
                continue;
            }
            if (rate > 0) hi = Math.Min(hi, slack / rate);
            else lo = Math.Max(lo, slack / rate);
        }
        return (lo, hi);
    }

    private static FlatBall Empty(ReadOnlySpan<double> at, int dimension) =>
        new(LpStatus.Infeasible, at.ToArray(), double.NegativeInfinity, Math.Max(dimension, 0));

    /// <summary>Gram–Schmidt on the normals; null when one is within the threshold of the span of the others.</summary>
    private static double[][]? Orthonormalise(IReadOnlyList<double[]> normals, double threshold)
    {
        var q = new double[normals.Count][];
        for (int i = 0; i < normals.Count; i++)
        {
            var v = (double[])normals[i].Clone();
            double original = VectorMath.Norm(v);
            for (int j = 0; j < i; j++)
            {
                double c = VectorMath.Dot(v, q[j]);
                for (int t = 0; t < v.Length; t++) v[t] -= c * q[j][t];
            }
            double norm = VectorMath.Norm(v);
            if (!(norm > threshold * original)) return null;
            for (int t = 0; t < v.Length; t++) v[t] /= norm;
            q[i] = v;
        }
        return q;
    }

    /// <summary>The point of the flat nearest to x: x − Nᵀ(N Nᵀ)⁻¹(N x − e), computed with the orthonormal rows
    /// Q = R⁻ᵀ N of the same span by solving the small triangular system column by column.</summary>
    private static double[] Project(ReadOnlySpan<double> x, IReadOnlyList<double[]> normals, IReadOnlyList<double> offsets,
        double[][] q)
    {
        int k = normals.Count;
        // Residuals r_i = N_i·x − e_i; Q_j = (N_j − Σ_{l<j} (N_j·Q_l) Q_l)/‖·‖, so the component of the correction
        // along Q_j follows by forward substitution: N_i·p = r_i for p = Σ_j z_j Q_j.
        var z = new double[k];
        for (int i = 0; i < k; i++)
        {
            double r = VectorMath.Dot(normals[i], x) - offsets[i];
            for (int j = 0; j < i; j++) r -= z[j] * VectorMath.Dot(normals[i], q[j]);
            z[i] = r / VectorMath.Dot(normals[i], q[i]);
        }
        var p = x.ToArray();
        for (int j = 0; j < k; j++)
            for (int t = 0; t < p.Length; t++) p[t] -= z[j] * q[j][t];
        return p;
    }

    /// <summary>An orthonormal basis of the orthogonal complement of the rows q (modified Gram–Schmidt on the
    /// coordinate vectors, taking at each step the one with the largest remaining component, which is at least
    /// √((d−k)/d) so no threshold is needed).</summary>
    private static double[][] Complement(double[][] q, int d)
    {
        var accepted = q.ToList();
        var result = new List<double[]>();
        var candidates = Enumerable.Range(0, d).Select(j => { var e = new double[d]; e[j] = 1; return e; }).ToList();
        while (accepted.Count < d)
        {
            foreach (var c in candidates)
                foreach (var a in accepted)
                {
                    double dot = VectorMath.Dot(c, a);
                    if (dot == 0) continue;
                    for (int t = 0; t < d; t++) c[t] -= dot * a[t];
                }
            int best = 0;
            for (int i = 1; i < candidates.Count; i++)
                if (VectorMath.Norm(candidates[i]) > VectorMath.Norm(candidates[best])) best = i;
            var v = candidates[best];
            candidates.RemoveAt(best);
            double norm = VectorMath.Norm(v);
            for (int t = 0; t < d; t++) v[t] /= norm;
            accepted.Add(v);
            result.Add(v);
        }
        return result.ToArray();
    }
}
