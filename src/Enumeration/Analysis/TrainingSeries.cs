using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Analysis;

/// <summary>One checkpoint of a training series: its 0-based position, label (file name), region and linear
/// region counts, mean faces per region, median inscribed radius, and the decision boundary's linear pieces,
/// regions crossed and (2-D) length. <see cref="Complete"/> is false when a region limit stopped the search.</summary>
public sealed record CheckpointRow(int Step, string Label, int Regions, int LinearRegions, double MeanFaces,
    double MedianRadius, int BoundaryPieces, int BoundaryRegions, double? BoundaryLength, bool Complete)
{
    /// <summary>Unbounded regions (over all of R^d; 0 over a box).</summary>
    public int UnboundedRegions { get; init; }
    /// <summary>With certification: whether this checkpoint's counts were proved (null: not certified).</summary>
    public bool? Certified { get; init; }
    public int CertificationRepairs { get; init; }
}

/// <summary>
/// Region statistics along a training run (Fan et al. 2023 follow face counts through training): every checkpoint
/// is enumerated over the same domain — the given box, else the first checkpoint's domain, else [-1,1]^d, or all
/// of R^d — so the rows are comparable. Checkpoints must share the input dimension. With certification every row
/// is computed from the proved regions.
/// </summary>
public static class TrainingSeries
{
    public static IReadOnlyList<CheckpointRow> Run(IReadOnlyList<(string Label, Network Network)> checkpoints,
        Box? box = null, Tolerances? tolerances = null, int maxRegions = 0, CancellationToken cancel = default) =>
        Run(checkpoints, new RegionSearchOptions
        {
            Search = new SearchOptions { Box = box, Tolerances = tolerances ?? Tolerances.Default, MaxRegions = maxRegions },
        }, cancel);

    /// <summary>Every checkpoint searched with <paramref name="options"/>; its box (when not all of R^d) defaults to
    /// the first checkpoint's domain.</summary>
    public static IReadOnlyList<CheckpointRow> Run(IReadOnlyList<(string Label, Network Network)> checkpoints,
        RegionSearchOptions options, CancellationToken cancel = default)
    {
        if (checkpoints.Count == 0) throw new InputException("no checkpoints given");
        int d = checkpoints[0].Network.InputDim;
        foreach (var (label, net) in checkpoints)
            if (net.InputDim != d)
                throw new InputException($"{label}: input_dim {net.InputDim} differs from the first checkpoint's ({d})");
        var search = options.Search;
        var common = search.WholeSpace ? null : search.Box ?? checkpoints[0].Network.Domain ?? Box.Cube(d, -1, 1);
        var tol = search.Tolerances;
        var rows = new List<CheckpointRow>();
        for (int step = 0; step < checkpoints.Count; step++)
        {
            cancel.ThrowIfCancellationRequested();
            var (label, net) = checkpoints[step];
            var run = RegionSearch.Run(net, options with { Search = search with { Box = common, KeepRegions = true } }, cancel);
            var result = run.Result;
            var boundary = new DecisionBoundary(d, common?.Scale() ?? 1, tol).Analyze(result.Regions);
            rows.Add(new CheckpointRow(step, label, result.RegionCount, result.LinearRegionCount,
                FaceHistogram.Of(label, result).MeanFaces, result.RadiusMedian, boundary.LinearPieces,
                boundary.RegionsCrossed, boundary.Length, result.Stop == StopReason.Complete)
            {
                UnboundedRegions = result.UnboundedRegions,
                Certified = run.Certification?.Certified,
                CertificationRepairs = run.Certification?.Repairs.Total ?? 0,
            });
        }
        return rows;
    }
}
