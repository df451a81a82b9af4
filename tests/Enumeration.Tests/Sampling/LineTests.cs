using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Sampling;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Sampling;

/// <summary>Restriction of a network to a line, exact piece counts along chords, and the line-based estimators.</summary>
public class LineTests
{
    private static Network Fixture(string dir, string name) => NetworkJson.Read(TestPaths.Fixture(dir, name + ".json"));

    /// <summary>Skips from the input into the first layer (weighted), into a later layer (identity), and a skip
    /// from a hidden layer: every kind the composition has to handle.</summary>
    internal static Network NetWithInputSkips()
    {
        var rng = new Random(5);
        double[] R(int n) => Enumerable.Range(0, n).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        return new Network("skips", 2, [
            new Layer(R(6), 3, 2, R(3), Activation.Relu, skip: new SkipConnection(-1, R(6))),
            new Layer(R(6), 2, 3, R(2), Activation.Relu, skip: new SkipConnection(-1)),
            new Layer(R(6), 3, 2, R(3), Activation.LeakyRelu, 0.2, skip: new SkipConnection(0, R(9))),
            new Layer(R(3), 1, 3, [0.0], Activation.Identity)]);
    }

    [Fact]
    public void Compose_AlongTheLine_PatternsAndOutputsEqualTheOriginalNetworks()
    {
        var net = NetWithInputSkips();
        var rng = new Random(9);
        for (int trial = 0; trial < 200; trial++)
        {
            double[] p = [2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1];
            double angle = 2 * Math.PI * rng.NextDouble();
            double[] v = [Math.Cos(angle), Math.Sin(angle)];
            var line = LineRestriction.Compose(net, p, v, -1, 1);
            Assert.Equal(1, line.InputDim);
            double t = 2 * rng.NextDouble() - 1;
            double[] x = [p[0] + t * v[0], p[1] + t * v[1]];
            Assert.Equal(PatternEvaluatorTests.Evaluate(net, x), PatternEvaluatorTests.Evaluate(line, [t]));
            Assert.Equal(net.Evaluate(x)[0], line.Evaluate([t])[0], 12);
        }
    }

    [Fact]
    public void Chords_OfAOneLayerNet_HaveOnePiecePlusOnePerLineChangingSignBetweenTheEnds()
    {
        // Along a chord each pre-activation is affine, so a line crosses the chord iff it changes sign between the
        // chord's ends (five lines in general position: no two cross a random chord at the same point).
        var net = Fixture("nets", "lines_general_k5");
        var sampler = new LineSampler(net, new SamplingOptions { Seed = 4 });
        var sample = sampler.Sample(60);
        var layer = net.Layers[0];
        for (int i = 0; i < 60; i++)
        {
            var (p, v, t0, t1) = sampler.Chord(i);
            int crossings = 0;
            for (int r = 0; r < layer.Rows; r++)
            {
                double Z(double t) => layer.Bias[r] + layer.WeightRow(r)[0] * (p[0] + t * v[0]) + layer.WeightRow(r)[1] * (p[1] + t * v[1]);
                if (Math.Sign(Z(t0)) != Math.Sign(Z(t1))) crossings++;
            }
            Assert.Equal(1 + crossings, sample.Chords[i].Pieces);
            Assert.Equal(t1 - t0, sample.Chords[i].Length, 12);
            Assert.Equal(1, Math.Sqrt(v[0] * v[0] + v[1] * v[1]), 12);
        }
    }

    [Fact]
    public void Chords_EndOnTheBoxAndPassThroughAPointInside()
    {
        var net = Fixture("reference", "relu_3d_12x12");
        var box = new Box([-1, 0, 2], [1, 0.5, 5]);
        var sampler = new LineSampler(net, new SamplingOptions { Box = box });
        for (int i = 0; i < 50; i++)
        {
            var (p, v, t0, t1) = sampler.Chord(i);
            Assert.True(box.Contains(p));
            Assert.True(t0 <= 0 && t1 >= 0);
            foreach (var t in new[] { t0, t1 })
            {
                var x = p.Select((pj, j) => pj + t * v[j]).ToArray();
                double gap = Enumerable.Range(0, 3).Min(j => Math.Min(Math.Abs(x[j] - box.Lo[j]), Math.Abs(x[j] - box.Hi[j])));
                Assert.True(gap < 1e-12, $"chord end {string.Join(",", x)} is not on the box");
            }
        }
    }

    [Fact]
    public void LinesEstimate_In1D_IsTheExactCount()
    {
        // In 1-D every chord is the whole interval, so 1 + ρ·length is 1 + its crossings: the exact count (46, from
        // fixtures/reference/relu_1d_32x32.truth.json).
        var net = Fixture("reference", "relu_1d_32x32");
        var box = Box.Cube(1, -1, 1);
        var sample = new LineSampler(net).Sample(5);
        Assert.All(sample.Chords, c => Assert.Equal(46, c.Pieces));
        Assert.Equal(46, LineEstimators.PoissonHyperplanes(sample.CrossingDensity, box), 9);
    }

    /// <summary>The exact length of the five lines of lines_general_k5 inside [-1,1]²: each line clipped to the box
    /// (Liang–Barsky), computed here from the weights alone.</summary>
    internal static double ClippedLineLength(Network net, Box box)
    {
        var layer = net.Layers[0];
        double total = 0;
        for (int r = 0; r < layer.Rows; r++)
        {
            double a = layer.WeightRow(r)[0], b = layer.WeightRow(r)[1], c = layer.Bias[r];
            double n2 = a * a + b * b;
            double[] x0 = [-c * a / n2, -c * b / n2];
            double[] u = [-b / Math.Sqrt(n2), a / Math.Sqrt(n2)];
            double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
            for (int j = 0; j < 2; j++)
            {
                if (u[j] == 0) continue;
                double s0 = (box.Lo[j] - x0[j]) / u[j], s1 = (box.Hi[j] - x0[j]) / u[j];
                lo = Math.Max(lo, Math.Min(s0, s1));
                hi = Math.Min(hi, Math.Max(s0, s1));
            }
            total += Math.Max(0, hi - lo);
        }
        return total;
    }

    [Fact]
    public void BoundaryMeasure_ManyChords_EstimatesTheExactTotalLineLengthCroftonsFormula()
    {
        // L = (π/2)·ρ·area. With 4000 chords the estimate's relative sd is 0.4% (measured over seeds 1..20: mean
        // ratio 1.0002), so about 0.8% with 1000; allow 4%.
        var net = Fixture("nets", "lines_general_k5");
        var box = Box.Cube(2, -1, 1);
        double exact = ClippedLineLength(net, box);
        var sample = new LineSampler(net, new SamplingOptions { Seed = 1 }).Sample(1000);
        double estimate = LineEstimators.BoundaryMeasure(sample.CrossingDensity, box);
        Assert.InRange(estimate / exact, 0.96, 1.04);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 1)]
    public void Sample_FixedSeed_IsIdenticalForAnyNumberOfThreads(int threadsA, int threadsB)
    {
        var net = Fixture("reference", "relu_2d_16x16");
        var a = new LineSampler(net, new SamplingOptions { Seed = 8, Threads = threadsA }).Sample(40);
        var b = new LineSampler(net, new SamplingOptions { Seed = 8, Threads = threadsB }).Sample(40);
        Assert.Equal(a.Chords, b.Chords);
        Assert.Equal(a.CrossingDensity, b.CrossingDensity);
        Assert.Equal(a.Prefix(10).Chords, new LineSampler(net, new SamplingOptions { Seed = 8 }).Sample(10).Chords);
    }

    [Fact]
    public void BallVolumesAndIntrinsicVolumes_KnownValues()
    {
        Assert.Equal([1, 2, Math.PI, 4 * Math.PI / 3, Math.PI * Math.PI / 2],
            Enumerable.Range(0, 5).Select(LineEstimators.BallVolume).ToArray(), new DoubleComparer(1e-14));
        // Box 1×2×3: V0..V3 = 1, 1+2+3, 1·2+1·3+2·3, 1·2·3.
        Assert.Equal([1, 6, 11, 6], LineEstimators.IntrinsicVolumes(new Box([0, 0, 0], [1, 2, 3])));
    }

    [Fact]
    public void Estimators_In2D_MatchTheirClosedForms()
    {
        var box = new Box([0, 0], [2, 3]);
        double rho = 1.7, area = 6, perimeter = 10;
        Assert.Equal(1 + rho * perimeter / 2 + Math.PI / 4 * rho * rho * area, LineEstimators.PoissonHyperplanes(rho, box), 12);
        Assert.Equal(area * rho * rho / 2, LineEstimators.HaninRolnick(rho, box), 12);
        Assert.Equal(Math.PI / 2 * rho * area, LineEstimators.BoundaryMeasure(rho, box), 12);
        // 3-D stereology: S_V = 2 P_L.
        Assert.Equal(2 * rho * 8, LineEstimators.BoundaryMeasure(rho, Box.Cube(3, 0, 2)), 12);
    }

    private sealed class DoubleComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tol * Math.Max(1, Math.Abs(x));
        public int GetHashCode(double obj) => 0;
    }
}
