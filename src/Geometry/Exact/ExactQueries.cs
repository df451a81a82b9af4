using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Exact;

/// <summary>
/// The exact decisions, each with the certificate that proves it, computed with <see cref="ExactSimplex"/>. These
/// are the slow path: <see cref="PolytopeCertifier"/> calls them only when a floating-point answer could not be
/// confirmed.
/// </summary>
public static class ExactQueries
{
    /// <summary>
    /// An interior point, or a proof that there is none, by the LP
    /// <c>max t  s.t.  A_i·x + t &lt;= b_i (all i),  t &lt;= 1</c> (x, t free; the row t &lt;= 1 keeps it bounded).
    /// t* &gt; 0 gives a point with every row strict. t* &lt;= 0: the duals y of the rows satisfy Σ y_i A_i = 0,
    /// Σ y_i + y_t = 1 and Σ y_i b_i + y_t = t* &lt;= 0, so y ≠ 0 is a <see cref="NoInteriorCertificate"/>.
    /// </summary>
    public static (Rational[]? Interior, NoInteriorCertificate? None) Interior(ExactPolytope p)
    {
        int n = p.Dimension, m = p.Count, w = n + 1;
        var a = new Rational[(m + 1) * w];
        var b = new Rational[m + 1];
        for (int i = 0; i < m; i++)
        {
            p.Row(i).CopyTo(a.AsSpan(i * w, n));
            a[i * w + n] = Rational.One;
            b[i] = p.Rhs(i);
        }
        a[m * w + n] = Rational.One;
        b[m] = Rational.One;
        var c = new Rational[w];
        c[n] = Rational.One;
        var r = ExactSimplex.Maximize(w, a, b, c);
        if (r.Status != LpStatus.Optimal) throw new InvalidOperationException($"interior LP ended {r.Status}");
        if (r.Objective.IsPositive) return (r.Point[..n], null);
        return (null, new NoInteriorCertificate(r.InequalityDuals[..m]));
    }

    /// <summary>
    /// Whether the rows <paramref name="group"/> (one halfspace, representative group[0] = i) define a facet of the
    /// full-dimensional polyhedron. First <c>max A_i·x  s.t.  A_j·x &lt;= b_j (j not in the group),  A_i·x &lt;= b_i + 1</c>:
    /// an optimum &lt;= b_i means the halfspace is implied, and the duals of the other rows are a Farkas
    /// <see cref="RedundancyCertificate"/> (the bound row is then slack, so its dual is 0). Otherwise the group is
    /// irredundant, hence a facet (the polyhedron is full-dimensional), and
    /// <c>max t  s.t.  A_i·x = b_i,  A_j·x + t &lt;= b_j (j not in the group),  t &lt;= 1</c> gives a witness with
    /// t* &gt; 0. Neither (default) when the second LP finds none (the polyhedron was not full-dimensional).
    /// </summary>
    public static FacetDecision DecideFacet(ExactPolytope p, int[] group)
    {
        int n = p.Dimension, m = p.Count, i = group[0];
        var inGroup = new bool[m];
        foreach (int g in group) inGroup[g] = true;
        var others = Enumerable.Range(0, m).Where(j => !inGroup[j]).ToArray();
        if (p.IsConstantRow(i))
            return p.Rhs(i).Sign >= 0 ? new FacetDecision(null, new RedundancyCertificate(i, [], [])) : default;

        var a = new Rational[(others.Length + 1) * n];
        var b = new Rational[others.Length + 1];
        for (int k = 0; k < others.Length; k++)
        {
            p.Row(others[k]).CopyTo(a.AsSpan(k * n, n));
            b[k] = p.Rhs(others[k]);
        }
        p.Row(i).CopyTo(a.AsSpan(others.Length * n, n));
        b[others.Length] = p.Rhs(i) + Rational.One;
        var lp = ExactSimplex.Maximize(n, a, b, p.Row(i).ToArray());
        if (lp.Status == LpStatus.Optimal && lp.Objective <= p.Rhs(i))
        {
            var rows = new List<int>();
            var lambdas = new List<Rational>();
            for (int k = 0; k < others.Length; k++)
                if (!lp.InequalityDuals[k].IsZero) { rows.Add(others[k]); lambdas.Add(lp.InequalityDuals[k]); }
            return new FacetDecision(null, new RedundancyCertificate(i, rows.ToArray(), lambdas.ToArray()));
        }

        int w = n + 1;
        var fa = new Rational[(others.Length + 1) * w];
        var fb = new Rational[others.Length + 1];
        for (int k = 0; k < others.Length; k++)
        {
            p.Row(others[k]).CopyTo(fa.AsSpan(k * w, n));
            fa[k * w + n] = Rational.One;
            fb[k] = p.Rhs(others[k]);
        }
        fa[others.Length * w + n] = Rational.One;
        fb[others.Length] = Rational.One;
        var e = new Rational[w];
        p.Row(i).CopyTo(e.AsSpan(0, n));
        var c = new Rational[w];
        c[n] = Rational.One;
        var facet = ExactSimplex.Maximize(w, fa, fb, c, e, [p.Rhs(i)]);
        if (facet.Status != LpStatus.Optimal || !facet.Objective.IsPositive) return default;
        return new FacetDecision(new FacetCertificate(group, facet.Point[..n]), null);
    }
}

/// <summary>An exact facet decision: a facet with its witness, or a redundancy certificate (neither when the
/// polyhedron turned out not to be full-dimensional).</summary>
public readonly record struct FacetDecision(FacetCertificate? Facet, RedundancyCertificate? Redundant);
