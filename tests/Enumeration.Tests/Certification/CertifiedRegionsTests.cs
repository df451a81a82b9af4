using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Certification;

/// <summary>Certified results become the results: <see cref="RegionSearch"/> with certification returns the proved
/// regions as records (exact counts, facets, neighbours, polygons, radius intervals). Expected values come from the
/// fixtures' hand derivations (fixtures/degenerate/README.md) and from formulas.</summary>
public class CertifiedRegionsTests
{
    private static RegionSearchResult Certified(string dir, string file, SearchOptions? search = null) =>
        RegionSearch.Run(NetworkFiles.Read(TestPaths.Fixture(dir, file)),
            new RegionSearchOptions { Certify = true, Search = search ?? new SearchOptions() });

    public static TheoryData<string, string> OrdinaryFixtures() => CertifierTests.OrdinaryFixtures();

    [Theory]
    [MemberData(nameof(OrdinaryFixtures))]
    public void OrdinaryFixture_RecordsEqualTheFloatOnesWithZeroRepairsAndTightIntervals(string dir, string file)
    {
        var net = NetworkFiles.Read(TestPaths.Fixture(dir, file));
        var plain = new RegionEnumerator(net).Run();
        var run = RegionSearch.Run(net, new RegionSearchOptions { Certify = true });
        Assert.True(run.Certification!.Certified, run.Certification.Failure);
        Assert.Equal(0, run.Certification.Repairs.Total);
        Assert.Equal(plain.RegionCount, run.Result.Regions.Count);
        for (int i = 0; i < plain.Regions.Count; i++)
        {
            Region f = plain.Regions[i], c = run.Result.Regions[i];
            Assert.Equal(f.Pattern, c.Pattern);
            Assert.Equal(f.FaceCount, c.FaceCount);
            Assert.Equal(f.Neighbours.Order(), c.Neighbours.Order());
            Assert.Equal(f.Radius, c.Radius); // the float radius is kept: it lies in the certified interval
            var bounds = c.RadiusBounds!;
            Assert.True(bounds.Width <= 1e-9 * bounds.Upper, $"region {i}: [{bounds.Lower}, {bounds.Upper}]");
            Assert.True(bounds.Contains(f.Radius, Tolerances.Default.RadiusAgreement * run.Box!.Scale()));
            if (f.Volume is double area) Assert.Equal(area, c.Volume!.Value, 1e-12);
        }
    }

    [Fact]
    public void NearConcurrentLines_TheTinyTriangleIsARecordWithItsExactAreaAndRadius()
    {
        // Lines x = 0, y = 0, x + y = ε (ε = 2^-40) bound the triangle 110 with legs ε: area ε²/2, and inscribed
        // radius (ε + ε − ε√2)/2 = ε/(2 + √2) (a right triangle's r = (a + b − c)/2).
        double eps = Math.ScaleB(1, -40);
        var run = Certified("degenerate", "near_concurrent_lines.json");
        var regions = run.Result.Regions;
        Assert.Equal(7, regions.Count);
        var triangle = Assert.Single(regions, r => r.Pattern.ToString() == "110");
        Assert.Equal(3, triangle.FaceCount);
        Assert.Equal(eps * eps / 2, triangle.Volume!.Value, eps * eps * 1e-12);
        Assert.True(triangle.RadiusBounds!.Contains(eps / (2 + Math.Sqrt(2)), eps * 1e-15));
        Assert.Equal(triangle.RadiusBounds.Midpoint, triangle.Radius); // no float radius for a region the search missed
        // The histogram of the records is the hand count {3: 3, 4: 1, 5: 3}; the regions tile the box of area 4.
        Assert.Equal(new[] { (3, 3), (4, 1), (5, 3) }, regions.GroupBy(r => r.FaceCount).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
        Assert.Equal(4, regions.Sum(r => r.Volume!.Value), 1e-14);
    }

    [Fact]
    public void Sliver_BothSliverRectanglesAreRecordsOfWidthDelta()
    {
        // x = 0 and x = δ (δ = 2^-30) cut the box into strips; y = 0 halves each: the sliver pieces are δ × 1
        // rectangles, area δ and inscribed radius δ/2 (exactly representable, so the interval must contain it).
        double delta = Math.ScaleB(1, -30);
        var regions = Certified("degenerate", "sliver_1e-9.json").Result.Regions;
        Assert.Equal(6, regions.Count);
        var slivers = regions.Where(r => r.Volume < 1e-6).ToArray();
        Assert.Equal(2, slivers.Length);
        foreach (var s in slivers)
        {
            Assert.Equal(delta, s.Volume!.Value, delta * 1e-12);
            Assert.Equal(4, s.FaceCount);
            Assert.True(s.RadiusBounds!.Contains(delta / 2));
            Assert.Equal(3, s.Neighbours.Count()); // across x = 0, x = δ and y = 0; the fourth side is a box side
        }
        AssertSymmetricNeighbours(regions);
    }

    [Fact]
    public void LastBitTwins_TheMiddleStripIsTwoRecords()
    {
        // x + y/2 + c = 0 and x + y/2 + c' = 0 with c' − c = 2^-33: the middle strip has horizontal width 2^-33, so
        // each half (cut by y = 0, height 1) is a parallelogram of area 2^-33; its perpendicular width is
        // 2^-33/|(1, 1/2)| = 2^-32/√5 and the inscribed radius half of it.
        double h = Math.ScaleB(1, -33);
        var regions = Certified("degenerate", "last_bit_twins.json").Result.Regions;
        Assert.Equal(6, regions.Count);
        var middle = regions.Where(r => r.Volume < 1e-6).ToArray();
        Assert.Equal(2, middle.Length);
        foreach (var m in middle)
        {
            Assert.Equal(h, m.Volume!.Value, h * 1e-9);
            Assert.True(m.RadiusBounds!.Contains(h / Math.Sqrt(5), h * 1e-12));
        }
        AssertSymmetricNeighbours(regions);
    }

    [Theory]
    [InlineData("lines_general_k8.json", 2, 8)]
    [InlineData("lines_general_k5.json", 2, 5)]
    [InlineData("hyperplanes_3d_general_6.json", 3, 6)]
    public void WholeSpace_OneLayerInGeneralPosition_BoundedCountIsCOfNMinusOneAndD(string file, int d, int n)
    {
        // Zaslavsky: n hyperplanes in general position cut R^d into Σ_{i≤d} C(n, i) regions, C(n−1, d) bounded.
        var run = Certified("nets", file, new SearchOptions { WholeSpace = true });
        var regions = run.Result.Regions;
        Assert.Equal(Enumerable.Range(0, d + 1).Sum(i => Choose(n, i)), regions.Count);
        Assert.Equal(Choose(n - 1, d), regions.Count(r => r.Bounded));
        Assert.Equal(Choose(n - 1, d), run.Result.BoundedRegions);
        Assert.All(regions.Where(r => !r.Bounded), r => Assert.Equal(double.PositiveInfinity, r.Volume));
        Assert.All(regions, r => Assert.Equal(0, r.BoxFaceCount));
        // Every hyperplane is cut into Σ_{i≤d−1} C(n−1, i) pieces by the others, each a facet of 2 regions.
        Assert.Equal(2 * n * Enumerable.Range(0, d).Sum(i => Choose(n - 1, i)), regions.Sum(r => r.FaceCount));
    }

    [Fact]
    public void OnRegion_ReceivesTheCertifiedRegionsInIdOrder()
    {
        var seen = new List<Region>();
        var run = RegionSearch.Run(NetworkFiles.Read(TestPaths.Fixture("degenerate", "near_concurrent_lines.json")),
            new RegionSearchOptions { Certify = true, Search = new SearchOptions { OnRegion = seen.Add, KeepRegions = false } });
        Assert.Equal(Enumerable.Range(0, 7), seen.Select(r => r.Id));
        Assert.Equal(run.Result.Regions, seen);
        Assert.All(seen, r => Assert.NotNull(r.RadiusBounds));
    }

    [Fact]
    public void Materialisation_IsIdenticalForAnyThreadCount()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("reference", "relu_2d_16x16.json"));
        string Records(int threads) => string.Join("\n", RegionSearch.Run(net, new RegionSearchOptions
        {
            Certify = true, Search = new SearchOptions { Threads = threads },
        }).Result.Regions.Select(r => $"{r.Pattern} {r.Radius:R} {r.RadiusBounds} {r.Volume:R} {string.Join(",", r.Neighbours)}"));
        Assert.Equal(Records(1), Records(3));
    }

    private static void AssertSymmetricNeighbours(IReadOnlyList<Region> regions)
    {
        foreach (var r in regions)
            foreach (int n in r.Neighbours)
                Assert.Contains(r.Id, regions[n].Neighbours);
    }

    private static int Choose(int n, int k) => k < 0 || k > n ? 0 : k == 0 ? 1 : Choose(n - 1, k - 1) * n / k;
}
