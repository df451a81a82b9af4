using System.Globalization;
using System.Text;

namespace Polytopes.Cli.Output.Svg;

/// <summary>
/// A tiny SVG 1.1 writer (no plotting package is served to this project; SVG is text): a document of fixed size
/// to which shapes are appended in drawing order. Numbers are written in the invariant culture with at most
/// three decimals (pixels), text and attribute values are XML-escaped, so the output is always well-formed XML.
/// Every shape may carry a class (for tests and styling) and a tooltip (an SVG &lt;title&gt; child).
/// </summary>
internal sealed class SvgDocument
{
    private readonly StringBuilder body = new();
    private int openGroups;

    public SvgDocument(double width, double height)
    {
        Width = width;
        Height = height;
    }

    public double Width { get; }
    public double Height { get; }

    public void BeginGroup(string cls, string? transform = null)
    {
        body.Append("<g").Append(Attr("class", cls));
        if (transform != null) body.Append(Attr("transform", transform));
        body.Append(">\n");
        openGroups++;
    }

    public void EndGroup()
    {
        if (openGroups == 0) throw new InvalidOperationException("no group is open");
        body.Append("</g>\n");
        openGroups--;
    }

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, string? cls = null,
        string? title = null) =>
        Shape("rect", $"{Attr("x", x)}{Attr("y", y)}{Attr("width", w)}{Attr("height", h)}{Attr("fill", fill)}" +
                      $"{(stroke == null ? "" : Attr("stroke", stroke))}", cls, title);

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? cls = null,
        string? dash = null, string? title = null) =>
        Shape("line", $"{Attr("x1", x1)}{Attr("y1", y1)}{Attr("x2", x2)}{Attr("y2", y2)}{Attr("stroke", stroke)}" +
                      $"{Attr("stroke-width", width)}{(dash == null ? "" : Attr("stroke-dasharray", dash))}", cls, title);

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, string? cls = null) =>
        Shape("polyline", $"{Attr("points", Points(points))}{Attr("fill", "none")}{Attr("stroke", stroke)}" +
                          $"{Attr("stroke-width", width)}", cls, null);

    public void Polygon(IEnumerable<(double X, double Y)> points, string fill, string stroke, double strokeWidth,
        string? cls = null, string? title = null, string? dash = null) =>
        Shape("polygon", $"{Attr("points", Points(points))}{Attr("fill", fill)}{Attr("stroke", stroke)}" +
                         $"{Attr("stroke-width", strokeWidth)}{Attr("stroke-linejoin", "round")}" +
                         $"{(dash == null ? "" : Attr("stroke-dasharray", dash))}", cls, title);

    public void Circle(double cx, double cy, double r, string fill, string? cls = null, string? title = null) =>
        Shape("circle", $"{Attr("cx", cx)}{Attr("cy", cy)}{Attr("r", r)}{Attr("fill", fill)}", cls, title);

    /// <summary>Text at (x, y); anchor is start, middle or end; rotate in degrees about (x, y).</summary>
    public void Text(double x, double y, string text, double size = 12, string anchor = "start", string? cls = null,
        double rotate = 0, string weight = "normal")
    {
        body.Append("<text").Append(Attr("x", x)).Append(Attr("y", y)).Append(Attr("font-size", size))
            .Append(Attr("text-anchor", anchor));
        if (weight != "normal") body.Append(Attr("font-weight", weight));
        if (cls != null) body.Append(Attr("class", cls));
        if (rotate != 0) body.Append(Attr("transform", $"rotate({Num(rotate)} {Num(x)} {Num(y)})"));
        body.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>The complete document.</summary>
    public override string ToString()
    {
        if (openGroups != 0) throw new InvalidOperationException($"{openGroups} groups left open");
        var svg = new StringBuilder();
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"").Append(Attr("width", Width))
            .Append(Attr("height", Height)).Append(Attr("viewBox", $"0 0 {Num(Width)} {Num(Height)}"))
            .Append(Attr("font-family", "sans-serif")).Append(">\n");
        svg.Append("<rect").Append(Attr("x", 0)).Append(Attr("y", 0)).Append(Attr("width", Width))
            .Append(Attr("height", Height)).Append(Attr("fill", "white")).Append(Attr("class", "background")).Append("/>\n");
        svg.Append(body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    public static string Num(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentException($"cannot draw at a non-finite coordinate ({v})");
        var s = Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&apos;");

    private void Shape(string tag, string attributes, string? cls, string? title)
    {
        body.Append('<').Append(tag).Append(attributes);
        if (cls != null) body.Append(Attr("class", cls));
        if (title == null) body.Append("/>\n");
        else body.Append("><title>").Append(Escape(title)).Append("</title></").Append(tag).Append(">\n");
    }

    private static string Attr(string name, double value) => $" {name}=\"{Num(value)}\"";
    private static string Attr(string name, string value) => $" {name}=\"{Escape(value)}\"";

    private static string Points(IEnumerable<(double X, double Y)> points) =>
        string.Join(' ', points.Select(p => $"{Num(p.X)},{Num(p.Y)}"));
}

/// <summary>Colours and axis helpers shared by the charts.</summary>
internal static class SvgStyle
{
    /// <summary>A categorical palette (Tableau 10), used in order for series and classes.</summary>
    public static readonly string[] Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static string Colour(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>A step of 1, 2 or 5 × 10^k close to <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough)) return 1;
        double p = Math.Pow(10, Math.Floor(Math.Log10(rough))), f = rough / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }

    /// <summary>Axis range [lo, hi] on multiples of a nice step covering the values (and 0 when asked).</summary>
    public static (double Lo, double Hi, double Step) Axis(IEnumerable<double> values, bool includeZero, int ticks = 5)
    {
        var v = values.Where(double.IsFinite).ToArray();
        double lo = v.Length == 0 ? 0 : v.Min(), hi = v.Length == 0 ? 1 : v.Max();
        if (includeZero) { lo = Math.Min(lo, 0); hi = Math.Max(hi, 0); }
        if (hi <= lo) { double pad = Math.Abs(hi) > 0 ? Math.Abs(hi) * 0.5 : 1; lo -= pad; hi += pad; if (includeZero && lo < 0 && v.All(x => x >= 0)) lo = 0; }
        double step = NiceStep((hi - lo) / ticks);
        return (Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step, step);
    }

    /// <summary>A short label for an axis tick.</summary>
    public static string Tick(double v) =>
        Math.Abs(v) < 1e-12 ? "0" : v.ToString(Math.Abs(v) >= 1e4 || Math.Abs(v) < 1e-3 ? "0.##E0" : "0.####", CultureInfo.InvariantCulture);
}
