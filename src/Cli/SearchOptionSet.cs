using System.CommandLine;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Cli;

/// <summary>
/// The options of every command that enumerates regions, declared once: <c>--domain all</c> (all of R^d instead of
/// a box), <c>--certify</c> (prove the result exactly and use the proved regions), <c>--tolerance R</c> and
/// <c>--threads N</c>. <see cref="Choice.Options"/> validates them together and builds the library's
/// <see cref="RegionSearchOptions"/>.
/// </summary>
internal sealed class SearchOptionSet
{
    public Option<string?> Domain { get; } = new("--domain")
    {
        Description = "'all': enumerate all of R^d (regions may be unbounded; box sides are not faces) instead of a box",
    };

    public Option<bool> Certify { get; } = new("--certify")
    {
        Description = "after the search, prove every region, facet and count in exact rational arithmetic, repair what " +
                      "floating point got wrong, and use the proved regions (with certified radius intervals) for every output",
    };

    public Option<double?> Tolerance { get; } = new("--tolerance")
    {
        Description = "R in (0, 1e-2]: a region is kept when its inscribed radius exceeds R, and a hyperplane is a facet " +
                      "when it bounds the region by more than R (both relative to the box half-width; default 1e-9)",
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "worker threads (default: all cores); every output is identical for any value",
    };

    /// <summary>Which of the options a command takes (sampling commands have their own --threads and no
    /// enumeration to certify, but still refuse --domain all with the reason).</summary>
    [Flags]
    public enum Parts { Domain = 1, Certify = 2, Tolerance = 4, Threads = 8, All = Domain | Certify | Tolerance | Threads }

    private Parts added;

    public void AddTo(Command command, Parts parts = Parts.All)
    {
        added = parts;
        if (!parts.HasFlag(Parts.Certify))
            Domain.Description = "refused: this command samples points uniformly from a box, and all of R^d has no uniform " +
                                 "distribution (the option exists to say so; use --box)";
        if (parts.HasFlag(Parts.Domain)) command.Options.Add(Domain);
        if (parts.HasFlag(Parts.Certify)) command.Options.Add(Certify);
        if (parts.HasFlag(Parts.Tolerance)) command.Options.Add(Tolerance);
        if (parts.HasFlag(Parts.Threads)) command.Options.Add(Threads);
    }

    public Choice Read(ParseResult parse) => new(
        added.HasFlag(Parts.Domain) ? parse.GetValue(Domain) : null,
        added.HasFlag(Parts.Certify) && parse.GetValue(Certify),
        added.HasFlag(Parts.Tolerance) ? parse.GetValue(Tolerance) : null,
        added.HasFlag(Parts.Threads) ? parse.GetValue(Threads) : 0);

    /// <summary>What the user chose.</summary>
    public sealed record Choice(string? Domain, bool Certify, double? Tolerance, int Threads)
    {
        /// <summary>True for --domain all; other values, and --domain all with --box, are bad input.</summary>
        public bool WholeSpace(string? boxText)
        {
            if (Domain == null) return false;
            if (Domain != "all") throw new InputException($"--domain: '{Domain}' is not supported (use --domain all, or --box)");
            if (!string.IsNullOrWhiteSpace(boxText)) throw new InputException("--domain all and --box cannot be used together");
            return true;
        }

        /// <summary>--tolerance R sets the region (inscribed radius) and facet thresholds; none keeps the defaults.</summary>
        public Tolerances Tolerances()
        {
            if (Tolerance is not double r) return Geometry.Tolerances.Default;
            if (!(r > 0 && r <= 1e-2)) throw new InputException($"--tolerance must be in (0, 1e-2], got {r}");
            return Geometry.Tolerances.Default with { Radius = r, Facet = r };
        }

        /// <summary>The library options: over <paramref name="box"/> (null: the network's domain) or all of R^d.</summary>
        public RegionSearchOptions Options(string? boxText, Box? box)
        {
            if (Threads < 0) throw new InputException($"--threads must be >= 0, got {Threads}");
            bool wholeSpace = WholeSpace(boxText);
            return new RegionSearchOptions
            {
                Certify = Certify,
                Search = new SearchOptions { Box = box, WholeSpace = wholeSpace, Tolerances = Tolerances(), Threads = Threads },
            };
        }

        /// <summary>For commands that draw uniform points from the domain: --domain is refused with the reason
        /// (returns null so a command can chain its own work after it).</summary>
        public ExitCode? RejectWholeSpace(string command)
        {
            if (Domain != null)
                throw new InputException($"{command}: --domain {Domain} is not supported: {command} draws points uniformly " +
                                         "from a bounded domain and there is no uniform distribution on all of R^d (use --box)");
            return null;
        }
    }
}
