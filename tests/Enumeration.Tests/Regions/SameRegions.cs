using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Assertions that two searches (of networks that must have the same regions) found the same ones.</summary>
internal static class SameRegions
{
    /// <summary>The same counts and face histograms, and region by region the same pattern and neighbours (by id):
    /// the same region graph, searched in the same order. Each test then compares the geometry it expects.</summary>
    public static void AssertSameGraph(EnumerationResult a, EnumerationResult b)
    {
        AssertSameCounts(a, b);
        for (int i = 0; i < a.RegionCount; i++)
        {
            Assert.Equal(a.Regions[i].Pattern, b.Regions[i].Pattern);
            Assert.Equal(a.Regions[i].Facets.Select(f => f.Neighbour), b.Regions[i].Facets.Select(f => f.Neighbour));
        }
    }

    /// <summary>The same numbers of regions and linear regions and the same face histograms.</summary>
    public static void AssertSameCounts(EnumerationResult a, EnumerationResult b)
    {
        Assert.True(a.RegionCount > 20); // a network with something to compare
        Assert.Equal(a.RegionCount, b.RegionCount);
        Assert.Equal(a.FaceHistogram, b.FaceHistogram);
        Assert.Equal(a.NeuronFaceHistogram, b.NeuronFaceHistogram);
        Assert.Equal(a.LinearRegionCount, b.LinearRegionCount);
    }

    /// <summary>The same inscribed radii, as sorted lists (for searches that number the regions differently).</summary>
    public static void AssertSameRadii(EnumerationResult a, EnumerationResult b)
    {
        var radiiA = a.Regions.Select(r => r.Radius).Order().ToArray();
        var radiiB = b.Regions.Select(r => r.Radius).Order().ToArray();
        Assert.Equal(radiiA.Length, radiiB.Length);
        for (int i = 0; i < radiiA.Length; i++) Assert.Equal(radiiA[i], radiiB[i], 1e-9);
    }
}
