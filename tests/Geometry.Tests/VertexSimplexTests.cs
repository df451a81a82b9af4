using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary>The vertex simplex of Clarkson's LPs against the active-set solver on the same LPs: fresh starts,
/// new objectives from the last vertex, rows added and restored by dual steps, the cap, and its weak-duality
/// bounds checked against the LP maxima they bound.</summary>
public sealed class VertexSimplexTests
{
    private const double Cap = 10;

    private static double Reference(HPolytope p, double[] c)
    {
        // The cap as a row, as FacetFinder's relaxed row.
        var a = p.RowMajorA.ToArray().Concat(c).ToArray();
        var b = p.B.ToArray().Append(Cap).ToArray();
        var result = new ActiveSetSolver().Maximize(new LinearProgram(new HPolytope(p.Dimension, a, b), c),
            new double[p.Dimension]);
        Assert.Equal(LpStatus.Optimal, result.Status);
        return result.Objective;
    }

    private static VertexSimplex Load(HPolytope p, int rows)
    {
        var simplex = new VertexSimplex(Tolerances.Default);
        simplex.Reset(p.Dimension, p.Count);
        for (int i = 0; i < rows; i++) simplex.AddRow(p.Row(i), p.Rhs(i));
        return simplex;
    }

    [Theory]
    [InlineData(2, 11)]
    [InlineData(4, 12)]
    [InlineData(6, 13)]
    public void A_fresh_start_reaches_the_active_set_optimum(int d, int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 50; trial++)
        {
            var p = RandomPolytopes.Make(rng, d, 3 * d);
            var c = RandomPolytopes.UnitNormal(rng, d);
            var simplex = Load(p, p.Count);
            Assert.True(simplex.Start(new double[d], [], c, Cap, 0));
            Assert.Equal(LpStatus.Optimal, simplex.Maximize());
            Assert.Equal(Reference(p, c), VectorMath.Dot(c, simplex.Point), 9);
        }
    }

    [Theory]
    [InlineData(3, 21)]
    [InlineData(6, 22)]
    public void New_objectives_from_the_last_vertex_reach_the_same_optima(int d, int seed)
    {
        var rng = new Random(seed);
        var p = RandomPolytopes.Make(rng, d, 4 * d);
        var simplex = Load(p, p.Count);
        var c = RandomPolytopes.UnitNormal(rng, d);
        Assert.True(simplex.Start(new double[d], [], c, Cap, 0));
        for (int trial = 0; trial < 40; trial++)
        {
            Assert.Equal(LpStatus.Optimal, simplex.Maximize());
            Assert.Equal(Reference(p, c), VectorMath.Dot(c, simplex.Point), 9);
            c = RandomPolytopes.UnitNormal(rng, d);
            Assert.True(simplex.Retarget(c, Cap, 1e-12));
        }
    }

    [Theory]
    [InlineData(3, 31)]
    [InlineData(6, 32)]
    public void Rows_added_after_an_optimum_are_restored_by_dual_steps(int d, int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 30; trial++)
        {
            var p = RandomPolytopes.Make(rng, d, 4 * d);
            var c = RandomPolytopes.UnitNormal(rng, d);
            int rows = 2 * d;
            var simplex = Load(p, rows);
            Assert.True(simplex.Start(new double[d], [], c, Cap, 0));
            Assert.Equal(LpStatus.Optimal, simplex.Maximize());
            while (rows < p.Count)
            {
                simplex.AddRow(p.Row(rows), p.Rhs(rows));
                rows++;
                Assert.True(simplex.Restore(1e-12));
                Assert.Equal(LpStatus.Optimal, simplex.Maximize());
                var prefix = new HPolytope(d, p.RowMajorA[..(rows * d)].ToArray(), p.B[..rows].ToArray());
                Assert.Equal(Reference(prefix, c), VectorMath.Dot(c, simplex.Point), 9);
                for (int i = 0; i < rows; i++) Assert.True(prefix.Slack(i, simplex.Point) > -1e-9);
            }
        }
    }

    [Fact]
    public void The_cap_ends_a_solve_on_an_unbounded_direction()
    {
        // x ≤ 1 only: max y is unbounded but for the cap y ≤ 10.
        var p = new HPolytope(2, [1.0, 0.0], [1.0]);
        var simplex = Load(p, 1);
        double[] c = [0, 1];
        Assert.True(simplex.Start(new double[2], [], c, Cap, 0));
        Assert.Equal(LpStatus.Optimal, simplex.Maximize());
        Assert.Equal(Cap, simplex.Point[1], 12);
    }

    [Fact]
    public void A_start_violating_a_row_is_refused()
    {
        var p = new HPolytope(2, [1.0, 0.0], [1.0]);
        var simplex = Load(p, 1);
        Assert.False(simplex.Start([2.0, 0.0], [], [0.0, 1.0], Cap, 1e-12));
    }

    [Theory]
    [InlineData(4, 41)]
    [InlineData(6, 42)]
    public void Dual_bounds_at_an_optimal_vertex_bound_every_row_they_cover(int d, int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 30; trial++)
        {
            var p = RandomPolytopes.Make(rng, d, 4 * d);
            var simplex = Load(p, p.Count);
            var c = RandomPolytopes.UnitNormal(rng, d);
            Assert.True(simplex.Start(new double[d], [], c, Cap, 0));
            Assert.Equal(LpStatus.Optimal, simplex.Maximize());
            var which = Enumerable.Range(0, p.Count).ToArray();
            var bound = new double[p.Count];
            simplex.DualBounds(p.RowMajorA, which, bound);
            foreach (int j in which)
            {
                if (double.IsPositiveInfinity(bound[j])) continue;
                // Weak duality: no point of the LP's feasible set (the rows and the cap) passes the bound.
                var aj = p.Row(j).ToArray();
                Assert.True(Reference(p, aj) <= bound[j] + 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(3, 51)]
    [InlineData(4, 53)]
    [InlineData(6, 52)]
    [InlineData(6, 54)]
    public void Many_hyperplanes_through_the_optimal_vertex_terminate_at_the_optimum(int d, int seed)
    {
        // 5d hyperplanes through the point (0.5, …, 0.5), all keeping the origin inside: a vertex where far more
        // than d rows are tight, the case Bland's rule is there for.
        var rng = new Random(seed);
        var rows = new List<double[]>();
        var rhs = new List<double>();
        for (int k = 0; k < 5 * d; k++)
        {
            var a = RandomPolytopes.UnitNormal(rng, d);
            for (int t = 0; t < d; t++) a[t] = Math.Abs(a[t]);
            double norm = VectorMath.Norm(a);
            for (int t = 0; t < d; t++) a[t] /= norm;
            rows.Add(a);
            rhs.Add(0.5 * a.Sum());
        }
        var p = HPolytope.FromRows(rows, rhs);
        for (int trial = 0; trial < 20; trial++)
        {
            // c in the cone of the rows' normals: the common point is optimal.
            var c = new double[d];
            for (int k = 0; k < d; k++)
            {
                var a = rows[rng.Next(rows.Count)];
                double weight = 0.1 + rng.NextDouble();
                for (int t = 0; t < d; t++) c[t] += weight * a[t];
            }
            var simplex = Load(p, p.Count);
            Assert.True(simplex.Start(new double[d], [], c, Cap, 0));
            Assert.Equal(LpStatus.Optimal, simplex.Maximize());
            Assert.Equal(0.5 * c.Sum(), VectorMath.Dot(c, simplex.Point), 9);
        }
    }
    [Fact]
    public void One_solver_reused_across_dimensions_and_sizes_gives_the_active_set_optima()
    {
        // Column storage is laid out for the row capacity: a later LP in more variables must not overrun it.
        var rng = new Random(61);
        var simplex = new VertexSimplex(Tolerances.Default);
        foreach (var (d, cuts) in new[] { (4, 30), (6, 8), (2, 40), (6, 20) })
        {
            var p = RandomPolytopes.Make(rng, d, cuts);
            simplex.Reset(d, p.Count);
            for (int i = 0; i < p.Count; i++) simplex.AddRow(p.Row(i), p.Rhs(i));
            var c = RandomPolytopes.UnitNormal(rng, d);
            Assert.True(simplex.Start(new double[d], [], c, Cap, 0));
            Assert.Equal(LpStatus.Optimal, simplex.Maximize());
            Assert.Equal(Reference(p, c), VectorMath.Dot(c, simplex.Point), 9);
        }
    }
}
