namespace Polytopes.Geometry.Lp;

/// <summary>An LP solver for maximise c·x s.t. A x &lt;= b with free variables. The engine's own
/// <see cref="ActiveSetSolver"/> implements it; another solver can be plugged in behind this interface.</summary>
public interface ILpSolver
{
    /// <summary>Solves from scratch (phase 1 finds a feasible point first).</summary>
    LpResult Maximize(LinearProgram program);

    /// <summary>Solves starting from a point known to satisfy every constraint (a warm start; no phase 1).</summary>
    LpResult Maximize(LinearProgram program, ReadOnlySpan<double> feasibleStart);
}
