namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Recycles <see cref="PatternMaps"/> buffers (several kilobytes each) between regions: every candidate needs
/// one, and most are dropped soon after (duplicates, rejected candidates, recorded regions). Reuse is safe because
/// every path that fills maps overwrites them entirely (<see cref="PatternMaps.CopyFrom"/> or a full
/// recomputation). Thread-safe; the lock is taken once per map, not per number.
/// </summary>
internal sealed class PatternMapsPool(NetworkLayout layout)
{
    private readonly Stack<PatternMaps> free = new();

    public PatternMaps Rent()
    {
        lock (free)
            if (free.TryPop(out var maps)) return maps;
        return new PatternMaps(layout);
    }

    public void Return(PatternMaps? maps)
    {
        if (maps == null) return;
        lock (free) free.Push(maps);
    }
}
