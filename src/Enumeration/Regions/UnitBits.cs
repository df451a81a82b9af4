using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The states of a network's two-state units, one bit a unit (set: on), as a value the subdivision
/// (<see cref="SplitSearch{TShape, TBits}"/>) carries with each piece and keys its regions by. A struct type
/// parameter, so that each width gets its own compiled code: 128 bits in two words for most networks, 512 in eight
/// for wide ones.
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

/// <summary>Up to 512 units, in eight words.</summary>
internal struct Bits512 : IUnitBits<Bits512>
{
    [InlineArray(8)]
    private struct Words { private ulong first; }

    private Words words;

    public static int Capacity => 512;

    public readonly Bits512 With(int unit)
    {
        var bits = this;
        bits.words[unit >> 6] |= 1UL << unit;
        return bits;
    }

    public readonly Bits512 Flip(int unit)
    {
        var bits = this;
        bits.words[unit >> 6] ^= 1UL << unit;
        return bits;
    }

    public readonly int Bit(int unit) => (int)(words[unit >> 6] >> unit) & 1;

    public readonly ulong Fold()
    {
        ulong h = 0;
        for (int w = 0; w < 8; w++) h = (h ^ words[w]) * 0xC2B2AE3D27D4EB4FUL;
        return h;
    }

    public readonly void WriteTo(Span<byte> bytes)
    {
        for (int w = 0; w < 8; w++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.Slice(8 * w), words[w]);
    }

    public readonly bool Equals(Bits512 other) =>
        ((ReadOnlySpan<ulong>)words).SequenceEqual(other.words);

    public override readonly bool Equals(object? obj) => obj is Bits512 other && Equals(other);
    public override readonly int GetHashCode() => Fold().GetHashCode();
}
