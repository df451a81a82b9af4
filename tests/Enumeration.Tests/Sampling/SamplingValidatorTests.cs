using Polytopes.Enumeration.Sampling;
using Polytopes.Enumeration.Tests.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Sampling;

/// <summary>The validation report: errors against the known exact counts, coverage by region size, determinism.</summary>
public class SamplingValidatorTests
{
    private static ValidationReport Validate(string name, long[] sizes, int repeats = 3, int threads = 2, ulong seed = 1) =>
        new SamplingValidator(PointSamplerTests.Reference(name),
            new ValidationOptions { Sizes = sizes, Repeats = repeats, Threads = threads, Seed = seed }).Run();

    [Theory]
    [InlineData("relu_2d_8")]
    [InlineData("relu_1d_32x32")]
    public void Run_RelativeErrors_AreComputedFromTheKnownExactCount(string name)
    {
        int truth = Truth.Reference(name).GetProperty("regions").GetInt32();
        var report = Validate(name, [50, 500]);
        Assert.Equal(truth, report.Exact.RegionCount);
        Assert.Equal(EstimatorCatalog.Keys, report.Estimators.Select(e => e.Key));
        foreach (var e in report.Estimators)
            foreach (var s in e.BySize)
            {
                Assert.Equal(3, s.Values.Count);
                Assert.Equal(s.Values.Average(), s.Mean, 12);
                Assert.Equal((s.Mean - truth) / truth, s.RelativeError, 12);
                Assert.Equal(s.Values.Min(), s.Min);
                Assert.Equal(s.Values.Max(), s.Max);
            }
        foreach (var s in report.Estimators.Single(e => e.Key == EstimatorCatalog.Distinct).BySize)
            Assert.True(s.Max <= truth, "the distinct count is a lower bound");
    }

    [Fact]
    public void Stats_HandValues()
    {
        var s = SamplingValidator.Stats(100, 10, [1.0, 2.0, 6.0], 2);
        Assert.Equal(3, s.Mean);
        Assert.Equal(Math.Sqrt(7), s.Sd!.Value, 12); // ((−2)² + (−1)² + 3²)/2 = 7
        Assert.Equal(0.5, s.RelativeError);
        Assert.Null(SamplingValidator.Stats(100, 10, [5.0], 4).Sd);
    }

    [Fact]
    public void Run_Coverage_GrowsWithTheSampleSizeAndMatchesTheExpectedFractionByArea()
    {
        var report = Validate("relu_2d_16x16", [100, 1000, 10000]);
        Assert.Equal(SizeMeasure.Area, report.Measure);
        var found = report.Coverage.Select(c => c.FoundFraction).ToArray();
        Assert.True(found[0] < found[1] && found[1] < found[2], string.Join(", ", found));
        foreach (var c in report.Coverage)
        {
            Assert.Equal(0, c.PatternsNotEnumerated);
            Assert.Equal(report.Exact.RegionCount, c.Bins.Sum(b => b.Regions));
            // A bin's found fraction is an average of independent Bernoulli trials with the expected mean; with at
            // least 20 regions × 3 repeats the difference stays within 0.25.
            foreach (var b in c.Bins.Where(b => b.Regions >= 20))
                Assert.InRange(b.FoundFraction - b.ExpectedFound, -0.25, 0.25);
            // Missed regions are listed largest first; prefixes never lose a region a smaller size found.
            Assert.Equal(c.Missed.OrderByDescending(m => m.Size).Select(m => m.Size), c.Missed.Select(m => m.Size));
        }
        for (int s = 1; s < report.Coverage.Count; s++)
            foreach (var m in report.Coverage[s].Missed)
                Assert.Contains(report.Coverage[s - 1].Missed, earlier => earlier.Id == m.Id && earlier.MissedIn >= m.MissedIn);
    }

    [Fact]
    public void Run_In2D_BoundaryLengthFromThePolygonsIsTheExactLengthOfTheLines()
    {
        var net = Enumeration.Formats.NetworkJson.Read(TestPaths.Fixture("nets", "lines_general_k5.json"));
        var report = new SamplingValidator(net, new ValidationOptions { Sizes = [100], Repeats = 1 }).Run();
        Assert.NotNull(report.Boundary);
        Assert.Equal(LineTests.ClippedLineLength(net, Box.Cube(2, -1, 1)), report.Boundary.Exact, 9);
    }

    [Fact]
    public void Run_In3D_MeasuresRegionsByTheirInscribedBallOrTheirVolume()
    {
        var report = Validate("relu_3d_12x12", [200], repeats: 1);
        Assert.Contains(report.Measure, new[] { SizeMeasure.InscribedBallVolume, SizeMeasure.Volume });
        Assert.Null(report.Boundary);
    }

    [Fact]
    public void Run_FixedSeed_IsIdenticalForOneAndSeveralThreads()
    {
        var a = Validate("relu_2d_8", [100, 3000], repeats: 2, threads: 1);
        var b = Validate("relu_2d_8", [100, 3000], repeats: 2, threads: 3);
        Assert.Equal(a.Estimators.SelectMany(e => e.BySize.SelectMany(s => s.Values)),
            b.Estimators.SelectMany(e => e.BySize.SelectMany(s => s.Values)));
        Assert.Equal(a.Coverage.SelectMany(c => c.Missed), b.Coverage.SelectMany(c => c.Missed));
    }

    [Fact]
    public void Constructor_BadSizesOrRepeats_IsRejected()
    {
        var net = PointSamplerTests.Reference("relu_2d_8");
        Assert.ThrowsAny<ArgumentException>(() => new SamplingValidator(net, new ValidationOptions { Sizes = [] }));
        Assert.ThrowsAny<ArgumentException>(() => new SamplingValidator(net, new ValidationOptions { Sizes = [100, 50] }));
        Assert.ThrowsAny<ArgumentException>(() => new SamplingValidator(net, new ValidationOptions { Sizes = [0] }));
        Assert.ThrowsAny<ArgumentException>(() => new SamplingValidator(net, new ValidationOptions { Repeats = 0 }));
    }
}
