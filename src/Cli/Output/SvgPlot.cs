using System.Globalization;
using System.Text;

namespace Polytopes.Cli.Output;

/// <summary>
/// A small SVG line chart (no plotting package is available; SVG is text): series of (x, y ± err) points on a
/// logarithmic x axis and a linear y axis, with horizontal reference lines (e.g. the exact count) and a legend.
/// Every number is written in the invariant culture; the output is a standalone SVG 1.1 document.
/// </summary>
internal static class SvgPlot
{
    public sealed record Point(double X, double Y, double? Err);
    public sealed record Series(string Name, IReadOnlyList<Point> Points);
    public sealed record Reference(string Name, double Y);

    private const double Width = 860, Height = 520, Left = 80, Right = 250, Top = 50, Bottom = 60;
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static string LogXChart(string title, string xLabel, string yLabel, IReadOnlyList<Series> series,
        IReadOnlyList<Reference> references)
    {
        var xs = series.SelectMany(s => s.Points).Select(p => p.X).Where(x => x > 0).ToArray();
        double xLo = xs.Length == 0 ? 1 : Math.Log10(xs.Min()), xHi = xs.Length == 0 ? 10 : Math.Log10(xs.Max());
        xLo -= 0.15; xHi += 0.15;
        var ys = series.SelectMany(s => s.Points).SelectMany(p => new[] { p.Y - (p.Err ?? 0), p.Y + (p.Err ?? 0) })
            .Concat(references.Select(r => r.Y)).Where(double.IsFinite).ToArray();
        double yLo = ys.Length == 0 ? 0 : Math.Min(0, ys.Min()), yHi = ys.Length == 0 ? 1 : ys.Max();
        if (yHi <= yLo) yHi = yLo + 1;
        double step = NiceStep((yHi - yLo) / 6);
        yLo = Math.Floor(yLo / step) * step;
        yHi = Math.Ceiling(yHi * 1.04 / step) * step;

        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double Px(double x) => Left + (Math.Log10(x) - xLo) / (xHi - xLo) * plotW;
        double Py(double y) => Top + (yHi - Math.Clamp(y, yLo, yHi)) / (yHi - yLo) * plotH;

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{Width}\" height=\"{Height}\" "))
           .Append(Inv($"viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n"));
        // Axes, grid and ticks: y every nice step, x at every decade and at every data x.
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"black\"/>\n"));
        for (double y = yLo; y <= yHi + step / 2; y += step)
        {
            double py = Py(y);
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{py:F1}\" x2=\"{Left + plotW}\" y2=\"{py:F1}\" stroke=\"#e0e0e0\"/>\n"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{py + 4:F1}\" text-anchor=\"end\">{Number(y)}</text>\n"));
        }
        foreach (var x in xs.Distinct().Order())
        {
            double px = Px(x);
            svg.Append(Inv($"<line x1=\"{px:F1}\" y1=\"{Top}\" x2=\"{px:F1}\" y2=\"{Top + plotH}\" stroke=\"#e0e0e0\"/>\n"));
            svg.Append(Inv($"<text x=\"{px:F1}\" y=\"{Top + plotH + 16}\" text-anchor=\"middle\">{Number(x)}</text>\n"));
        }
        svg.Append(Inv($"<text x=\"{Left + plotW / 2}\" y=\"{Height - 16}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append(Inv($"<text x=\"18\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Top + plotH / 2})\">{Escape(yLabel)}</text>\n"));

        double legendY = Top + 10;
        foreach (var r in references)
        {
            double py = Py(r.Y);
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{py:F1}\" x2=\"{Left + plotW}\" y2=\"{py:F1}\" stroke=\"black\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"));
            svg.Append(Inv($"<line x1=\"{Left + plotW + 16}\" y1=\"{legendY:F1}\" x2=\"{Left + plotW + 40}\" y2=\"{legendY:F1}\" stroke=\"black\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"));
            svg.Append(Inv($"<text x=\"{Left + plotW + 46}\" y=\"{legendY + 4:F1}\">{Escape(r.Name)}</text>\n"));
            legendY += 20;
        }
        for (int s = 0; s < series.Count; s++)
        {
            string colour = Palette[s % Palette.Length];
            // Series sharing an x are nudged apart by a few pixels so their error bars stay visible.
            double nudge = (s - (series.Count - 1) / 2.0) * 3;
            var pts = series[s].Points.Where(p => p.X > 0 && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray();
            if (pts.Length > 1)
                svg.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"")
                   .Append(string.Join(" ", pts.Select(p => Inv($"{Px(p.X) + nudge:F1},{Py(p.Y):F1}")))).Append("\"/>\n");
            foreach (var p in pts)
            {
                double px = Px(p.X) + nudge;
                if (p.Err is double err && err > 0)
                    svg.Append(Inv($"<line x1=\"{px:F1}\" y1=\"{Py(p.Y - err):F1}\" x2=\"{px:F1}\" y2=\"{Py(p.Y + err):F1}\" stroke=\"{colour}\"/>\n"));
                svg.Append(Inv($"<circle cx=\"{px:F1}\" cy=\"{Py(p.Y):F1}\" r=\"3\" fill=\"{colour}\"/>\n"));
            }
            svg.Append(Inv($"<line x1=\"{Left + plotW + 16}\" y1=\"{legendY:F1}\" x2=\"{Left + plotW + 40}\" y2=\"{legendY:F1}\" stroke=\"{colour}\" stroke-width=\"2\"/>\n"));
            svg.Append(Inv($"<text x=\"{Left + plotW + 46}\" y=\"{legendY + 4:F1}\">{Escape(series[s].Name)}</text>\n"));
            legendY += 20;
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var m in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (m * p >= raw) return m * p;
        return 10 * p;
    }

    private static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
