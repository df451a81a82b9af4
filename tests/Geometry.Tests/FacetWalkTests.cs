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
    public void A_row_with_a_nan_offset_is_left_to_clarksons_method()
    {
        // Overflowed data: the row's slack and every ratio it gives are NaN. The ratio test takes the processor's
        // min, which may drop a NaN, but the row can be neither a facet (no ratio equals NaN) nor redundant (its
        // bound compares false): the walk gives up rather than decide the polytope as if the row were not there.
        var (a, b) = Cube(([1, 1, 0, 0], double.NaN));
        var facetOf = Enumerable.Repeat(int.MinValue, b.Length).ToArray();
        Assert.False(Walk(a, b, [-0.2, -0.1, 0.05, 0.1], facetOf));
        Assert.All(facetOf, f => Assert.Equal(int.MinValue, f));
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

    /// <summary>
    /// Random polytopes (4-D to 6-D) with rows through a vertex, moved off it by up to 1e-8 either way: a few times
    /// the facet tolerance (cutting off a corner that small, or passing it that closely), where floating-point finders
    /// may part. Wherever the walk decides, its answer is Clarkson's and the textbook finder's (an LP per row, the
    /// independent check); where those two part, the walk must have left the polytope to Clarkson's method.
    /// </summary>
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)]
    public void Rows_near_a_vertex_are_decided_by_the_walk_only_where_every_finder_agrees(int seed)
    {
        double[] moves = [-1e-8, -3e-9, -2e-9, -1e-9, -1e-10, 0, 1e-10, 1e-9, 2e-9, 3e-9, 1e-8];
        var rng = new Random(seed);
        var solver = new Lp.ActiveSetSolver();
        int walked = 0, tried = 0;
        for (int trial = 0; trial < 150; trial++)
        {
            int d = 4 + trial % 3;
            var basis = RandomPolytopes.Make(rng, d, cuts: 3 + rng.Next(3 * d * d)).Normalized();
            var (rows, rhs) = RandomPolytopes.Lists(basis);
            for (int k = 0; k < 3; k++)
            {
                var r = solver.Maximize(new Lp.LinearProgram(basis, RandomPolytopes.UnitNormal(rng, d)));
                if (r.Status != Lp.LpStatus.Optimal) continue;
                // A normal inside the vertex's normal cone: a positive mix of the rows tight there.
                var a = new double[d];
                for (int i = 0; i < basis.Count; i++)
                {
                    if (!(r.Multipliers[i] > 0)) continue;
                    double w = 0.1 + rng.NextDouble();
                    for (int t = 0; t < d; t++) a[t] += w * basis.Row(i)[t];
                }
                int pos = rng.Next(rows.Count + 1);
                rows.Insert(pos, a);
                rhs.Insert(pos, VectorMath.Dot(a, r.Point) + VectorMath.Norm(a) * moves[rng.Next(moves.Length)]);
            }
            var p = HPolytope.FromRows(rows, rhs).Normalized();
            var ball = new ChebyshevSolver().Compute(p);
            if (ball.Status != Lp.LpStatus.Optimal || ball.Radius < 1e-3) continue;
            tried++;
            var walk = new int[p.Count];
            var clarkson = new int[p.Count];
            var textbook = new int[p.Count];
            var finder = new FacetFinder();
            finder.Find(p.RowMajorA, p.B, d, ball.Centre, 1, walk);
            new FacetFinder { UseWalk = false }.Find(p.RowMajorA, p.B, d, ball.Centre, 1, clarkson);
            new TextbookFacetFinder().Find(p.RowMajorA, p.B, d, ball.Centre, 1, textbook);
            Assert.Equal(clarkson, walk);
            if (finder.Walked == 0) continue;
            walked++;
            Assert.True(textbook.SequenceEqual(walk),
                $"seed {seed} trial {trial}: the walk decided\n walk     {TestUtil.Show(walk)}\n textbook {TestUtil.Show(textbook)}\n{TestUtil.Dump(p)}");
        }
        // The walk decides about a third of them (the others have a row nearer a vertex than its margins allow).
        Assert.True(walked >= tried / 5, $"the walk decided {walked} of {tried}");
    }
}
