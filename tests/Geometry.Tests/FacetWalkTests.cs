namespace Polytopes.Geometry.Tests;

/// <summary>
/// <see cref="FacetWalk"/> on polytopes whose facets are counted by hand: what it decides, and that it leaves to
/// Clarkson's method (returns false, facetOf untouched) what would rest on rounding.
/// </summary>
public sealed class FacetWalkTests
{
    /// <summary>The cube [−1, 1]^4 (rows 0–7: +x_t ≤ 1 and −x_t ≤ 1) and extra rows.</summary>
    private static (double[] A, double[] B) Cube(params (double[] Normal, double Offset)[] extra)
    {
        var rows = new List<double[]>();
        var rhs = new List<double>();
        for (int t = 0; t < 4; t++)
            foreach (double sign in new[] { 1.0, -1.0 })
            {
                var row = new double[4];
                row[t] = sign;
                rows.Add(row);
                rhs.Add(1);
            }
        foreach (var (normal, offset) in extra)
        {
            double norm = Math.Sqrt(normal.Sum(v => v * v));
            rows.Add(normal.Select(v => v / norm).ToArray());
            rhs.Add(offset / norm);
        }
        return (rows.SelectMany(r => r).ToArray(), rhs.ToArray());
    }

    private static bool Walk(double[] a, double[] b, double[] interior, int[] facetOf)
    {
        int m = b.Length;
        var slack = new double[m];
        for (int i = 0; i < m; i++) slack[i] = b[i] - VectorMath.Dot(a.AsSpan(i * 4, 4), interior);
        // Nearest rows first, as FacetFinder orders them.
        var order = Enumerable.Range(0, m).OrderBy(i => slack[i]).ThenBy(i => i).ToArray();
        return new FacetWalk(Tolerances.Default).TryFind(a, b, 4, interior, slack, 1, order, facetOf);
    }

    [Fact]
    public void A_cube_cut_by_a_facet_and_bounded_by_far_rows_is_decided()
    {
        // x_0 + x_1 ≤ 1 cuts the corner x_0 = x_1 = 1 off: a facet (it passes (1, 0, ·, ·) and (0, 1, ·, ·), and
        // the cube reaches past it to (1, 1) by 1/√2). x_2 ≤ 3 and x_0 + x_1 + x_2 + x_3 ≤ 5 lie beyond the cube
        // (the largest value of the second over the cube is 4): redundant. Every cube side stays a facet (the cut
        // leaves part of each).
        var (a, b) = Cube(([1, 1, 0, 0], 1), ([0, 0, 1, 0], 3), ([1, 1, 1, 1], 5));
        var facetOf = new int[b.Length];
        Assert.True(Walk(a, b, [-0.2, -0.1, 0.05, 0.1], facetOf));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1], facetOf);
    }

    [Fact]
    public void A_copy_of_a_facet_is_left_to_clarksons_method()
    {
        // Row 8 repeats x_0 ≤ 1 (row 0): every line leaving through one meets the other at the same point, so no
        // facet test on x_0 = 1 can pass, and the walk gives up. Clarkson's method groups the copies.
        var (a, b) = Cube(([1, 0, 0, 0], 1));
        var facetOf = Enumerable.Repeat(int.MinValue, b.Length).ToArray();
        Assert.False(Walk(a, b, [0.1, 0.2, -0.3, 0.05], facetOf));
        Assert.All(facetOf, f => Assert.Equal(int.MinValue, f));

        var finder = new FacetFinder();
        Assert.Equal(8, finder.Find(a, b, 4, [0.1, 0.2, -0.3, 0.05], 1, facetOf));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 0], facetOf);
        Assert.Equal(1, finder.WalkGaveUp);
    }

    [Fact]
    public void A_row_touching_the_cube_only_at_a_corner_is_redundant_whoever_decides()
    {
        // x_0 + x_1 + x_2 + x_3 ≤ 4 meets the cube only at (1, 1, 1, 1), where five hyperplanes pass: redundant.
        var (a, b) = Cube(([1, 1, 1, 1], 4));
        var facetOf = new int[b.Length];
        new FacetFinder().Find(a, b, 4, [0.1, -0.2, 0.3, 0], 1, facetOf);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, -1], facetOf);
    }

    [Fact]
    public void Rays_alone_decide_an_unbounded_polyhedron_and_a_vertex_search_is_left_to_clarksons_method()
    {
        // x_0 ≤ 1 and x_1 ≤ 1 in R^4: the rays from the origin along the two normals leave through each with nothing
        // beyond, so both are facets and nothing is left for the walk.
        double[] a = [1, 0, 0, 0, 0, 1, 0, 0];
        var facetOf = new int[2];
        Assert.True(Walk(a, [1, 1], [0, 0, 0, 0], facetOf));
        Assert.Equal([0, 1], facetOf);

        // With x_0 + x_1 ≤ 3 (redundant) the ray along its normal meets both other rows at once, so the walk must
        // look for a vertex, and x_2, x_3 run free: it gives up, and Clarkson's method decides.
        double h = Math.Sqrt(0.5);
        a = [1, 0, 0, 0, 0, 1, 0, 0, h, h, 0, 0];
        double[] b = [1, 1, 3 * h];
        facetOf = Enumerable.Repeat(int.MinValue, 3).ToArray();
        Assert.False(Walk(a, b, [0, 0, 0, 0], facetOf));
        Assert.Equal(2, new FacetFinder().Find(a, b, 4, [0, 0, 0, 0], 1, facetOf));
        Assert.Equal([0, 1, -1], facetOf);
    }
}
