using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Analysis;

/// <summary>
/// A finite window for drawing the regions of all of R^2. Every vertex of the subdivision is a vertex of some
/// region, and a region's vertices are crossings of two of its facet lines that satisfy all its facets; so the
/// bounding box of those crossings (computed per region, a crossing kept when no facet is violated by more than
/// <see cref="Tolerances.Facet"/> × its size — a spurious extra crossing only enlarges the box) contains every
/// vertex. The box also takes every region's centre, so each region shows inside it, and is padded by a fifth of
/// its larger side so that the unbounded regions' rays leave the vertices visibly. It is a view, not the domain.
/// </summary>
public static class ViewWindow
{
    public static Box Of(IReadOnlyList<Region> regions, Tolerances? tolerances = null) => Of(regions, tolerances, out _);

    /// <summary>As above; <paramref name="leftOut"/> counts the centres and crossings farther than 1e300 from the
    /// origin (exact points of networks with weights near the range of doubles), which no window can hold.</summary>
    public static Box Of(IReadOnlyList<Region> regions, Tolerances? tolerances, out int leftOut)
    {
        var tol = (tolerances ?? Tolerances.Default).Validated();
        int beyond = 0;
        double x0 = double.PositiveInfinity, y0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y1 = double.NegativeInfinity;
        void Take(double x, double y)
        {
            const double drawable = 1e300; // beyond this no window can be padded or drawn
            if (!(Math.Abs(x) <= drawable && Math.Abs(y) <= drawable)) { beyond++; return; }
            x0 = Math.Min(x0, x); x1 = Math.Max(x1, x);
            y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
        }
        foreach (var r in regions)
        {
            if (r.Centre.Length != 2) throw new ArgumentException("a view window is for regions of R^2");
            Take(r.Centre[0], r.Centre[1]);
            foreach (var v in Crossings(r, tol)) Take(v[0], v[1]);
        }
        if (!double.IsFinite(x0)) (x0, y0, x1, y1) = (-1, -1, 1, 1);
        double pad = Math.Max(0.2 * Math.Max(x1 - x0, y1 - y0), 1e-3 * (1 + Math.Max(Math.Abs(x0), Math.Max(Math.Abs(x1), Math.Max(Math.Abs(y0), Math.Abs(y1))))));
        if (x1 - x0 == 0 && y1 - y0 == 0) pad = 1;
        leftOut = beyond;
        return new Box([x0 - pad, y0 - pad], [x1 + pad, y1 + pad]);
    }

    /// <summary>The vertices of a 2-D region: crossings of two facet lines inside every facet.</summary>
    public static IEnumerable<double[]> Crossings(Region region, Tolerances tol)
    {
        var f = region.Facets;
        for (int i = 0; i < f.Length; i++)
            for (int j = i + 1; j < f.Length; j++)
            {
                double a = f[i].Normal[0], b = f[i].Normal[1], c = f[j].Normal[0], d = f[j].Normal[1];
                double det = a * d - b * c;
                if (Math.Abs(det) <= tol.Coincidence) continue; // (nearly) parallel unit normals: no crossing
                double x = (f[i].Offset * d - b * f[j].Offset) / det, y = (a * f[j].Offset - c * f[i].Offset) / det;
                double size = 1 + Math.Abs(x) + Math.Abs(y);
                if (f.All(g => g.Normal[0] * x + g.Normal[1] * y <= g.Offset + tol.Facet * size)) yield return [x, y];
            }
    }

    /// <summary>The region cut to the window, as a counter-clockwise polygon, two numbers a vertex in one array (null
    /// when nothing of it is inside).</summary>
    public static double[]? Clip(Region region, Box window, Tolerances? tolerances = null)
    {
        var tol = (tolerances ?? Tolerances.Default).Validated();
        var polygon = new ConvexPolygon();
        double cx = 0.5 * (window.Lo[0] + window.Hi[0]), cy = 0.5 * (window.Lo[1] + window.Hi[1]);
        double half = 0.5 * Math.Max(window.Hi[0] - window.Lo[0], window.Hi[1] - window.Lo[1]);
        polygon.StartSquare(cx, cy, half);
        double edge = tol.Facet * half;
        if (!polygon.Clip(1, 0, window.Hi[0], -1, edge) || !polygon.Clip(-1, 0, -window.Lo[0], -1, edge)
            || !polygon.Clip(0, 1, window.Hi[1], -1, edge) || !polygon.Clip(0, -1, -window.Lo[1], -1, edge))
            return null;
        for (int k = 0; k < region.Facets.Length; k++)
        {
            var facet = region.Facets[k];
            if (!polygon.Clip(facet.Normal[0], facet.Normal[1], facet.Offset, k, edge)) return null;
        }
        return polygon.Vertices();
    }

    /// <summary>The part of an unbounded decision-boundary piece inside the window: its line cut by the region's
    /// facets, the rows where another class would win (f_l ≤ f_a), and the window (null when nothing is left).</summary>
    public static double[][]? ClipPiece(Region region, BoundaryPiece piece, Box window)
    {
        double[] x = piece.Centre, u = [-piece.Normal[1], piece.Normal[0]];
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        void Cut(double n0, double n1, double offset)
        {
            // n·(x + t u) <= offset
            double slope = n0 * u[0] + n1 * u[1], slack = offset - (n0 * x[0] + n1 * x[1]);
            if (slope > 0) hi = Math.Min(hi, slack / slope);
            else if (slope < 0) lo = Math.Max(lo, slack / slope);
            else if (slack < 0) (lo, hi) = (1, 0);
        }
        foreach (var f in region.Facets) Cut(f.Normal[0], f.Normal[1], f.Offset);
        int k = region.OutputBias.Length, a = piece.ClassA;
        var g = region.OutputGradient;
        for (int l = 0; l < k; l++)
            if (l != piece.ClassA && l != piece.ClassB && a < k)
                Cut(g[2 * l] - g[2 * a], g[2 * l + 1] - g[2 * a + 1], region.OutputBias[a] - region.OutputBias[l]);
        Cut(1, 0, window.Hi[0]);
        Cut(-1, 0, -window.Lo[0]);
        Cut(0, 1, window.Hi[1]);
        Cut(0, -1, -window.Lo[1]);
        if (!(hi > lo)) return null;
        return [[x[0] + lo * u[0], x[1] + lo * u[1]], [x[0] + hi * u[0], x[1] + hi * u[1]]];
    }
}
