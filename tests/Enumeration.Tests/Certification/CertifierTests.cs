using System.Text.Json;
using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Tests.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Certification;

/// <summary>Exact certification: agreement with the float search (zero repairs) on every ordinary fixture, the
/// nearly degenerate fixtures where the float search goes wrong, and repairs of deliberately damaged results.</summary>
public class CertifierTests
{
    private static (EnumerationResult Float, CertificationResult Exact) Run(Network net, SearchOptions? options = null,
        CertifyOptions? certify = null)
    {
        var enumerator = new RegionEnumerator(net, options ?? new SearchOptions());
        var result = enumerator.Run();
        return (result, new Certifier(net, enumerator.Box, certify).Certify(result));
    }

    public static TheoryData<string, string> OrdinaryFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in new[] { "nets", "reference" })
            foreach (var f in Directory.GetFiles(TestPaths.Fixture(dir), "*.json").Order())
                if (!f.EndsWith(".truth.json")) data.Add(dir, Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(OrdinaryFixtures))]
    public void OrdinaryFixture_CertificationAgreesWithTheFloatSearchWithZeroRepairs(string dir, string file)
    {
        var net = NetworkFiles.Read(TestPaths.Fixture(dir, file));
        var (r, c) = Run(net);
        Assert.True(c.Certified, c.Failure);
        Assert.Equal(0, c.Repairs.Total);
        Assert.Equal(0, c.ExactSolves);
        Assert.Equal(r.RegionCount, c.RegionCount);
        Assert.Equal(r.LinearRegionCount, c.LinearRegionCount);
        Assert.Equal(r.FaceHistogram, c.FaceHistogram);
        Assert.Equal(r.NeuronFaceHistogram, c.NeuronFaceHistogram);
        Assert.Equal(r.Regions.Select(x => x.Pattern), c.Regions.Select(x => x.Pattern));
    }

    public static TheoryData<string, int, int, string> DegenerateFixtures => new()
    {
        // name, float count at default tolerance, exact count, exact face histogram (derived in the README)
        { "near_concurrent_lines", 6, 7, "3:3 4:1 5:3" },
        { "last_bit_twins", 4, 6, "4:6" },
        { "sliver_1e-9", 4, 6, "4:6" },
    };

    [Theory]
    [MemberData(nameof(DegenerateFixtures))]
    public void DegenerateFixture_FloatSearchIsWrongAndCertificationRepairsIt(string name, int floatCount, int exactCount,
        string histogram)
    {
        var path = TestPaths.Fixture("degenerate", name + ".json");
        var expected = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("expected");
        Assert.Equal(exactCount, expected.GetProperty("regions").GetInt32());
        Assert.Equal(floatCount, expected.GetProperty("float_search_default_tolerance").GetInt32());

        var (r, c) = Run(NetworkFiles.Read(path), certify: new CertifyOptions { KeepRedundantRows = true });
        Assert.Equal(floatCount, r.RegionCount);
        Assert.True(c.Certified, c.Failure);
        Assert.Equal(exactCount, c.RegionCount);
        Assert.Equal(exactCount - floatCount, c.Repairs.RegionsAdded);
        Assert.Equal(histogram, string.Join(" ", c.FaceHistogram.Select(kv => $"{kv.Key}:{kv.Value}")));
        Assert.All(c.Regions, x => Assert.True(x.Certificate.IsValidFor(x.Polytope)));
    }

    /// <summary>A smaller radius tolerance lets the float search keep the 1e-12 triangle, but not tell apart the
    /// twins or the sliver's lines (hyperplanes within the coincidence tolerance are one facet to it).</summary>
    [Fact]
    public void SmallerTolerance_FindsTheTinyTriangleButNotTheSliver()
    {
        var tol = new Tolerances { Radius = 1e-15, Facet = 1e-15 };
        var (r, _) = Run(NetworkFiles.Read(TestPaths.Fixture("degenerate", "near_concurrent_lines.json")),
            new SearchOptions { Tolerances = tol });
        Assert.Equal(7, r.RegionCount);
        var (s, c) = Run(NetworkFiles.Read(TestPaths.Fixture("degenerate", "sliver_1e-9.json")),
            new SearchOptions { Tolerances = tol }, new CertifyOptions { Tolerances = tol });
        Assert.Equal(4, s.RegionCount);
        Assert.Equal(6, c.RegionCount);
    }

    /// <summary>Every exact certificate of every region re-checks in rational arithmetic, and every region's
    /// interior point has the region's pattern under an independent exact forward pass.</summary>
    [Theory]
    [InlineData("nets", "dead_and_duplicate.json")]
    [InlineData("nets", "maxout_2d_duplicate_piece.json")]
    [InlineData("nets", "hyperplanes_3d_general_6.json")]
    [InlineData("reference", "degenerate_2d.json")]
    public void Certificates_CheckExactly(string dir, string file)
    {
        var (_, c) = Run(NetworkFiles.Read(TestPaths.Fixture(dir, file)), certify: new CertifyOptions { KeepRedundantRows = true });
        Assert.True(c.Certified, c.Failure);
        Assert.All(c.Regions, x => Assert.True(x.Certificate.IsValidFor(x.Polytope), $"region {x.Id}"));
    }

    /// <summary>By default a proved region keeps only its facet rows. The result is the same as with every row
    /// kept — regions, interior points, facets (their rows renumbered), links, counts and the materialised
    /// records — and what is kept is still a valid certificate of the same region.</summary>
    [Theory]
    [InlineData("nets", "dead_and_duplicate.json")]
    [InlineData("nets", "maxout_2d_duplicate_piece.json")]
    [InlineData("nets", "hyperplanes_3d_general_6.json")]
    [InlineData("reference", "relu_3d_12x12.json")]
    [InlineData("degenerate", "sliver_1e-9.json")]
    [InlineData("degenerate", "near_concurrent_lines.json")]
    [InlineData("degenerate", "last_bit_twins.json")]
    public void FacetRowsOnly_GiveTheResultOfEveryRow(string dir, string file)
    {
        var net = NetworkFiles.Read(TestPaths.Fixture(dir, file));
        var enumerator = new RegionEnumerator(net);
        var result = enumerator.Run();
        var all = new Certifier(net, enumerator.Box, new CertifyOptions { KeepRedundantRows = true }).Certify(result);
        var facets = new Certifier(net, enumerator.Box).Certify(result);
        Assert.True(all.Certified, all.Failure);
        Assert.True(facets.Certified, facets.Failure);
        Assert.Equal(all.RegionCount, facets.RegionCount);
        Assert.Equal(all.LinearRegionCount, facets.LinearRegionCount);
        Assert.Equal(all.FaceHistogram, facets.FaceHistogram);
        Assert.Equal(all.Repairs, facets.Repairs);
        for (int i = 0; i < all.Regions.Count; i++)
        {
            var (x, y) = (all.Regions[i], facets.Regions[i]);
            Assert.Equal(x.Pattern, y.Pattern);
            Assert.Equal(x.InteriorPoint, y.InteriorPoint);
            Assert.Equal(x.Links, y.Links);
            var kept = x.Certificate.FacetRows();
            Assert.Equal(kept.Length, y.Polytope.Count);
            Assert.Empty(y.Certificate.Redundant);
            Assert.True(y.Certificate.IsValidFor(y.Polytope), $"region {y.Id}");
            for (int k = 0; k < kept.Length; k++)
            {
                Assert.Equal(x.Polytope.Row(kept[k]).ToArray(), y.Polytope.Row(k).ToArray());
                Assert.Equal(x.RowUnits[kept[k]], y.RowUnits[k]);
            }
            Assert.Equal(x.Certificate.Facets.Select(f => f.Witness), y.Certificate.Facets.Select(f => f.Witness));
        }
        var box = enumerator.Box;
        var recordsAll = CertifiedRegions.Materialise(all, result, box).Regions;
        var recordsFacets = CertifiedRegions.Materialise(facets, result, box).Regions;
        Assert.Equal(recordsAll.Select(Described), recordsFacets.Select(Described));
    }

    /// <summary>Every field of a record, doubles to the last bit.</summary>
    private static string Described(Region r)
    {
        static string Numbers(IEnumerable<double>? xs) => xs == null ? "-" : string.Join(",", xs.Select(x => x.ToString("R")));
        var facets = r.Facets.Select(f => $"[{Numbers(f.Normal)} {f.Offset:R} {string.Join(",", f.Units)} {f.BoxSide} {f.Neighbour}]");
        var vertices = r.Vertices?.Chunk(r.Centre.Length).Select(v => Numbers(v)) ?? [];
        return $"{r.Id} {r.Pattern} {Numbers(r.Centre)} {r.Radius:R} {r.RadiusBounds} {r.Volume:R} {r.Bounded} " +
            $"{string.Join(";", vertices)} {string.Join("", facets)} {Numbers(r.OutputGradient)} {Numbers(r.OutputBias)}";
    }

    /// <summary>fixtures/extreme/huge_weights.json: the float search's maps overflow and every region it reports is
    /// dropped; the certifier finds a region exactly at a point and searches from it. Truth from
    /// fixtures/extreme/count_regions_2d.py (exact polygons): 7 regions in the box, 9 in all of R².</summary>
    [Theory]
    [InlineData(false, 7)]
    [InlineData(true, 9)]
    public void EveryRegionDropped_TheExactSearchStartsAtAPoint(bool wholeSpace, int regions)
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("extreme", "huge_weights.json"));
        var (r, c) = Run(net, new SearchOptions { WholeSpace = wholeSpace });
        Assert.True(c.Certified, c.Failure);
        Assert.Equal(r.RegionCount, c.Repairs.RegionsDropped);
        Assert.Equal(regions, c.RegionCount);
        Assert.Equal(regions, c.Repairs.RegionsAdded);
    }

    /// <summary>fixtures/extreme/maxout_near_tie.json: maxout pieces tied but for the last bits; the search's two
    /// regions have winners that are not the exact ones and are dropped. The exact regions, from the committed
    /// truth (lrslib and cddlib via fixtures/zero_bias/make_truth.py).</summary>
    [Fact]
    public void MaxoutNearTie_SearchRegionsDropped_ExactRegionsFound()
    {
        var path = TestPaths.Fixture("extreme", "maxout_near_tie.json");
        var truth = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("extreme", "maxout_near_tie.truth.json"))).RootElement;
        var (_, c) = Run(NetworkFiles.Read(path));
        Assert.True(c.Certified, c.Failure);
        Assert.Equal(truth.GetProperty("regions").GetInt32(), c.RegionCount);
        Assert.Equal(truth.GetProperty("patterns").EnumerateArray().Select(p => p.GetString()).Order(),
            c.Regions.Select(r => r.Pattern.ToString()).Order());
        Assert.Equal(string.Join(" ", truth.GetProperty("face_hist_total").EnumerateObject().Select(p => $"{p.Name}:{p.Value}")),
            string.Join(" ", c.FaceHistogram.Select(kv => $"{kv.Key}:{kv.Value}")));
    }

    /// <summary>A float result with no region at all (every one removed): the exact search alone finds them all.</summary>
    [Fact]
    public void NoRegionGiven_TheExactSearchFindsThemAll()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("nets", "lines_general_k8.json"));
        var result = new RegionEnumerator(net).Run();
        var c = new Certifier(net, net.Domain).Certify(result with { Regions = [], RegionCount = 0 });
        Assert.True(c.Certified, c.Failure);
        Assert.Equal(result.Regions.Select(x => x.Pattern).ToHashSet(), c.Regions.Select(x => x.Pattern).ToHashSet());
    }

    [Fact]
    public void RemovedRegion_IsFoundAgainByTheExactSearch()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("nets", "lines_general_k8.json"));
        var result = new RegionEnumerator(net).Run();
        var damaged = result with { Regions = result.Regions.Where(x => x.Id != 5 && x.Id != 20).ToArray(), RegionCount = result.RegionCount - 2 };
        var c = new Certifier(net, net.Domain).Certify(damaged);
        Assert.True(c.Certified, c.Failure);
        Assert.Equal(result.RegionCount, c.RegionCount);
        Assert.Equal(2, c.Repairs.RegionsAdded);
        Assert.Equal(result.Regions.Select(x => x.Pattern).ToHashSet(), c.Regions.Select(x => x.Pattern).ToHashSet());
    }

    [Fact]
    public void BogusRegion_IsDropped()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("nets", "lines_general_k5.json"));
        var result = new RegionEnumerator(net).Run();
        // Pattern 11111 is empty for this arrangement unless the float search found it; flip states of region 0
        // until the pattern is one the search did not report.
        var known = result.Regions.Select(x => x.Pattern.ToString()).ToHashSet();
        var states = result.Regions[0].Pattern.States();
        var bogusStates = Enumerable.Range(0, 1 << states.Length)
            .Select(m => Enumerable.Range(0, states.Length).Select(k => (byte)((m >> k) & 1)).ToArray())
            .First(s => !known.Contains(new ActivationPattern(s, true).ToString()));
        var bogus = result.Regions[0] with { Id = result.RegionCount, Pattern = new ActivationPattern(bogusStates, true), Facets = [] };
        var damaged = result with { Regions = [.. result.Regions, bogus], RegionCount = result.RegionCount + 1 };
        var c = new Certifier(net, net.Domain).Certify(damaged);
        Assert.True(c.Certified, c.Failure);
        Assert.Equal(result.RegionCount, c.RegionCount);
        Assert.Equal(1, c.Repairs.RegionsDropped);
    }

    [Fact]
    public void IncompleteFloatSearch_IsNotCertified()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("nets", "lines_general_k8.json"));
        var (_, c) = Run(net, new SearchOptions { MaxRegions = 10 });
        Assert.False(c.Certified);
        Assert.Contains("stopped early", c.Failure);
    }

    /// <summary>A certified search stopped by its region limit keeps the proved links among the regions it kept:
    /// the second region was found across a facet of the first, so they border each other. A facet whose region
    /// lies beyond the limit has −1, and is not counted as a facet without neighbour (the float search found one).
    /// Every link was −1 before, and each such facet was counted and warned about.</summary>
    [Fact]
    public void IncompleteCertifiedSearch_KeepsTheLinksAmongItsRegions()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("nets", "lines_general_k8.json"));
        var run = RegionSearch.Run(net, new RegionSearchOptions
        {
            Search = new SearchOptions { MaxRegions = 2 }, Certify = true,
        });
        Assert.False(run.Certification!.Certified);
        var regions = run.Result.Regions;
        Assert.Equal(2, regions.Count);
        Assert.Contains(1, regions[0].Facets.Select(f => f.Neighbour));
        Assert.Contains(0, regions[1].Facets.Select(f => f.Neighbour));
        Assert.All(regions.SelectMany(r => r.Facets), f => Assert.True(f.IsBoxSide || f.Neighbour is 0 or 1 or -1));
        Assert.Equal(0, run.Result.FacetsWithoutNeighbour);
    }

    [Fact]
    public void ResultWithoutRegions_IsRejected()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("nets", "lines_general_k5.json"));
        var result = new RegionEnumerator(net, new SearchOptions { KeepRegions = false }).Run();
        Assert.Throws<ArgumentException>(() => new Certifier(net, net.Domain).Certify(result));
    }

    [Fact]
    public void Certification_IsIdenticalForAnyThreadCount()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("reference", "relu_2d_16x16.json"));
        var result = new RegionEnumerator(net).Run();
        var one = new Certifier(net, net.Domain, new CertifyOptions { Threads = 1 }).Certify(result);
        var three = new Certifier(net, net.Domain, new CertifyOptions { Threads = 3 }).Certify(result);
        Assert.Equal(one.Regions.Select(r => (r.Pattern, r.FaceCount, string.Join(",", r.Neighbours))),
            three.Regions.Select(r => (r.Pattern, r.FaceCount, string.Join(",", r.Neighbours))));
    }

    public static TheoryData<int> Seeds => new() { 1, 2, 3 };

    /// <summary>Random nets of every kind (ReLU, leaky, maxout, residual): certified with zero repairs.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomNetworks_CertifyWithZeroRepairs(int seed)
    {
        Network[] nets =
        [
            RandomNets.Mlp(seed, 2, [6, 5]),
            RandomNets.Mlp(seed, 2, [5, 4], Activation.LeakyRelu),
            RandomNets.Mlp(seed, 2, [3, 3], Activation.Maxout, pieces: 3),
            RandomNets.Residual(seed, 2, 4, 1),
            RandomNets.Mlp(seed, 3, [6]),
        ];
        foreach (var net in nets)
        {
            var (r, c) = Run(net);
            Assert.True(c.Certified, $"{net.Name}: {c.Failure}");
            Assert.Equal(0, c.Repairs.Total);
            Assert.Equal(r.RegionCount, c.RegionCount);
            Assert.Equal(r.LinearRegionCount, c.LinearRegionCount);
        }
    }

    [Fact]
    public void WholeSpace_IsCertifiedToo()
    {
        var net = NetworkFiles.Read(TestPaths.Fixture("nets", "lines_general_k5.json"));
        var (r, c) = Run(net, new SearchOptions { WholeSpace = true });
        Assert.True(c.Certified, c.Failure);
        Assert.Equal(r.RegionCount, c.RegionCount);
        Assert.Equal(0, c.Repairs.Total);
    }
}
