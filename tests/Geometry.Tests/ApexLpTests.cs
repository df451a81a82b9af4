using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry.Tests;

/// <summary>
/// <see cref="ActiveSetSolver"/> at the apex of a zero-bias network: in [-1,1]^4, many hyperplanes through the
/// origin whose normals are nearly dependent (combinations of a few shared directions, as a deeper layer's rows
/// are combinations of the first layer's). Such LPs walk through long chains of degenerate pivots at the origin,
/// and the kernel's projections lose orthogonality when a row or the objective is nearly in the span of the rows
/// held: it used to return Unbounded or Imprecise on the textbook baseline's redundancy LPs of a 4-5-5-5 network.
/// Every answer must be Optimal with a valid certificate (<see cref="ActiveSetSolverTests.AssertCertificate"/>),
/// which proves the optimum without trusting the solver.
/// </summary>
public sealed class ApexLpTests
{
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    public void Rows_through_the_apex_from_a_few_directions_give_certified_optima(int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 200; trial++)
        {
            const int n = 4;
            var rows = new List<double[]>();
            var rhs = new List<double>();
            for (int t = 0; t < n; t++)
            {
                rows.Add(Unit(n, t, 1)); rhs.Add(1);
                rows.Add(Unit(n, t, -1)); rhs.Add(1);
            }
            // Three or four shared directions; each apex row mixes them with small integer weights and a little
            // noise, so many rows are close to each other's spans without coinciding.
            int bases = 3 + rng.Next(2);
            var basis = Enumerable.Range(0, bases).Select(_ => Gaussian(rng, n)).ToArray();
            int apexRows = 8 + rng.Next(12);
            for (int k = 0; k < apexRows; k++)
            {
                var a = new double[n];
                foreach (var g in basis)
                {
                    int w = rng.Next(-2, 3);
                    for (int t = 0; t < n; t++) a[t] += w * g[t];
                }
                double noise = Math.Pow(10, -1 - 6 * rng.NextDouble());
                for (int t = 0; t < n; t++) a[t] += noise * (2 * rng.NextDouble() - 1);
                double norm = VectorMath.Norm(a);
                if (norm == 0) continue;
                rows.Add(a.Select(v => v / norm).ToArray());
                rhs.Add(0);
            }
            // The objective is one of the rows, as in the textbook's redundancy LP (that row relaxed by 1).
            int pick = rng.Next(rows.Count);
            var c = rows[pick];
            rows.Add(c); rhs.Add(rhs[pick] + 1);
            rows.RemoveAt(pick); rhs.RemoveAt(pick);
            var lp = new LinearProgram(HPolytope.FromRows(rows, rhs), c);
            var result = new ActiveSetSolver().Maximize(lp);
            Assert.True(result.Status == LpStatus.Optimal, $"seed {seed} trial {trial}: {result.Status}");
            ActiveSetSolverTests.AssertCertificate(lp, result, $"seed {seed} trial {trial}");
        }
    }

    [Fact]
    public void The_textbook_LP_that_left_a_held_row_gives_a_certified_optimum()
    {
        // A redundancy LP of the textbook baseline on a 4-5-5-5 leaky-ReLU network with zero biases (the region at
        // the apex): the box, fourteen rows through the origin and the tested row relaxed to 1 (the last), whose
        // normal is the objective. The objective's remainder after projection onto three held rows was about 1e-7
        // of its length, and the step along it left a held row violated by 1.3e-9: Imprecise.
        double[][] rows =
        [
            [1, 0, 0, 0],
            [-1, 0, 0, 0],
            [0, 1, 0, 0],
            [0, -1, 0, 0],
            [0, 0, 1, 0],
            [0, 0, -1, 0],
            [0, 0, 0, 1],
            [0, 0, 0, -1],
            [-0.40718067132493346, -0.7816683310016039, -0.3686504672660813, 0.2954578721121567],
            [-0.285317480068126, -0.7249376312391098, 0.6268536065959327, -0.010673437996964926],
            [-0.190345563972051, -0.03672222544203849, -0.353078563242044, 0.9152898844703135],
            [0.8083628315541688, 0.1816680399151426, 0.2019227708041828, 0.5222771778144992],
            [-0.5658491881936759, -0.3636858766897915, 0.7383452952311146, -0.04892345375189665],
            [-0.250402173608293, 0.11388284343065612, -0.8573880640881404, -0.4349886860408919],
            [-0.654901752794645, -0.3499507373680748, 0.6659935428710786, -0.07134967733684082],
            [0.6620834070630884, 0.4013921360986614, -0.58165506718353, 0.24941390897383775],
            [0.28803654355583996, 0.3420747710319732, -0.8850248577231968, -0.1294248886878512],
            [0.03030804266188769, 0.23321713527843416, -0.9649711517111386, -0.11628356172651567],
            [0.4704545559356965, 0.4795783216113498, -0.6107642234662277, 0.4190992812848562],
            [-0.7492563640633113, -0.36710884514732944, 0.48659346137095183, -0.258984169547593],
            [-0.8067969864863721, -0.3441819376776089, 0.28386226339149606, -0.38734949566928845],
            [-0.6419855787513836, -0.38194986814291737, 0.6490612290922192, -0.14383440405604253],
            [0.7137920375589367, 0.39112676734677637, -0.5089538719841057, 0.2801548414265026]
        ];
        double[] rhs = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        var lp = new LinearProgram(HPolytope.FromRows(rows, rhs), rows[^1]);
        var result = new ActiveSetSolver().Maximize(lp);
        Assert.Equal(LpStatus.Optimal, result.Status);
        ActiveSetSolverTests.AssertCertificate(lp, result);
    }

    private static double[] Unit(int n, int axis, double sign)
    {
        var e = new double[n];
        e[axis] = sign;
        return e;
    }

    private static double[] Gaussian(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())).ToArray();
}
