namespace Polytopes.Geometry.Lp;

/// <summary>
/// The engine's built-in LP solver (see <see cref="ActiveSetKernel"/>): a phase 1 on max −s s.t. A x − s &lt;= b,
/// s &gt;= 0 when no feasible start is given, then the active-set simplex, then a check of the answer against the
/// caller's untouched constraints. Not thread-safe (it reuses buffers): use one instance per thread.
/// </summary>
public sealed class ActiveSetSolver(Tolerances? tolerances = null) : ILpSolver
{
    private readonly Tolerances tolerances = tolerances ?? Tolerances.Default;
    private readonly ActiveSetKernel kernel = new(tolerances ?? Tolerances.Default);

    public LpResult Maximize(LinearProgram program)
    {
        var p = program.Constraints;
        int n = p.Dimension, m = p.Count;
        // Phase 1: variables (x, s); rows A_i x − s <= b_i and −s <= 0; start x = 0, s = max(0, max_i −b_i).
        var a1 = new double[(m + 1) * (n + 1)];
        var b1 = new double[m + 1];
        for (int i = 0; i < m; i++)
        {
            p.Row(i).CopyTo(a1.AsSpan(i * (n + 1), n));
            a1[i * (n + 1) + n] = -1;
            b1[i] = p.Rhs(i);
        }
        a1[m * (n + 1) + n] = -1;
        var c1 = new double[n + 1];
        c1[n] = -1;
        var x1 = new double[n + 1];
        for (int i = 0; i < m; i++) x1[n] = Math.Max(x1[n], -p.Rhs(i));
        var status = kernel.Maximize(a1, b1, c1, x1);
        int iterations = kernel.Iterations;
        if (status != LpStatus.Optimal)
            return new LpResult(status, x1[..n], double.NaN, new double[m], iterations);
        if (x1[n] > tolerances.Feasibility * Math.Max(1, VectorMath.MaxAbs(x1.AsSpan(0, n))))
            return new LpResult(LpStatus.Infeasible, x1[..n], double.NaN, new double[m], iterations);
        var result = Maximize(program, x1.AsSpan(0, n));
        return result with { Iterations = result.Iterations + iterations };
    }

    public LpResult Maximize(LinearProgram program, ReadOnlySpan<double> feasibleStart)
    {
        var p = program.Constraints;
        var c = program.Objective.ToArray();
        var x = feasibleStart.ToArray();
        var status = kernel.Maximize(p.RowMajorA, p.B, c, x);
        var multipliers = new double[p.Count];
        if (status == LpStatus.Optimal)
        {
            kernel.CopyMultipliers(multipliers);
            if (!IsFeasible(p, x)) status = LpStatus.Imprecise;
        }
        double objective = status == LpStatus.Unbounded ? double.PositiveInfinity : VectorMath.Dot(c, x);
        return new LpResult(status, x, objective, multipliers, kernel.Iterations);
    }

    private bool IsFeasible(HPolytope p, ReadOnlySpan<double> x)
    {
        double allowance = 1e3 * tolerances.Feasibility * Math.Max(1, VectorMath.MaxAbs(x));
        for (int i = 0; i < p.Count; i++)
            if (p.Slack(i, x) < -allowance * Math.Max(1, VectorMath.Norm(p.Row(i)))) return false;
        return true;
    }
}
