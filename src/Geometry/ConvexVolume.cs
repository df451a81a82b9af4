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
        foreach (var facet in Facets(vertices, ids, k, distance))
        {
            var basis = AffineBasis(vertices, facet, distance);
            double height = DistanceToFlat(centre, vertices[facet[0]].Point, basis);
            sum += height * Measure(vertices, facet, k - 1, distance) / k;
        }
        return sum;
    }

    /// <summary>The facets of a k-dimensional face: for every row tight somewhere on it, the vertices of the face
    /// tight at that row, kept when they span k−1 dimensions; equal vertex sets once each, in order of first
    /// appearance (rows ascending).</summary>
    private static List<int[]> Facets(IReadOnlyList<PolytopeVertex> vertices, int[] ids, int k, double distance)
    {
        var rows = new SortedSet<int>();
        foreach (int v in ids) rows.UnionWith(vertices[v].TightRows);
        var seen = new HashSet<string>();
        var facets = new List<int[]>();
        foreach (int row in rows)
        {
            var set = ids.Where(v => Array.BinarySearch(vertices[v].TightRows, row) >= 0).ToArray();
            if (set.Length < k || set.Length == ids.Length) continue;
            if (!seen.Add(string.Join(',', set))) continue;
            if (AffineBasis(vertices, set, distance).Count == k - 1) facets.Add(set);
        }
        return facets;
    }

    /// <summary>An orthonormal basis of the directions of the affine hull of the points (Gram–Schmidt on
    /// differences from the first point, taking at each step the remaining difference farthest from the span;
    /// a difference within <paramref name="distance"/> of the span adds nothing).</summary>
    private static List<double[]> AffineBasis(IReadOnlyList<PolytopeVertex> vertices, int[] ids, double distance)
    {
        var basis = new List<double[]>();
        if (ids.Length < 2) return basis;
        var origin = vertices[ids[0]].Point;
        var residuals = ids.Skip(1).Select(v => Subtract(vertices[v].Point, origin)).ToList();
        while (residuals.Count > 0)
        {
            int best = 0;
            double bestNorm = -1;
            for (int i = 0; i < residuals.Count; i++)
            {
                double n = VectorMath.Norm(residuals[i]);
                if (n > bestNorm) { bestNorm = n; best = i; }
            }
            if (bestNorm <= distance) break;
            var q = residuals[best];
            for (int t = 0; t < q.Length; t++) q[t] /= bestNorm;
            basis.Add(q);
            residuals.RemoveAt(best);
            foreach (var r in residuals)
            {
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
