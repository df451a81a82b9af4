using Polytopes.Geometry;

namespace Polytopes.Enumeration.Slicing;

/// <summary>
/// An affine slice of an n-dimensional input space: x = origin + U t with t in a box of k dimensions, where the
/// columns of U are the <see cref="Basis"/> vectors. Immutable; validated on construction (shapes, finite numbers,
/// linearly independent basis).
/// </summary>
public sealed class Slice
{
    private readonly double[] origin;
    private readonly double[][] basis;

    /// <param name="origin">The point t = 0, length n.</param>
    /// <param name="basis">k vectors of length n (the columns of U).</param>
    /// <param name="box">The range of t (dimension k).</param>
    /// <exception cref="ArgumentException">shapes disagree, a number is not finite, or the basis is degenerate
    /// (<see cref="Tolerances.Degeneracy"/>); the message is one line fit for a user.</exception>
    public Slice(IReadOnlyList<double> origin, IReadOnlyList<IReadOnlyList<double>> basis, Box box, Tolerances? tolerances = null)
    {
        int n = origin.Count;
        if (n == 0) throw new ArgumentException("origin is empty");
        if (basis.Count == 0) throw new ArgumentException("basis has no vectors");
        if (box.Dimension != basis.Count)
            throw new ArgumentException($"the box has {box.Dimension} dimensions but the basis has {basis.Count} vectors");
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(origin[i])) throw new ArgumentException($"origin[{i}] is not a finite number");
            if (Math.Abs(origin[i]) > Box.MaxCoordinate) throw new ArgumentException(Box.BeyondRange($"origin[{i}]"));
        }
        for (int j = 0; j < basis.Count; j++)
        {
            if (basis[j].Count != n)
                throw new ArgumentException($"basis[{j}] has {basis[j].Count} entries but origin has {n}");
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(basis[j][i])) throw new ArgumentException($"basis[{j}][{i}] is not a finite number");
                if (Math.Abs(basis[j][i]) > Box.MaxCoordinate) throw new ArgumentException(Box.BeyondRange($"basis[{j}][{i}]"));
            }
            if (basis[j].All(v => v == 0)) throw new ArgumentException(basis.Count == 1 ? "the basis vector is zero" : $"basis[{j}] is zero");
        }
        this.origin = origin.ToArray();
        this.basis = basis.Select(v => v.ToArray()).ToArray();
        int rank = Orthonormalize(this.basis, (tolerances ?? Tolerances.Default).Validated().Degeneracy, out _);
        if (rank < this.basis.Length)
            throw new ArgumentException(this.basis.Length == 1
                ? "the basis vector is zero"
                : $"the basis vectors are linearly dependent (basis[{rank}] is a combination of the ones before it)");
        Box = box;
    }

    /// <summary>n: the dimension of the space sliced.</summary>
    public int AmbientDim => origin.Length;
    /// <summary>k: the number of slice coordinates t.</summary>
    public int Dimension => basis.Length;
    public ReadOnlySpan<double> Origin => origin;
    public ReadOnlySpan<double> BasisVector(int j) => basis[j];
    public Box Box { get; }

    /// <summary>x = origin + U t.</summary>
    public double[] Point(ReadOnlySpan<double> t)
    {
        if (t.Length != Dimension) throw new ArgumentException($"t has {t.Length} coordinates, the slice {Dimension}");
        var x = origin.ToArray();
        for (int j = 0; j < basis.Length; j++)
            for (int i = 0; i < x.Length; i++) x[i] += t[j] * basis[j][i];
        return x;
    }

    /// <summary>The 1-D slice x = a + t (b − a), t in [0, 1]: the segment from a to b.</summary>
    public static Slice Segment(IReadOnlyList<double> a, IReadOnlyList<double> b, Tolerances? tolerances = null)
    {
        if (a.Count != b.Count) throw new ArgumentException($"the points have {a.Count} and {b.Count} coordinates");
        var direction = new double[a.Count];
        for (int i = 0; i < direction.Length; i++) direction[i] = b[i] - a[i];
        if (direction.All(v => v == 0)) throw new ArgumentException("the two points are the same, so the segment is a point");
        return new Slice(a, [direction], Box.Cube(1, 0, 1), tolerances);
    }

    /// <summary>
    /// The 2-D slice through three points p0, p1, p2: origin at their centroid; an orthonormal basis from
    /// Gram–Schmidt on (p1 − p0, p2 − p0), so t_1 runs along p0→p1; the box is the bounding box of the three
    /// points' t coordinates, the smallest box that covers the triangle. Distances and areas in t are those of the
    /// plane.
    /// </summary>
    /// <exception cref="ArgumentException">the points are (nearly) collinear or coincide.</exception>
    public static Slice PlaneThrough(IReadOnlyList<IReadOnlyList<double>> points, Tolerances? tolerances = null)
    {
        if (points.Count != 3) throw new ArgumentException($"a plane needs 3 points, got {points.Count}");
        int n = points[0].Count;
        if (n < 2) throw new ArgumentException($"the points have {n} coordinate(s); a plane needs at least 2");
        for (int p = 1; p < 3; p++)
            if (points[p].Count != n) throw new ArgumentException($"points[{p}] has {points[p].Count} coordinates but points[0] has {n}");
        var tol = (tolerances ?? Tolerances.Default).Validated();
        var centroid = new double[n];
        for (int i = 0; i < n; i++) centroid[i] = (points[0][i] + points[1][i] + points[2][i]) / 3;
        var sides = new double[2][];
        for (int s = 0; s < 2; s++)
        {
            sides[s] = new double[n];
            for (int i = 0; i < n; i++) sides[s][i] = points[s + 1][i] - points[0][i];
        }
        if (Orthonormalize(sides, tol.Degeneracy, out var unit) < 2)
            throw new ArgumentException("the three points are collinear (or coincide), so they do not span a plane");
        var lo = new[] { double.PositiveInfinity, double.PositiveInfinity };
        var hi = new[] { double.NegativeInfinity, double.NegativeInfinity };
        foreach (var point in points)
            for (int j = 0; j < 2; j++)
            {
                double t = 0;
                for (int i = 0; i < n; i++) t += unit[j][i] * (point[i] - centroid[i]);
                lo[j] = Math.Min(lo[j], t);
                hi[j] = Math.Max(hi[j], t);
            }
        return new Slice(centroid, unit, new Box(lo, hi), tolerances);
    }

    /// <summary>Modified Gram–Schmidt: the orthonormal vectors of the leading independent prefix; returns how many
    /// vectors were independent before the first whose residual is at most <paramref name="tolerance"/> times its
    /// length.</summary>
    private static int Orthonormalize(double[][] vectors, double tolerance, out double[][] unit)
    {
        var result = new List<double[]>();
        foreach (var v in vectors)
        {
            double length = Norm(v);
            var r = v.ToArray();
            foreach (var u in result)
            {
                double dot = 0;
                for (int i = 0; i < r.Length; i++) dot += u[i] * r[i];
                for (int i = 0; i < r.Length; i++) r[i] -= dot * u[i];
            }
            double residual = Norm(r);
            if (!(residual > tolerance * length)) break;
            for (int i = 0; i < r.Length; i++) r[i] /= residual;
            result.Add(r);
        }
        unit = result.ToArray();
        return result.Count;
    }

    private static double Norm(double[] v)
    {
        double s = 0;
        foreach (var x in v) s += x * x;
        return Math.Sqrt(s);
    }
}
