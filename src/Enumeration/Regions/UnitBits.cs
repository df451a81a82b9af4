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

    /// <summary>The bits folded to one word whose every bit depends on every unit's (for hashing).</summary>
    ulong Fold();

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
    public ulong Fold() => (ulong)Value ^ (ulong)(Value >> 64) * 0xC2B2AE3D27D4EB4FUL;
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
    public readonly ulong Fold() => WordBits.Fold(words);
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
    public readonly ulong Fold() => WordBits.Fold(words);
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

    public static ulong Fold(ReadOnlySpan<ulong> words)
    {
        ulong h = 0;
        foreach (ulong w in words) h = (h ^ w) * 0xC2B2AE3D27D4EB4FUL;
        return h;
    }

    public static void WriteTo(ReadOnlySpan<ulong> words, Span<byte> bytes)
    {
        for (int w = 0; w < words.Length; w++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.Slice(8 * w), words[w]);
    }
}
