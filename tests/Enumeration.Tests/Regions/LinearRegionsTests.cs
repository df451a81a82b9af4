using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The incremental linear-region count against hand-counted components of small region graphs, and a
/// search's count against the components recounted from its records.</summary>
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

    /// <summary>Random networks (2-D to 5-D, ReLU, leaky ReLU and maxout, one or two threads, subdivided and searched)
    /// whose output weights are a third zero, so that crossing some units leaves the output map as it was: the
    /// linear regions a search counts are the components of the neighbour edges whose records' output maps
    /// SameMap calls equal, recounted here from the records alone (no sketch).</summary>
    [Fact]
    public void SearchCountsTheComponentsOfItsRecordsSameMapEdges()
    {
        var random = new Random(7);
        int merged = 0;
        for (int k = 0; k < 40; k++)
        {
            int dim = random.Next(2, 6);
            var widths = new List<int> { dim };
            int depth = random.Next(1, 4);
            for (int l = 0; l < depth; l++) widths.Add(random.Next(3, dim <= 3 ? 14 : 8));
            widths.Add(random.Next(1, 3));
            var activation = random.Next(3) switch { 0 => Activation.LeakyRelu, 1 => Activation.Maxout, _ => Activation.Relu };
            var made = HeNetworks.Create(widths, (ulong)k, activation, activation == Activation.Maxout ? 2 : 1);
            var output = made.Layers[^1];
            var weights = output.Weight.ToArray();
            for (int i = 0; i < weights.Length; i++) if (random.Next(3) == 0) weights[i] = 0;
            var net = new Network("output a third zero", dim, [.. made.Layers.SkipLast(1),
                new Layer(weights, output.Rows, output.InputWidth, output.Bias.ToArray(), output.Activation)]);
            var result = new RegionEnumerator(net, new SearchOptions { Threads = 1 + k % 2 }).Run();
            int recount = Components(result.Regions, dim);
            if (recount < result.RegionCount) merged++;
            Assert.Equal(recount, result.LinearRegionCount);
        }
        Assert.True(merged > 20, $"{merged} networks with fewer linear regions than regions");
    }

    private static int Components(IReadOnlyList<Region> regions, int dim)
    {
        var maps = regions.Select(r => Enumerable.Range(0, r.OutputBias.Length)
            .SelectMany(o => r.OutputGradient.Skip(o * dim).Take(dim).Append(r.OutputBias[o])).ToArray()).ToArray();
        var parent = Enumerable.Range(0, regions.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        int count = regions.Count;
        for (int i = 0; i < regions.Count; i++)
            foreach (var facet in regions[i].Facets)
            {
                int j = facet.Neighbour;
                if (facet.IsBoxSide || j < 0 || j >= i
                    || !LinearRegions.SameMap(maps[i], maps[j], dim + 1, Tolerances.Default.Coincidence)) continue;
                int a = Find(i), b = Find(j);
                if (a != b) { parent[Math.Max(a, b)] = Math.Min(a, b); count--; }
            }
        return count;
    }
}
