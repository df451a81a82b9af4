using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Slicing;

/// <summary>One piece of a segment: t in [From, To], one activation pattern, output = Slope · t + Intercept.</summary>
/// <param name="Map">Index of the piece's affine map among the distinct maps along the segment, numbered in order
/// of first appearance (pieces with equal maps share it).</param>
public sealed record LinePiece(double From, double To, ActivationPattern Pattern, int Map, double[] Slope, double[] Intercept);

/// <summary>The exact 1-D profile of a network along a segment x = a + t (b − a), t in [0, 1].</summary>
/// <param name="Breakpoints">The values of t in (0, 1) where the activation pattern changes, ascending.</param>
/// <param name="LinearPieces">Pieces after merging neighbours with the same affine map.</param>
/// <param name="DistinctMaps">Different affine maps among all pieces (a map may come back further along).</param>
public sealed record LineProfile(
    IReadOnlyList<LinePiece> Pieces,
    IReadOnlyList<double> Breakpoints,
    int LinearPieces,
    int DistinctMaps,
    int Neurons,
    StopReason Stop);

/// <summary>
/// The pieces of a segment: the network restricted to the 1-D slice x = a + t (b − a) (<see cref="SlicedNetwork"/>)
/// and enumerated over t in [0, 1]. Each activation region meets the line in one interval (regions are convex),
/// so the pieces, sorted by t, are exactly the intervals between consecutive pattern changes.
/// </summary>
public static class LineScan
{
    public static LineProfile Run(Network network, Slice segment, Tolerances? tolerances = null, CancellationToken cancel = default)
    {
        if (segment.Dimension != 1) throw new ArgumentException($"a line scan needs a 1-D slice, got {segment.Dimension}-D");
        var tol = tolerances ?? Tolerances.Default;
        var line = SlicedNetwork.Compose(network, segment, "segment");
        var result = new RegionEnumerator(line, new SearchOptions { Box = segment.Box, Tolerances = tol }).Run(cancel);
        var sorted = result.Regions.Select(r => (Region: r, Interval: Interval(r))).OrderBy(p => p.Interval.From).ToList();

        var maps = new List<double[]>();
        var pieces = new List<LinePiece>();
        foreach (var (region, (from, to)) in sorted)
        {
            var map = MapVector(region);
            int id = maps.FindIndex(m => LinearRegions.SameMap(m, map, 2, tol.Coincidence));
            if (id < 0) { id = maps.Count; maps.Add(map); }
            pieces.Add(new LinePiece(from, to, region.Pattern, id, region.OutputGradient.ToArray(), region.OutputBias.ToArray()));
        }
        var breakpoints = new List<double>();
        int linear = pieces.Count == 0 ? 0 : 1;
        for (int i = 1; i < pieces.Count; i++)
        {
            breakpoints.Add(0.5 * (pieces[i - 1].To + pieces[i].From));
            if (pieces[i].Map != pieces[i - 1].Map) linear++;
        }
        return new LineProfile(pieces, breakpoints, linear, maps.Count, result.Neurons, result.Stop);
    }

    /// <summary>The interval of a 1-D region: the tightest of its facets n·t ≤ offset.</summary>
    private static (double From, double To) Interval(Region region)
    {
        double from = double.NegativeInfinity, to = double.PositiveInfinity;
        foreach (var f in region.Facets)
        {
            double n = f.Normal[0];
            if (n > 0) to = Math.Min(to, f.Offset / n);
            else if (n < 0) from = Math.Max(from, f.Offset / n);
        }
        return (from, to);
    }

    /// <summary>(slope, intercept) per output, the layout <see cref="LinearRegions.SameMap"/> compares.</summary>
    private static double[] MapVector(Region region)
    {
        int outputs = region.OutputBias.Length;
        var map = new double[2 * outputs];
        for (int o = 0; o < outputs; o++)
        {
            map[2 * o] = region.OutputGradient[o];
            map[2 * o + 1] = region.OutputBias[o];
        }
        return map;
    }
}
