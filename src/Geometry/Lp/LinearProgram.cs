namespace Polytopes.Geometry.Lp;

/// <summary>The model: maximise c·x subject to A x &lt;= b, x free. Immutable; separate from any solver.</summary>
public sealed class LinearProgram
{
    public LinearProgram(HPolytope constraints, IReadOnlyList<double> objective)
    {
        if (objective.Count != constraints.Dimension)
            throw new ArgumentException($"objective has length {objective.Count}, expected {constraints.Dimension}");
        Constraints = constraints;
        Objective = objective.ToArray();
    }

    public HPolytope Constraints { get; }
    public IReadOnlyList<double> Objective { get; }
    public int Variables => Constraints.Dimension;
}
