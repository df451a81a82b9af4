using System.Buffers;
using System.Numerics;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Patterns of two-state units, one bit a unit (<see cref="IUnitBits{TBits}"/>), to their places in a list: open
/// addressing with linear probing over one array of keys, so a look-up hashes the key's words and reads a slot or two (the subdivision
/// looks up every neuron facet's neighbour; a <c>Dictionary</c> of the same keys took four times as long). Filled
/// by one thread; then safe for concurrent readers. Its arrays come from the shared pools and go back on
/// <see cref="Dispose"/>.
/// </summary>
internal sealed class BitPatternIndex<TBits> : IDisposable where TBits : struct, IUnitBits<TBits>
{
    private readonly TBits[] keys;
    private readonly int[] places; // place + 1; 0 marks an empty slot (the all-off pattern is a key like any other)
    private readonly int shift, capacity; // the table's size, a power of two (the pools' arrays may be longer)

    /// <summary>Room for <paramref name="count"/> patterns, the table at most half full.</summary>
    public BitPatternIndex(int count)
    {
        capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * count));
        keys = ArrayPool<TBits>.Shared.Rent(capacity);
        places = ArrayPool<int>.Shared.Rent(capacity);
        Array.Clear(places, 0, capacity);
        shift = 64 - BitOperations.Log2((uint)capacity);
    }

    public void Dispose()
    {
        ArrayPool<TBits>.Shared.Return(keys);
        ArrayPool<int>.Shared.Return(places);
    }

    /// <summary>Adds <paramref name="key"/> at <paramref name="place"/>; false if it is already there.</summary>
    public bool TryAdd(TBits key, int place)
    {
        int mask = capacity - 1;
        for (int slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            if (places[slot] == 0)
            {
                keys[slot] = key;
                places[slot] = place + 1;
                return true;
            }
            if (keys[slot].Equals(key)) return false;
        }
    }

    /// <summary>The place of <paramref name="key"/>, or −1 when it is not there.</summary>
    public int PlaceOf(TBits key)
    {
        int mask = capacity - 1;
        for (int slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            int place = places[slot];
            if (place == 0) return -1;
            if (keys[slot].Equals(key)) return place - 1;
        }
    }

    // Fibonacci hashing of the words folded together: the top bits of the product depend on every key bit.
    private int Slot(TBits key) => (int)((key.Fold() * 0x9E3779B97F4A7C15UL) >> shift);
}
