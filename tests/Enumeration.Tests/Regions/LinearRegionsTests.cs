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
        Assert.True(LinearRegions.SameMap([1e6, 2], [1e6 + 1e-4, 2], 1e-9 * 1000));
        Assert.False(LinearRegions.SameMap([1, 2], [1, 2.001], 1e-6));
    }
}
