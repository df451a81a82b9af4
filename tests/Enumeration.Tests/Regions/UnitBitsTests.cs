using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The subdivision's unit states (<see cref="IUnitBits{TBits}"/>) against a plain array of bools, and the
/// pattern index over them: keys that differ in one unit anywhere, in any word, are told apart.</summary>
public class UnitBitsTests
{
    [Fact]
    public void Bits128AsABoolArray() => AsABoolArray<Bits128>(1);

    [Fact]
    public void Bits256AsABoolArray() => AsABoolArray<Bits256>(2);

    [Fact]
    public void Bits512AsABoolArray() => AsABoolArray<Bits512>(3);

    [Fact]
    public void IndexTellsApartKeysOneUnitApart_128() => IndexTellsApartKeysOneUnitApart<Bits128>();

    [Fact]
    public void IndexTellsApartKeysOneUnitApart_256() => IndexTellsApartKeysOneUnitApart<Bits256>();

    [Fact]
    public void IndexTellsApartKeysOneUnitApart_512() => IndexTellsApartKeysOneUnitApart<Bits512>();

    private static void AsABoolArray<TBits>(int seed) where TBits : struct, IUnitBits<TBits>
    {
        var rng = new Random(seed);
        int n = TBits.Capacity;
        for (int trial = 0; trial < 50; trial++)
        {
            var expected = new bool[n];
            TBits bits = default;
            for (int step = 0; step < 40; step++)
            {
                int unit = rng.Next(n);
                if (rng.Next(2) == 0) { bits = bits.With(unit); expected[unit] = true; }
                else { bits = bits.Flip(unit); expected[unit] = !expected[unit]; }
            }
            for (int u = 0; u < n; u++) Assert.Equal(expected[u] ? 1 : 0, bits.Bit(u));
            var bytes = new byte[n / 8];
            bits.WriteTo(bytes);
            for (int u = 0; u < n; u++) Assert.Equal(expected[u], (bytes[u >> 3] >> (u & 7) & 1) == 1);
            int some = rng.Next(n);
            Assert.True(bits.Flip(some).Flip(some).Equals(bits));
            Assert.False(bits.Flip(some).Equals(bits));
        }
    }

    [Fact]
    public void DifferingUnitsAsALoop_128() => DifferingUnitsAsALoop<Bits128>();

    [Fact]
    public void DifferingUnitsAsALoop_256() => DifferingUnitsAsALoop<Bits256>();

    [Fact]
    public void DifferingUnitsAsALoop_512() => DifferingUnitsAsALoop<Bits512>();

    /// <summary>The units of a range whose bits differ, against a loop over the range: in order, as offsets, and
    /// "more than room for" when they do not fit.</summary>
    private static void DifferingUnitsAsALoop<TBits>() where TBits : struct, IUnitBits<TBits>
    {
        var rng = new Random(5);
        int n = TBits.Capacity;
        for (int trial = 0; trial < 400; trial++)
        {
            TBits a = default, b = default;
            for (int step = 0; step < rng.Next(1, 60); step++) a = a.Flip(rng.Next(n));
            b = a;
            for (int step = 0; step < rng.Next(0, 12); step++) b = b.Flip(rng.Next(n));
            int first = rng.Next(n), count = rng.Next(n - first + 1);
            var expected = Enumerable.Range(0, count).Where(u => a.Bit(first + u) != b.Bit(first + u)).ToArray();
            var room = new int[rng.Next(0, 10)];
            int found = a.Differing(b, first, count, room);
            if (expected.Length > room.Length) Assert.Equal(room.Length + 1, found);
            else
            {
                Assert.Equal(expected.Length, found);
                Assert.Equal(expected, room[..found]);
            }
        }
    }

    private static void IndexTellsApartKeysOneUnitApart<TBits>() where TBits : struct, IUnitBits<TBits>
    {
        var rng = new Random(3);
        TBits start = default;
        for (int u = 0; u < TBits.Capacity; u += 3) start = start.With(u);
        // The start and every key one unit from it: all distinct, each at its own place.
        var keys = new List<TBits> { start };
        for (int u = 0; u < TBits.Capacity; u++) keys.Add(start.Flip(u));
        keys.Add(start); // again, at the last place
        var array = keys.ToArray();
        using var index = new BitPatternIndex<TBits>(array, array.Length);
        for (int k = 0; k < array.Length - 1; k++) Assert.True(index.TryAdd(k));
        Assert.False(index.TryAdd(array.Length - 1)); // already there
        keys.RemoveAt(keys.Count - 1);
        for (int k = 0; k < keys.Count; k++) Assert.Equal(k, index.PlaceOf(keys[k]));
        // Across every unit from the start: the key one unit away, at place 1 + unit.
        var everyUnit = Enumerable.Range(0, TBits.Capacity).ToArray();
        var across = new int[TBits.Capacity];
        index.PlacesAcross(start, everyUnit, across);
        Assert.Equal(everyUnit.Select(u => 1 + u), across);
        // Two units from the start: none there (alone, and across from a key one unit away).
        for (int trial = 0; trial < 200; trial++)
        {
            int a = rng.Next(TBits.Capacity), b = (a + 1 + rng.Next(TBits.Capacity - 1)) % TBits.Capacity;
            Assert.Equal(-1, index.PlaceOf(start.Flip(a).Flip(b)));
            index.PlacesAcross(start.Flip(a), [b, a], across.AsSpan(0, 2));
            Assert.Equal([-1, 0], across[..2]);
        }
    }
}
