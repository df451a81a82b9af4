using System.Globalization;
using Polytopes.Enumeration.Sweep;

namespace Polytopes.Cli.Output;

/// <summary>The summary table of a sweep: one row per configuration, statistics over its seeds, and the reference
/// count Σ_{i≤d} C(N, i) (<see cref="ReferenceBounds.Zaslavsky"/>, N = neurons) beside the mean.</summary>
internal static class SweepReport
{
    public static void PrintTable(TextWriter o, IReadOnlyList<SweepGroup> groups)
    {
        if (groups.Count == 0)
        {
            o.WriteLine("no results yet");
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        string[] header = ["arch", "activation", "init", "domain", "neurons", "seeds", "regions mean", "sd", "min", "max",
            "linear mean", "zaslavsky", "s/net"];
        var rows = groups.Select(g => new[]
        {
            SweepFormat.Widths(g.Arch),
            g.Activation,
            g.Init,
            g.Domain,
            g.Neurons.ToString(inv),
            g.Incomplete > 0 ? $"{g.Count - g.Incomplete}+{g.Incomplete}!" : g.Count.ToString(inv),
            Number(g.MeanRegions, "F1"),
            Number(g.StdRegions, "F1"),
            g.Count > g.Incomplete ? g.MinRegions.ToString(inv) : "-",
            g.Count > g.Incomplete ? g.MaxRegions.ToString(inv) : "-",
            Number(g.MeanLinearRegions, "F1"),
            Number(ReferenceBounds.Zaslavsky(g.Neurons, g.InputDim), "G6"),
            Number(g.MeanSeconds, "F3"),
        }).ToList();
        var widths = header.Select((h, j) => Math.Max(h.Length, rows.Max(r => r[j].Length))).ToArray();
        bool[] numeric = [false, false, false, false, true, true, true, true, true, true, true, true, true];
        string Format(string[] cells) => string.Join("  ", cells.Select((c, j) => numeric[j] ? c.PadLeft(widths[j]) : c.PadRight(widths[j]))).TrimEnd();
        o.WriteLine(Format(header));
        foreach (var r in rows) o.WriteLine(Format(r));
        if (groups.Any(g => g.Incomplete > 0))
            o.WriteLine("seeds a+b!: a complete, b incomplete (region limit or error; left out of the statistics)");
    }

    private static string Number(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
