using System.Globalization;
using Polytopes.Enumeration.Analysis;

namespace Polytopes.Cli.Output.Svg;

/// <summary>
/// Face-count histograms as grouped bar charts (the plot of Fan et al. 2023): two panels on shared axes — faces
/// per region (box sides included) and neuron faces per region — with one bar series per histogram and a legend.
/// Bars show the share of each series' regions, so networks with different region counts compare directly;
/// the count is in each bar's tooltip. A dashed line marks each series' mean. Bars have class "bar", legend
/// swatches class "legend-swatch".
/// </summary>
internal static class HistogramChart
{
    private const double PanelWidth = 420, PanelHeight = 300, Left = 60, Gap = 70, Top = 60, Bottom = 50, LegendWidth = 220;

    public static string Render(string title, IReadOnlyList<FaceHistogram> series)
    {
        if (series.Count == 0) throw new ArgumentException("no histograms to draw");
        double width = Left + 2 * PanelWidth + Gap + LegendWidth, height = Top + PanelHeight + Bottom;
        var svg = new SvgDocument(width, height);
        svg.Text(width / 2, 26, title, 15, "middle", "title");
        double maxShare = series.SelectMany(s => Shares(s.Total).Concat(Shares(s.Neuron))).DefaultIfEmpty(0).Max();
        var (_, yHi, yStep) = SvgStyle.Axis([0, maxShare], includeZero: true);
        // Shared x range: the two panels use the same face counts, so a shift between them reads at a glance.
        var keys = series.SelectMany(s => s.Total.Keys.Concat(s.Neuron.Keys)).ToArray();
        int kLo = keys.Length == 0 ? 0 : keys.Min(), kHi = keys.Length == 0 ? 1 : keys.Max();
        Panel(svg, Left, "faces per region (box sides included)", series, s => s.Total, s => s.MeanFaces, kLo, kHi, yHi, yStep);
        Panel(svg, Left + PanelWidth + Gap, "neuron faces per region", series, s => s.Neuron, s => s.MeanNeuronFaces,
            kLo, kHi, yHi, yStep);
        Legend(svg, Left + 2 * PanelWidth + Gap + 20, Top, series);
        return svg.ToString();
    }

    private static IEnumerable<double> Shares(SortedDictionary<int, int> h)
    {
        double n = h.Values.Sum();
        return n == 0 ? [] : h.Values.Select(c => c / n);
    }

    private static void Panel(SvgDocument svg, double x0, string label, IReadOnlyList<FaceHistogram> series,
        Func<FaceHistogram, SortedDictionary<int, int>> pick, Func<FaceHistogram, double> mean, int kLo, int kHi,
        double yHi, double yStep)
    {
        double Py(double share) => Top + PanelHeight - share / yHi * PanelHeight;
        int categories = kHi - kLo + 1;
        double slot = PanelWidth / categories, barWidth = slot * 0.8 / series.Count;
        double Px(double k) => x0 + (k - kLo + 0.5) * slot;

        svg.BeginGroup("panel");
        for (double y = 0; y <= yHi + yStep / 2; y += yStep)
        {
            svg.Line(x0, Py(y), x0 + PanelWidth, Py(y), "#e6e6e6", 1, "grid");
            svg.Text(x0 - 6, Py(y) + 4, SvgStyle.Tick(y), 11, "end", "tick");
        }
        for (int s = 0; s < series.Count; s++)
        {
            var h = pick(series[s]);
            double n = h.Values.Sum();
            foreach (var (k, count) in h)
            {
                double share = n == 0 ? 0 : count / n;
                double bx = x0 + (k - kLo) * slot + slot * 0.1 + s * barWidth;
                svg.Rect(bx, Py(share), barWidth, Py(0) - Py(share), SvgStyle.Colour(s), null, "bar",
                    $"{series[s].Name}: {count} of {n} regions have {k} {(label.StartsWith("neuron") ? "neuron faces" : "faces")}");
            }
            double m = mean(series[s]);
            if (double.IsFinite(m))
                svg.Line(Px(m), Top, Px(m), Top + PanelHeight, SvgStyle.Colour(s), 1.5, "mean", "5,3",
                    $"{series[s].Name}: mean {m.ToString("0.###", CultureInfo.InvariantCulture)}");
        }
        svg.Line(x0, Top + PanelHeight, x0 + PanelWidth, Top + PanelHeight, "black", 1, "axis");
        svg.Line(x0, Top, x0, Top + PanelHeight, "black", 1, "axis");
        int every = Math.Max(1, (int)Math.Ceiling(categories / 20.0));
        for (int k = kLo; k <= kHi; k += every)
            svg.Text(Px(k), Top + PanelHeight + 16, k.ToString(CultureInfo.InvariantCulture), 11, "middle", "tick");
        svg.Text(x0 + PanelWidth / 2, Top + PanelHeight + 38, label, 12, "middle", "axis-label");
        svg.Text(x0 - 44, Top + PanelHeight / 2, "share of regions", 12, "middle", "axis-label", -90);
        svg.EndGroup();
    }

    private static void Legend(SvgDocument svg, double x, double y, IReadOnlyList<FaceHistogram> series)
    {
        svg.BeginGroup("legend");
        for (int s = 0; s < series.Count; s++)
        {
            double row = y + s * 20;
            svg.Rect(x, row, 14, 14, SvgStyle.Colour(s), null, "legend-swatch");
            svg.Text(x + 20, row + 11, $"{series[s].Name} ({series[s].Regions} regions)", 12, "start", "legend-label");
        }
        svg.Text(x, y + series.Count * 20 + 14, "dashed: mean", 11, "start", "legend-note");
        svg.EndGroup();
    }
}
