namespace Polytopes.Geometry;

/// <summary>
/// The user-facing tolerances of the engine, in one place; the solvers' internal guards (fixed thresholds that
/// keep the LP kernels, ray tests and certification filters off rounding noise) are in <see cref="NumericGuards"/>.
/// Distances are Euclidean, measured on constraint rows normalised to unit normals, and are <b>relative to a
/// length scale</b> (the half-width of the input box, see <see cref="Box.Scale"/>): the absolute threshold is
/// tolerance × scale. Dimensionless tolerances say so.
/// </summary>
public sealed record Tolerances
{
    /// <summary>The defaults used by every command unless --tolerance overrides <see cref="Radius"/>.</summary>
    public static Tolerances Default { get; } = new();

    /// <summary>A region is full-dimensional when its inscribed (Chebyshev) ball has a radius above this
    /// (relative distance). Default 1e-9; valid range (0, 1e-2].</summary>
    public double Radius { get; init; } = 1e-9;

    /// <summary>A constraint is a facet when dropping it lets the polytope reach more than this (relative distance)
    /// beyond its hyperplane, or (2-D) when its edge is longer than this. Default 1e-9; valid range (0, 1e-2].</summary>
    public double Facet { get; init; } = 1e-9;

    /// <summary>Two hyperplanes with unit normals are the same when the normals and the offsets differ by less
    /// than this (relative; normals dimensionless, offsets relative to scale). Default 1e-9.</summary>
    public double Coincidence { get; init; } = 1e-9;

    /// <summary>An affine map whose gradient has Euclidean norm below this, relative to the norm of the weights
    /// that produced it, is treated as constant (a dead, zero or cancelled unit). Dimensionless. Default 1e-12.</summary>
    public double ZeroGradient { get; init; } = 1e-12;

    /// <summary>Simplex primal feasibility: a constraint violated by less than this (relative distance) counts as
    /// satisfied. Default 1e-12.</summary>
    public double Feasibility { get; init; } = 1e-12;

    /// <summary>Simplex optimality: a multiplier above −this counts as non-negative. Dimensionless. Default 1e-12.</summary>
    public double Optimality { get; init; } = 1e-12;

    /// <summary>A set of direction vectors (a slice basis, the sides of a triangle of points) is degenerate when
    /// Gram–Schmidt leaves one of them shorter than this times its own length: it is then (nearly) a combination of
    /// the others, e.g. three (nearly) collinear points. Dimensionless. Default 1e-9; valid range (0, 1e-2].</summary>
    public double Degeneracy { get; init; } = 1e-9;

    /// <summary>Under certification, a floating-point inscribed radius is kept when it lies within this (relative
    /// distance) of the certified radius interval; otherwise the interval's midpoint replaces it and the
    /// replacement counts as a repair. It is the accuracy the float search claims for its radii (rows rounded
    /// from composed float maps, a float LP). Default 1e-12; valid range (0, 1e-3].</summary>
    public double RadiusAgreement { get; init; } = 1e-12;

    /// <summary>Simplex iteration cap per LP; beyond it the LP reports <see cref="Lp.LpStatus.IterationLimit"/>.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>The largest radius, facet and coincidence tolerance a search accepts.</summary>
    public const double Largest = 1e-2;

    /// <summary>Throws if a tolerance is outside its valid range.</summary>
    public Tolerances Validated()
    {
        Check(Radius, nameof(Radius), Largest);
        Check(Facet, nameof(Facet), Largest);
        Check(Coincidence, nameof(Coincidence), Largest);
        Check(ZeroGradient, nameof(ZeroGradient), 1e-3);
        Check(Feasibility, nameof(Feasibility), 1e-3);
        Check(Optimality, nameof(Optimality), 1e-3);
        Check(Degeneracy, nameof(Degeneracy), Largest);
        Check(RadiusAgreement, nameof(RadiusAgreement), 1e-3);
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), "must be positive");
        return this;
    }

    private static void Check(double value, string name, double max)
    {
        if (!(value > 0 && value <= max))
            throw new ArgumentOutOfRangeException(name, value, $"{name} tolerance must be in (0, {max}]");
    }
}
