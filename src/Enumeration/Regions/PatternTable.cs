using System.Numerics;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// A hash table from patterns' stored forms (<see cref="ActivationPattern.WriteKey"/>, all of one length) to
/// values, by open addressing with linear probing: the keys lie in one array, so a lookup touches a few
/// consecutive slots and builds nothing, and the caller passes the key's hash (<see cref="ActivationPattern.HashOf"/>),
/// computed once for every table it asks. Not thread-safe: see <see cref="ShardedPatternTable{TValue}"/>.
/// </summary>
internal sealed class PatternTable<TValue>
{
    private readonly int keyLength;
    private byte[] keys = [];
    // Per slot the key's hash with its lowest bit set, or 0 for an empty slot.
    private int[] marks = [];
    private TValue[] values = [];
    private int mask = -1;

    public PatternTable(int keyLength, int capacity = 16)
    {
        this.keyLength = keyLength;
        Resize(Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)capacity)));
    }

    public int Count { get; private set; }

    public bool TryGetValue(ReadOnlySpan<byte> key, int hash, out TValue value)
    {
        int mark = hash | 1;
        for (int slot = mark & mask; ; slot = (slot + 1) & mask)
        {
            int m = marks[slot];
            if (m == 0) break;
            if (m == mark && key.SequenceEqual(keys.AsSpan(slot * keyLength, keyLength)))
            {
                value = values[slot];
                return true;
            }
        }
        value = default!;
        return false;
    }

    /// <summary>Reads the first slot a look-up of this hash probes (its mark and the start of its key), so that a
    /// look-up soon after finds them in this core's cache; returns what it read, for the caller to keep in a sink
    /// (a read whose result is unused could be dropped).</summary>
    public int Touch(int hash)
    {
        int slot = (hash | 1) & mask;
        return marks[slot] ^ keys[slot * keyLength];
    }

    /// <summary>Adds a key that is not in the table.</summary>
    public void Add(ReadOnlySpan<byte> key, int hash, TValue value)
    {
        if (2 * (Count + 1) > marks.Length) Resize(2 * marks.Length);
        Place(key, hash | 1, value);
        Count++;
    }

    public void Clear()
    {
        if (Count == 0) return;
        Array.Clear(marks);
        Array.Clear(values);
        Count = 0;
    }

    private void Place(ReadOnlySpan<byte> key, int mark, TValue value)
    {
        int slot = mark & mask;
        while (marks[slot] != 0) slot = (slot + 1) & mask;
        marks[slot] = mark;
        values[slot] = value;
        key.CopyTo(keys.AsSpan(slot * keyLength, keyLength));
    }

    private void Resize(int capacity)
    {
        var (oldKeys, oldMarks, oldValues) = (keys, marks, values);
        keys = new byte[capacity * keyLength];
        marks = new int[capacity];
        values = new TValue[capacity];
        mask = capacity - 1;
        for (int s = 0; s < oldMarks.Length; s++)
            if (oldMarks[s] != 0) Place(oldKeys.AsSpan(s * keyLength, keyLength), oldMarks[s], oldValues[s]);
    }
}
