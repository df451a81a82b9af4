using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The search's pattern tables are searched by a pattern's stored bytes and its hash (no pattern object
/// built): they must find exactly what a dictionary keyed by the patterns' structural equality finds, for
/// bit-packed and byte-per-unit patterns, through growth, under any hash (even a constant one), and when several
/// threads insert at once.</summary>
public class PatternKeyTests
{
    private static List<byte[]> RandomStates(int seed, int units, bool binary, int count)
    {
        var random = new Random(seed);
        var all = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            var states = new byte[units];
            for (int u = 0; u < units; u++) states[u] = (byte)random.Next(binary ? 2 : 3);
            all.Add(states);
        }
        return all;
    }

    private static byte[] Key(byte[] states, bool binary)
    {
        var key = new byte[ActivationPattern.KeyLength(states.Length, binary)];
        ActivationPattern.WriteKey(states, binary, key);
        return key;
    }

    [Theory]
    [InlineData(true, 13, false)]  // bits, a partial last byte
    [InlineData(true, 64, false)]
    [InlineData(false, 9, false)]  // maxout-style states, one byte each
    [InlineData(true, 20, true)]   // every key with the same hash: one long probe chain
    public void TableLookup_AgreesWithDictionaryOfPatterns(bool binary, int units, bool constantHash)
    {
        int Hash(byte[] key) => constantHash ? 12345 : ActivationPattern.HashOf(key);
        var oracle = new Dictionary<ActivationPattern, int>();
        var table = new PatternTable<int>(ActivationPattern.KeyLength(units, binary));
        var all = RandomStates(units, units, binary, constantHash ? 300 : 3000); // several doublings from 16 slots
        for (int i = 0; i < all.Count; i++)
        {
            var key = Key(all[i], binary);
            if (oracle.TryAdd(new ActivationPattern(all[i], binary), i)) table.Add(key, Hash(key), i);
        }
        Assert.Equal(oracle.Count, table.Count);
        foreach (var states in all)
        {
            var key = Key(states, binary);
            Assert.Equal(new ActivationPattern(states, binary).GetHashCode(), ActivationPattern.HashOf(key));
            Assert.Equal(ActivationPattern.FromKey(key, binary, units).GetHashCode(), ActivationPattern.HashOf(key));
            Assert.True(table.TryGetValue(key, Hash(key), out int value));
            Assert.Equal(oracle[new ActivationPattern(states, binary)], value);
        }
        // A pattern not in the set is not found either way: flip one unit of each.
        for (int i = 0; i < 200; i++)
        {
            var states = (byte[])all[i].Clone();
            states[i % units] = (byte)(states[i % units] == 0 ? 1 : 0);
            var key = Key(states, binary);
            Assert.Equal(oracle.ContainsKey(new ActivationPattern(states, binary)), table.TryGetValue(key, Hash(key), out _));
        }
        table.Clear();
        Assert.False(table.TryGetValue(Key(all[0], binary), Hash(Key(all[0], binary)), out _));
    }

    [Fact]
    public void ShardedTable_FilledByFourThreads_HoldsEveryPatternOnce()
    {
        const int units = 40;
        var all = RandomStates(7, units, true, 5000).Select(s => Key(s, true)).DistinctBy(Convert.ToHexString).ToList();
        var table = new ShardedPatternTable<int>(threads: 4, ActivationPattern.KeyLength(units, true));
        Parallel.For(0, all.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => table.Add(all[i], ActivationPattern.HashOf(all[i]), i));
        for (int i = 0; i < all.Count; i++)
        {
            Assert.True(table.TryGetValue(all[i], ActivationPattern.HashOf(all[i]), out int value));
            Assert.Equal(i, value);
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
