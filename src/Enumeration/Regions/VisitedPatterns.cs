namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The search's visited set: the pattern of every region found, with its id. Regions are inserted by the threads
/// that tested them, in the phase that tests a level's candidates, before their ids are known: each is stored
/// with its candidate number (its level's first candidate number plus its index among the level's candidates),
/// and the ids, given in candidate order once the phase is over, are kept per number.
/// </summary>
internal sealed class VisitedPatterns(int threads, int keyLength)
{
    private readonly ShardedPatternTable<int> numbers = new(threads, keyLength);
    private readonly List<int> idOfNumber = new();

    /// <summary>The next candidate number: the first of the level about to be tested.</summary>
    public int NextNumber => idOfNumber.Count;

    /// <summary>Stores a region's pattern under its candidate number (thread-safe with other inserts).</summary>
    public void Add(ActivationPattern pattern, int number) => numbers.Add(pattern.Key, pattern.GetHashCode(), number);

    /// <summary>Gives the next candidate number its region's id, or −1 for a candidate that was not a region
    /// (in candidate order, after the level's phase of tests).</summary>
    public void Number(int id) => idOfNumber.Add(id);

    /// <summary>The id given to candidate number <paramref name="number"/> (−1: it was not a region).</summary>
    public int IdOf(int number) => idOfNumber[number];

    /// <summary>Reads the slot where a look-up of this hash starts (<see cref="PatternTable{TValue}.Touch"/>).</summary>
    public int Touch(int hash) => numbers.Touch(hash);

    /// <summary>The id of the region whose pattern is stored as <paramref name="key"/> with hash
    /// <paramref name="hash"/>, if visited. Safe for concurrent readers while nothing is inserted.</summary>
    public bool TryGetId(ReadOnlySpan<byte> key, int hash, out int id)
    {
        id = numbers.TryGetValue(key, hash, out int number) ? idOfNumber[number] : -1;
        return id >= 0;
    }
}
