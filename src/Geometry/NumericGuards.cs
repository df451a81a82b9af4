namespace Polytopes.Geometry;

/// <summary>
/// The solvers' internal numeric guards, in one place: thresholds that keep floating-point kernels and filters
/// from acting on rounding noise. They are <b>not</b> user tolerances (those are <see cref="Tolerances"/>, which
/// say what the answer means and can be set per run); these are fixed properties of the algorithms, chosen
/// against the rounding error of doubles (unit roundoff about 1.1e-16), and changing one changes results.
/// Each says what it guards, whether it is relative (and to what) or absolute, and why it has its magnitude.
/// Public only because the certification in Polytopes.Enumeration uses some; not meant for callers.
/// The range guards of the exact-arithmetic filters (1e-250, 1e-290, 1e150 …, which only keep doubles away
/// from underflow and overflow) stay next to the code they protect.
/// </summary>
public static class NumericGuards
{
    // ---- LP kernels (ActiveSetKernel, WorkingSet, VertexSimplex) ----
    // The three LP thresholds are set relative to each other: dependence in the working set (1e-11) is ten
    // times below what the ratio test admits (1e-10), and a step is only taken when the objective still has a
    // component well above both (1e-9).

    /// <summary>Relative to ‖c‖: the objective's component off the held rows counts as zero unless it exceeds
    /// this fraction of ‖c‖ (<c>ActiveSetKernel.Maximize</c>: below it the kernel stops moving and checks the
    /// multipliers); a pin of <c>VertexSimplex</c> is released only when moving off it gains more than this
    /// fraction of ‖c‖ per unit length. Far above the rounding of a projection onto at most d unit rows
    /// (a few d × 1e-16), so a direction that is only roundoff is never followed, and ten times the
    /// <see cref="LpDependenceRatio"/> that a blocking row must exceed along that direction.</summary>
    public const double LpObjectiveGain = 1e-9;

    /// <summary>Relative to the row's norm: a row blocks a move along a unit direction only when its component
    /// along the move exceeds this fraction of its norm (<c>ActiveSetKernel</c>'s ratio test). A row below it is
    /// numerically parallel to the move and would give a huge, meaningless step or a spurious degenerate block.
    /// <c>VertexSimplex</c> uses the same ratio for the same question: a row enters the basis only with a pivot
    /// above this fraction of its norm, and its dual and primal ratio tests skip rows below it, so both LP
    /// kernels agree on which rows count as independent.</summary>
    public const double LpDependenceRatio = 1e-10;

    /// <summary>Relative to ‖a‖: a row is dependent on the working rows when Gram–Schmidt leaves it with a
    /// residual of at most this fraction of its norm (<c>WorkingSet.Add</c>), and is then not held. A row the
    /// ratio test let block a move orthogonal to the working rows has, in exact arithmetic, a residual above
    /// <see cref="LpDependenceRatio"/> × ‖a‖; this guard is ten times lower so rounding in the
    /// orthogonalisation cannot reject such a row.</summary>
    public const double LpWorkingSetDependence = 1e-11;

    /// <summary>Relative: the largest error a Gram–Schmidt pass may leave in the direction of what remains after
    /// projecting a vector off the rows held tight (<c>WorkingSet</c>, <c>ActiveSetKernel</c>). One pass errs by
    /// about <see cref="DoubleRoundoff"/> × (length projected ÷ length left); where that exceeds this bound (a
    /// remainder shorter than about 2e-3 of the vector), the remainder is projected a second time ("twice is
    /// enough"), which leaves it at roundoff. Without it, a step of length s along the objective's remainder
    /// leaves held rows by that error times s: 1e-11 for a remainder of 1e-5 (a 5-D Chebyshev LP whose radius came
    /// out 9e-9 too large), 1.3e-9 for one of 1e-7 (the apex of a degenerate 4-D network, Imprecise); and a new
    /// row's basis vector off orthogonal spoils every later projection (a nonzero direction off four held rows in
    /// 4-D, then Unbounded). Rows and objectives met at ordinary angles take one pass.</summary>
    public const double LpProjectionError = 1e-13;

    /// <summary>Relative to the length scale: <c>FacetFinder</c> accepts an optimum of <c>VertexSimplex</c> only
    /// when, recomputed from the rows, it exceeds none of them by more than this. The simplex updates its basis
    /// inverse by rank-one steps, and on nearly dependent rows (normals 1e-8 apart) a reported optimum had drifted
    /// 8e-6 off two rows, its value 8.5e-6 below the true 4.2e-9: a facet declared redundant. At 1e-11 the check
    /// is a hundredth of the default facet tolerance and far above the drift of ordinary solves (about 1e-15).
    /// The Chebyshev LP and the support LPs, which have no length scale, take 1 + the largest |b_i| for it.</summary>
    public const double LpVertexDrift = 1e-11;

    /// <summary>Relative to ‖c‖ = 1: <c>ChebyshevSolver.SolveNearest</c> takes a guessed vertex of the lifted LP only
    /// when each of its multipliers exceeds this. Then the vertex is the LP's only optimum, the one the simplex
    /// reaches too; where a multiplier is zero (a ball that can slide along the region, touching fewer facets than
    /// hold the vertex) other vertices are optimal as well, and the simplex decides which, as before. Multipliers
    /// of a region's inscribed ball are of the order of 1/(n + 1); a zero one comes out at rounding level, 1e-16.</summary>
    public const double ChebyshevGuessMultiplier = 1e-9;

    /// <summary>Relative to 1 + the largest coordinate of the vertex: <c>VertexPolish</c> accepts a refined
    /// Chebyshev vertex only when it moved no coordinate by more than this. The LP's vertex is off by rounding
    /// amplified by the inverse of the angles at which its rows were met (1e-12 for 5e-5 radians); a larger move
    /// means the tight rows did not determine the vertex well, and the LP's answer is kept.</summary>
    public const double VertexPolishMove = 1e-6;

    /// <summary>Relative to a row's magnitudes (|b_i| + Σ|a_it·x_t|): a refined Chebyshev vertex may exceed a row by
    /// at most this, the rounding of evaluating the row (the rows that define it are met to about 1e-16; others
    /// tight at a degenerate vertex may be exceeded by their own rounding). Beyond it the LP's answer is
    /// kept.</summary>
    public const double VertexPolishViolation = 1e-12;

    // ---- Ray tests (FacetFinder) ----

    /// <summary>Relative to the exit parameter: along the ray from the interior point to x (parameter t, x at
    /// t = 1), another row reached within this fraction of the first exit parameter ties with it
    /// (<c>FacetFinder.FirstHit</c>); a tie with a different hyperplane means the ray meets a lower-dimensional
    /// face and no single facet is named. The parameters are quotients of slacks and dot products with about
    /// 1e-16 relative rounding each, so true ties fall well inside it, while distinct facets met a relative
    /// 1e-9 apart are still told apart.</summary>
    public const double RayTieRelative = 1e-9;

    /// <summary>Absolute, in the ray parameter t (x at t = 1): added to the tie window of
    /// <see cref="RayTieRelative"/> so it is not empty when the first exit parameter is (nearly) zero. About ten
    /// units of roundoff at t = 1.</summary>
    public const double RayTieAbsolute = 1e-15;

    // ---- Pattern maps (PatternMaps.UpdatePre) ----

    /// <summary>Relative to a pre-activation map's present scale (Σ|W|·|inputs| + |b|): the rounding error an
    /// incrementally updated map (terms added and subtracted across facets as units change state) may carry. The
    /// error is about the unit roundoff times the magnitudes summed into the map since it was last computed in
    /// full; once that bound exceeds this, the map is computed in full again (it has summed some 45 times its
    /// scale). Far under the zero-gradient tolerance (1e-12 of the scale) that decides whether a unit is
    /// identically zero: without it, a unit whose inputs all die across a facet (zero biases, a layer switched
    /// off) kept a rounding residue of its old map and took a spurious state. A map whose units stay alive is
    /// recomputed about once every few dozen crossings that change its inputs.</summary>
    public const double IncrementalMapRoundoff = 1e-14;

    /// <summary>Relative to the larger constant of two output maps: gradients whose entries are all below this
    /// fraction of it are rounding noise, and count as equal, when deciding whether the maps are the same
    /// (<c>LinearRegions.SameMap</c>). Such a gradient changes the output by less than a thousandth of the
    /// coincidence tolerance over a unit of input, so it cannot be told from zero; anything above it is
    /// compared relative to the gradients themselves.</summary>
    public const double MapGradientNoise = 1e-12;

    /// <summary>The unit roundoff of doubles, 2^-52 (not <see cref="double.Epsilon"/>, the smallest subnormal).</summary>
    public const double DoubleRoundoff = 2.220446049250313e-16;

    // ---- Clipping paths (PolytopeAnalyzer) ----

    /// <summary>Relative to the numbers compared (the offset |b_i|, the scale plus ‖c‖₁): the rounding allowance
    /// of the clipping paths' slack comparisons when they group duplicate rows with facets: a row's slack at the
    /// clipping centroid must exceed every facet's by the coincidence margin plus this much before the row is
    /// ruled out. The slacks are sums of a few products of numbers of order one, rounded to about 1e-16 each,
    /// so this leaves a factor of ten thousand.</summary>
    public const double SlackRounding = 1e-12;

    /// <summary>Relative to the reach compared (a ball's radius plus the facet tolerance): the rounding allowance of
    /// the subdivision's test of a plane against the ball about a piece's vertex centroid (SplitSearch's Cuts),
    /// which says a plane misses every vertex by more than the tolerance without measuring each. The distances are
    /// sums of a few products of numbers of order one (rounded to about 1e-16 each) measured two ways; a plane
    /// within this margin of the ball goes to the vertices' own test.</summary>
    public const double BallReachMargin = 1e-9;

    // ---- Certification filters (PolytopeCertifier, Certifier, RadiusInterval) ----
    // These only choose what to try or compare exactly; every conclusion is then checked in exact rationals,
    // so a guard that is too loose costs time and one that is too tight sends the work to the exact path.

    /// <summary>Absolute, on unit-normal rows (so relative to a row norm of 1): in the floating-point solve for
    /// multipliers on the support of an earlier vertex (<c>PolytopeCertifier.MultipliersOnSupport</c>), a partial
    /// pivot at or below this means the support is (numerically) singular and no multipliers are guessed; the
    /// certifier then solves a new LP instead. Well above the rounding of elimination on d unit rows (about
    /// d × 1e-16), so roundoff is never divided by.</summary>
    public const double CertifyPivot = 1e-12;

    /// <summary>Absolute, on multipliers of unit rows: a floating-point multiplier below −this is clearly
    /// negative and the guessed support is rejected (<c>PolytopeCertifier.MultipliersOnSupport</c>); between
    /// −this and 0 it is taken as rounding noise of a zero multiplier and clamped to 0. Clamping is sound (any
    /// non-negative multipliers are; the rigorous bound that follows decides), so the guard only chooses which
    /// guesses are worth that check.</summary>
    public const double CertifyNegativeMultiplier = 1e-9;

    /// <summary>Relative: the coordinate bounds |x_t| &lt;= B_t computed from rounded rows (|β/c| in doubles) are
    /// multiplied by 1 + this so they stay upper bounds of the exact values (<c>PolytopeCertifier</c>'s
    /// coordinate rows); the rigorous redundancy bound (<see cref="Exact.ExactPolytope.IsImpliedByBound"/>) relies
    /// on that. The rounding of β, c and the quotient is about 3 × 1e-16 relative; 1e-12 leaves a wide margin and
    /// loosens the bounds negligibly.</summary>
    public const double CertifyBoundWidening = 1e-12;

    /// <summary>Absolute on unit normals (each coordinate), relative to max(1, |offset|) on offsets: two rows of an
    /// exact polytope are compared exactly as possibly the same halfspace only when their rounded unit rows
    /// agree to this (<c>PolytopeCertifier.Groups</c> and <c>Near</c>). Exactly equal halfspaces agree to rounding
    /// error (about 1e-16 after normalisation); distinct ones closer than 1e-6 are rare and merely get an exact
    /// comparison that says no.</summary>
    public const double CertifyNearRows = 1e-6;

    /// <summary>Relative to max(1, |offset|): an exact piece row of a maxout unit is one a floating-point facet
    /// stands for when its rounded unit row matches the facet's normal and offset to this
    /// (<c>Certifier.ClaimedRows</c>). The float facet comes from composed float maps, so it carries more than
    /// roundoff (up to the float search's own accuracy), while different pieces of one unit differ by far
    /// more.</summary>
    public const double CertifyClaimedRow = 1e-6;

    /// <summary>Relative to the smallest quotient: in the certified radius lower bound min_i slack_i/up_i
    /// (<c>RadiusInterval.LowerAt</c>), only quotients within this of the smallest one in doubles are divided
    /// exactly. Each double quotient is within a few units of roundoff (about 1e-16) of its exact value, so the
    /// true minimum is always among them.</summary>
    public const double CertifyQuotientTieRelative = 1e-12;

    /// <summary>Absolute: added to the window of <see cref="CertifyQuotientTieRelative"/> so it is not empty when
    /// the smallest quotient is zero (a relative window of zero admits only exact ties). A normal double far below
    /// any radius, so it changes nothing otherwise.</summary>
    public const double CertifyQuotientTieAbsolute = 1e-300;

    /// <summary>Unit normals that agree entrywise to within this are the same direction up to rounding
    /// (<see cref="ParallelRows"/>): far above the few units in the last place that different computations of
    /// one exact normal differ by, far below the coincidence tolerance (1e-9) under which two rows are one
    /// hyperplane anyway.</summary>
    public const double ParallelRowNoise = 1e-12;
}
