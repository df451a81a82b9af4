using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The states of a network's two-state units, one bit a unit (set: on), as a value the subdivision
/// (<see cref="SplitSearch{TShape, TBits}"/>) carries with each piece and keys its regions by. A struct type
/// parameter, so that each width gets its own compiled code: 128 bits for most networks, 256 or 512 for wide ones
/// (the narrowest that holds the units).
/// </summary>
internal interface IUnitBits<TBits> : IEquatable<TBits> where TBits : struct, IUnitBits<TBits>
{
    /// <summary>How many units the type holds.</summary>
    static abstract int Capacity { get; }

    /// <summary>These bits with unit <paramref name="unit"/>'s set.</summary>
    TBits With(int unit);

    /// <summary>These bits with unit <paramref name="unit"/>'s flipped.</summary>
    TBits Flip(int unit);

    /// <summary>Unit <paramref name="unit"/>'s bit, 0 or 1.</summary>
    int Bit(int unit);

    /// <summary>The units among <paramref name="count"/> from <paramref name="first"/> whose bits differ from
    /// <paramref name="other"/>'s, as offsets from <paramref name="first"/> in increasing order into
    /// <paramref name="units"/>; returns how many, or <paramref name="units"/>' length + 1 when there are more than
    /// it holds.</summary>
    int Differing(in TBits other, int first, int count, Span<int> units);

    /// <summary>The bits folded to one word whose every bit depends on every unit's (for hashing).</summary>
    ulong Fold();

    /// <summary><see cref="Fold"/> of these bits with unit <paramref name="unit"/>'s flipped, without making them
    /// (a copy written a word and read whole waits for the write).</summary>
    ulong FoldFlipped(int unit);

    /// <summary>The bits' bytes, little-endian, unit 0 in the lowest bit of the first.</summary>
    void WriteTo(Span<byte> bytes);
}

/// <summary>Up to 128 units.</summary>
internal readonly record struct Bits128(UInt128 Value) : IUnitBits<Bits128>
{
    public static int Capacity => 128;
    public Bits128 With(int unit) => new(Value | UInt128.One << unit);
    public Bits128 Flip(int unit) => new(Value ^ UInt128.One << unit);
    public int Bit(int unit) => (int)(Value >> unit) & 1;

    public int Differing(in Bits128 other, int first, int count, Span<int> units)
    {
        Span<ulong> words = [(ulong)(Value ^ other.Value), (ulong)((Value ^ other.Value) >> 64)];
        return WordBits.Set(words, first, count, units);
    }

    public ulong Fold() => (ulong)Value ^ (ulong)(Value >> 64) * 0xC2B2AE3D27D4EB4FUL;
    public ulong FoldFlipped(int unit) => Flip(unit).Fold();
    public void WriteTo(Span<byte> bytes) => BinaryPrimitives.WriteUInt128LittleEndian(bytes, Value);
}

/// <summary>Up to 256 units, in four words (a piece carries its states by value: 64 bytes for 256 units made a
/// two-thread 2-128-128 subdivision a fifth slower, most of it in the splits).</summary>
internal struct Bits256 : IUnitBits<Bits256>
{
    [InlineArray(4)]
    private struct Words { private ulong first; }

    private Words words;

    public static int Capacity => 256;
    public readonly Bits256 With(int unit) { var bits = this; WordBits.Set(bits.words, unit); return bits; }
    public readonly Bits256 Flip(int unit) { var bits = this; WordBits.Flip(bits.words, unit); return bits; }
    public readonly int Bit(int unit) => WordBits.Bit(words, unit);
    public readonly int Differing(in Bits256 other, int first, int count, Span<int> units) =>
        WordBits.Differing(words, other.words, first, count, units);
    public readonly ulong Fold() => WordBits.Fold(words, -1);
    public readonly ulong FoldFlipped(int unit) => WordBits.Fold(words, unit);
    public readonly void WriteTo(Span<byte> bytes) => WordBits.WriteTo(words, bytes);
    public readonly bool Equals(Bits256 other) => ((ReadOnlySpan<ulong>)words).SequenceEqual(other.words);
    public override readonly bool Equals(object? obj) => obj is Bits256 other && Equals(other);
    public override readonly int GetHashCode() => Fold().GetHashCode();
}

/// <summary>Up to 512 units, in eight words.</summary>
internal struct Bits512 : IUnitBits<Bits512>
{
    [InlineArray(8)]
    private struct Words { private ulong first; }

    private Words words;

    public static int Capacity => 512;
    public readonly Bits512 With(int unit) { var bits = this; WordBits.Set(bits.words, unit); return bits; }
    public readonly Bits512 Flip(int unit) { var bits = this; WordBits.Flip(bits.words, unit); return bits; }
    public readonly int Bit(int unit) => WordBits.Bit(words, unit);
    public readonly int Differing(in Bits512 other, int first, int count, Span<int> units) =>
        WordBits.Differing(words, other.words, first, count, units);
    public readonly ulong Fold() => WordBits.Fold(words, -1);
    public readonly ulong FoldFlipped(int unit) => WordBits.Fold(words, unit);
    public readonly void WriteTo(Span<byte> bytes) => WordBits.WriteTo(words, bytes);
    public readonly bool Equals(Bits512 other) => ((ReadOnlySpan<ulong>)words).SequenceEqual(other.words);
    public override readonly bool Equals(object? obj) => obj is Bits512 other && Equals(other);
    public override readonly int GetHashCode() => Fold().GetHashCode();
}

/// <summary>The word-array states' operations, unit u at bit u % 64 of word u / 64.</summary>
internal static class WordBits
{
    public static void Set(Span<ulong> words, int unit) => words[unit >> 6] |= 1UL << unit;
    public static void Flip(Span<ulong> words, int unit) => words[unit >> 6] ^= 1UL << unit;
    public static int Bit(ReadOnlySpan<ulong> words, int unit) => (int)(words[unit >> 6] >> unit) & 1;

    /// <summary>As <see cref="IUnitBits{TBits}.Differing"/>, of two word arrays.</summary>
    public static int Differing(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, int first, int count, Span<int> units)
    {
        Span<ulong> words = stackalloc ulong[a.Length];
        for (int w = 0; w < a.Length; w++) words[w] = a[w] ^ b[w];
        return Set(words, first, count, units);
    }

    /// <summary>The set bits among <paramref name="count"/> from <paramref name="first"/>, as
    /// <see cref="IUnitBits{TBits}.Differing"/> lists them.</summary>
    public static int Set(ReadOnlySpan<ulong> words, int first, int count, Span<int> units)
    {
        int found = 0, end = first + count;
        for (int w = first >> 6; w << 6 < end; w++)
        {
            ulong bits = words[w];
            if (w << 6 < first) bits &= ~0UL << first; // the shift counts modulo 64: the bits from first % 64 on
            if (end - (w << 6) < 64) bits &= (1UL << (end - (w << 6))) - 1;
            for (; bits != 0; bits &= bits - 1)
            {
                if (found == units.Length) return found + 1;
                units[found++] = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits) - first;
            }
        }
        return found;
    }

    /// <summary>The words folded, with unit <paramref name="flip"/>'s bit flipped (none when negative).</summary>
    public static ulong Fold(ReadOnlySpan<ulong> words, int flip)
    {
        ulong h = 0, bit = 1UL << flip;
        int at = flip >> 6;
        for (int w = 0; w < words.Length; w++) h = (h ^ (w == at ? words[w] ^ bit : words[w])) * 0xC2B2AE3D27D4EB4FUL;
        return h;
    }

    public static void WriteTo(ReadOnlySpan<ulong> words, Span<byte> bytes)
    {
        for (int w = 0; w < words.Length; w++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.Slice(8 * w), words[w]);
    }
}
