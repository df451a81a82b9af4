using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The pooled list against a List&lt;T&gt; given the same operations.</summary>
public class PooledListTests
{
    [Fact]
    public void AsAListThroughExtension()
    {
        var random = new Random(4);
        var expected = new List<int>();
        using var list = new PooledList<int>();
        for (int step = 0; step < 3000; step++)
        {
            // Mostly one item more (as the search opens a region), sometimes up to a hundred; one place written.
            int count = expected.Count + (random.Next(10) == 0 ? random.Next(100) : 1);
            list.Extend(count);
            while (expected.Count < count) expected.Add(0);
            int at = random.Next(count);
            if (count > 0) { list.AsSpan()[at] = step; expected[at] = step; }
        }
        Assert.Equal(expected, list);
        Assert.Equal(expected.Count, list.Count);
        Assert.Equal(expected[^1], list[list.Count - 1]);
    }

    [Fact]
    public void AsAListThroughAppends()
    {
        var random = new Random(5);
        var expected = new List<int>();
        using var list = new PooledList<int>();
        for (int step = 0; step < 3000; step++)
        {
            // One item, or a run of up to forty (a region's facet rows), as the subdivision appends them.
            if (random.Next(3) == 0)
            {
                var run = Enumerable.Range(step, random.Next(40)).ToArray();
                list.AddRange(run);
                expected.AddRange(run);
            }
            else
            {
                list.Add(-step);
                expected.Add(-step);
            }
        }
        Assert.Equal(expected, list);
        Assert.Equal(expected.Count, list.Count);
    }

    /// <summary>An array back from the pool holds its last user's numbers: the new places are cleared.</summary>
    [Fact]
    public void ExtendedPlacesAreDefaultAfterAnotherListsUse()
    {
        for (int trial = 0; trial < 5; trial++)
        {
            var first = new PooledList<double>();
            first.Extend(5000);
            for (int i = 0; i < 5000; i++) first.AsSpan()[i] = i + 1;
            first.Dispose();
            Assert.Empty(first);
            using var second = new PooledList<double>();
            second.Extend(5000);
            Assert.All(second, x => Assert.Equal(0.0, x));
        }
    }
}
