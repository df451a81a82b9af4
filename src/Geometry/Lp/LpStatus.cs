namespace Polytopes.Geometry.Lp;

/// <summary>How an LP solve ended. Solvers never throw for an infeasible or unbounded problem.</summary>
public enum LpStatus
{
    /// <summary>An optimal point was found and checked against the input constraints.</summary>
    Optimal,
    /// <summary>No point satisfies the constraints (within the feasibility tolerance).</summary>
    Infeasible,
    /// <summary>The objective increases without bound on the feasible set.</summary>
    Unbounded,
    /// <summary>The iteration cap was reached (possible cycling on a degenerate problem).</summary>
    IterationLimit,
    /// <summary>The final check against the input found a violation above tolerance.</summary>
    Imprecise,
}
