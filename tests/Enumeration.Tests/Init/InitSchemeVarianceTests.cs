using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Tests.Init;

/// <summary>
/// Each scheme's empirical weight variance on a large layer against its formula. Tolerance: 3% relative for the
/// random schemes — the first layer of widths [500, 400, 1] has 200,000 weights, so the sample variance has
/// relative standard error √(2/n) ≈ 0.32% (normal) or √(0.8/n) ≈ 0.2% (uniform), and 3% is about ten standard
/// errors: a wrong factor (2 for 1, fan_out for fan_in) fails, sampling noise never does. Orthogonal is checked
/// exactly (to float32 rounding).
/// </summary>
public class InitSchemeVarianceTests
{
    private const int FanIn = 500, FanOut = 400;
    private const double Tolerance = 0.03;

    private static Network Make(InitScheme scheme, ActivationSpec? activation = null, double? biasStd = null, int[]? widths = null) =>
        RandomNetworks.Create(new RandomNetworkSpec(widths ?? [FanIn, FanOut, 1], activation ?? ActivationSpec.Relu, scheme, biasStd, 5));

    private static (double Mean, double Variance) Moments(ReadOnlySpan<double> values)
    {
        double sum = 0, squares = 0;
        foreach (var v in values) { sum += v; squares += v * v; }
        double mean = sum / values.Length;
        return (mean, squares / values.Length - mean * mean);
    }

    private static void AssertVariance(double expected, ReadOnlySpan<double> values, string what)
    {
        var (mean, variance) = Moments(values);
        Assert.True(Math.Abs(variance / expected - 1) < Tolerance, $"{what}: variance {variance:G6}, formula {expected:G6}");
        Assert.True(Math.Abs(mean) < 10 * Math.Sqrt(expected / values.Length), $"{what}: mean {mean:G6}");
    }

    [Theory]
    [InlineData(InitScheme.HeNormal, 2.0 / FanIn)]
    [InlineData(InitScheme.HeUniform, 2.0 / FanIn)]
    [InlineData(InitScheme.GlorotNormal, 2.0 / (FanIn + FanOut))]
    [InlineData(InitScheme.GlorotUniform, 2.0 / (FanIn + FanOut))]
    [InlineData(InitScheme.LecunNormal, 1.0 / FanIn)]
    [InlineData(InitScheme.LecunUniform, 1.0 / FanIn)]
    [InlineData(InitScheme.PyTorch, 1.0 / (3.0 * FanIn))]
    [InlineData(InitScheme.MaxoutHe, 2.0 / FanIn)] // a ReLU layer: K = 1, He's constant
    public void WeightVariance_OfA500By400Layer_MatchesTheFormula(InitScheme scheme, double expected)
    {
        var layer = Make(scheme).Layers[0];
        Assert.Equal(expected, scheme.WeightVariance(FanIn, FanOut, 1), 15);
        AssertVariance(expected, layer.Weight, scheme.ToName());
    }

    [Theory]
    [InlineData(InitScheme.HeUniform, 6.0 / FanIn)]
    [InlineData(InitScheme.GlorotUniform, 6.0 / (FanIn + FanOut))]
    [InlineData(InitScheme.LecunUniform, 3.0 / FanIn)]
    [InlineData(InitScheme.PyTorch, 1.0 / FanIn)]
    public void UniformSchemes_StayInsideTheirBoundAndReachItsEdges(InitScheme scheme, double boundSquared)
    {
        var weight = Make(scheme).Layers[0].Weight.ToArray();
        double bound = Math.Sqrt(boundSquared);
        Assert.True(weight.All(w => Math.Abs(w) <= bound * (1 + 1e-7)), $"a weight lies outside ±{bound}");
        Assert.True(weight.Max() > 0.99 * bound && weight.Min() < -0.99 * bound);
    }

    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(3, 0.78390520469112)]
    [InlineData(4, 0.64460863389521)]
    [InlineData(5, 0.55554924822886)]
    public void MaxoutHe_OnMaxoutLayers_HasVarianceCkOverFanIn(int pieces, double c)
    {
        var layer = Make(InitScheme.MaxoutHe, new ActivationSpec(Activation.Maxout, pieces), widths: [FanIn, 100, 1]).Layers[0];
        Assert.Equal(100 * pieces, layer.Rows);
        Assert.Equal(c / FanIn, InitScheme.MaxoutHe.WeightVariance(FanIn, layer.Rows, pieces), 12);
        AssertVariance(c / FanIn, layer.Weight, $"maxout_he K={pieces}");
    }

    /// <summary>c_K = 1/E[M_K²], M_K the maximum of K standard normals: recomputed here by Simpson's rule on
    /// E[M²] = ∫ x² K φ(x) Φ(x)^(K−1) dx, Φ accumulated by the same rule (no library erf), against the table.</summary>
    [Fact]
    public void MaxoutConstants_MatchTheSecondMomentOfTheMaximumOfKNormals()
    {
        const int steps = 200_000;
        const double lo = -12, hi = 12, h = (hi - lo) / steps;
        double Phi(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
        var cdf = new double[steps + 1];
        for (int i = 1; i <= steps; i++)
        {
            double a = lo + (i - 1) * h, b = lo + i * h;
            cdf[i] = cdf[i - 1] + h / 6 * (Phi(a) + 4 * Phi((a + b) / 2) + Phi(b));
        }
        for (int k = 2; k <= InitSchemes.MaxTabulatedPieces; k++)
        {
            double sum = 0;
            for (int i = 0; i <= steps; i++)
            {
                double x = lo + i * h, f = x * x * k * Phi(x) * Math.Pow(cdf[i], k - 1);
                sum += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
            }
            double secondMoment = sum * h / 3;
            Assert.Equal(1 / secondMoment, InitSchemes.MaxoutConstant(k), 9);
        }
        Assert.Equal(2.0, InitSchemes.MaxoutConstant(1));
        Assert.Throws<InputException>(() => InitSchemes.MaxoutConstant(11));
    }

    [Theory]
    [InlineData(300, 200)] // more inputs than rows: orthonormal rows
    [InlineData(200, 300)] // more rows than inputs: orthonormal columns
    public void Orthogonal_IsOrthonormalWithMeanSquareOneOverTheLargerSide(int fanIn, int fanOut)
    {
        var layer = Make(InitScheme.Orthogonal, widths: [fanIn, fanOut, 1]).Layers[0];
        var w = layer.Weight.ToArray();
        bool byRows = fanOut <= fanIn;
        int count = byRows ? fanOut : fanIn, length = byRows ? fanIn : fanOut;
        double At(int vector, int e) => byRows ? w[vector * fanIn + e] : w[e * fanIn + vector];
        for (int a = 0; a < count; a += 7)
            for (int b = a; b < count; b += 11)
            {
                double dot = 0;
                for (int e = 0; e < length; e++) dot += At(a, e) * At(b, e);
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 5); // float32 rounding of the entries
            }
        double meanSquare = 0;
        foreach (var v in w) meanSquare += v * v;
        Assert.Equal(1.0 / Math.Max(fanIn, fanOut), meanSquare / w.Length, 7);
    }

    /// <summary>Sphere: (w, b + 1/√(K fan_in)) is a unit vector for every piece, uniform on the sphere of
    /// R^(fan_in+1), so E[w_j²] = 1/(fan_in + 1).</summary>
    [Fact]
    public void Sphere_PiecesLieOnTheUnitSphereAndHaveVarianceOneOverFanInPlusOne()
    {
        const int pieces = 2;
        var layer = Make(InitScheme.Sphere, new ActivationSpec(Activation.Maxout, pieces), widths: [FanIn, 200, 1]).Layers[0];
        double shift = 1 / Math.Sqrt(pieces * FanIn);
        for (int r = 0; r < layer.Rows; r++)
        {
            double b = layer.Bias[r] + shift, squares = b * b;
            foreach (var v in layer.WeightRow(r)) squares += v * v;
            Assert.True(b >= -1e-7, $"row {r}: |b| - c + c = {b}");
            Assert.Equal(1.0, squares, 5);
        }
        AssertVariance(1.0 / (FanIn + 1), layer.Weight, "sphere");
    }

    /// <summary>Many regions, K = 3: piece j's weights are v·cos(θ_j + 0.01ε) with v ~ N(0, c_3/fan_in), so their
    /// variance is c_3/fan_in · E[cos²(θ_j + 0.01ε)] = c_3/fan_in · (1 + cos(2θ_j) e^(−0.0002))/2, θ_j = πj/3;
    /// the biases are sin(θ_j + 0.01ε′), within 0.05 of sin θ_j.</summary>
    [Fact]
    public void ManyRegions_PieceVariancesAndBiasesFollowTheAngles()
    {
        const int pieces = 3, units = 400;
        var layer = Make(InitScheme.ManyRegions, new ActivationSpec(Activation.Maxout, pieces), widths: [FanIn, units, 1]).Layers[0];
        double c = InitSchemes.MaxoutConstant(pieces) / FanIn;
        for (int p = 0; p < pieces; p++)
        {
            double theta = Math.PI * (p + 1) / pieces;
            var values = Enumerable.Range(0, units).SelectMany(u => layer.WeightRow(u * pieces + p).ToArray()).ToArray();
            AssertVariance(c * (1 + Math.Cos(2 * theta) * Math.Exp(-0.0002)) / 2, values, $"many_regions piece {p + 1}");
            for (int u = 0; u < units; u++)
                Assert.True(Math.Abs(layer.Bias[u * pieces + p] - Math.Sin(theta)) < 0.06, $"unit {u} piece {p + 1}");
        }
    }

    [Fact]
    public void BiasStd_Zero_GivesZeroBiasesAndS_GivesVarianceSSquared()
    {
        var zero = Make(InitScheme.HeNormal, biasStd: 0);
        Assert.All(zero.Layers, l => Assert.All(l.Bias.ToArray(), b => Assert.Equal(0.0, b)));
        var wide = Make(InitScheme.HeNormal, biasStd: 0.3, widths: [2, 100_000, 1]);
        AssertVariance(0.09, wide.Layers[0].Bias, "bias_std 0.3");
    }

    [Fact]
    public void DefaultBiases_AreDrawnLikeTheWeights()
    {
        const int fanIn = 4, rows = 100_000;
        var pytorch = Make(InitScheme.PyTorch, widths: [fanIn, rows, 1]).Layers[0];
        double bound = 1 / Math.Sqrt(fanIn);
        Assert.All(pytorch.Bias.ToArray(), b => Assert.True(Math.Abs(b) <= bound * (1 + 1e-7)));
        AssertVariance(1.0 / (3 * fanIn), pytorch.Bias, "pytorch bias");
        AssertVariance(2.0 / fanIn, Make(InitScheme.HeNormal, widths: [fanIn, rows, 1]).Layers[0].Bias, "he_normal bias");
        AssertVariance(1.0 / rows, Make(InitScheme.Orthogonal, widths: [fanIn, rows, 1]).Layers[0].Bias, "orthogonal bias");
    }

    [Fact]
    public void EveryWeightAndBias_IsAFloat32Value()
    {
        foreach (var scheme in Enum.GetValues<InitScheme>())
        {
            var activation = scheme.NeedsMaxout() ? new ActivationSpec(Activation.Maxout, 3) : ActivationSpec.Relu;
            var net = RandomNetworks.Create(new RandomNetworkSpec([3, 7, 5, 2], activation, scheme, null, 9));
            foreach (var layer in net.Layers)
            {
                Assert.All(layer.Weight.ToArray(), w => Assert.Equal(w, (double)(float)w));
                Assert.All(layer.Bias.ToArray(), b => Assert.Equal(b, (double)(float)b));
            }
        }
    }
}
