using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The incremental linear-region count against hand-counted components of small region graphs.</summary>
public class LinearRegionsTests
{
    [Fact]
    public void Count_IsTheNumberOfComponentsOfSameMapEdges()
    {
        // Regions 0..5; same-map edges 0–2, 1–3, 2–3 (so {0,1,2,3} is one component, joined only when region 3
        // arrives with two earlier partners in different components), 5 alone with 4: components {0,1,2,3}, {4,5}.
        var linear = new LinearRegions();
        linear.Add([]);        // 0
        linear.Add([]);        // 1
        linear.Add([0]);       // 2
        Assert.Equal(2, linear.Count);
        linear.Add([1, 2]);    // 3 joins {0,2} and {1}
        Assert.Equal(1, linear.Count);
        linear.Add([]);        // 4
        linear.Add([4, 4]);    // 5: a repeated edge (two facets to one neighbour) joins once
        Assert.Equal(2, linear.Count);
    }

    [Fact]
    public void SameMap_ToleranceIsRelativeToTheLargerMap()
    {
        Assert.True(LinearRegions.SameMap([1e6, 2], [1e6 + 1e-4, 2], 2, 1e-9 * 1000));
        Assert.False(LinearRegions.SameMap([1, 2], [1, 2.001], 2, 1e-6));
    }

    /// <summary>Slopes are compared with slopes and constants with constants: 2000 + 2e-6·x is not 2000 (it was,
    /// when the constant set the scale for both), and maps of outputs far below 1 are told apart (they all merged
    /// when the scale had a floor of 1). Per output: a second output that differs makes the maps differ.</summary>
    [Fact]
    public void SameMap_ComparesGradientsWithGradients()
    {
        Assert.False(LinearRegions.SameMap([0, 2000], [2e-6, 2000], 2, 1e-9));
        Assert.False(LinearRegions.SameMap([1e-12, 0], [2e-12, 0], 2, 1e-9));
        Assert.True(LinearRegions.SameMap([1e-12, 3e-13], [1e-12 * (1 + 1e-12), 3e-13], 2, 1e-9));
        Assert.False(LinearRegions.SameMap([1, 2, 0, 0, 1, 5], [1, 2, 0, 0, 1.5, 5], 3, 1e-9));
        Assert.True(LinearRegions.SameMap([1, 2, 0, 0, 1, 5], [1, 2, 0, 0, 1, 5], 3, 1e-9));
    }

    /// <summary>Gradients that are rounding noise next to the constant (below
    /// <see cref="Polytopes.Geometry.NumericGuards.MapGradientNoise"/> of it) are one gradient: 1e-17 against 0
    /// with a constant of 1 would otherwise split a region that has one map in exact arithmetic.</summary>
    [Fact]
    public void SameMap_GradientsAtRoundingNoiseAreEqual()
    {
        Assert.True(LinearRegions.SameMap([1e-17, 1], [0, 1], 2, 1e-9));
        Assert.True(LinearRegions.SameMap([0, 0], [0, 0], 2, 1e-9));
    }
}
