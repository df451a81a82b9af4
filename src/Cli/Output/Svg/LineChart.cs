using System.Globalization;

namespace Polytopes.Cli.Output.Svg;

/// <summary>
/// Small multiples for a training series: one panel per quantity, stacked, sharing the x axis (the checkpoints in
/// order, labelled by step). Each panel has its own y range (counts, means and radii differ by orders of
/// magnitude); a missing value (null) breaks the line. Points have class "point", lines class "series".
/// </summary>
internal static class LineChart
{
    public sealed record Panel(string Label, IReadOnlyList<double?> Values);

    private const double Width = 760, Left = 80, Right = 30, Top = 50, PanelHeight = 120, Gap = 34, Bottom = 60;

    public static string Render(string title, IReadOnlyList<string> xLabels, IReadOnlyList<Panel> panels)
    {
        if (panels.Count == 0 || xLabels.Count == 0) throw new ArgumentException("nothing to draw");
        double height = Top + panels.Count * (PanelHeight + Gap) - Gap + Bottom, plotW = Width - Left - Right;
        var svg = new SvgDocument(Width, height);
        svg.Text(Width / 2, 26, title, 15, "middle", "title");
        int n = xLabels.Count;
        double Px(int i) => n == 1 ? Left + plotW / 2 : Left + i * plotW / (n - 1);
        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            double top = Top + p * (PanelHeight + Gap);
            var (lo, hi, step) = SvgStyle.Axis(panel.Values.Where(v => v != null).Select(v => v!.Value), includeZero: false, ticks: 3);
            double Py(double v) => top + PanelHeight - (v - lo) / (hi - lo) * PanelHeight;
            svg.BeginGroup("panel");
            for (double y = lo; y <= hi + step / 2; y += step)
            {
                svg.Line(Left, Py(y), Left + plotW, Py(y), "#e6e6e6", 1, "grid");
                svg.Text(Left - 6, Py(y) + 4, SvgStyle.Tick(y), 10, "end", "tick");
            }
            svg.Line(Left, top + PanelHeight, Left + plotW, top + PanelHeight, "black", 1, "axis");
            svg.Line(Left, top, Left, top + PanelHeight, "black", 1, "axis");
            svg.Text(Left + 4, top - 6, panel.Label, 12, "start", "panel-label", 0, "bold");
            var run = new List<(double, double)>();
            for (int i = 0; i <= n; i++)
            {
                double? v = i < n && i < panel.Values.Count ? panel.Values[i] : null;
                if (v is double value && double.IsFinite(value)) { run.Add((Px(i), Py(value))); continue; }
                if (run.Count > 1) svg.Polyline(run, SvgStyle.Colour(p), 1.5, "series");
                run.Clear();
            }
            for (int i = 0; i < n && i < panel.Values.Count; i++)
                if (panel.Values[i] is double value && double.IsFinite(value))
                    svg.Circle(Px(i), Py(value), 3, SvgStyle.Colour(p), "point",
                        $"{xLabels[i]}: {value.ToString("G6", CultureInfo.InvariantCulture)}");
            svg.EndGroup();
        }
        double axisY = Top + panels.Count * (PanelHeight + Gap) - Gap;
        int every = Math.Max(1, (int)Math.Ceiling(n / 12.0));
        for (int i = 0; i < n; i += every)
            svg.Text(Px(i), axisY + 16, i.ToString(CultureInfo.InvariantCulture), 11, "middle", "tick");
        svg.Text(Left + plotW / 2, axisY + 40, "checkpoint (in the order given)", 12, "middle", "axis-label");
        return svg.ToString();
    }
}
