namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Equality of the patterns of one search (all of one length and storage), which also lets the visited set be
/// searched by a pattern's stored bytes (<see cref="ActivationPattern.WriteKey"/>) through
/// <see cref="Dictionary{TKey,TValue}.GetAlternateLookup{TAlternateKey}"/>: most facets lead to regions already
/// found, and looking them up this way builds no pattern object for them.
/// </summary>
internal sealed class PatternKeyComparer(int units, bool binary)
    : IEqualityComparer<ActivationPattern>, IAlternateEqualityComparer<ReadOnlySpan<byte>, ActivationPattern>
{
    public bool Equals(ActivationPattern? x, ActivationPattern? y) => x is null ? y is null : x.Equals(y);
    public int GetHashCode(ActivationPattern pattern) => pattern.GetHashCode();

    public bool Equals(ReadOnlySpan<byte> key, ActivationPattern pattern) => key.SequenceEqual(pattern.Key);
    public int GetHashCode(ReadOnlySpan<byte> key) => ActivationPattern.HashOf(key);
    public ActivationPattern Create(ReadOnlySpan<byte> key) => ActivationPattern.FromKey(key, binary, units);
}
