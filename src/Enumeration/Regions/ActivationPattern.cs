namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The state of every unit, in unit order: ReLU and leaky ReLU 1 = pre-activation &gt; 0 on the region, 0
/// otherwise (identically zero counts as 0); maxout the 0-based index of the winning piece (lowest index on a tie
/// of identical pieces). Immutable value with structural equality, used as the key of the visited set. Patterns
/// of networks without maxout are stored one bit per unit (8× less memory for the visited set).
/// </summary>
public sealed class ActivationPattern : IEquatable<ActivationPattern>
{
    private readonly byte[] data;
    private readonly bool packed;
    // The hash (HashOf of the stored form), computed when first asked for: most patterns are made for a record and
    // never hashed (the search looks patterns up by their stored bytes). Threads racing to it store the same number.
    private int hash;
    private volatile bool hashed;

    /// <summary>A pattern from one byte per unit; <paramref name="binary"/> packs it into bits (every state must
    /// then be 0 or 1).</summary>
    public ActivationPattern(ReadOnlySpan<byte> states, bool binary = false)
    {
        Length = states.Length;
        packed = binary;
        data = new byte[KeyLength(states.Length, binary)];
        WriteKey(states, binary, data);
    }

    private ActivationPattern(byte[] data, bool packed, int length)
    {
        this.data = data;
        this.packed = packed;
        Length = length;
    }

    /// <summary>Bytes of the stored form (the key) of a pattern of <paramref name="units"/> units.</summary>
    internal static int KeyLength(int units, bool binary) => binary ? (units + 7) / 8 : units;

    /// <summary>Writes the stored form of one-byte-per-unit <paramref name="states"/> to <paramref name="key"/>
    /// (<see cref="KeyLength"/> bytes): a lookup can then be made without building a pattern.</summary>
    internal static void WriteKey(ReadOnlySpan<byte> states, bool binary, Span<byte> key)
    {
        if (!binary) { states.CopyTo(key); return; }
        key.Clear();
        for (int i = 0; i < states.Length; i++)
            if (states[i] != 0) key[i >> 3] |= (byte)(1 << (i & 7));
    }

    /// <summary>The stored form of this pattern with some units set to new states (see <see cref="With"/>).</summary>
    internal void WriteKeyWith(List<(int Unit, byte State)> changes, Span<byte> key)
    {
        data.CopyTo(key);
        foreach (var (unit, state) in changes)
        {
            if (!packed) { key[unit] = state; continue; }
            if (state != 0) key[unit >> 3] |= (byte)(1 << (unit & 7));
            else key[unit >> 3] &= (byte)~(1 << (unit & 7));
        }
    }

    internal static int HashOf(ReadOnlySpan<byte> key)
    {
        var h = new HashCode();
        h.AddBytes(key);
        return h.ToHashCode();
    }

    internal ReadOnlySpan<byte> Key => data;
    internal bool Packed => packed;

    public int Length { get; }

    /// <summary>This pattern with some units set to new states (cheaper than building one from all states).</summary>
    public ActivationPattern With(List<(int Unit, byte State)> changes)
    {
        var copy = new byte[data.Length];
        WriteKeyWith(changes, copy);
        return new ActivationPattern(copy, packed, Length);
    }

    /// <summary>The pattern whose stored form is <paramref name="key"/> (see <see cref="WriteKey"/>).</summary>
    internal static ActivationPattern FromKey(ReadOnlySpan<byte> key, bool binary, int length) =>
        new(key.ToArray(), binary, length);

    public byte this[int unit] => packed ? (byte)((data[unit >> 3] >> (unit & 7)) & 1) : data[unit];

    /// <summary>One byte per unit.</summary>
    public byte[] States()
    {
        var s = new byte[Length];
        for (int i = 0; i < Length; i++) s[i] = this[i];
        return s;
    }

    public bool Equals(ActivationPattern? other) =>
        other is not null && GetHashCode() == other.GetHashCode() && Length == other.Length && packed == other.packed
        && data.AsSpan().SequenceEqual(other.data);

    public override bool Equals(object? obj) => Equals(obj as ActivationPattern);
    public override int GetHashCode()
    {
        if (hashed) return hash;
        hash = HashOf(data);
        hashed = true;
        return hash;
    }

    /// <summary>One character per unit: '0'/'1', or the maxout piece index in base 36 (0-9 then a-z).</summary>
    public override string ToString() => string.Create(Length, this, static (chars, p) =>
    {
        for (int i = 0; i < chars.Length; i++)
        {
            byte s = p[i];
            chars[i] = s < 10 ? (char)('0' + s) : (char)('a' + s - 10);
        }
    });
}
