using Polytopes.Enumeration.Benchmarking;

namespace Polytopes.Enumeration.Tests.Benchmarking;

/// <summary>The benchmark's measure of an unsteady machine: the median of repeated timings over the fastest, less 1
/// (expected values worked out by hand).</summary>
public class BenchmarkSpreadTests
{
    [Fact]
    public void OneRunHasNoSpread() => Assert.Equal(0, BenchmarkSuite.Spread([0.25]));

    [Fact]
    public void OddCount_MedianIsTheMiddleRun() =>
        // Sorted 1, 2, 3: the median 2 is twice the fastest.
        Assert.Equal(1, BenchmarkSuite.Spread([2.0, 3.0, 1.0]), 12);

    [Fact]
    public void EvenCount_MedianIsTheMeanOfTheMiddleTwo() =>
        // Sorted 1, 1.2, 1.5, 4: the median (1.2 + 1.5) / 2 = 1.35, 35 % above the fastest; the slow outlier 4 does
        // not count.
        Assert.Equal(0.35, BenchmarkSuite.Spread([4.0, 1.2, 1.0, 1.5]), 12);

    [Fact]
    public void SteadyRuns_SpreadBelowTheUnsteadyLine() =>
        // 1.00-1.05: the median 1.02 is 2 % above the fastest.
        Assert.InRange(BenchmarkSuite.Spread([1.00, 1.05, 1.02, 1.03, 1.01]), 0.0199, 0.0201);
}
