using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary><see cref="RedundancyScreen"/>: every row it leaves out must be one the polytope stays clear of, as an
/// independent LP (the textbook active-set solver, from scratch) measures it, and on no facet of the textbook facet
/// finder's — with the Chebyshev LP's own basis inverse, and with a corrupted one (its bounds are certified from the
/// rows, whatever the inverse proposes).</summary>
public sealed class RedundancyScreenTests
{
    private static readonly Tolerances Tol = Tolerances.Default;

    /// <summary>Screens the polytope with the Chebyshev LP's basis inverse, changed by <paramref name="corrupt"/>;
    /// asserts every row left out is redundant; returns how many were left out and how many the textbook finds
    /// redundant.</summary>
    private static (int LeftOut, int Redundant) Check(HPolytope raw, string context, Action<double[]>? corrupt = null)
    {
        var p = raw.Normalized();
        int d = p.Dimension, m = p.Count;
        var solver = new ChebyshevSolver();
        var ball = solver.Compute(p);
        Assert.True(ball.Status == LpStatus.Optimal && ball.Radius > 1e-3, $"{context}: radius {ball.Radius}");
        if (!solver.TryOptimalBasis(d, out var tightSpan, out var inverseSpan)) return (0, 0);
        var tight = tightSpan.ToArray();
        var inverse = inverseSpan.ToArray();
        corrupt?.Invoke(inverse);

        var kept = new int[m];
        int k = new RedundancyScreen(Tol).Keep(p.RowMajorA, p.B, ball.Centre, ball.Radius, tight, inverse, 1, kept);
        Assert.True(kept[..k].SequenceEqual(kept[..k].Order().Distinct()), $"{context}: kept rows not increasing");
        foreach (int q in tight) Assert.Contains(q, kept[..k]);

        var textbook = new int[m];
        new TextbookFacetFinder().Find(p.RowMajorA, p.B, d, ball.Centre, 1, textbook);
        var lp = new ActiveSetSolver(Tol);
        foreach (int j in Enumerable.Range(0, m).Except(kept[..k]))
        {
            Assert.True(textbook[j] == -1, $"{context}: row {j} left out but on a facet\n{TestUtil.Dump(raw)}");
            // How far P reaches towards the row's hyperplane: the polytope must stay clear of it.
            var reach = lp.Maximize(new LinearProgram(p, p.Row(j).ToArray()));
            Assert.Equal(LpStatus.Optimal, reach.Status);
            Assert.True(reach.Objective < p.Rhs(j) - 1e-9,
                $"{context}: row {j} left out, but P reaches {p.Rhs(j) - reach.Objective:E3} from it\n{TestUtil.Dump(raw)}");
        }
        return (m - k, textbook.Count(f => f == -1));
    }

    private static IEnumerable<(HPolytope Polytope, string Context)> Polytopes(int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 24; trial++)
        {
            int d = 4 + trial % 4;
            var p = RandomPolytopes.Make(rng, d, cuts: 4 + rng.Next(3 * d * d), duplicates: trial % 3, cornerRows: trial % 2,
                shuffle: true, jitter: trial % 4 == 0 ? 1e-10 : 0);
            yield return (p, $"seed {seed} trial {trial} ({d}-D)");
        }
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    public void Rows_left_out_are_ones_the_polytope_stays_clear_of(int seed)
    {
        int leftOut = 0, redundant = 0;
        foreach (var (p, context) in Polytopes(seed))
        {
            var (l, r) = Check(p, context);
            leftOut += l;
            redundant += r;
        }
        // The screen does its work, though these cuts (offsets 0.1–1 about the origin) crowd the inscribed ball far
        // more than a network's regions' rows do (there it leaves out 60–80 % of the redundant rows).
        Assert.True(leftOut >= redundant / 10, $"left out {leftOut} of {redundant} redundant rows");
    }

    [Theory]
    [InlineData(1, 1e-6)] [InlineData(2, 1e-3)] [InlineData(3, 1e-1)] [InlineData(4, 10.0)]
    public void A_noisy_basis_inverse_never_leaves_out_a_row_the_polytope_reaches(int seed, double noise)
    {
        var rng = new Random(seed);
        foreach (var (p, context) in Polytopes(seed))
            Check(p, $"{context}, inverse off by {noise:g}", inverse =>
            {
                for (int i = 0; i < inverse.Length; i++) inverse[i] += noise * (2 * rng.NextDouble() - 1) * (1 + Math.Abs(inverse[i]));
            });
    }

    [Theory]
    [InlineData(0.0)] [InlineData(0.5)] [InlineData(-1.0)]
    public void A_basis_inverse_proposing_wrong_combinations_never_leaves_out_a_row_the_polytope_reaches(double factor)
    {
        // The edges' x-parts scaled (0: every combination proposed is zero, so its bound is 0 and only the residual
        // — the whole row — keeps the rows in); the multipliers, the edges' last entries, kept positive.
        foreach (var (p, context) in Polytopes(7))
            Check(p, $"{context}, edges' x-parts times {factor}", inverse =>
            {
                int w = (int)Math.Round(Math.Sqrt(inverse.Length)), n = w - 1;
                for (int q = 0; q < w; q++)
                    for (int s = 0; s < n; s++) inverse[q * w + s] *= factor;
            });
    }
}
