using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary><see cref="FacetFinder"/> (its vertex walk, and Clarkson's method alone), the textbook
/// <see cref="TextbookFacetFinder"/> and <see cref="PolytopeAnalyzer"/> (the polygon path in 2-D, FacetFinder
/// otherwise) must agree row for row on random polytopes in 2 to 6 dimensions. A failure message holds the whole instance (A, b) so it can be turned into a regression test.</summary>
public sealed class RandomizedDifferentialTests
{
    /// <summary>Compares the finders; returns whether the walk decided the polytope (rather than Clarkson's
    /// method).</summary>
    private static bool Compare(HPolytope raw, string context)
    {
        var p = raw.Normalized();
        int d = p.Dimension, m = p.Count;
        var ball = new ChebyshevSolver().Compute(p);
        Assert.True(ball.Status == LpStatus.Optimal && ball.Radius > 1e-3, $"{context}: radius {ball.Radius}\n{TestUtil.Dump(raw)}");

        var walk = new int[m];
        var clarkson = new int[m];
        var textbook = new int[m];
        var finder = new FacetFinder();
        int nw = finder.Find(p.RowMajorA, p.B, d, ball.Centre, 1, walk);
        int nc = new FacetFinder { UseWalk = false }.Find(p.RowMajorA, p.B, d, ball.Centre, 1, clarkson);
        int nt = new TextbookFacetFinder().Find(p.RowMajorA, p.B, d, ball.Centre, 1, textbook);
        string Message(string who, int[] actual, int count) =>
            $"{context}: {who} disagrees with TextbookFacetFinder\n textbook {TestUtil.Show(textbook)} ({nt} facets)\n" +
            $" {who,-8} {TestUtil.Show(actual)} ({count} facets)\nA, b:\n{TestUtil.Dump(raw)}";
        Assert.True(clarkson.SequenceEqual(textbook) && nc == nt, Message("Clarkson", clarkson, nc));
        Assert.True(walk.SequenceEqual(textbook) && nw == nt, Message(finder.Walked == 1 ? "walk" : "fallback", walk, nw));

        var analyzer = new PolytopeAnalyzer(d);
        Assert.True(analyzer.Analyze(p.RowMajorA, p.B, new double[d], 1), $"{context}: analyzer rejects\n{TestUtil.Dump(raw)}");
        var fromAnalyzer = analyzer.FacetOf.ToArray();
        Assert.Equal(d == 2, analyzer.HasPolygon);
        Assert.True(fromAnalyzer.SequenceEqual(textbook) && analyzer.FacetCount == nt,
            Message(d == 2 ? "polygon" : "analyzer", fromAnalyzer, analyzer.FacetCount));
        Assert.Equal(Enumerable.Range(0, m).Where(i => fromAnalyzer[i] >= 0), analyzer.RowsOnFacets.ToArray());
        return finder.Walked == 1;
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    [InlineData(6)] [InlineData(7)] [InlineData(8)] [InlineData(9)] [InlineData(10)]
    public void Random_polytopes_get_the_same_facets_from_every_finder(int seed)
    {
        var rng = new Random(seed);
        int walked = 0;
        for (int trial = 0; trial < 30; trial++)
        {
            int d = 2 + trial % 5;
            var p = RandomPolytopes.Make(rng, d, cuts: 3 + rng.Next(4 * d * d));
            if (Compare(p, $"seed {seed} trial {trial}")) walked++;
        }
        // Random rows are in general position: the walk gives up only where a decision is within rounding.
        Assert.True(walked >= 27, $"the walk decided {walked} of 30");
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    [InlineData(6)] [InlineData(7)] [InlineData(8)] [InlineData(9)] [InlineData(10)]
    public void Random_polytopes_with_duplicate_and_corner_touching_rows_get_the_same_facets_from_every_finder(int seed)
    {
        // Exact and scaled copies (factors 1, 2, 1/2, 3, 1/10), rows supporting the box at a corner, shuffled.
        var rng = new Random(1000 + seed);
        int walked = 0;
        for (int trial = 0; trial < 30; trial++)
        {
            int d = 2 + trial % 5;
            var p = RandomPolytopes.Make(rng, d, cuts: 3 + rng.Next(3 * d * d), duplicates: 1 + rng.Next(6),
                cornerRows: rng.Next(4), shuffle: true);
            if (Compare(p, $"seed {seed} trial {trial}")) walked++;
        }
        // A copy of a facet ties with it in every ratio test, so these go to Clarkson's method, unless every
        // copy is of a redundant row (and the corner rows too).
        Assert.True(walked < 30, "the walk decided polytopes with copies of facets");
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    [InlineData(6)] [InlineData(7)] [InlineData(8)] [InlineData(9)] [InlineData(10)]
    public void Random_polytopes_with_near_duplicate_rows_get_the_same_facets_from_every_finder(int seed)
    {
        // Copies whose offsets differ from the original by up to 0.4 × the coincidence tolerance, so any two
        // copies of a row are within the tolerance of each other (no chains longer than the tolerance, where
        // grouping is ambiguous). Every finder must group them and report the lowest index of each group.
        double jitter = 0.4 * Tolerances.Default.Coincidence;
        var rng = new Random(2000 + seed);
        for (int trial = 0; trial < 30; trial++)
        {
            int d = 2 + trial % 5;
            var p = RandomPolytopes.Make(rng, d, cuts: 3 + rng.Next(3 * d * d), duplicates: 2 + rng.Next(6),
                shuffle: true, jitter: jitter);
            Compare(p, $"seed {seed} trial {trial}");
        }
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    [InlineData(6)] [InlineData(7)] [InlineData(8)] [InlineData(9)] [InlineData(10)]
    public void Random_polytopes_with_rows_supporting_a_vertex_or_an_edge_get_the_same_facets_from_every_finder(int seed)
    {
        // A random objective c is maximised at a vertex v of P (certificate: c = Σ λ_i A_i over tight rows).
        // The row c·x <= c·v touches P only at v; the row (A_i + A_j)·x <= (A_i + A_j)·v for two rows tight at v
        // with positive multipliers touches P along the face where both are tight (an edge in 3-D, v in 2-D).
        // Both are redundant, and are inserted at random positions.
        var rng = new Random(3000 + seed);
        var solver = new ActiveSetSolver();
        for (int trial = 0; trial < 30; trial++)
        {
            int d = 2 + trial % 5;
            var basis = RandomPolytopes.Make(rng, d, cuts: 3 + rng.Next(3 * d * d)).Normalized();
            var (rows, rhs) = RandomPolytopes.Lists(basis);
            for (int k = 0; k < 4; k++)
            {
                var c = RandomPolytopes.UnitNormal(rng, d);
                var lp = new LinearProgram(basis, c);
                var r = solver.Maximize(lp);
                ActiveSetSolverTests.AssertCertificate(lp, r, $"seed {seed} trial {trial}");
                double[] a = c;
                if (k % 2 == 1)
                {
                    var tight = Enumerable.Range(0, basis.Count).Where(i => r.Multipliers[i] > 0).Take(2).ToArray();
                    if (tight.Length < 2) continue;
                    a = new double[d];
                    foreach (int i in tight) for (int j = 0; j < d; j++) a[j] += basis.Row(i)[j];
                }
                int pos = rng.Next(rows.Count + 1);
                rows.Insert(pos, a);
                rhs.Insert(pos, VectorMath.Dot(a, r.Point));
            }
            Compare(HPolytope.FromRows(rows, rhs), $"seed {seed} trial {trial}");
        }
    }
}
