using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary>The three facet paths (Clarkson's <see cref="FacetFinder"/>, the textbook one-LP-per-row
/// <see cref="TextbookFacetFinder"/>, and <see cref="PolytopeAnalyzer"/>, which in 2-D clips a polygon) against the
/// facet groups cddlib computed exactly.</summary>
public sealed class FacetTests
{
    private const double Scale = 1; // every fixture lies in [-1.5, 1.5]^d

    public static TheoryData<string> FullDimensional => Fixtures.FullDimensional;
    public static TheoryData<string> NotFullDimensional => Fixtures.NotFullDimensional;

    private static (HPolytope P, double[] Centre) Prepare(PolytopeFixture f)
    {
        var p = f.Polytope.Normalized();
        var ball = new ChebyshevSolver().Compute(p);
        Assert.Equal(LpStatus.Optimal, ball.Status);
        Assert.True(ball.Radius > 1e-6, $"{f.Name}: Chebyshev radius {ball.Radius}");
        return (p, ball.Centre);
    }

    private static void AssertFacets(PolytopeFixture f, HPolytope p, int[] actual, int count, string who)
    {
        var expected = f.ExpectedFacetOf();
        Assert.True(expected.SequenceEqual(actual),
            $"{who} on {f.Name}:\n expected {TestUtil.Show(expected)}\n actual   {TestUtil.Show(actual)}\n{TestUtil.Dump(p)}");
        Assert.Equal(f.FacetGroups.Length, count);
    }

    [Theory]
    [MemberData(nameof(FullDimensional))]
    public void FacetFinder_reports_exactly_the_fixture_facet_groups(string name)
    {
        var f = Fixtures.Get(name);
        var (p, centre) = Prepare(f);
        var facetOf = new int[p.Count];
        int count = new FacetFinder().Find(p.RowMajorA, p.B, p.Dimension, centre, Scale, facetOf);
        AssertFacets(f, p, facetOf, count, nameof(FacetFinder));
    }

    [Theory]
    [MemberData(nameof(FullDimensional))]
    public void TextbookFacetFinder_reports_exactly_the_fixture_facet_groups(string name)
    {
        var f = Fixtures.Get(name);
        var (p, centre) = Prepare(f);
        var facetOf = new int[p.Count];
        var finder = new TextbookFacetFinder();
        int count = finder.Find(p.RowMajorA, p.B, p.Dimension, centre, Scale, facetOf);
        AssertFacets(f, p, facetOf, count, nameof(TextbookFacetFinder));
        Assert.True(finder.LpCount <= p.Count);
    }

    [Theory]
    [MemberData(nameof(FullDimensional))]
    public void PolytopeAnalyzer_reports_exactly_the_fixture_facet_groups(string name)
    {
        var f = Fixtures.Get(name);
        var p = f.Polytope.Normalized();
        var analyzer = new PolytopeAnalyzer(p.Dimension);
        Assert.True(analyzer.Analyze(p.RowMajorA, p.B, new double[p.Dimension], Scale), $"{name} judged not full-dimensional");
        Assert.Equal(p.Dimension == 2, analyzer.HasPolygon);
        AssertFacets(f, p, analyzer.FacetOf.ToArray(), analyzer.FacetCount, nameof(PolytopeAnalyzer));
    }

    [Theory]
    [MemberData(nameof(NotFullDimensional))]
    public void PolytopeAnalyzer_rejects_empty_and_lower_dimensional_polytopes(string name)
    {
        var p = Fixtures.Get(name).Polytope.Normalized();
        var analyzer = new PolytopeAnalyzer(p.Dimension);
        Assert.False(analyzer.Analyze(p.RowMajorA, p.B, new double[p.Dimension], Scale));
        Assert.Equal(0, analyzer.FacetCount);
    }

    // Degenerate cases, each by name, through both general-dimension finders.

    private static void BothFinders(string name)
    {
        var f = Fixtures.Get(name);
        var (p, centre) = Prepare(f);
        var facetOf = new int[p.Count];
        int count = new FacetFinder().Find(p.RowMajorA, p.B, p.Dimension, centre, Scale, facetOf);
        AssertFacets(f, p, facetOf, count, nameof(FacetFinder));
        count = new TextbookFacetFinder().Find(p.RowMajorA, p.B, p.Dimension, centre, Scale, facetOf);
        AssertFacets(f, p, facetOf, count, nameof(TextbookFacetFinder));
    }

    [Fact] public void Identical_and_scaled_duplicate_rows_share_the_lowest_index_in_1D() => BothFinders("interval_1d_duplicates");
    [Fact] public void A_zero_row_and_a_scaled_copy_are_handled_in_1D() => BothFinders("interval_1d_redundant");
    [Fact] public void Identical_and_scaled_duplicate_rows_share_the_lowest_index_in_2D() => BothFinders("duplicates_2d");
    [Fact] public void Identical_and_scaled_duplicate_rows_share_the_lowest_index_in_3D() => BothFinders("duplicates_3d");
    [Fact] public void A_duplicate_appended_after_many_redundant_rows_is_grouped_in_4D() => BothFinders("many_redundant_4d");
    [Fact] public void Rows_touching_only_at_a_vertex_are_redundant_in_2D() => BothFinders("vertex_touching_2d");
    [Fact] public void A_row_touching_a_triangle_only_at_its_vertex_is_redundant() => BothFinders("triangle_vertex_touch_2d");
    [Fact] public void Rows_touching_a_cube_only_along_an_edge_or_at_a_vertex_are_redundant() => BothFinders("cube_edge_touch_3d");
    [Fact] public void Four_facets_meeting_at_a_pyramid_apex_are_all_found() => BothFinders("square_pyramid_3d");
    [Fact] public void Four_facets_at_every_octahedron_vertex_are_all_found() => BothFinders("octahedron_3d");
    [Fact] public void Eight_facets_at_every_cross_polytope_vertex_are_all_found() => BothFinders("cross_polytope_4d");
    [Fact] public void A_thin_strip_keeps_both_of_its_close_parallel_facets() => BothFinders("thin_strip_2d");
    [Fact] public void A_polytope_not_containing_the_origin_is_handled() => BothFinders("shifted_triangle_2d");

    [Fact]
    public void Textbook_finder_treats_a_group_of_coincident_rows_as_one_facet()
    {
        // The square [-1,1]^2 with x <= 1 given three times (rows 0, 4, 5): each copy alone is redundant given
        // another copy, so only a finder that groups first keeps the facet.
        var p = HPolytope.FromRows(
            [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 0], [1, 0]], [1, 1, 1, 1, 1, 1]);
        var facetOf = new int[p.Count];
        int count = new TextbookFacetFinder().Find(p.RowMajorA, p.B, 2, new double[2], 1, facetOf);
        Assert.Equal(4, count);
        Assert.Equal([0, 1, 2, 3, 0, 0], facetOf);
    }

    [Fact]
    public void Textbook_finder_solves_one_LP_per_hyperplane_group()
    {
        var f = Fixtures.Get("duplicates_2d"); // 9 rows but 5 distinct half-spaces: {0,4,5,8} {1} {2} {3,7} {6}
        var p = f.Polytope.Normalized();
        var finder = new TextbookFacetFinder();
        finder.Find(p.RowMajorA, p.B, 2, new double[2], 1, new int[p.Count]);
        Assert.Equal(5, finder.LpCount);
    }

    // Regressions for two FacetFinder bugs found by the differential tests (fixed in src/Geometry/FacetFinder.cs).

    private static int[] AllThree(HPolytope p, out int count)
    {
        var ball = new ChebyshevSolver().Compute(p);
        int d = p.Dimension, m = p.Count;
        var clarkson = new int[m];
        var textbook = new int[m];
        int nc = new FacetFinder().Find(p.RowMajorA, p.B, d, ball.Centre, 1, clarkson);
        count = new TextbookFacetFinder().Find(p.RowMajorA, p.B, d, ball.Centre, 1, textbook);
        var analyzer = new PolytopeAnalyzer(d);
        Assert.True(analyzer.Analyze(p.RowMajorA, p.B, new double[d], 1));
        Assert.Equal(TestUtil.Show(textbook), TestUtil.Show(clarkson));
        Assert.Equal(TestUtil.Show(textbook), TestUtil.Show(analyzer.FacetOf.ToArray()));
        Assert.Equal(count, nc);
        Assert.Equal(count, analyzer.FacetCount);
        return textbook;
    }

    [Fact]
    public void An_exact_duplicate_of_a_facet_is_not_lost_when_the_ray_meets_a_lower_dimensional_face()
    {
        // The 4-D cross-polytope (16 facets, 8 through every vertex) with row 4 repeated as row 5. FacetFinder's
        // ray for this row leaves through a lower-dimensional face, so it falls back to the full LP, which used to
        // keep the other copy and call both copies redundant.
        var f = Fixtures.Get("cross_polytope_4d");
        var p0 = f.Polytope.Normalized();
        var rows = Enumerable.Range(0, p0.Count).Select(i => p0.Row(i).ToArray()).ToList();
        var rhs = Enumerable.Range(0, p0.Count).Select(p0.Rhs).ToList();
        rows.Insert(5, p0.Row(4).ToArray());
        rhs.Insert(5, p0.Rhs(4));
        var facetOf = AllThree(HPolytope.FromRows(rows, rhs), out int count);
        Assert.Equal(16, count);
        Assert.Equal(4, facetOf[4]);
        Assert.Equal(4, facetOf[5]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_near_duplicate_with_the_lower_index_represents_the_facet(int d)
    {
        // The slab |x_last| <= 0.1 in the box [-1,1]^d, with y <= 0.1 given twice: row 0 looser by 4e-10 (within
        // the coincidence tolerance) and the last row exact. The ray from the centre meets the tighter copy first
        // (4e-10 is not a tie at distance 0.1), so FacetFinder found the last row as the facet and then joined
        // row 0 to it, reporting the higher index as representative.
        var rows = new List<double[]>();
        var rhs = new List<double>();
        double[] Unit(int j, double s) { var e = new double[d]; e[j] = s; return e; }
        rows.Add(Unit(d - 1, 1)); rhs.Add(0.1 + 4e-10);
        for (int j = 0; j < d - 1; j++) { rows.Add(Unit(j, 1)); rhs.Add(1); rows.Add(Unit(j, -1)); rhs.Add(1); }
        rows.Add(Unit(d - 1, -1)); rhs.Add(0.1);
        rows.Add(Unit(d - 1, 1)); rhs.Add(0.1);
        int m = rows.Count;
        var facetOf = AllThree(HPolytope.FromRows(rows, rhs), out int count);
        Assert.Equal(2 * d, count);
        Assert.Equal(0, facetOf[0]);
        Assert.Equal(0, facetOf[m - 1]);
    }
}
