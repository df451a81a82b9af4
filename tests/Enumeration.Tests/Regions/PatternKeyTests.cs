using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The visited set is searched by a pattern's stored bytes (no pattern object built): that lookup must
/// find exactly the patterns equality finds, for bit-packed and byte-per-unit patterns.</summary>
public class PatternKeyTests
{
    [Theory]
    [InlineData(true, 13)]  // bits, a partial last byte
    [InlineData(true, 64)]
    [InlineData(false, 9)]  // maxout-style states, one byte each
    public void LookupByStoredBytes_AgreesWithEquality(bool binary, int units)
    {
        var random = new Random(units);
        var comparer = new PatternKeyComparer(units, binary);
        var visited = new Dictionary<ActivationPattern, int>(comparer);
        var all = new List<byte[]>();
        for (int i = 0; i < 200; i++)
        {
            var states = new byte[units];
            for (int u = 0; u < units; u++) states[u] = (byte)random.Next(binary ? 2 : 3);
            all.Add(states);
            visited.TryAdd(new ActivationPattern(states, binary), i);
        }
        var lookup = visited.GetAlternateLookup<ReadOnlySpan<byte>>();
        var key = new byte[ActivationPattern.KeyLength(units, binary)];
        foreach (var states in all)
        {
            var pattern = new ActivationPattern(states, binary);
            ActivationPattern.WriteKey(states, binary, key);
            Assert.Equal(pattern.GetHashCode(), comparer.GetHashCode(key));
            Assert.True(lookup.TryGetValue(key, out int viaKey));
            Assert.Equal(visited[pattern], viaKey);
            Assert.Equal(pattern, comparer.Create(key));
        }
        // A pattern not in the set is not found either way: flip one unit of each until unseen.
        for (int i = 0; i < 50; i++)
        {
            var states = (byte[])all[i].Clone();
            states[i % units] = (byte)(states[i % units] == 0 ? 1 : 0);
            ActivationPattern.WriteKey(states, binary, key);
            Assert.Equal(visited.ContainsKey(new ActivationPattern(states, binary)), lookup.TryGetValue(key, out _));
        }
    }

    [Fact]
    public void KeyWithChanges_IsTheKeyOfThePatternWithThem()
    {
        var states = new byte[] { 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1 };
        var pattern = new ActivationPattern(states, binary: true);
        var changes = new List<(int Unit, byte State)> { (0, 0), (2, 1), (10, 0) };
        var changed = (byte[])states.Clone();
        foreach (var (unit, state) in changes) changed[unit] = state;
        var key = new byte[ActivationPattern.KeyLength(states.Length, true)];
        pattern.WriteKeyWith(changes, key);
        Assert.Equal(new ActivationPattern(changed, binary: true), ActivationPattern.FromKey(key, true, states.Length));
        Assert.Equal(new ActivationPattern(changed, binary: true), pattern.With(changes));
    }
}
