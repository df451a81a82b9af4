namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The facet crossings of the regions one worker expands in one breadth-first level, each region's side by side,
/// in chunks that never move (other threads' offers write into crossings already handed out while the worker takes
/// more, <see cref="NewPatterns.Offer"/>). A region's crossings are read until its record is built, which is during
/// the next level's expansions; so a worker keeps two slabs, for the levels of either parity, and starts one afresh
/// (<see cref="Reset"/>) two levels on. Held by the regions, an array each sized to the most facets that region
/// object had ever had, the crossings took some 18 MB more (a 6-12-12 process's first search: 33 600 → 38 200 page
/// faults).
/// </summary>
internal sealed class CrossingSlab
{
    // Crossings a chunk: a region with more gets an array of its own.
    private const int ChunkLength = 1024;
    private readonly List<FacetCrossing[]> chunks = new();
    private int chunk = -1, used = ChunkLength; // the chunk being filled and its crossings handed out

    /// <summary>Hands out every chunk again (their crossings are cleared as their regions are recorded,
    /// <see cref="RegionWork.ClearCrossings"/>).</summary>
    public void Reset() => (chunk, used) = (-1, ChunkLength);

    /// <summary>Room for <paramref name="count"/> crossings side by side: an array and the first one's index.</summary>
    public (FacetCrossing[] Array, int Start) Take(int count)
    {
        if (count == 0) return ([], 0);
        if (count > ChunkLength) return (new FacetCrossing[count], 0);
        if (used + count > ChunkLength)
        {
            if (++chunk == chunks.Count) chunks.Add(new FacetCrossing[ChunkLength]);
            used = 0;
        }
        used += count;
        return (chunks[chunk], used - count);
    }
}
