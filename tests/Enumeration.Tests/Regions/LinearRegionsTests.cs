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

    /// <summary>A sketch that differs proves the maps are not the same map: over pairs of random maps with two
    /// outputs (one entry moved by a relative 1e-6 to 1e-12, unrelated maps, equal maps), each pair whose sketches
    /// differ is a pair SameMap tells apart, and every pair SameMap tells apart by the first output's constant alone
    /// is caught by the sketch.</summary>
    [Fact]
    public void Sketch_Differs_OnlyWhereSameMapDoes()
    {
        var random = new Random(9);
        const int width = 3;
        const double tolerance = 1e-9;
        int caught = 0, byConstant = 0;
        for (int trial = 0; trial < 20000; trial++)
        {
            var a = new double[2 * width];
            for (int i = 0; i < a.Length; i++) a[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7));
            var b = (double[])a.Clone();
            int changed = random.Next(-1, a.Length); // −1: b is another map altogether
            if (changed < 0)
                for (int i = 0; i < b.Length; i++) b[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7));
            else if (random.Next(4) > 0)    // else b equals a
                b[changed] += a[changed] * Math.Pow(10, -random.Next(6, 13)) * (random.Next(2) == 0 ? 1 : -1);
            bool differs = LinearRegions.Sketch.Of(a, width).Differs(LinearRegions.Sketch.Of(b, width), tolerance);
            bool same = LinearRegions.SameMap(a, b, width, tolerance);
            Assert.False(differs && same);
            if (differs) caught++;
            if (changed == width - 1 && !same) { byConstant++; Assert.True(differs); }
        }
        // Both kinds of pair occur: the test is not passing on pairs all equal or all far apart.
        Assert.InRange(caught, 1000, 19000);
        Assert.True(byConstant > 100);
    }
}
