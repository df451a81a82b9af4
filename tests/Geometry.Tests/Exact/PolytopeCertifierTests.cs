using Polytopes.Geometry.Exact;

namespace Polytopes.Geometry.Tests.Exact;

/// <summary>Exact certificates on hand-made polytopes and on the cdd/lrs fixtures; every test checks the
/// certificates themselves (<see cref="PolytopeCertificate.IsValidFor"/>), not just the counts.</summary>
public class PolytopeCertifierTests
{
    private static ExactPolytope Exact(double[][] rows, double[] rhs) => ExactPolytope.FromDouble(HPolytope.FromRows(rows, rhs));

    private static readonly double[][] Square = [[1, 0], [-1, 0], [0, 1], [0, -1]];

    private static PolytopeCertificate Certify(ExactPolytope p, double[]? hint = null, IReadOnlyList<int[]>? claims = null)
    {
        var c = new PolytopeCertifier().Certify(p, hint ?? [], claims, 1.0);
        Assert.True(c.IsValidFor(p), "a certificate does not check");
        return c;
    }

    private static int[][] Groups(PolytopeCertificate c) => c.Facets.Select(f => f.Rows.Order().ToArray()).ToArray();

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Fixture_ExactFacetGroupsMatchCddAndLrs(string name)
    {
        var f = Fixtures.Get(name);
        var p = ExactPolytope.FromDouble(f.Polytope);
        var c = Certify(p);
        Assert.Equal(f.FullDimensional, c.FullDimensional);
        if (!f.FullDimensional) return;
        var expected = f.FacetGroups.Select(g => g.Order().ToArray()).OrderBy(g => g[0]).ToArray();
        Assert.Equal(expected, Groups(c).OrderBy(g => g[0]).ToArray());
    }

    public static TheoryData<string> FixtureNames => Fixtures.Names(_ => true);

    [Fact]
    public void RowTouchingOnlyAVertex_IsRedundantWithAnExactCertificate()
    {
        var p = Exact([.. Square, [1, 1]], [1, 1, 1, 1, 2]); // x + y <= 2 touches the square at (1, 1) only
        var c = Certify(p);
        Assert.Equal(4, c.Facets.Length);
        var cert = Assert.Single(c.Redundant);
        Assert.Equal(4, cert.Row);
        Assert.Equal([0, 2], cert.Rows.Order());
        Assert.All(cert.Multipliers, l => Assert.Equal(Rational.One, l));
    }

    /// <summary>Dropping the redundant rows: x + y &lt;= 2 (touching a vertex) and x &lt;= 3 go, the duplicated
    /// side x &lt;= 1 keeps both its rows; what is left is the square, with the same facets and witnesses.</summary>
    [Fact]
    public void OnFacetRows_IsTheSameSquareWithoutItsRedundantRows()
    {
        var p = Exact([[1, 1], .. Square, [1, 0], [1, 0]], [2, 1, 1, 1, 1, 3, 1]);
        var c = Certify(p);
        Assert.Equal([1, 2, 3, 4, 6], c.FacetRows());
        Assert.Equal([-1, 0, 1, 2, 3, -1, 4], c.FacetRowNumbers());
        var kept = p.WithRows(c.FacetRows());
        var onFacets = c.OnFacetRows();
        Assert.True(onFacets.IsValidFor(kept));
        Assert.Empty(onFacets.Redundant);
        Assert.Equal([[0, 4], [1], [2], [3]], Groups(onFacets).OrderBy(g => g[0]).ToArray());
        Assert.Equal(c.Facets.Select(f => f.Witness), onFacets.Facets.Select(f => f.Witness));
        Assert.False(onFacets.IsValidFor(p)); // it no longer accounts for the dropped rows
    }

    [Fact]
    public void NearlyCoincidentDistinctRows_AreToldApart()
    {
        // x <= 1 and x <= 1 + 2^-45: not the same halfspace; the looser one is redundant (λ = 1 on x <= 1).
        var p = Exact([.. Square, [1, 0]], [1, 1, 1, 1, 1 + Math.Pow(2, -45)]);
        var c = Certify(p);
        Assert.Equal(-1, c.FacetOf[4]);
        Assert.Equal([0], c.Redundant.Single(r => r.Row == 4).Rows);
        // The other way round the tighter new row is the facet and x <= 1 is redundant.
        var q = Exact([.. Square, [1, 0]], [1, 1, 1, 1, 1 - Math.Pow(2, -45)]);
        var d = Certify(q);
        Assert.Equal(-1, d.FacetOf[0]);
        Assert.Equal([4], d.Facets.Single(f => f.Rows.Contains(4)).Rows);
    }

    [Fact]
    public void ScaledDuplicateRows_ShareOneFacet()
    {
        var p = Exact([.. Square, [2, 0], [0.5, 0]], [1, 1, 1, 1, 2, 0.5]);
        var c = Certify(p);
        Assert.Equal(4, c.Facets.Length);
        Assert.Equal([0, 4, 5], c.Facets[c.FacetOf[0]].Rows.Order());
    }

    [Fact]
    public void SliverOfWidth2ToMinus40_IsFullDimensionalWithFourFacets()
    {
        double w = Math.Pow(2, -40);
        var p = Exact(Square, [w, 0, 1, 1]);
        var c = Certify(p);
        Assert.True(c.FullDimensional);
        Assert.Equal(4, c.Facets.Length);
    }

    [Fact]
    public void TriangleOfSize1e12_HasThreeFacetsAndTheSquareSidesAreRedundant()
    {
        // x >= 0, y >= 0, x + y <= 2^-40 (then the square's sides): a triangle far below any float tolerance.
        var p = Exact([[-1, 0], [0, -1], [1, 1], .. Square], [0, 0, Math.Pow(2, -40), 1, 1, 1, 1]);
        var c = Certify(p);
        Assert.Equal([[0], [1], [2]], Groups(c));
        Assert.Equal(4, c.Redundant.Length);
    }

    /// <summary>A small random polytope (an intersection of slabs) deep inside the box [−1, 1]^d: every box side is redundant, and its proof
    /// cannot put its own coordinate's rounding residual on itself; it is kept (scale (c − r)/c, just off 1) and
    /// the certificate written out and checked at once. Certify checks every certificate exactly.</summary>
    [Theory]
    [InlineData(3, 11)]
    [InlineData(4, 12)]
    [InlineData(6, 13)]
    public void BoxSidesOfASmallPolytope_AreRedundantWithExactCertificates(int d, int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 6; trial++)
        {
            var rows = new List<double[]>();
            var rhs = new List<double>();
            for (int t = 0; t < d; t++)
            {
                rows.Add(Enumerable.Range(0, d).Select(k => k == t ? 1.0 : 0.0).ToArray());
                rhs.Add(1);
                rows.Add(Enumerable.Range(0, d).Select(k => k == t ? -1.0 : 0.0).ToArray());
                rhs.Add(1);
            }
            var centre = Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.5).ToArray();
            for (int k = 0; k < d + 2; k++) // slabs |a·(x − centre)| <= 0.05 … 0.15 on d + 2 random directions
            {
                var a = Enumerable.Range(0, d).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
                double at = a.Zip(centre, (x, y) => x * y).Sum();
                rows.Add(a);
                rhs.Add(at + 0.05 + 0.1 * rng.NextDouble());
                rows.Add(a.Select(x => -x).ToArray());
                rhs.Add(-at + 0.05 + 0.1 * rng.NextDouble());
            }
            var p = Exact([.. rows], [.. rhs]);
            var c = Certify(p, centre);
            for (int r = 0; r < 2 * d; r++) Assert.Equal(-1, c.FacetOf[r]);
            var boxProofs = c.Redundant.Where(x => x.Row < 2 * d).ToArray();
            Assert.Equal(2 * d, boxProofs.Length);
            Assert.Contains(boxProofs, x => x.Scale != Rational.One && (x.Scale - Rational.One).Abs() < Rational.FromDouble(1e-9));
        }
    }

    [Fact]
    public void EmptyAndFlatPolytopes_HaveNoInteriorCertificates()
    {
        var empty = Exact([[1.0], [-1.0]], [0, -Math.Pow(2, -50)]); // x <= 0 and x >= 2^-50
        var ce = Certify(empty);
        Assert.False(ce.FullDimensional);
        Assert.NotNull(ce.NoInterior);
        var flat = Exact([.. Square, [1, -1], [-1, 1]], [1, 1, 1, 1, 0, 0]); // the diagonal segment x = y
        Assert.False(Certify(flat).FullDimensional);
    }

    [Fact]
    public void WrongClaims_AreCountedAndRepaired()
    {
        var p = Exact([.. Square, [1, 0]], [1, 1, 1, 1, 2]);
        // Claimed: the redundant x <= 2 and sides 1, 2, 3 but not side 0.
        var c = Certify(p, claims: [[4], [1], [2], [3]]);
        Assert.Equal(1, c.ClaimsRejected);
        Assert.Equal(1, c.FacetsAdded);
        Assert.Equal(4, c.Facets.Length);
        Assert.Equal(-1, c.FacetOf[4]);
    }

    [Fact]
    public void ABadInteriorHint_IsReplaced()
    {
        var p = Exact(Square, [1, 1, 1, 1]);
        var c = Certify(p, hint: [1, 0]); // on the boundary
        Assert.True(p.IsInteriorPoint(c.Interior));
    }

    /// <summary>The rigorous floating-point bound proves x + y &lt;= 2 + 2^-40 from the square's sides, but not
    /// x + y &lt;= 2 (implied with no margin: left to exact arithmetic) nor x + y &lt;= 2 − 2^-40 (not implied).</summary>
    [Fact]
    public void ImpliedByBound_ProvesOnlyWithAMargin()
    {
        double[] bounds = [1, 1];
        foreach (var (rhs, expected) in new[] { (2 + Math.Pow(2, -40), true), (2.0, false), (2 - Math.Pow(2, -40), false) })
        {
            var p = Exact([.. Square, [1, 1]], [1, 1, 1, 1, rhs]);
            Assert.Equal(expected, p.IsImpliedByBound(4, [0, 2], [1.0, 1.0], bounds));
        }
        // Multipliers a little off still prove it: the residual is absorbed by the bounds |x_t| <= 1.
        var q = Exact([.. Square, [1, 1]], [1, 1, 1, 1, 2.001]);
        Assert.True(q.IsImpliedByBound(4, [0, 2], [1.0001, 0.9999], bounds));
    }

    [Fact]
    public void ForgedCertificates_AreRejected()
    {
        var p = Exact([.. Square, [1, 1]], [1, 1, 1, 1, 2]);
        Assert.False(p.IsInteriorPoint([Rational.One, Rational.Zero]));
        Assert.True(p.IsInteriorPoint([Rational.Zero, Rational.Zero]));
        Assert.False(p.IsFacetWitness(new FacetCertificate([0], [Rational.One, Rational.One]))); // a vertex: row 2 and 4 tight too
        Assert.True(p.IsFacetWitness(new FacetCertificate([0], [Rational.One, Rational.Zero])));
        Assert.False(p.IsFacetWitness(new FacetCertificate([4], [Rational.One, Rational.One])));
        Assert.False(p.IsRedundancyCertificate(new RedundancyCertificate(0, [4, 3], [Rational.One, Rational.One]))); // 1·(x+y) + 1·(−y) = x, but 2 + 1 > 1
        Assert.False(p.IsRedundancyCertificate(new RedundancyCertificate(4, [0, 2], [Rational.One, -Rational.One])));
        Assert.True(p.IsRedundancyCertificate(new RedundancyCertificate(4, [0, 2], [Rational.One, Rational.One])));
    }

    public static TheoryData<int, int> RandomCases => new() { { 1, 2 }, { 2, 2 }, { 3, 3 }, { 4, 3 }, { 5, 4 } };

    /// <summary>Randomized differential: exact certificates on random polytopes with exact duplicates (rows times a
    /// power of two, which is exact in floating point); the facet groups agree with the floating-point
    /// <see cref="FacetFinder"/> on these well-conditioned instances. (Rows "touching the box at a corner" are left
    /// out here: their offsets are rounded, so exactly they cut off a corner of size ~1e-16 — a true facet that
    /// the float search rightly ignores at its tolerance; the next test covers them.)</summary>
    [Theory]
    [MemberData(nameof(RandomCases))]
    public void RandomPolytopes_CertificatesCheckAndAgreeWithFloat(int seed, int d)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 8; trial++)
        {
            var hp = WithExactDuplicates(rng, RandomPolytopes.Make(rng, d, rng.Next(3, 10), shuffle: true), 3);
            var unit = hp.Normalized();
            var p = ExactPolytope.FromDouble(hp);
            var c = Certify(p);
            var facetOf = new int[hp.Count];
            new FacetFinder().Find(unit.RowMajorA, unit.B, d, new double[d], 1.0, facetOf);
            var floatGroups = Enumerable.Range(0, hp.Count).Where(r => facetOf[r] >= 0).GroupBy(r => facetOf[r])
                .Select(g => g.Order().ToArray()).OrderBy(g => g[0]).ToArray();
            Assert.Equal(floatGroups, Groups(c).OrderBy(g => g[0]).ToArray());
        }
    }

    /// <summary>Rows meant to touch the box at a corner, with rounded offsets: whatever they exactly do (miss, touch,
    /// or cut a corner of size ~1e-16), the exact certificates check, and every facet of the float search is an
    /// exact facet too.</summary>
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void CornerTouchingRows_CertificatesCheck(int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 8; trial++)
        {
            var hp = RandomPolytopes.Make(rng, 2, rng.Next(3, 8), cornerRows: 2, shuffle: true);
            var p = ExactPolytope.FromDouble(hp);
            var c = Certify(p);
            var facetOf = new int[hp.Count];
            var unit = hp.Normalized();
            new FacetFinder().Find(unit.RowMajorA, unit.B, 2, new double[2], 1.0, facetOf);
            for (int r = 0; r < hp.Count; r++)
                if (facetOf[r] == r) Assert.True(c.FacetOf[r] >= 0, $"float facet row {r} is not an exact facet");
        }
    }

    private static HPolytope WithExactDuplicates(Random rng, HPolytope p, int count)
    {
        var rows = Enumerable.Range(0, p.Count).Select(i => p.Row(i).ToArray()).ToList();
        var rhs = Enumerable.Range(0, p.Count).Select(p.Rhs).ToList();
        for (int k = 0; k < count; k++)
        {
            int src = rng.Next(p.Count), at = rng.Next(rows.Count + 1);
            double f = Math.Pow(2, rng.Next(-3, 4));
            var row = rows[src].Select(v => f * v).ToArray();
            double b = f * rhs[src];
            rows.Insert(at, row);
            rhs.Insert(at, b);
        }
        return HPolytope.FromRows(rows, rhs);
    }
}
