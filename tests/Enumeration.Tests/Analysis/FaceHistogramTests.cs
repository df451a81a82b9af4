using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Tests.Regions;

namespace Polytopes.Enumeration.Tests.Analysis;

/// <summary><see cref="FaceHistogram"/> on networks whose face counts are known: the reference truth files
/// (cddlib face counts) and hand counts.</summary>
public class FaceHistogramTests
{
    [Theory]
    [InlineData("relu_2d_8")]
    [InlineData("relu_2d_16x16")]
    [InlineData("degenerate_2d")]
    [InlineData("relu_3d_12x12")]
    [InlineData("relu_1d_32x32")]
    public void Of_ReferenceNetwork_MatchesTheTruthHistogramsAndMean(string name)
    {
        var truth = Truth.Reference(name);
        var net = NetworkJson.Read(TestPaths.Fixture("reference", name + ".json"));
        var result = new RegionEnumerator(net).Run();
        var h = FaceHistogram.Of(name, net.InputDim, result.Regions);
        Assert.Equal(Truth.Histogram(truth.GetProperty("face_hist_total")), h.Total);
        Assert.Equal(Truth.Histogram(truth.GetProperty("face_hist_neuron")), h.Neuron);
        Assert.Equal(truth.GetProperty("mean_faces").GetDouble(), h.MeanFaces, 12);
        Assert.Equal(h, FaceHistogram.Of(name, result) with { }, new HistogramComparer());
    }

    /// <summary>Four parallel lines x + y/2 = t (t = ±1/4, ±3/4) cut [-1,1]² into 5 strips (hand count): the
    /// corner triangles beyond t = ±3/4 have 3 faces (one line, two box sides), the strips between ±1/4 and ±3/4
    /// have 5 (two lines, top, bottom and one side), the middle strip 4 (two lines, top and bottom).</summary>
    [Fact]
    public void Of_ParallelLines_GivesTheHandCount()
    {
        var h = FaceHistogram.Of("p", new RegionEnumerator(NetworkJson.Read(TestPaths.Fixture("nets", "parallel_lines_4.json"))).Run());
        Assert.Equal(new SortedDictionary<int, int> { [3] = 2, [4] = 1, [5] = 2 }, h.Total);
        Assert.Equal(new SortedDictionary<int, int> { [1] = 2, [2] = 3 }, h.Neuron);
        Assert.Equal(4, h.MeanFaces);
        Assert.Equal(4, h.MedianFaces);
        Assert.Equal(1.6, h.MeanNeuronFaces, 12);
        Assert.Equal(2, h.MedianNeuronFaces);
    }

    /// <summary>Lines in general position with every vertex a simple crossing: Euler's formula makes the mean
    /// exactly 4 (the reference value); also for deep nets, where bends are simple crossings too.</summary>
    [Theory]
    [InlineData("nets", "lines_general_k5.json")]
    [InlineData("nets", "lines_general_k8.json")]
    [InlineData("reference", "relu_2d_8.json")]
    [InlineData("reference", "relu_2d_16x16.json")]
    public void MeanFaces_SimpleCrossingsIn2D_IsExactlyTheReferenceValue4(string folder, string file)
    {
        var h = FaceHistogram.Of(file, new RegionEnumerator(NetworkJson.Read(TestPaths.Fixture(folder, file))).Run());
        Assert.Equal(FaceReference.For(2).Value, h.MeanFaces);
        Assert.Equal(4 * h.Regions, h.Total.Sum(kv => kv.Key * kv.Value));
    }

    /// <summary>Concurrent lines lower the mean below 4; every 2-D subdivision stays below the Euler bound 6.</summary>
    [Theory]
    [InlineData("nets", "concurrent_lines_4.json")]
    [InlineData("reference", "degenerate_2d.json")]
    public void MeanFaces_ConcurrentLines_IsBelow4AndBelowTheBound(string folder, string file)
    {
        var h = FaceHistogram.Of(file, new RegionEnumerator(NetworkJson.Read(TestPaths.Fixture(folder, file))).Run());
        Assert.True(h.MeanFaces < 4, $"mean {h.MeanFaces}");
        Assert.True(h.Total.Sum(kv => kv.Key * kv.Value) <= 6 * h.Regions - 2);
    }

    [Fact]
    public void MeanFaces_1D_IsExactly2()
    {
        var h = FaceHistogram.Of("1d", new RegionEnumerator(NetworkJson.Read(TestPaths.Fixture("nets", "one_d_relu.json"))).Run());
        Assert.Equal(new SortedDictionary<int, int> { [2] = 5 }, h.Total);
        Assert.Equal(FaceReference.For(1).Value, h.MeanFaces);
    }

    [Fact]
    public void Median_EvenCount_IsTheMeanOfTheMiddleTwo()
    {
        var h = new FaceHistogram("x", 2, new() { [3] = 1, [6] = 1 }, new() { [1] = 1, [2] = 1 });
        Assert.Equal(4.5, h.MedianFaces);
        Assert.Equal(1.5, h.MedianNeuronFaces);
        Assert.Equal(4.5, h.MeanFaces);
    }

    [Fact]
    public void Merge_AddsCountsAndForgetsTheDimensionWhenTheyDiffer()
    {
        var a = new FaceHistogram("a", 2, new() { [3] = 2, [4] = 1 }, new() { [2] = 3 });
        var b = new FaceHistogram("b", 3, new() { [4] = 5 }, new() { [2] = 1, [3] = 4 });
        var ab = a.Merge(b, "ab");
        Assert.Equal(new SortedDictionary<int, int> { [3] = 2, [4] = 6 }, ab.Total);
        Assert.Equal(new SortedDictionary<int, int> { [2] = 4, [3] = 4 }, ab.Neuron);
        Assert.Null(ab.InputDim);
        Assert.Equal(2, a.Merge(a, "aa").InputDim);
        Assert.Equal(ab.Total, FaceHistogram.Pool("p", [a, b]).Total);
        Assert.Equal(0, FaceHistogram.Pool("none", []).Regions);
        Assert.True(double.IsNaN(FaceHistogram.Pool("none", []).MeanFaces));
    }

    [Fact]
    public void Reference_GivesTheBoundWhereEulerGivesOne()
    {
        Assert.Equal(6, FaceReference.For(2).Bound);
        Assert.Equal(2, FaceReference.For(1).Bound);
        Assert.Null(FaceReference.For(3).Bound);
        Assert.Equal(6, FaceReference.For(3).Value);
        Assert.Equal(8, FaceReference.For(4).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => FaceReference.For(0));
    }

    private sealed class HistogramComparer : IEqualityComparer<FaceHistogram>
    {
        public bool Equals(FaceHistogram? x, FaceHistogram? y) =>
            x != null && y != null && x.Total.SequenceEqual(y.Total) && x.Neuron.SequenceEqual(y.Neuron) && x.InputDim == y.InputDim;
        public int GetHashCode(FaceHistogram obj) => obj.Regions;
    }
}
