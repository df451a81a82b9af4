namespace Polytopes.Geometry;

/// <summary>
/// Volumes of bounded convex polytopes given by their vertices and the rows tight at each vertex
/// (<see cref="PolytopeVertices"/>). The d-volume is the sum of pyramids from an interior point c (the vertex
/// centroid) over the facets: V(P) = Σ_F dist(c, aff F) · V_{d−1}(F) / d, applied recursively to each facet
/// inside its own affine hull down to edges (length) — in 3-D this is the fan decomposition of every face into
/// triangles from its centroid and of the solid into pyramids. A facet is a set of vertices sharing a tight row
/// whose affine hull has dimension exactly one less than the face being measured; several rows with the same
/// vertex set (duplicates, or a row touching at a lower-dimensional face) are one facet. Every term is
/// non-negative, so there is no cancellation. No LP; the cost is small for the polytopes of small networks.
/// </summary>
public static class ConvexVolume
{
    /// <summary>The d-volume of the polytope whose vertices are given (with their tight rows), where d is the
    /// dimension of the points. Zero for fewer than d+1 affinely independent vertices (empty or lower-dimensional).
    /// <paramref name="distance"/> is the absolute distance below which a point counts as lying in an affine hull
    /// (use <see cref="Tolerances.Facet"/> × the length scale).</summary>
    public static double Of(IReadOnlyList<PolytopeVertex> vertices, double distance)
    {
        if (vertices.Count == 0) return 0;
        int d = vertices[0].Point.Length;
        var ids = Enumerable.Range(0, vertices.Count).ToArray();
        if (AffineBasis(vertices, ids, distance).Count < d) return 0;
        return Measure(vertices, ids, d, distance);
    }

    /// <summary>The area of a polygon whose vertices are listed in order (either orientation), by the shoelace
    /// formula.</summary>
    public static double PolygonArea(IReadOnlyList<double[]> ordered)
    {
        double s = 0;
        for (int j = 0; j < ordered.Count; j++)
        {
            var p = ordered[j];
            var q = ordered[(j + 1) % ordered.Count];
            s += p[0] * q[1] - q[0] * p[1];
        }
        return Math.Abs(0.5 * s);
    }

    /// <summary>The k-volume of the face spanned by the vertices <paramref name="ids"/> (affine dimension k).</summary>
    private static double Measure(IReadOnlyList<PolytopeVertex> vertices, int[] ids, int k, double distance)
    {
        if (k == 0) return 1;
        if (k == 1)
        {
            double longest = 0;
            for (int a = 0; a < ids.Length; a++)
                for (int b = a + 1; b < ids.Length; b++)
                    longest = Math.Max(longest, VectorMath.Distance(vertices[ids[a]].Point, vertices[ids[b]].Point));
            return longest;
        }
        var centre = Centroid(vertices, ids);
        double sum = 0;
        foreach (var (facet, basis) in Facets(vertices, ids, k, distance))
        {
            double height = DistanceToFlat(centre, vertices[facet[0]].Point, basis);
            sum += height * Measure(vertices, facet, k - 1, distance) / k;
        }
        return sum;
    }

    /// <summary>The facets of a k-dimensional face: for every row tight somewhere on it, the vertices of the face
    /// tight at that row, kept when they span k−1 dimensions; equal vertex sets once each, in order of first
    /// appearance (rows ascending), each with its affine basis.</summary>
    private static List<(int[] Vertices, List<double[]> Basis)> Facets(IReadOnlyList<PolytopeVertex> vertices, int[] ids, int k, double distance)
    {
        // Plain lists and arrays: this runs for every face of every region a record's statistics measure, and
        // sets of strings and LINQ here made the volume most of a 3-D `enumerate --out`.
        var rows = new List<int>();
        foreach (int v in ids) rows.AddRange(vertices[v].TightRows);
        rows.Sort();
        var tried = new List<int[]>();
        var facets = new List<(int[], List<double[]>)>();
        var members = new List<int>(ids.Length);
        for (int r = 0; r < rows.Count; r++)
        {
            int row = rows[r];
            if (r > 0 && rows[r - 1] == row) continue;
            members.Clear();
            foreach (int v in ids)
                if (Array.BinarySearch(vertices[v].TightRows, row) >= 0) members.Add(v);
            if (members.Count < k || members.Count == ids.Length || Contains(tried, members)) continue;
            var set = members.ToArray();
            tried.Add(set);
            var basis = AffineBasis(vertices, set, distance);
            if (basis.Count == k - 1) facets.Add((set, basis));
        }
        return facets;
    }

    private static bool Contains(List<int[]> sets, List<int> members)
    {
        foreach (var set in sets)
            if (set.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members))) return true;
        return false;
    }

    /// <summary>An orthonormal basis of the directions of the affine hull of the points (Gram–Schmidt on
    /// differences from the first point, taking at each step the remaining difference farthest from the span;
    /// a difference within <paramref name="distance"/> of the span adds nothing).</summary>
    private static List<double[]> AffineBasis(IReadOnlyList<PolytopeVertex> vertices, int[] ids, double distance)
    {
        var basis = new List<double[]>();
        if (ids.Length < 2) return basis;
        var origin = vertices[ids[0]].Point;
        int d = origin.Length, count = ids.Length - 1;
        // The differences in one array, a flag for those taken (the same numbers, in the same order, as a list of
        // arrays from which each one taken is removed).
        var residuals = new double[count * d];
        var taken = new bool[count];
        for (int i = 0; i < count; i++)
        {
            var p = vertices[ids[i + 1]].Point;
            for (int t = 0; t < d; t++) residuals[i * d + t] = p[t] - origin[t];
        }
        for (int left = count; left > 0; left--)
        {
            int best = 0;
            double bestNorm = -1;
            for (int i = 0; i < count; i++)
            {
                if (taken[i]) continue;
                double n = VectorMath.Norm(residuals.AsSpan(i * d, d));
                if (n > bestNorm) { bestNorm = n; best = i; }
            }
            if (bestNorm <= distance) break;
            var q = residuals.AsSpan(best * d, d).ToArray();
            for (int t = 0; t < q.Length; t++) q[t] /= bestNorm;
            basis.Add(q);
            taken[best] = true;
            for (int i = 0; i < count; i++)
            {
                if (taken[i]) continue;
                var r = residuals.AsSpan(i * d, d);
                double c = VectorMath.Dot(r, q);
                for (int t = 0; t < r.Length; t++) r[t] -= c * q[t];
            }
        }
        return basis;
    }

    /// <summary>Distance from x to the flat through <paramref name="origin"/> with orthonormal directions
    /// <paramref name="basis"/>.</summary>
    private static double DistanceToFlat(double[] x, double[] origin, List<double[]> basis)
    {
        var r = Subtract(x, origin);
        foreach (var q in basis)
        {
            double c = VectorMath.Dot(r, q);
            for (int t = 0; t < r.Length; t++) r[t] -= c * q[t];
        }
        return VectorMath.Norm(r);
    }

    private static double[] Centroid(IReadOnlyList<PolytopeVertex> vertices, int[] ids)
    {
        var c = new double[vertices[ids[0]].Point.Length];
        foreach (int v in ids)
            for (int t = 0; t < c.Length; t++) c[t] += vertices[v].Point[t];
        for (int t = 0; t < c.Length; t++) c[t] /= ids.Length;
        return c;
    }

    private static double[] Subtract(double[] a, double[] b)
    {
        var r = new double[a.Length];
        for (int t = 0; t < r.Length; t++) r[t] = a[t] - b[t];
        return r;
    }
}
