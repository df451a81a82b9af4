using Polytopes.Enumeration.Sweep;

namespace Polytopes.Enumeration.Tests.Sweep;

/// <summary>Shards partition the work deterministically; bad shard texts are refused.</summary>
public class ShardTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void ShardsOneToN_PartitionTheWorkItems(int n)
    {
        var plan = new WorkPlan(SweepSpecReader.Parse("""{ "architectures": [[2, 3, 1], [2, 5, 1]], "activations": ["relu", "maxout:2"], "seeds": {"from": 0, "count": 7} }""", "s"));
        var shards = Enumerable.Range(1, n).Select(i => plan.ForShard(new Shard(i, n)).Select(w => w.Index).ToList()).ToList();
        Assert.Equal(plan.Items.Select(w => w.Index), shards.SelectMany(s => s).Order());
        Assert.True(shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1, "round-robin shards differ by at most one item");
        Assert.Equal(shards[0], plan.ForShard(new Shard(1, n)).Select(w => w.Index)); // deterministic
    }

    [Theory]
    [InlineData("3/2", "I must be between 1 and N = 2")]
    [InlineData("0/4", "I must be between 1 and N = 4")]
    [InlineData("1/0", "N must be at least 1")]
    [InlineData("a/b", "is not I/N")]
    [InlineData("2", "is not I/N")]
    [InlineData("-1/3", "is not I/N")]
    public void BadShard_IsRefused(string text, string message)
    {
        var e = Assert.Throws<InputException>(() => Shard.Parse(text));
        Assert.StartsWith("--shard", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Shard_ParsesIOfN()
    {
        Assert.Equal(new Shard(2, 8), Shard.Parse("2/8"));
        Assert.True(Shard.Parse("1/1").IsAll);
    }
}
