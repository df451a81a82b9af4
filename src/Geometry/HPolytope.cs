namespace Polytopes.Geometry;

/// <summary>
/// The polyhedron {x in R^d : A x &lt;= b}, immutable. Rows are stored row-major; constraint i is
/// A[i]·x &lt;= b[i].
/// </summary>
public sealed class HPolytope
{
    private readonly double[] a;
    private readonly double[] b;

    public HPolytope(int dimension, double[] rowMajorA, double[] b)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (rowMajorA.Length != b.Length * dimension)
            throw new ArgumentException($"A has {rowMajorA.Length} entries, expected {b.Length}×{dimension}");
        Dimension = dimension;
        a = rowMajorA;
        this.b = b;
    }

    public static HPolytope FromRows(IReadOnlyList<double[]> rows, IReadOnlyList<double> rhs)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows");
        return FromRows(rows[0].Length, rows, rhs);
    }

    /// <summary>As above in dimension <paramref name="d"/>, where no rows at all (all of R^d) is allowed.</summary>
    public static HPolytope FromRows(int d, IReadOnlyList<double[]> rows, IReadOnlyList<double> rhs)
    {
        var flat = new double[rows.Count * d];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d) throw new ArgumentException($"row {i} has length {rows[i].Length}, expected {d}");
            rows[i].CopyTo(flat, i * d);
        }
        return new HPolytope(d, flat, rhs.ToArray());
    }

    /// <summary>The box as 2d constraints: x_j &lt;= hi_j (row 2j) and −x_j &lt;= −lo_j (row 2j+1).</summary>
    public static HPolytope FromBox(Box box)
    {
        int d = box.Dimension;
        var rows = new double[2 * d * d];
        var rhs = new double[2 * d];
        for (int j = 0; j < d; j++)
        {
            rows[(2 * j) * d + j] = 1; rhs[2 * j] = box.Hi[j];
            rows[(2 * j + 1) * d + j] = -1; rhs[2 * j + 1] = -box.Lo[j];
        }
        return new HPolytope(d, rows, rhs);
    }

    public int Dimension { get; }
    public int Count => b.Length;
    public ReadOnlySpan<double> Row(int i) => a.AsSpan(i * Dimension, Dimension);
    public double Rhs(int i) => b[i];
    public ReadOnlySpan<double> RowMajorA => a;
    public ReadOnlySpan<double> B => b;

    /// <summary>b_i − A_i·x: non-negative when x satisfies constraint i.</summary>
    public double Slack(int i, ReadOnlySpan<double> x) => b[i] - VectorMath.Dot(Row(i), x);

    /// <summary>Whether x satisfies every constraint with the given absolute slack allowance.</summary>
    public bool Contains(ReadOnlySpan<double> x, double allowance = 0)
    {
        for (int i = 0; i < Count; i++)
            if (Slack(i, x) < -allowance) return false;
        return true;
    }

    /// <summary>The same polytope with every row scaled to a unit normal; rows with a zero normal are kept as is.</summary>
    public HPolytope Normalized()
    {
        var na = (double[])a.Clone();
        var nb = (double[])b.Clone();
        for (int i = 0; i < Count; i++)
        {
            double norm = VectorMath.Norm(Row(i));
            if (norm == 0) continue;
            for (int j = 0; j < Dimension; j++) na[i * Dimension + j] /= norm;
            nb[i] /= norm;
        }
        return new HPolytope(Dimension, na, nb);
    }
}
