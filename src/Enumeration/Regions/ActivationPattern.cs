namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The state of every unit, in unit order: ReLU and leaky ReLU 1 = pre-activation &gt; 0 on the region, 0
/// otherwise (identically zero counts as 0); maxout the 0-based index of the winning piece (lowest index on a tie
/// of identical pieces). Immutable value with structural equality, used as the key of the visited set.
/// </summary>
public sealed class ActivationPattern : IEquatable<ActivationPattern>
{
    private readonly byte[] states;
    private readonly int hash;

    public ActivationPattern(ReadOnlySpan<byte> states)
    {
        this.states = states.ToArray();
        var h = new HashCode();
        h.AddBytes(this.states);
        hash = h.ToHashCode();
    }

    public int Length => states.Length;
    public ReadOnlySpan<byte> States => states;
    public byte this[int unit] => states[unit];

    public bool Equals(ActivationPattern? other) =>
        other is not null && hash == other.hash && states.AsSpan().SequenceEqual(other.states);

    public override bool Equals(object? obj) => Equals(obj as ActivationPattern);
    public override int GetHashCode() => hash;

    /// <summary>One character per unit: '0'/'1', or the maxout piece index in base 36 (0-9 then a-z).</summary>
    public override string ToString() => string.Create(states.Length, states, static (chars, s) =>
    {
        for (int i = 0; i < s.Length; i++) chars[i] = s[i] < 10 ? (char)('0' + s[i]) : (char)('a' + s[i] - 10);
    });
}
