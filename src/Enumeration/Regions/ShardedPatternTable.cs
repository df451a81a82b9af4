namespace Polytopes.Enumeration.Regions;

/// <summary>
/// A <see cref="PatternTable{TValue}"/> split by hash into shards with a lock each, so that the threads of a
/// search phase can insert at once: a phase that only reads takes no lock (<see cref="TryGetValue"/>), a phase
/// that writes locks the one shard it touches (<see cref="Add"/>, <see cref="Lock"/>). A pattern's shard
/// depends only on its hash, so the contents never depend on which thread inserted what. A table for one thread
/// has one shard and takes no locks at all.
/// </summary>
internal sealed class ShardedPatternTable<TValue>
{
    private readonly PatternTable<TValue>[] shards;
    private readonly int shift;

    /// <summary>One shard for a search on one thread (no contention to spread), else 64.</summary>
    public ShardedPatternTable(int threads, int keyLength)
    {
        int count = threads > 1 ? 64 : 1;
        shift = threads > 1 ? 26 : 32;
        shards = new PatternTable<TValue>[count];
        for (int s = 0; s < count; s++) shards[s] = new PatternTable<TValue>(keyLength);
    }

    // The hash's high bits (the tables probe from the low ones); a shift by 32 is none, so shard 0.
    private PatternTable<TValue> ShardOf(int hash) => shards[shift == 32 ? 0 : (int)((uint)hash >> shift)];

    /// <summary>The value of the key with hash <paramref name="hash"/> (<see cref="ActivationPattern.HashOf"/>).
    /// No lock: only while nothing is inserted, or under <see cref="Lock"/>.</summary>
    public bool TryGetValue(ReadOnlySpan<byte> key, int hash, out TValue value) =>
        ShardOf(hash).TryGetValue(key, hash, out value);

    /// <summary>See <see cref="PatternTable{TValue}.Touch"/>.</summary>
    public int Touch(int hash) => ShardOf(hash).Touch(hash);

    /// <summary>Adds a key that is not in the table (thread-safe with other inserts).</summary>
    public void Add(ReadOnlySpan<byte> key, int hash, TValue value)
    {
        using var held = Lock(hash);
        AddLocked(key, hash, value);
    }

    /// <summary>Holds the lock of the shard of keys with this hash until disposed: meanwhile that shard may be read
    /// with <see cref="TryGetValue"/> and written with <see cref="AddLocked"/>.</summary>
    public ShardLock Lock(int hash) => new(shards.Length == 1 ? null : ShardOf(hash));

    /// <summary>Adds a key whose shard's lock the caller holds.</summary>
    public void AddLocked(ReadOnlySpan<byte> key, int hash, TValue value) => ShardOf(hash).Add(key, hash, value);

    /// <summary>Keys in the table (only while nothing is inserted).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (var shard in shards) count += shard.Count;
            return count;
        }
    }

    public void Clear()
    {
        foreach (var shard in shards) shard.Clear();
    }
}

/// <summary>A shard's lock while held (nothing for a one-shard table).</summary>
internal readonly ref struct ShardLock
{
    private readonly object? gate;

    public ShardLock(object? gate)
    {
        this.gate = gate;
        if (gate != null) Monitor.Enter(gate);
    }

    public void Dispose()
    {
        if (gate != null) Monitor.Exit(gate);
    }
}
