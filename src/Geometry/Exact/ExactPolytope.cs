using System.Runtime.CompilerServices;
namespace Polytopes.Geometry.Exact;

/// <summary>
/// The polyhedron {x in R^d : A x &lt;= b} with exact rational data, immutable. Rows are not normalised (a unit
/// normal is irrational in general); row i is A[i]·x &lt;= b[i]. Besides the model it checks the certificates
/// that prove facts about the polyhedron, each from the data alone:
/// <list type="bullet">
/// <item>an <b>interior point</b> x: A_i·x &lt; b_i for every row, so the polyhedron is full-dimensional;</item>
/// <item>a <b>facet witness</b> (rows G on one hyperplane H, point w): A_i·w = b_i for i in G and A_j·w &lt; b_j
/// for every row off H, so a neighbourhood of w in H lies in the polyhedron and G defines a facet;</item>
/// <item>a <b>redundancy certificate</b> (Farkas) for row i: λ_j ≥ 0 on other rows with Σ λ_j A_j = A_i and
/// Σ λ_j b_j &lt;= b_i, so A_i·x &lt;= b_i follows from the other rows.</item>
/// </list>
/// <para>Signs of slacks are decided with a floating-point filter first (as robust geometric predicates do): the
/// slack is evaluated in doubles from the rounded data with a rigorous bound on its error, and only when the
/// bound does not exclude zero is it recomputed exactly. The filter never changes an answer, only its cost.</para>
/// </summary>
public sealed class ExactPolytope
{
    private readonly Rational[] a;
    private readonly Rational[] b;
    private readonly double[] approxA;   // the rows rounded to doubles (relative error ≤ 5u)
    private readonly double[] approxB;
    private readonly bool[] filterable;  // every entry of the row is 0 or has a rounded value of moderate size
    private readonly bool[] constant;

    public ExactPolytope(int dimension, Rational[] rowMajorA, Rational[] b)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (rowMajorA.Length != b.Length * dimension)
            throw new ArgumentException($"A has {rowMajorA.Length} entries, expected {b.Length}×{dimension}");
        Dimension = dimension;
        a = rowMajorA;
        this.b = b;
        approxA = new double[a.Length];
        approxB = new double[b.Length];
        filterable = new bool[b.Length];
        constant = new bool[b.Length];
        for (int i = 0; i < b.Length; i++)
        {
            bool ok = Approximate(b[i], out approxB[i]);
            bool isConstant = true;
            for (int t = 0; t < dimension; t++)
            {
                ok &= Approximate(a[i * dimension + t], out approxA[i * dimension + t]);
                if (!a[i * dimension + t].IsZero) isConstant = false;
            }
            filterable[i] = ok;
            constant[i] = isConstant;
        }
    }

    /// <summary>Rounds v to a double; false when the double may not be within 5 units of roundoff (relative) of v:
    /// outside [1e-250, 1e250] in magnitude (underflow or overflow) unless v is exactly 0.</summary>
    private static bool Approximate(Rational v, out double approx)
    {
        approx = v.ToDouble();
        if (v.IsZero) return true;
        double m = Math.Abs(approx);
        return m >= 1e-250 && m <= 1e250;
    }

    /// <summary>Rounded coordinates of x for <see cref="SlackSign(int, ReadOnlySpan{Rational}, ReadOnlySpan{double}, bool)"/>;
    /// false when some coordinate is outside the filter's range.</summary>
    public static bool Approximate(ReadOnlySpan<Rational> x, Span<double> approx)
    {
        bool ok = true;
        for (int t = 0; t < x.Length; t++) ok &= Approximate(x[t], out approx[t]);
        return ok;
    }

    // Error of the filtered slack (u = 2^-53): each rounded input has relative error ≤ 5u (a BigInteger-to-double
    // conversion may truncate, then a rounded division), so each product ≤ 11u, and the recursive sum of d + 1
    // terms adds at most γ_{d+1}·Σ|terms|; (d + 12)·u·Σ|terms| covers it all, and the factor 4 covers Σ|terms|
    // itself being computed in floating point, with room to spare. The absolute term covers subnormal products.
    private double FilterError(double magnitude) => 4 * (Dimension + 12) * 1.1102230246251565e-16 * magnitude + 1e-290;

    /// <summary>The exact value of a floating-point polytope (every double is a rational).</summary>
    public static ExactPolytope FromDouble(HPolytope p) =>
        new(p.Dimension, Rational.FromDoubles(p.RowMajorA), Rational.FromDoubles(p.B));

    public int Dimension { get; }
    public int Count => b.Length;
    public ReadOnlySpan<Rational> Row(int i) => a.AsSpan(i * Dimension, Dimension);
    public Rational Rhs(int i) => b[i];

    /// <summary>The polyhedron of the given rows only, in the given order (row k of the result is row rows[k]).</summary>
    public ExactPolytope WithRows(ReadOnlySpan<int> rows)
    {
        var subA = new Rational[rows.Length * Dimension];
        var subB = new Rational[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            Row(rows[k]).CopyTo(subA.AsSpan(k * Dimension, Dimension));
            subB[k] = b[rows[k]];
        }
        return new ExactPolytope(Dimension, subA, subB);
    }

    /// <summary>b_i − A_i·x (exact; non-negative when x satisfies row i).</summary>
    public Rational Slack(int i, ReadOnlySpan<Rational> x) => b[i] - Rational.Dot(Row(i), x);

    /// <summary>The sign of b_i − A_i·x, exactly (filtered: <paramref name="approx"/> are x's rounded coordinates
    /// and <paramref name="approxOk"/> whether they are in the filter's range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int SlackSign(int i, ReadOnlySpan<Rational> x, ReadOnlySpan<double> approx, bool approxOk)
    {
        if (approxOk && filterable[i])
        {
            var row = approxA.AsSpan(i * Dimension, Dimension);
            double s = approxB[i], magnitude = Math.Abs(s);
            for (int t = 0; t < row.Length; t++)
            {
                double p = row[t] * approx[t];
                s -= p;
                magnitude += Math.Abs(p);
            }
            double error = FilterError(magnitude);
            if (s > error) return 1;
            if (s < -error) return -1;
        }
        return Slack(i, x).Sign;
    }

    /// <summary>The sign of b_i − A_i·x, exactly.</summary>
    public int SlackSign(int i, ReadOnlySpan<Rational> x)
    {
        Span<double> approx = stackalloc double[Dimension];
        bool ok = Approximate(x, approx);
        return SlackSign(i, x, approx, ok);
    }

    /// <summary>
    /// A rigorous floating-point proof that row i is implied by the rows <paramref name="rows"/> with multipliers
    /// μ ≥ 0 on a polyhedron where |x_t| &lt;= <paramref name="bounds"/>[t]: for such x,
    /// A_i·x = Σ μ_j A_j·x + r·x &lt;= Σ μ_j b_j + Σ_t |r_t|·B_t with r = A_i − Σ μ_j A_j, so it suffices that
    /// V = Σ μ_j b_j + Σ_t |r_t|·B_t − b_i &lt;= 0. V is evaluated from the rounded data together with a bound on
    /// every error (data rounded with relative error ≤ 6u, γ_k for sums of k terms, and the evaluation of V
    /// itself), and true is returned only when V plus that bound is negative. False means "not shown", never
    /// "not implied".
    /// <para>When row i is itself the coordinate row c·x_own &lt;= b_i (<paramref name="own"/> ≥ 0; a box side, whose
    /// bound on x_own no other row gives), B_own must be at least |b_i/c|: then the residual r_own stays on the
    /// left, Σ μ_j A_j plus the other coordinates' residual rows is (c − r_own)·e_own = σ·A_i with σ = (c − r_own)/c,
    /// and V &lt; 0 gives Σ μ_j b_j + Σ_{t≠own} |r_t|·B_t &lt;= b_i − |r_own|·|b_i/c| &lt;= σ·b_i: the certificate with
    /// scale σ. σ &gt; 0 is checked too (|r_own| below half of |c|, rigorously).</para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsImpliedByBound(int i, ReadOnlySpan<int> rows, ReadOnlySpan<double> mu, ReadOnlySpan<double> bounds,
        int own = -1)
    {
        const double u = 1.1102230246251565e-16;
        int n = Dimension, s = rows.Length;
        if (!filterable[i]) return false;
        foreach (int j in rows) if (!filterable[j]) return false;
        foreach (double v in mu) if (!(v >= 0) || !double.IsFinite(v)) return false;
        double sum = 0, magnitudeB = 0;
        for (int k = 0; k < s; k++)
        {
            double t = mu[k] * approxB[rows[k]];
            sum += t;
            magnitudeB += Math.Abs(t);
        }
        double gamma = 2 * (s + 8) * u;
        double value = sum + gamma * magnitudeB - approxB[i] + 6 * u * Math.Abs(approxB[i]);
        double magnitude = Math.Abs(sum) + gamma * magnitudeB + Math.Abs(approxB[i]);
        for (int t = 0; t < n; t++)
        {
            double r = approxA[i * n + t], m = Math.Abs(r);
            for (int k = 0; k < s; k++)
            {
                double p = mu[k] * approxA[rows[k] * n + t];
                r -= p;
                m += Math.Abs(p);
            }
            if (t == own && !(Math.Abs(r) + gamma * m + 1e-290 < 0.5 * Math.Abs(approxA[i * n + t]))) return false;
            double term = (Math.Abs(r) + gamma * m + 1e-290) * bounds[t];
            value += term;
            magnitude += term;
        }
        return value + 4 * (n + 4) * u * magnitude + 1e-290 < 0;
    }

    /// <summary>‖A_i‖₂ of the rounded row (approximate; for scaling floating-point multipliers).</summary>
    public double ApproximateNorm(int i) => VectorMath.Norm(approxA.AsSpan(i * Dimension, Dimension));

    /// <summary>True when the row's normal is the zero vector (a constant constraint 0 &lt;= b_i).</summary>
    public bool IsConstantRow(int i) => constant[i];

    /// <summary>The first row with A_i·x &gt;= b_i, or −1 when x is an interior point.</summary>
    public int FirstNonStrictRow(ReadOnlySpan<Rational> x)
    {
        Span<double> approx = stackalloc double[Dimension];
        bool ok = Approximate(x, approx);
        for (int i = 0; i < Count; i++)
            if (SlackSign(i, x, approx, ok) <= 0) return i;
        return -1;
    }

    /// <summary>Whether x satisfies every row strictly: a certificate that the polyhedron is full-dimensional.</summary>
    public bool IsInteriorPoint(ReadOnlySpan<Rational> x) => x.Length == Dimension && FirstNonStrictRow(x) < 0;

    /// <summary>Whether rows i and j are the same halfspace: (A_i, b_i) = t·(A_j, b_j) with t &gt; 0 (both normals
    /// non-zero).</summary>
    public bool SameHalfspace(int i, int j) => Proportional(Row(i), b[i], Row(j), b[j]) > 0;

    /// <summary>Whether rows i and j bound the same hyperplane from opposite sides: (A_i, b_i) = t·(A_j, b_j), t &lt; 0.</summary>
    public bool OppositeHalfspace(int i, int j) => Proportional(Row(i), b[i], Row(j), b[j]) < 0;

    /// <summary>The sign of t when (a1, b1) = t·(a2, b2) with non-zero normals; 0 when not proportional.</summary>
    public static int Proportional(ReadOnlySpan<Rational> a1, Rational b1, ReadOnlySpan<Rational> a2, Rational b2)
    {
        int k = -1;
        for (int t = 0; t < a2.Length; t++) if (!a2[t].IsZero) { k = t; break; }
        if (k < 0 || a1[k].IsZero) return 0;
        var ratio = a1[k] / a2[k];
        for (int t = 0; t < a2.Length; t++)
            if (t != k && a1[t] != ratio * a2[t]) return 0;
        if (b1 != ratio * b2) return 0;
        return ratio.Sign;
    }

    /// <summary>Checks a facet certificate: every row of <see cref="FacetCertificate.Rows"/> is the same halfspace,
    /// the witness lies on their hyperplane, and every other row is strict at it.</summary>
    public bool IsFacetWitness(FacetCertificate facet)
    {
        var w = facet.Witness;
        if (w.Length != Dimension || facet.Rows.Length == 0) return false;
        int rep = facet.Rows[0];
        if (IsConstantRow(rep) || !Slack(rep, w).IsZero) return false;
        var inGroup = new bool[Count];
        foreach (int r in facet.Rows)
        {
            if (r < 0 || r >= Count || (r != rep && !SameHalfspace(r, rep))) return false;
            inGroup[r] = true;
        }
        Span<double> approx = stackalloc double[Dimension];
        bool ok = Approximate(w, approx);
        for (int j = 0; j < Count; j++)
            if (!inGroup[j] && SlackSign(j, w, approx, ok) <= 0) return false;
        return true;
    }

    /// <summary>Checks a Farkas certificate: multipliers λ ≥ 0 on rows other than the certified one and a scale
    /// s &gt; 0 with Σ λ_j A_j = s·A_i and Σ λ_j b_j &lt;= s·b_i.</summary>
    public bool IsRedundancyCertificate(RedundancyCertificate certificate)
    {
        int i = certificate.Row;
        if (i < 0 || i >= Count || certificate.Rows.Length != certificate.Multipliers.Length) return false;
        var scale = certificate.Scale;
        if (!scale.IsPositive) return false;
        var sum = new Rational[Dimension];
        var rhs = Rational.Zero;
        for (int k = 0; k < certificate.Rows.Length; k++)
        {
            int j = certificate.Rows[k];
            var lambda = certificate.Multipliers[k];
            if (j < 0 || j >= Count || j == i || lambda.IsNegative) return false;
            if (lambda.IsZero) continue;
            var row = Row(j);
            for (int t = 0; t < Dimension; t++) if (!row[t].IsZero) sum[t] += lambda * row[t];
            rhs += lambda * b[j];
        }
        var target = Row(i);
        for (int t = 0; t < Dimension; t++) if (sum[t] != scale * target[t]) return false;
        return rhs <= scale * b[i];
    }

    /// <summary>Checks a certificate that no point satisfies every row strictly: y ≥ 0, y ≠ 0, Σ y_i A_i = 0 and
    /// Σ y_i b_i &lt;= 0 (an interior x would give 0 = Σ y_i A_i·x &lt; Σ y_i b_i &lt;= 0).</summary>
    public bool IsNoInteriorCertificate(NoInteriorCertificate certificate)
    {
        var y = certificate.Multipliers;
        if (y.Length != Count) return false;
        var sum = new Rational[Dimension];
        var rhs = Rational.Zero;
        bool nonZero = false;
        for (int i = 0; i < Count; i++)
        {
            if (y[i].IsNegative) return false;
            if (y[i].IsZero) continue;
            nonZero = true;
            var row = Row(i);
            for (int t = 0; t < Dimension; t++) if (!row[t].IsZero) sum[t] += y[i] * row[t];
            rhs += y[i] * b[i];
        }
        foreach (var v in sum) if (!v.IsZero) return false;
        return nonZero && rhs.Sign <= 0;
    }

    /// <summary>Row i rounded to doubles and scaled to a unit normal (the row as the floating-point search sees
    /// it); a zero normal is left as is.</summary>
    public void ApproximateUnitRow(int i, Span<double> normal, out double offset)
    {
        var row = Row(i);
        for (int t = 0; t < Dimension; t++) normal[t] = row[t].ToDouble();
        offset = b[i].ToDouble();
        double norm = VectorMath.Norm(normal);
        if (norm == 0 || !double.IsFinite(norm))
        {
            // Rescale rows whose entries overflow or underflow a double before normalising.
            if (norm == 0 && IsConstantRow(i)) return;
            var big = Rational.Zero;
            foreach (var v in row) big = Rational.Max(big, v.Abs());
            for (int t = 0; t < Dimension; t++) normal[t] = (row[t] / big).ToDouble();
            offset = (b[i] / big).ToDouble();
            norm = VectorMath.Norm(normal);
        }
        for (int t = 0; t < Dimension; t++) normal[t] /= norm;
        offset /= norm;
    }

    /// <summary>The polyhedron with every row rounded to a unit-normal double row (for floating-point queries
    /// whose answers are then confirmed exactly).</summary>
    public HPolytope ToUnitDouble()
    {
        var rows = new double[Count * Dimension];
        var rhs = new double[Count];
        for (int i = 0; i < Count; i++) ApproximateUnitRow(i, rows.AsSpan(i * Dimension, Dimension), out rhs[i]);
        return new HPolytope(Dimension, rows, rhs);
    }
}

/// <summary>Rows (all the same halfspace; Rows[0] is the representative) defining one facet, and a point of the
/// facet's relative interior: on the hyperplane, strictly inside every other row.</summary>
public sealed record FacetCertificate(int[] Rows, Rational[] Witness);

/// <summary>Row <see cref="Row"/> is implied by the others: Σ Multipliers[k]·A[Rows[k]] = Scale·A[Row], multipliers
/// ≥ 0, Scale &gt; 0 and Σ Multipliers[k]·b[Rows[k]] &lt;= Scale·b[Row]. (A scale lets the multipliers be integers:
/// λ = Multipliers / Scale is the usual Farkas certificate.)</summary>
public sealed record RedundancyCertificate(int Row, int[] Rows, Rational[] Multipliers)
{
    public Rational Scale { get; init; } = Rational.One;
}

/// <summary>Multipliers y (one per row) proving that the polyhedron has no interior point (see
/// <see cref="ExactPolytope.IsNoInteriorCertificate"/>).</summary>
public sealed record NoInteriorCertificate(Rational[] Multipliers);
