using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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

    /// <summary>The bits' bytes, little-endian, unit 0 in the lowest bit of the first.</summary>
    void WriteTo(Span<byte> bytes);
}

/// <summary>Up to 128 units, in one 128-bit vector: a unit's bit is set or flipped with a mask made in registers
/// (a <see cref="UInt128"/>'s variable shift and a word array written a word and read whole took 10–50 ns an
/// operation, where the subdivision does several a facet and a cell).</summary>
internal readonly struct Bits128 : IUnitBits<Bits128>
{
    private readonly Vector128<ulong> words;

    private Bits128(Vector128<ulong> words) => this.words = words;

    public static int Capacity => 128;
    public Bits128 With(int unit) => new(words | Mask(unit));
    public Bits128 Flip(int unit) => new(words ^ Mask(unit));
    public int Bit(int unit) => (words & Mask(unit)) == Vector128<ulong>.Zero ? 0 : 1;

    public int Differing(in Bits128 other, int first, int count, Span<int> units)
    {
        var differ = words ^ other.words;
        Span<ulong> each = [differ.GetElement(0), differ.GetElement(1)];
        return WordBits.Set(each, first, count, units);
    }

    public ulong Fold() => words.GetElement(0) ^ words.GetElement(1) * 0xC2B2AE3D27D4EB4FUL;

    public void WriteTo(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, words.GetElement(0));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], words.GetElement(1));
    }

    public bool Equals(Bits128 other) => words == other.words;
    public override bool Equals(object? obj) => obj is Bits128 other && Equals(other);
    public override int GetHashCode() => Fold().GetHashCode();

    /// <summary>Unit <paramref name="unit"/>'s bit alone: in its word, the word picked by comparing lane numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Mask(int unit) =>
        Vector128.Equals(Vector128.Create(0UL, 1UL), Vector128.Create((ulong)(unit >> 6))) & Vector128.Create(1UL << unit);
}

/// <summary>Up to 256 units, in one 256-bit vector (as <see cref="Bits128"/>; a piece carries its states by value:
/// 64 bytes for 256 units made a two-thread 2-128-128 subdivision a fifth slower, most of it in the splits).</summary>
internal readonly struct Bits256 : IUnitBits<Bits256>
{
    private readonly Vector256<ulong> words;

    private Bits256(Vector256<ulong> words) => this.words = words;

    public static int Capacity => 256;
    public Bits256 With(int unit) => new(words | Mask(unit, 0));
    public Bits256 Flip(int unit) => new(words ^ Mask(unit, 0));
    public int Bit(int unit) => (words & Mask(unit, 0)) == Vector256<ulong>.Zero ? 0 : 1;

    public int Differing(in Bits256 other, int first, int count, Span<int> units)
    {
        Span<ulong> each = stackalloc ulong[4];
        (words ^ other.words).CopyTo(each);
        return WordBits.Set(each, first, count, units);
    }

    public ulong Fold() => Fold(words, 0);
    public void WriteTo(Span<byte> bytes) => Write(words, bytes);
    public bool Equals(Bits256 other) => words == other.words;
    public override bool Equals(object? obj) => obj is Bits256 other && Equals(other);
    public override int GetHashCode() => Fold().GetHashCode();

    /// <summary>Unit <paramref name="unit"/>'s bit alone, in the vector of words <paramref name="firstWord"/> to
    /// <paramref name="firstWord"/> + 3 (all zero when its word is not among them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> Mask(int unit, ulong firstWord) =>
        Vector256.Equals(Vector256.Create(firstWord, firstWord + 1, firstWord + 2, firstWord + 3),
            Vector256.Create((ulong)(unit >> 6))) & Vector256.Create(1UL << unit);

    /// <summary>The words folded one after another into <paramref name="hash"/>: every bit of the result depends on
    /// every unit's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Fold(Vector256<ulong> words, ulong hash)
    {
        const ulong m = 0xC2B2AE3D27D4EB4FUL;
        hash = (hash ^ words.GetElement(0)) * m;
        hash = (hash ^ words.GetElement(1)) * m;
        hash = (hash ^ words.GetElement(2)) * m;
        return (hash ^ words.GetElement(3)) * m;
    }

    internal static void Write(Vector256<ulong> words, Span<byte> bytes)
    {
        for (int w = 0; w < 4; w++) BinaryPrimitives.WriteUInt64LittleEndian(bytes[(8 * w)..], words.GetElement(w));
    }
}

/// <summary>Up to 512 units, in two 256-bit vectors (as <see cref="Bits256"/>): units below 256 in the first.</summary>
internal readonly struct Bits512 : IUnitBits<Bits512>
{
    private readonly Vector256<ulong> low, high;

    private Bits512(Vector256<ulong> low, Vector256<ulong> high) => (this.low, this.high) = (low, high);

    public static int Capacity => 512;
    public Bits512 With(int unit) => new(low | Bits256.Mask(unit, 0), high | Bits256.Mask(unit, 4));
    public Bits512 Flip(int unit) => new(low ^ Bits256.Mask(unit, 0), high ^ Bits256.Mask(unit, 4));
    public int Bit(int unit) =>
        ((low & Bits256.Mask(unit, 0)) | (high & Bits256.Mask(unit, 4))) == Vector256<ulong>.Zero ? 0 : 1;

    public int Differing(in Bits512 other, int first, int count, Span<int> units)
    {
        Span<ulong> each = stackalloc ulong[8];
        (low ^ other.low).CopyTo(each);
        (high ^ other.high).CopyTo(each[4..]);
        return WordBits.Set(each, first, count, units);
    }

    public ulong Fold() => Bits256.Fold(high, Bits256.Fold(low, 0));

    public void WriteTo(Span<byte> bytes)
    {
        Bits256.Write(low, bytes);
        Bits256.Write(high, bytes[32..]);
    }

    public bool Equals(Bits512 other) => low == other.low && high == other.high;
    public override bool Equals(object? obj) => obj is Bits512 other && Equals(other);
    public override int GetHashCode() => Fold().GetHashCode();
}

/// <summary>Units listed from words of bits, unit u at bit u % 64 of word u / 64.</summary>
internal static class WordBits
{
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
}
