namespace Polytopes.Enumeration.Sampling;

/// <summary>Byte-array keys compared by content, looked up by span so the hot loop allocates only for a pattern
/// it has not seen before.</summary>
internal sealed class PatternKeys : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly PatternKeys Instance = new();

    public static Dictionary<byte[], int> NewTable() => new(Instance);

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x != null && y != null && x.AsSpan().SequenceEqual(y));
    public int GetHashCode(byte[] key) => Hash(key);
    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);
    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var h = new HashCode();
        h.AddBytes(key);
        return h.ToHashCode();
    }
}
