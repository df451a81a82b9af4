namespace Polytopes.Geometry;

/// <summary>An axis-aligned box [lo, hi] in R^d with lo &lt; hi in every coordinate, all within
/// ±<see cref="MaxCoordinate"/>.</summary>
public sealed class Box
{
    private readonly double[] lo;
    private readonly double[] hi;

    /// <summary>The largest coordinate a box, a slice's origin or basis may have (a range guard, like those of the
    /// exact filters, kept next to the code it protects). The engine squares lengths on the input's scale (norms,
    /// the Chebyshev LP's bounds), and doubles overflow above 1.8e308: a box of ±1e154 already lost most of a
    /// network's regions and ±1e155 found none. Up to this bound the counts are right up to the relative
    /// tolerances (a test network's 14 unbounded cells, in boxes of ±1e9 to ±1e150).</summary>
    public const double MaxCoordinate = 1e150;

    /// <summary>The largest radius tolerance a search accepts relative to the box's shortest half-side. Tolerances
    /// are relative to the largest half-side, so along a side A times shorter a region thinner than A × the
    /// tolerance of that side is not kept; beyond this, regions of a sizeable part of the short side would be lost
    /// (a campaign's 2-D network in a box of aspect 2^20 lost 17 of its 407 regions at the default 1e-9, the
    /// largest with 3e-5 of the area; at aspect 1e9 every region is below the tolerance).</summary>
    public const double MaxShortSideTolerance = 1e-4;

    /// <summary>Up to this many times longer than wide, a box may take the short side's tolerance (aspect ×
    /// tolerance) up to the largest tolerance a search accepts, 1e-2 (a square box takes any valid --tolerance: it
    /// refused 1e-3 when <see cref="MaxShortSideTolerance"/> applied to every box); longer boxes only up to
    /// <see cref="MaxShortSideTolerance"/>.</summary>
    public const double OrdinaryAspect = 100;

    /// <summary>The one-line message for a number beyond <see cref="MaxCoordinate"/>: "WHAT reaches beyond ±1e150 …".</summary>
    public static string BeyondRange(string what) =>
        $"{what} reaches beyond ±{MaxCoordinate:0e0} (too large for double arithmetic)";

    public Box(IReadOnlyList<double> lo, IReadOnlyList<double> hi)
    {
        ArgumentNullException.ThrowIfNull(lo);
        ArgumentNullException.ThrowIfNull(hi);
        if (lo.Count == 0) throw new ArgumentException("a box needs at least one coordinate");
        if (lo.Count != hi.Count)
            throw new ArgumentException($"box bounds have different lengths ({lo.Count} and {hi.Count})");
        for (int i = 0; i < lo.Count; i++)
        {
            if (!double.IsFinite(lo[i]) || !double.IsFinite(hi[i]))
                throw new ArgumentException($"box bound {i} is not a finite number");
            if (Math.Max(Math.Abs(lo[i]), Math.Abs(hi[i])) > MaxCoordinate)
                throw new ArgumentException(BeyondRange($"box coordinate {i}"));
            if (!(lo[i] < hi[i]))
                throw new ArgumentException($"box coordinate {i}: lo ({lo[i]}) must be below hi ({hi[i]})");
        }
        this.lo = lo.ToArray();
        this.hi = hi.ToArray();
    }

    /// <summary>The cube [lo, hi]^dimension.</summary>
    public static Box Cube(int dimension, double lo, double hi) =>
        new(Enumerable.Repeat(lo, dimension).ToArray(), Enumerable.Repeat(hi, dimension).ToArray());

    /// <summary>Where the box came from (an option, a file), for messages about it; null when made in code.</summary>
    public string? Source { get; init; }

    /// <summary>This box, said to come from <paramref name="source"/>.</summary>
    public Box From(string source) => new(lo, hi) { Source = source };

    public int Dimension => lo.Length;
    public ReadOnlySpan<double> Lo => lo;
    public ReadOnlySpan<double> Hi => hi;

    public double[] Centre()
    {
        var c = new double[lo.Length];
        for (int i = 0; i < c.Length; i++) c[i] = 0.5 * (lo[i] + hi[i]);
        return c;
    }

    /// <summary>Half the largest side: the length scale that distance tolerances are relative to.</summary>
    public double Scale()
    {
        double s = 0;
        for (int i = 0; i < lo.Length; i++) s = Math.Max(s, 0.5 * (hi[i] - lo[i]));
        return s;
    }

    /// <summary>The coordinate with the shortest side (lowest index on ties).</summary>
    public int ShortestSide()
    {
        int best = 0;
        for (int i = 1; i < lo.Length; i++) if (hi[i] - lo[i] < hi[best] - lo[best]) best = i;
        return best;
    }

    public double Volume()
    {
        double v = 1;
        for (int i = 0; i < lo.Length; i++) v *= hi[i] - lo[i];
        return v;
    }

    public bool Contains(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < lo.Length; i++)
            if (x[i] < lo[i] || x[i] > hi[i]) return false;
        return true;
    }
}
