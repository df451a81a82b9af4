using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>A slab hands each region its own run of crossings: runs never overlap, a run stays where it was handed
/// out while more are taken (other threads write into it), and after a reset the same memory is handed out again.</summary>
public class CrossingSlabTests
{
    [Fact]
    public void Take_GivesDisjointRunsThatStayPut_AndReuseThemAfterReset()
    {
        var slab = new CrossingSlab();
        var random = new Random(5);
        var counts = Enumerable.Range(0, 400).Select(_ => random.Next(0, 40)).Append(1500).Append(0).ToArray();
        var runs = new List<(FacetCrossing[] Array, int Start, int Count)>();
        foreach (int count in counts)
        {
            var (array, start) = slab.Take(count);
            Assert.InRange(start + count, 0, array.Length);
            // Mark the run with its number; every earlier run must still hold its own marks.
            for (int f = 0; f < count; f++) array[start + f].KnownNeighbour = runs.Count;
            runs.Add((array, start, count));
        }
        for (int r = 0; r < runs.Count; r++)
            for (int f = 0; f < runs[r].Count; f++)
                Assert.Equal(r, runs[r].Array[runs[r].Start + f].KnownNeighbour);

        slab.Reset();
        var reused = slab.Take(counts[0]);
        Assert.Same(runs[0].Array, reused.Array);
        Assert.Equal(runs[0].Start, reused.Start);
    }
}
