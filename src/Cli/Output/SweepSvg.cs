using System.Globalization;
using System.Net;
using System.Text;
using Polytopes.Enumeration.Sweep;

namespace Polytopes.Cli.Output;

/// <summary>
/// The sweep plot as a standalone SVG 1.1 document: mean regions against number of neurons on log-log axes, one
/// polyline per series (configurations differing only in widths), error bars of ± one standard deviation over
/// the seeds (clipped at the bottom of the axis), and the reference count Σ_{i≤d} C(N, i) as a dashed line for
/// every input dimension d present. Numbers are written in the invariant culture.
/// </summary>
internal static class SweepSvg
{
    private const double Width = 900, Height = 560, Left = 80, Right = 300, Top = 50, Bottom = 60;
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    public static string Render(IReadOnlyList<SweepGroup> groups, string title)
    {
        var points = groups.Where(g => double.IsFinite(g.MeanRegions) && g.MeanRegions > 0 && g.Neurons > 0).ToList();
        var series = points.GroupBy(g => g.Series).Select(s => (Name: s.Key, Points: s.OrderBy(g => g.Neurons).ToList())).ToList();
        var dims = points.Select(g => g.InputDim).Distinct().Order().ToList();

        double xMin = points.Count == 0 ? 1 : points.Min(g => g.Neurons), xMax = points.Count == 0 ? 10 : points.Max(g => g.Neurons);
        if (xMax <= xMin) xMax = xMin + 1;
        var references = dims.Select(d => (Name: $"sum_(i<={d}) C(N,i), d={d}",
            Curve: Enumerable.Range(0, 61).Select(i => (int)Math.Round(xMin * Math.Pow(xMax / xMin, i / 60.0))).Distinct()
                .Select(n => (X: (double)n, Y: ReferenceBounds.Zaslavsky(n, d))).ToList())).ToList();

        var ys = points.SelectMany(g => new[] { g.MeanRegions, g.MeanRegions + g.StdRegions, Math.Max(1, g.MinRegions) })
            .Concat(references.SelectMany(r => r.Curve.Select(p => p.Y))).Where(y => y > 0 && double.IsFinite(y)).ToList();
        double lx0 = Math.Floor(Math.Log10(xMin)), lx1 = Math.Ceiling(Math.Log10(xMax));
        double ly0 = ys.Count == 0 ? 0 : Math.Floor(Math.Log10(ys.Min())), ly1 = ys.Count == 0 ? 1 : Math.Ceiling(Math.Log10(ys.Max()));
        if (lx1 <= lx0) lx1 = lx0 + 1;
        if (ly1 <= ly0) ly1 = ly0 + 1;
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double Px(double x) => Left + (Math.Log10(x) - lx0) / (lx1 - lx0) * plotW;
        double Py(double y) => Top + (ly1 - Math.Clamp(Math.Log10(Math.Max(y, 1e-300)), ly0, ly1)) / (ly1 - ly0) * plotH;

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{Width}\" height=\"{Height}\" "))
           .Append(Inv($"viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(Inv($"<text x=\"{Left}\" y=\"28\" font-size=\"15\">{Escape(title)}</text>\n"));

        // Light lines at 2..9 times each decade, then the decade grid and labels.
        for (double e = lx0; e < lx1; e++)
            for (int m = 2; m <= 9; m++)
            {
                double x = Px(m * Math.Pow(10, e));
                svg.Append(Inv($"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Top + plotH}\" stroke=\"#f3f3f3\"/>\n"));
            }
        for (double e = ly0; e < ly1; e++)
            for (int m = 2; m <= 9; m++)
            {
                double y = Py(m * Math.Pow(10, e));
                svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotW}\" y2=\"{y:F1}\" stroke=\"#f3f3f3\"/>\n"));
            }
        for (double e = lx0; e <= lx1; e++)
        {
            double x = Px(Math.Pow(10, e));
            svg.Append(Inv($"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Top + plotH}\" stroke=\"#e4e4e4\"/>\n"));
            svg.Append(Inv($"<text x=\"{x:F1}\" y=\"{Top + plotH + 18}\" text-anchor=\"middle\">{Decade(e)}</text>\n"));
        }
        for (double e = ly0; e <= ly1; e++)
        {
            double y = Py(Math.Pow(10, e));
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotW}\" y2=\"{y:F1}\" stroke=\"#e4e4e4\"/>\n"));
            svg.Append(Inv($"<text x=\"{Left - 8}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Decade(e)}</text>\n"));
        }
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#444\"/>\n"));
        svg.Append(Inv($"<text x=\"{Left + plotW / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">number of neurons N (log)</text>\n"));
        svg.Append(Inv($"<text transform=\"translate(22,{Top + plotH / 2}) rotate(-90)\" text-anchor=\"middle\">regions, mean ± sd over seeds (log)</text>\n"));

        double legendY = Top + 8;
        void Legend(string colour, string dash, string name)
        {
            svg.Append(Inv($"<line x1=\"{Left + plotW + 16}\" y1=\"{legendY}\" x2=\"{Left + plotW + 40}\" y2=\"{legendY}\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>\n"));
            svg.Append(Inv($"<text x=\"{Left + plotW + 46}\" y=\"{legendY + 4}\">{Escape(name)}</text>\n"));
            legendY += 18;
        }

        foreach (var (reference, i) in references.Select((r, i) => (r, i)))
        {
            var path = string.Join(" ", reference.Curve.Select(p => Inv($"{Px(p.X):F1},{Py(p.Y):F1}")));
            svg.Append(Inv($"<polyline points=\"{path}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" stroke-dasharray=\"{(i % 2 == 0 ? "6,4" : "2,3")}\"/>\n"));
            Legend("#555", Inv($" stroke-dasharray=\"{(i % 2 == 0 ? "6,4" : "2,3")}\""), reference.Name);
        }

        foreach (var (s, i) in series.Select((s, i) => (s, i)))
        {
            string colour = Palette[i % Palette.Length];
            if (s.Points.Count > 1)
            {
                var path = string.Join(" ", s.Points.Select(g => Inv($"{Px(g.Neurons):F1},{Py(g.MeanRegions):F1}")));
                svg.Append(Inv($"<polyline points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n"));
            }
            foreach (var g in s.Points)
            {
                double x = Px(g.Neurons), y = Py(g.MeanRegions);
                if (g.StdRegions > 0)
                {
                    double top = Py(g.MeanRegions + g.StdRegions), bottom = Py(g.MeanRegions - g.StdRegions);
                    svg.Append(Inv($"<line x1=\"{x:F1}\" y1=\"{top:F1}\" x2=\"{x:F1}\" y2=\"{bottom:F1}\" stroke=\"{colour}\"/>\n"));
                    svg.Append(Inv($"<line x1=\"{x - 4:F1}\" y1=\"{top:F1}\" x2=\"{x + 4:F1}\" y2=\"{top:F1}\" stroke=\"{colour}\"/>\n"));
                    svg.Append(Inv($"<line x1=\"{x - 4:F1}\" y1=\"{bottom:F1}\" x2=\"{x + 4:F1}\" y2=\"{bottom:F1}\" stroke=\"{colour}\"/>\n"));
                }
                svg.Append(Inv($"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"3.5\" fill=\"{colour}\"><title>"))
                   .Append(Escape(Inv($"{SweepFormat.Widths(g.Arch)} {g.Activation} {g.Init} {g.Domain}: mean {g.MeanRegions:F1}, sd {g.StdRegions:F1}, n {g.Count - g.Incomplete}")))
                   .Append("</title></circle>\n");
            }
            Legend(colour, "", s.Name);
        }
        if (points.Count == 0)
            svg.Append(Inv($"<text x=\"{Left + plotW / 2}\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\">no complete results yet</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Decade(double exponent) => exponent switch
    {
        >= 0 and <= 4 => Math.Pow(10, exponent).ToString("0", CultureInfo.InvariantCulture),
        _ => "1e" + exponent.ToString("0", CultureInfo.InvariantCulture),
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
