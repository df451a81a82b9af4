using System.Runtime.InteropServices;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The patterns met while a level is expanded that are not yet visited: the next level's candidates. The threads
/// expanding the level offer each crossing as they go (<see cref="Offer"/>), so the deduplication runs in
/// parallel on data still in the offering core's cache; each pattern keeps the crossing first in search order
/// whatever the order of the offers, and <see cref="TakeLevel"/> lists the candidates in that order. The result is
/// the same as one pass over the level in order.
/// </summary>
internal sealed class NewPatterns(int threads, int units, bool binary, PatternMapsPool pool)
{
    private readonly ShardedPatternTable<Candidate> table = new(threads, ActivationPattern.KeyLength(units, binary));
    private readonly List<Candidate> level = new();

    /// <summary>
    /// Offers the crossing of facet <paramref name="facet"/> of <paramref name="region"/>, at place
    /// <paramref name="place"/> of its level, to the pattern stored as <paramref name="key"/> (hash
    /// <paramref name="hash"/>): the crossing points at the pattern's candidate, and becomes its discoverer if it is
    /// first in search order. A crossing that is not (any more) the first gives its maps back: only the
    /// discoverer's are used. A new candidate is added to <paramref name="created"/> (the calling worker's list).
    /// </summary>
    public void Offer(ReadOnlySpan<byte> key, int hash, RegionWork region, int place, int facet, List<Candidate> created)
    {
        long order = (long)place << 32 | (uint)facet;
        ref var crossing = ref region.Crossing(facet);
        using (table.Lock(hash))
        {
            if (!table.TryGetValue(key, hash, out var candidate))
            {
                candidate = new Candidate { Pattern = ActivationPattern.FromKey(key, binary, units), Order = long.MaxValue };
                table.AddLocked(key, hash, candidate);
                created.Add(candidate);
            }
            crossing.NewPattern = candidate.Pattern;
            crossing.Discovery = candidate;
            if (order >= candidate.Order)
            {
                GiveBackMaps(ref crossing);
                return;
            }
            if (candidate.Parent != null) GiveBackMaps(ref candidate.Crossing);
            candidate.Parent = region;
            candidate.Facet = facet;
            candidate.Order = order;
        }
    }

    private void GiveBackMaps(ref FacetCrossing loser)
    {
        pool.Return(loser.NewMaps);
        loser.NewMaps = null;
    }

    /// <summary>The candidates offered since the last call, in search order with their indices, from the workers'
    /// <paramref name="created"/> lists (emptied); the table is emptied for the next level. The list is reused by
    /// the next call.</summary>
    public List<Candidate> TakeLevel(IEnumerable<List<Candidate>> created)
    {
        level.Clear();
        foreach (var list in created)
        {
            level.AddRange(list);
            list.Clear();
        }
        // Sorted by keys read once each, in one pass of independent loads: on several threads about half the
        // candidates were made on another core, and a sort comparing the objects waited for them one at a time.
        int count = level.Count;
        if (orders.Length < count) orders = new long[Math.Max(count, 2 * orders.Length)];
        var span = CollectionsMarshal.AsSpan(level);
        for (int k = 0; k < count; k++) orders[k] = span[k].Order;
        orders.AsSpan(0, count).Sort(span);
        table.Clear();
        return level;
    }

    private long[] orders = [];
}
