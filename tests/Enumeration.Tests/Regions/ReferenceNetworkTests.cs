using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The owners' reference networks (fixtures/reference, see PROVENANCE.md): regions, face histograms,
/// radii and the set of patterns were computed by exact rational subdivision, an independent LP search and
/// cddlib/lrslib — never by this engine.</summary>
public class ReferenceNetworkTests
{
    public static TheoryData<string> Names => new() { "relu_2d_8", "relu_2d_16x16", "degenerate_2d", "relu_1d_32x32", "relu_3d_12x12" };

    [Theory]
    [MemberData(nameof(Names))]
    public void Enumerate_ReferenceNetwork_ReproducesCountsHistogramsRadiiAndPatterns(string name)
    {
        var truth = Truth.Reference(name);
        var net = NetworkJson.Read(TestPaths.Fixture("reference", name + ".json"));
        var result = new RegionEnumerator(net).Run();

        Assert.Equal(StopReason.Complete, result.Stop);
        Assert.Equal(truth.GetProperty("regions").GetInt32(), result.RegionCount);
        Assert.Equal(Truth.Histogram(truth.GetProperty("face_hist_total")), result.FaceHistogram);
        Assert.Equal(Truth.Histogram(truth.GetProperty("face_hist_neuron")), result.NeuronFaceHistogram);
        var boxHistogram = Statistics.RegionSummary.Histogram(result.Regions.Select(r => r.BoxFaceCount));
        Assert.Equal(Truth.Histogram(truth.GetProperty("face_hist_box")), boxHistogram);
        AssertClose(truth.GetProperty("radius_min").GetDouble(), result.RadiusMin);
        AssertClose(truth.GetProperty("radius_median").GetDouble(), result.RadiusMedian);
        AssertClose(truth.GetProperty("radius_max").GetDouble(), result.RadiusMax);
        if (truth.TryGetProperty("patterns", out var patterns))
        {
            var expected = patterns.EnumerateArray().Select(p => p.GetString()!).OrderBy(p => p, StringComparer.Ordinal);
            var actual = result.Regions.Select(r => r.Pattern.ToString()).OrderBy(p => p, StringComparer.Ordinal);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData("relu_2d_8")]
    [InlineData("relu_2d_16x16")]
    [InlineData("degenerate_2d")]
    [InlineData("relu_1d_32x32")]
    public void Enumerate_ReferenceNetwork_VolumesMatchTruthAndSumToTheBox(string name)
    {
        var truth = Truth.Reference(name);
        var net = NetworkJson.Read(TestPaths.Fixture("reference", name + ".json"));
        var result = new RegionEnumerator(net).Run();
        var volumes = result.Regions.Select(r => r.Volume!.Value).Order().ToArray();
        AssertClose(double.Parse(truth.GetProperty("volume_sum_exact").GetString()!), volumes.Sum());
        AssertClose(truth.GetProperty("volume_min").GetDouble(), volumes[0]);
        AssertClose(truth.GetProperty("volume_max").GetDouble(), volumes[^1]);
        AssertClose(truth.GetProperty("volume_median").GetDouble(), Statistics.RegionSummary.Median(volumes));
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R}");
}
