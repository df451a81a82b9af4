using Polytopes.Enumeration.Analysis;

namespace Polytopes.Enumeration.Tests.Analysis;

/// <summary><see cref="TrainingSeries"/> on three hand-built checkpoints whose rows are counted by hand.</summary>
public class TrainingSeriesTests
{
    /// <summary>Step 0: one line x0 = 0.1, f = relu(x0 − 0.1) − 0.3 (boundary x0 = 0.4). Step 1: a second line
    /// x1 = 0.2 and f = relu(x0 − 0.1) + relu(x1 − 0.2) − 0.3 (boundary bent in 3 regions). Step 2: the same lines
    /// but output weight 0 on the second, so 4 regions are 2 linear regions and the boundary is x0 = 0.4 again.</summary>
    public static IReadOnlyList<(string, Networks.Network)> Checkpoints() =>
    [
        ("step0", Nets.Parse(Nets.Json("s0", 2, [[1, 0]], [-0.1], [[1]], [-0.3]))),
        ("step1", Nets.Parse(Nets.Json("s1", 2, [[1, 0], [0, 1]], [-0.1, -0.2], [[1, 1]], [-0.3]))),
        ("step2", Nets.Parse(Nets.Json("s2", 2, [[1, 0], [0, 1]], [-0.1, -0.2], [[1, 0]], [-0.3]))),
    ];

    [Fact]
    public void Run_HandBuiltCheckpoints_GivesTheHandCountedRows()
    {
        var rows = TrainingSeries.Run(Checkpoints());
        Assert.Equal(3, rows.Count);
        Assert.Equal([0, 1, 2], rows.Select(r => r.Step));
        Assert.Equal([2, 4, 4], rows.Select(r => r.Regions));
        Assert.Equal([2, 4, 2], rows.Select(r => r.LinearRegions));
        Assert.All(rows, r => Assert.Equal(4, r.MeanFaces));
        // Inscribed radii are half the shorter side: (0.55, 0.45) → 0.5; (0.55, 0.45, 0.4, 0.4) → 0.425.
        Assert.Equal(0.5, rows[0].MedianRadius, 12);
        Assert.Equal(0.425, rows[1].MedianRadius, 12);
        Assert.Equal([1, 3, 1], rows.Select(r => r.BoundaryPieces));
        Assert.Equal([1, 3, 2], rows.Select(r => r.BoundaryRegions));
        Assert.Equal(2, rows[0].BoundaryLength!.Value, 12);
        Assert.Equal(0.3 * Math.Sqrt(2) + 2.3, rows[1].BoundaryLength!.Value, 12);
        Assert.Equal(2, rows[2].BoundaryLength!.Value, 12);
        Assert.All(rows, r => Assert.True(r.Complete));
    }

    [Fact]
    public void Run_NoCheckpoints_IsBadInput() =>
        Assert.Throws<InputException>(() => TrainingSeries.Run([]));

    [Fact]
    public void Run_DifferentInputDimensions_IsBadInput()
    {
        var ex = Assert.Throws<InputException>(() => TrainingSeries.Run(
        [
            ("a", Nets.Parse(Nets.Json("a", 2, [[1, 0]], [0], [[1]], [0]))),
            ("b", Nets.Parse(Nets.Json("b", 1, [[1]], [0], [[1]], [0]))),
        ]));
        Assert.Contains("b: input_dim 1", ex.Message);
    }
}
