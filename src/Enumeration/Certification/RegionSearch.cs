using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Statistics;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Certification;

/// <summary>What every region-enumerating command asks for: the float search's options (box or all of R^d,
/// tolerances, threads, limits, the per-region callback) and whether to certify.</summary>
public sealed record RegionSearchOptions
{
    public SearchOptions Search { get; init; } = new();
    /// <summary>Prove the result in exact arithmetic (<see cref="Certifier"/>) and return the proved regions.</summary>
    public bool Certify { get; init; }
}

/// <summary>The outcome: <see cref="Result"/> is the float search's result, or with certification the certified
/// one (exact counts and histograms, the materialised regions, radius statistics over the kept radii, exact
/// bounded/unbounded split); <see cref="Certification"/> holds the proof summary (null without certification);
/// <see cref="SearchSeconds"/> is the float search's time.</summary>
public sealed record RegionSearchResult(Box? Box, EnumerationResult Result, CertificationResult? Certification)
{
    public double SearchSeconds => Result.Seconds;
}

/// <summary>
/// The one entry point for enumerating regions: the float search (<see cref="RegionEnumerator"/>) and, when asked,
/// the certifier and the materialisation of its proved regions (<see cref="CertifiedRegions"/>), returned as one
/// result. With certification the per-region callback <see cref="SearchOptions.OnRegion"/> receives the certified
/// regions, in id order, after the proof (the float ones are not reported).
/// </summary>
public static class RegionSearch
{
    /// <summary>The box a search with these options covers (null: all of R^d), before running it.</summary>
    public static Box? Domain(Network network, SearchOptions search) => new RegionEnumerator(network, search).Box;

    public static RegionSearchResult Run(Network network, RegionSearchOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        var search = options.Certify ? options.Search with { KeepRegions = true, OnRegion = null, OnRegionBuilt = null } : options.Search;
        var enumerator = new RegionEnumerator(network, search);
        var result = enumerator.Run(cancel);
        if (!options.Certify) return new RegionSearchResult(enumerator.Box, result, null);

        var box = enumerator.Box;
        var exact = new Certifier(network, box, new CertifyOptions { Tolerances = search.Tolerances, Threads = search.Threads })
            .Certify(result, cancel);
        var set = CertifiedRegions.Materialise(exact, result, box, search.Tolerances, search.Threads);
        exact = exact with
        {
            Repairs = exact.Repairs with { RadiiReplaced = set.RadiiReplaced },
            Seconds = exact.Seconds + set.Seconds,
        };
        var regions = set.Regions;
        var summary = RegionSummary.Of(regions.Select(r => r.FaceCount).ToArray(),
            regions.Select(r => r.NeuronFaceCount).ToArray(), regions.Select(r => r.Radius).ToArray());
        var certified = result with
        {
            RegionCount = exact.RegionCount,
            LinearRegionCount = exact.LinearRegionCount,
            Regions = regions,
            FaceHistogram = exact.FaceHistogram,
            NeuronFaceHistogram = exact.NeuronFaceHistogram,
            RadiusMin = summary.RadiusMin,
            RadiusMedian = summary.RadiusMedian,
            RadiusMax = summary.RadiusMax,
            UnboundedRegions = set.UnboundedRegions,
            // Of the proved records, not of the float search (whose dangling facets the proof repairs); of the float
            // search when it stopped early, where the facets towards regions beyond the limit have no proved
            // neighbour in the set (−1) but do have one.
            FacetsWithoutNeighbour = result.Stop == StopReason.Complete
                ? regions.Sum(r => r.Facets.Count(f => !f.IsBoxSide && f.Neighbour < 0))
                : result.FacetsWithoutNeighbour,
        };
        if (options.Search.OnRegion is { } report)
            foreach (var region in regions) report(region);
        return new RegionSearchResult(box, certified, exact);
    }
}
