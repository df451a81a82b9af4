using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Sampling;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Sampling;

/// <summary>Uniform point sampling: coverage of large regions, agreement with the exact patterns, determinism for
/// any thread count, prefixes, and bad sizes.</summary>
public class PointSamplerTests
{
    internal static Network Reference(string name) => NetworkJson.Read(TestPaths.Fixture("reference", name + ".json"));

    /// <summary>
    /// With N uniform points a region covering a fraction q of the box is missed with probability (1−q)^N ≤ e^{−qN};
    /// by the union bound over the R regions, every region with q ≥ q* = ln(R/δ)/N is found except with probability
    /// at most δ. With δ = 1e-9 a failure here means a bug, not bad luck (the seed is fixed anyway). The exact areas
    /// come from the enumeration (themselves checked against fixtures/reference truth by the Regions tests).
    /// </summary>
    [Theory]
    [InlineData("relu_2d_8", 50_000)]
    [InlineData("relu_2d_16x16", 200_000)]
    [InlineData("degenerate_2d", 100_000)]
    public void Sample_LargeN_FindsEveryRegionAboveTheDerivedAreaThresholdAndNoOtherPattern(string name, int n)
    {
        var net = Reference(name);
        var exact = new RegionEnumerator(net).Run().Regions;
        var sample = new PointSampler(net, new SamplingOptions { Seed = 7 }).Sample(n);
        double boxArea = 4;
        double threshold = Math.Log(exact.Count / 1e-9) / n * boxArea;
        var sampled = sample.Patterns.Select(p => p.ToString()).ToHashSet();
        var large = exact.Where(r => r.Volume!.Value >= threshold).ToArray();
        Assert.NotEmpty(large);
        foreach (var r in large)
            Assert.True(sampled.Contains(r.Pattern.ToString()), $"region {r.Id} of area {r.Volume} ≥ {threshold} was not sampled");
        var enumerated = exact.Select(r => r.Pattern).ToHashSet();
        Assert.All(sample.Patterns, p => Assert.Contains(p, enumerated)); // equal as patterns, not only as text
        Assert.Equal(n, sample.Counts.Sum());
    }

    [Fact]
    public void Sample_FrequencyOfARegion_IsCloseToItsAreaFraction()
    {
        // The largest region of relu_2d_16x16 (area 0.1557 of 4): with 100000 points its count is binomial, sd ≈ 61;
        // allow 5 sd.
        var net = Reference("relu_2d_16x16");
        var largest = new RegionEnumerator(net).Run().Regions.MaxBy(r => r.Volume!.Value)!;
        var sample = new PointSampler(net, new SamplingOptions { Seed = 3 }).Sample(100_000);
        int count = sample.Counts[sample.Patterns.Select(p => p.ToString()).ToList().IndexOf(largest.Pattern.ToString())];
        double p = largest.Volume!.Value / 4;
        Assert.InRange(count, 100_000 * p - 5 * Math.Sqrt(100_000 * p * (1 - p)), 100_000 * p + 5 * Math.Sqrt(100_000 * p * (1 - p)));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(1, 3)]
    [InlineData(2, 7)]
    public void Sample_FixedSeed_IsIdenticalForAnyNumberOfThreads(int threadsA, int threadsB)
    {
        var net = Reference("relu_3d_12x12");
        const int n = 5 * PointSampler.ChunkSize + 123; // several chunks, the last one partial
        var a = new PointSampler(net, new SamplingOptions { Seed = 11, Threads = threadsA }).Sample(n);
        var b = new PointSampler(net, new SamplingOptions { Seed = 11, Threads = threadsB }).Sample(n);
        Assert.Equal(a.Patterns, b.Patterns);
        Assert.Equal(a.Counts, b.Counts);
    }

    [Fact]
    public void Sample_DifferentSeeds_GiveDifferentSamples()
    {
        var net = Reference("relu_2d_16x16");
        var a = new PointSampler(net, new SamplingOptions { Seed = 1 }).Sample(2000);
        var b = new PointSampler(net, new SamplingOptions { Seed = 2 }).Sample(2000);
        Assert.NotEqual(a.Counts, b.Counts);
    }

    [Fact]
    public void SamplePrefixes_AreTheSamplesOfTheFirstPointsOfTheStream()
    {
        var net = Reference("relu_2d_16x16");
        var sampler = new PointSampler(net, new SamplingOptions { Seed = 5, Threads = 2 });
        long[] sizes = [1, 100, PointSampler.ChunkSize, PointSampler.ChunkSize + 1, 3 * PointSampler.ChunkSize - 7];
        var prefixes = sampler.SamplePrefixes(sizes);
        Assert.Equal(sizes.Length, prefixes.Count);
        for (int i = 0; i < sizes.Length; i++)
        {
            var alone = sampler.Sample(sizes[i]);
            Assert.Equal(sizes[i], prefixes[i].Points);
            Assert.Equal(alone.Patterns, prefixes[i].Patterns);
            Assert.Equal(alone.Counts, prefixes[i].Counts);
        }
    }

    [Fact]
    public void Sample_PointsStayInsideTheBox()
    {
        // A box far from the origin: the network's first unit is x0 − 10, so all points of [10.5, 11] × [0, 1] give 1.
        var net = new Network("shifted", 2, [
            new Layer(new double[,] { { 1, 0 } }, [-10.0], Activation.Relu),
            new Layer(new double[,] { { 1 } }, [0.0], Activation.Identity)]);
        var sample = new PointSampler(net, new SamplingOptions { Box = new Box([10.5, 0], [11, 1]) }).Sample(1000);
        Assert.Equal("1", Assert.Single(sample.Patterns).ToString());
    }

    public static TheoryData<long[]> BadSizes => new() { Array.Empty<long>(), new long[] { 0 }, new long[] { -5 }, new long[] { 10, 10 }, new long[] { 100, 10 } };

    [Theory]
    [MemberData(nameof(BadSizes))]
    public void SamplePrefixes_EmptyNonPositiveOrNotIncreasing_IsRejected(long[] sizes)
    {
        var sampler = new PointSampler(Reference("relu_2d_8"));
        Assert.ThrowsAny<ArgumentException>(() => sampler.SamplePrefixes(sizes));
    }

    [Fact]
    public void Options_ZeroThreadsOrAWrongBoxDimension_IsRejected()
    {
        var net = Reference("relu_2d_8");
        Assert.Throws<ArgumentOutOfRangeException>(() => new PointSampler(net, new SamplingOptions { Threads = 0 }));
        Assert.Throws<InputException>(() => new PointSampler(net, new SamplingOptions { Box = Box.Cube(3, -1, 1) }));
    }
}
