using System.Buffers;
using System.Numerics;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Patterns of two-state units, one bit a unit (<see cref="IUnitBits{TBits}"/>), to their places in a list of them:
/// open addressing with linear probing over one array of slots, each a place and the upper half of its key's hash,
/// so a look-up hashes the key's words, reads a slot or two and compares the one key whose hash half matches (the
/// subdivision looks up every neuron facet's neighbour; a <c>Dictionary</c> of the same keys took four times as
/// long, and slots holding the keys themselves, 16 or 64 bytes each, missed the cache more). Filled by one thread;
/// then safe for concurrent readers. Its slots come from the shared pool and go back on <see cref="Dispose"/>.
/// </summary>
internal sealed class BitPatternIndex<TBits> : IDisposable where TBits : struct, IUnitBits<TBits>
{
    private readonly TBits[] keys; // by place
    private readonly ulong[] slots; // hash half << 32 | place + 1; 0 marks an empty slot
    private readonly int shift, capacity; // the table's size, a power of two (the pool's array may be longer)

    /// <summary>Room for the first <paramref name="count"/> of <paramref name="keys"/> (their places), the table at
    /// most half full.</summary>
    public BitPatternIndex(TBits[] keys, int count)
    {
        this.keys = keys;
        capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * count));
        slots = ArrayPool<ulong>.Shared.Rent(capacity);
        Array.Clear(slots, 0, capacity);
        shift = 64 - BitOperations.Log2((uint)capacity);
    }

    public void Dispose() => ArrayPool<ulong>.Shared.Return(slots);

    /// <summary>Adds the key at <paramref name="place"/>; false if an equal key is already there.</summary>
    public bool TryAdd(int place)
    {
        var key = keys[place];
        ulong hash = Hash(key), half = hash & 0xFFFF_FFFF_0000_0000UL;
        int mask = capacity - 1;
        for (int slot = (int)(hash >> shift); ; slot = (slot + 1) & mask)
        {
            ulong entry = slots[slot];
            if (entry == 0)
            {
                slots[slot] = half | (uint)(place + 1);
                return true;
            }
            if ((entry & 0xFFFF_FFFF_0000_0000UL) == half && keys[(int)(uint)entry - 1].Equals(key)) return false;
        }
    }

    /// <summary>The place of <paramref name="key"/>, or −1 when it is not there.</summary>
    public int PlaceOf(TBits key)
    {
        ulong hash = Hash(key);
        return PlaceOf(key, hash & 0xFFFF_FFFF_0000_0000UL, (int)(hash >> shift));
    }

    /// <summary>As <see cref="PlaceOf(TBits)"/> for the key whose hash has this upper half, probing from
    /// <paramref name="start"/> on (past its first slot when that was read already).</summary>
    private int PlaceOf(TBits key, ulong half, int start)
    {
        int mask = capacity - 1;
        for (int slot = start; ; slot = (slot + 1) & mask)
        {
            ulong entry = slots[slot];
            if (entry == 0) return -1;
            int place = (int)(uint)entry - 1;
            if ((entry & 0xFFFF_FFFF_0000_0000UL) == half && keys[place].Equals(key)) return place;
        }
    }

    /// <summary>The places of <paramref name="key"/> with one unit flipped, for each unit of <paramref name="units"/>
    /// (−1 where that pattern is not there). Each key's first slot is read before any is compared, so that these
    /// reads, far apart in the table, wait for memory together rather than in turn.</summary>
    public void PlacesAcross(TBits key, ReadOnlySpan<int> units, Span<int> places)
    {
        int count = units.Length, mask = capacity - 1;
        Span<ulong> entry = stackalloc ulong[count], half = stackalloc ulong[count];
        Span<int> slot = stackalloc int[count];
        for (int i = 0; i < count; i++)
        {
            ulong hash = Hash(key.Flip(units[i]));
            half[i] = hash & 0xFFFF_FFFF_0000_0000UL;
            slot[i] = (int)(hash >> shift);
            entry[i] = slots[slot[i]];
        }
        for (int i = 0; i < count; i++)
        {
            var flipped = key.Flip(units[i]);
            int place = (int)(uint)entry[i] - 1;
            places[i] = entry[i] == 0 ? -1
                : (entry[i] & 0xFFFF_FFFF_0000_0000UL) == half[i] && keys[place].Equals(flipped) ? place
                : PlaceOf(flipped, half[i], slot[i] + 1 & mask);
        }
    }

    // Fibonacci hashing of the words folded together: the top bits of the product depend on every key bit. The
    // slot is its top bits, the stored half its upper 32 (overlapping them: it also tells apart keys that probe on
    // from other slots).
    private static ulong Hash(TBits key) => key.Fold() * Multiplier;
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
}
