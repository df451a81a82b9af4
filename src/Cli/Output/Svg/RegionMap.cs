using System.Globalization;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Cli.Output.Svg;

/// <summary>How the regions of a map are filled.</summary>
internal enum MapColouring
{
    /// <summary>A colour per activation pattern (hashed, so the same pattern has the same colour in every map).</summary>
    Pattern,
    /// <summary>By the output at the region's centre: one output on a blue–white–red scale symmetric about 0; several
    /// outputs by the winning class (palette colour, paler when the margin over the runner-up is small).</summary>
    Output,
}

/// <summary>
/// A 2-D region map: every region drawn as its exact polygon (class "region"), filled by pattern or by output,
/// with the decision boundary on top (class "boundary", one line per boundary piece) and the box outline. The
/// y axis points up, as in the input space.
/// </summary>
internal static class RegionMap
{
    private const double MaxSide = 640, Left = 60, Top = 50, Right = 30, Bottom = 60;

    /// <param name="view">True when <paramref name="box"/> is only a view window on regions of all of R^2 (their
    /// polygons cut to it): the caption says so and unbounded regions get dashed outlines (class "region unbounded").</param>
    public static string Render(string title, Box box, IReadOnlyList<Region> regions, IReadOnlyList<BoundaryPiece> boundary,
        MapColouring colouring, bool view = false, int leftOut = 0)
    {
        if (box.Dimension != 2) throw new ArgumentException("a region map needs a 2-D box");
        double spanX = box.Hi[0] - box.Lo[0], spanY = box.Hi[1] - box.Lo[1];
        double k = MaxSide / Math.Max(spanX, spanY), w = spanX * k, h = spanY * k;
        var svg = new SvgDocument(Left + w + Right, Top + h + Bottom + (view ? 20 : 0));
        double lo0 = box.Lo[0], hi1 = box.Hi[1];
        (double, double) P(double[] x) => (Left + (x[0] - lo0) * k, Top + (hi1 - x[1]) * k);
        (double, double) Vertex(double[] vertices, int v) =>
            (Left + (vertices[2 * v] - lo0) * k, Top + (hi1 - vertices[2 * v + 1]) * k);

        svg.Text((Left + w + Right) / 2, 26, title, 15, "middle", "title");
        double scaleOut = regions.Count == 0 ? 1 : regions.Max(r => Math.Abs(OutputAt(r, 0)));
        svg.BeginGroup("regions");
        foreach (var r in regions)
        {
            if (r.VertexCount < 3) continue;
            string fill = colouring == MapColouring.Pattern ? PatternColour(r.Pattern.ToString()) : OutputColour(r, scaleOut);
            svg.Polygon(Enumerable.Range(0, r.VertexCount).Select(v => Vertex(r.Vertices!, v)), fill, "#555555",
                r.Bounded ? 0.4 : 0.8, r.Bounded ? "region" : "region unbounded",
                $"region {r.Id}, pattern {r.Pattern}, {r.FaceCount} faces{(r.Bounded ? "" : ", unbounded (cut at the view window)")}",
                r.Bounded ? null : "4 3");
        }
        svg.EndGroup();
        svg.BeginGroup("decision-boundary");
        foreach (var piece in boundary)
        {
            if (piece.Segment == null) continue;
            var (x1, y1) = P(piece.Segment[0]);
            var (x2, y2) = P(piece.Segment[1]);
            svg.Line(x1, y1, x2, y2, "black", 2.5, "boundary",
                title: $"region {piece.Region}: classes {piece.ClassA} and {piece.ClassB} tie");
        }
        svg.EndGroup();
        svg.Rect(Left, Top, w, h, "none", "black", "box");
        string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        svg.Text(Left, Top + h + 16, N(box.Lo[0]), 11, "middle", "tick");
        svg.Text(Left + w, Top + h + 16, N(box.Hi[0]), 11, "middle", "tick");
        svg.Text(Left - 6, Top + h + 4, N(box.Lo[1]), 11, "end", "tick");
        svg.Text(Left - 6, Top + 4, N(box.Hi[1]), 11, "end", "tick");
        svg.Text(Left + w / 2, Top + h + 36, "x0", 12, "middle", "axis-label");
        svg.Text(Left - 40, Top + h / 2, "x1", 12, "middle", "axis-label", -90);
        if (view)
            svg.Text(Left + w / 2, Top + h + 56,
                "View window, not the domain: the regions cover all of R^2; the window holds every vertex" +
                (leftOut > 0 ? $" (but {leftOut} beyond 1e300)" : "") + ", " +
                "and dashed regions are unbounded (cut at the window)", 11, "middle", "caption");
        return svg.ToString();
    }

    /// <summary>Output o of the region's affine map at its centre.</summary>
    private static double OutputAt(Region r, int o)
    {
        int d = r.Centre.Length;
        double s = r.OutputBias[o];
        for (int j = 0; j < d; j++) s += r.OutputGradient[o * d + j] * r.Centre[j];
        return s;
    }

    private static string OutputColour(Region r, double scale)
    {
        int k = r.OutputBias.Length;
        if (k == 1)
        {
            double t = scale > 0 ? Math.Clamp(OutputAt(r, 0) / scale, -1, 1) : 0;
            // White at 0, towards red (positive) or blue (negative).
            return t >= 0 ? Mix("#ffffff", "#d62728", t) : Mix("#ffffff", "#1f77b4", -t);
        }
        var values = Enumerable.Range(0, k).Select(o => OutputAt(r, o)).ToArray();
        int best = Array.IndexOf(values, values.Max());
        double runnerUp = values.Where((_, o) => o != best).Max();
        double spread = values.Max() - values.Min();
        double margin = spread > 0 ? (values[best] - runnerUp) / spread : 0;
        return Mix("#ffffff", SvgStyle.Colour(best), 0.35 + 0.65 * margin);
    }

    /// <summary>A stable colour per pattern: FNV-1a hash → hue, fixed saturation and lightness.</summary>
    public static string PatternColour(string pattern)
    {
        uint hash = 2166136261;
        foreach (char c in pattern) { hash ^= c; hash *= 16777619; }
        double hue = hash % 360, s = 0.55, l = 0.72;
        double chroma = (1 - Math.Abs(2 * l - 1)) * s, x = chroma * (1 - Math.Abs(hue / 60 % 2 - 1)), m = l - chroma / 2;
        var (r, g, b) = (int)(hue / 60) switch
        {
            0 => (chroma, x, 0.0), 1 => (x, chroma, 0.0), 2 => (0.0, chroma, x),
            3 => (0.0, x, chroma), 4 => (x, 0.0, chroma), _ => (chroma, 0.0, x),
        };
        return Hex(r + m, g + m, b + m);
    }

    private static string Mix(string from, string to, double t)
    {
        double C(string hex, int i) => Convert.ToInt32(hex.Substring(1 + 2 * i, 2), 16) / 255.0;
        return Hex(C(from, 0) + t * (C(to, 0) - C(from, 0)), C(from, 1) + t * (C(to, 1) - C(from, 1)),
            C(from, 2) + t * (C(to, 2) - C(from, 2)));
    }

    private static string Hex(double r, double g, double b) =>
        $"#{(int)Math.Round(Math.Clamp(r, 0, 1) * 255):x2}{(int)Math.Round(Math.Clamp(g, 0, 1) * 255):x2}{(int)Math.Round(Math.Clamp(b, 0, 1) * 255):x2}";
}
