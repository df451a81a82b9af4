using System.Diagnostics;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Certification;

/// <summary>The regions of a certification as <see cref="Region"/> records, how many float radii were replaced,
/// how many regions are unbounded, and the time it took.</summary>
public sealed record CertifiedRegionSet(IReadOnlyList<Region> Regions, int RadiiReplaced, int UnboundedRegions, double Seconds);

/// <summary>
/// Materialises a <see cref="CertificationResult"/> into region records, so that everything downstream (region
/// lines, statistics, histograms, maps) works on the proved set: dropped regions are gone, added ones present, and
/// each record is rebuilt from the exact data — facets from the proved facet groups (normal and offset rounded from
/// the exact representative row), neighbours from the proved links, the output map from the exact maps, the centre
/// the exact interior point rounded, boundedness by exact recession-cone LPs (all of R^d only), the 1-D length and
/// 2-D polygon and area from exact facet crossings, and a certified radius interval
/// (<see cref="ChebyshevInterval"/>). The radius kept is the floating-point search's when it lies in the interval
/// (widened by <see cref="Tolerances.RadiusAgreement"/> × scale), else the interval's midpoint, counted in
/// <see cref="CertifiedRegionSet.RadiiReplaced"/>; regions the search missed get the midpoint.
/// </summary>
public static class CertifiedRegions
{
    public static CertifiedRegionSet Materialise(CertificationResult exact, EnumerationResult floatResult, Box? box,
        Tolerances? tolerances = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(floatResult);
        var clock = Stopwatch.StartNew();
        var tol = (tolerances ?? Tolerances.Default).Validated();
        double slack = tol.RadiusAgreement * (box?.Scale() ?? 1.0);
        var floatById = floatResult.Regions.ToDictionary(r => r.Id);
        var regions = new Region[exact.Regions.Count];
        var replaced = new bool[regions.Length];
        var workers = new int[threads > 0 ? threads : Environment.ProcessorCount];
        StridedParallel.ForEach(workers, regions.Length, (_, i) =>
        {
            var c = exact.Regions[i];
            var found = c.FloatId >= 0 ? floatById.GetValueOrDefault(c.FloatId) : null;
            (regions[i], replaced[i]) = Build(c, found, floatResult.InputDim, box == null, slack, tol);
        });
        return new CertifiedRegionSet(regions, replaced.Count(r => r), regions.Count(r => !r.Bounded),
            clock.Elapsed.TotalSeconds);
    }

    private static (Region Region, bool RadiusReplaced) Build(CertifiedRegion c, Region? found, int d, bool wholeSpace,
        double slack, Tolerances tol)
    {
        var p = c.Polytope;
        var order = Enumerable.Range(0, c.Certificate.Facets.Length).OrderBy(f => c.Certificate.Facets[f].Rows[0]).ToArray();
        var facetRows = order.Select(f => c.Certificate.Facets[f].Rows[0]).ToArray();
        var facets = order.Select(f => Facet(c, f)).ToArray();

        bool bounded = !wholeSpace || ExactShape.IsBounded(p, facetRows);
        double? volume = null;
        double[]? vertices = null;
        if (!bounded) volume = double.PositiveInfinity;
        else if (d == 1) volume = ExactShape.Length(p, facetRows);
        else if (d == 2) (volume, vertices) = ExactShape.Polygon(p, facetRows, c.InteriorPoint);

        var interval = ChebyshevInterval.Of(p, facetRows, c.InteriorPoint, wholeSpace, tol);
        bool replaced = false;
        double radius;
        if (found != null && (interval == null || interval.Contains(found.Radius, slack))) radius = found.Radius;
        else
        {
            radius = interval?.Midpoint ?? double.NaN;
            replaced = found != null;
        }

        int outputs = c.OutputMap.Length / (d + 1);
        var gradient = new double[outputs * d];
        var bias = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            for (int t = 0; t < d; t++) gradient[o * d + t] = c.OutputMap[o * (d + 1) + t].ToDouble();
            bias[o] = c.OutputMap[o * (d + 1) + d].ToDouble();
        }
        var centre = c.InteriorPoint.Select(v => v.ToDouble()).ToArray();
        return (new Region(c.Id, c.Pattern, centre, radius, facets, gradient, bias, volume, vertices)
        {
            Bounded = bounded,
            RadiusBounds = interval,
        }, replaced);
    }

    /// <summary>Facet f as a record: the rounded unit row of its representative, the units owning it, the box side
    /// it lies on (if any) and the proved neighbour.</summary>
    private static RegionFacet Facet(CertifiedRegion c, int f)
    {
        var facet = c.Certificate.Facets[f];
        var normal = new double[c.Polytope.Dimension];
        c.Polytope.ApproximateUnitRow(facet.Rows[0], normal, out double offset);
        var units = facet.Rows.Select(r => c.RowUnits[r]).Where(u => u >= 0).Distinct().Order().ToArray();
        int boxSide = facet.Rows.Select(r => c.RowUnits[r]).Where(u => u < 0).Select(u => -1 - u).DefaultIfEmpty(-1).Min();
        int neighbour = boxSide >= 0 ? -1 : c.Links.Length > f ? c.Links[f] : -1;
        return new RegionFacet(normal, offset, units, boxSide, neighbour);
    }
}
