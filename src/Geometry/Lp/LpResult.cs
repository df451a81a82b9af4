namespace Polytopes.Geometry.Lp;

/// <summary>
/// The answer of an LP solve. When <see cref="Status"/> is Optimal, <see cref="Point"/> is feasible and
/// <see cref="Multipliers"/> is the optimality certificate: c = Σ_i Multipliers[i]·A_i with every multiplier ≥ 0
/// and non-zero only on constraints tight at <see cref="Point"/>.
/// </summary>
public sealed record LpResult(LpStatus Status, double[] Point, double Objective, double[] Multipliers, int Iterations);
