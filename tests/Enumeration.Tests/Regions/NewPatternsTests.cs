using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The next level's candidates are gathered while threads expand a level, in whatever order their offers
/// arrive: each pattern must end with the crossing first in search order (region's place, then facet) as its
/// discoverer, every crossing must point at its pattern's candidate, and the candidates must come out in search
/// order — what one pass over the level in order gives (the oracle below). Only the discoverers keep the maps
/// their expansions computed; the others give them back.</summary>
public class NewPatternsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Offers_InAnyOrderFromAnyThreads_KeepTheFirstInSearchOrder(int threads)
    {
        const int units = 12, places = 60, facets = 7;
        var layout = new NetworkLayout(RandomNets.OneLayer(1, 2, units));
        var fresh = new NewPatterns(threads, units, binary: true, new PatternMapsPool(layout));
        var random = new Random(threads);
        // Few distinct patterns (one of 40), so most are met many times.
        var offers = new List<(int Place, int Facet, byte[] Key)>();
        var regions = Enumerable.Range(0, places).Select(_ => new RegionWork()).ToArray();
        var slab = new CrossingSlab();
        foreach (var region in regions) region.TakeCrossings(slab, facets);
        for (int place = 0; place < places; place++)
            for (int facet = 0; facet < facets; facet++)
            {
                var states = new byte[units];
                int which = random.Next(40);
                for (int u = 0; u < units; u++) states[u] = (byte)((which >> (u % 6)) & 1);
                var key = new byte[ActivationPattern.KeyLength(units, true)];
                ActivationPattern.WriteKey(states, true, key);
                offers.Add((place, facet, key));
                regions[place].Crossing(facet).NewMaps = new PatternMaps(layout);
            }
        var shuffled = offers.OrderBy(_ => random.Next()).ToArray();
        var created = Enumerable.Range(0, threads).Select(_ => new List<Candidate>()).ToArray();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int i = t; i < shuffled.Length; i += threads)
            {
                var o = shuffled[i];
                fresh.Offer(o.Key, ActivationPattern.HashOf(o.Key), regions[o.Place], o.Place, o.Facet, created[t]);
            }
        });
        var candidates = fresh.TakeLevel(created);

        // Oracle: one pass in search order, the first occurrence of each key discovers it.
        var firstOf = new Dictionary<string, int>();
        var expected = new List<int>();
        for (int i = 0; i < offers.Count; i++)
            if (firstOf.TryAdd(Convert.ToHexString(offers[i].Key), expected.Count)) expected.Add(i);
        Assert.Equal(expected.Count, candidates.Count);
        for (int k = 0; k < candidates.Count; k++)
        {
            var first = offers[expected[k]];
            Assert.Same(regions[first.Place], candidates[k].Parent);
            Assert.Equal(first.Facet, candidates[k].Facet);
            Assert.Equal(Convert.ToHexString(first.Key), Convert.ToHexString(candidates[k].Pattern.Key));
        }
        var discoverers = expected.Select(i => (offers[i].Place, offers[i].Facet)).ToHashSet();
        foreach (var o in offers)
        {
            var crossing = regions[o.Place].Crossing(o.Facet);
            Assert.Same(candidates[firstOf[Convert.ToHexString(o.Key)]], crossing.Discovery);
            Assert.Equal(discoverers.Contains((o.Place, o.Facet)), crossing.NewMaps != null);
        }
        Assert.All(created, list => Assert.Empty(list));
    }
}
