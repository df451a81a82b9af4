using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The pooled list against a List&lt;T&gt; given the same operations.</summary>
public class PooledListTests
{
    [Fact]
    public void AsAListThroughGrowthAndExtension()
    {
        var random = new Random(4);
        var expected = new List<int>();
        using var list = new PooledList<int>();
        for (int step = 0; step < 3000; step++)
        {
            if (random.Next(10) == 0)
            {
                int count = expected.Count + random.Next(100);
                list.Extend(count);
                while (expected.Count < count) expected.Add(0);
                int at = random.Next(count);
                if (count > 0) { list.AsSpan()[at] = step; expected[at] = step; }
            }
            else { list.Add(step); expected.Add(step); }
        }
        Assert.Equal(expected, list);
        Assert.Equal(expected.Count, list.Count);
        Assert.Equal(expected[^1], list[list.Count - 1]);
    }

    /// <summary>An array back from the pool holds its last user's numbers: the new places are cleared.</summary>
    [Fact]
    public void ExtendedPlacesAreDefaultAfterAnotherListsUse()
    {
        for (int trial = 0; trial < 5; trial++)
        {
            var first = new PooledList<double>();
            for (int i = 0; i < 5000; i++) first.Add(i + 1);
            first.Dispose();
            Assert.Empty(first);
            using var second = new PooledList<double>();
            second.Extend(5000);
            Assert.All(second, x => Assert.Equal(0.0, x));
        }
    }
}
