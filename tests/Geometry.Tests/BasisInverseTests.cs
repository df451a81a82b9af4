using Polytopes.Geometry;
using Polytopes.Geometry.Lp;
using Xunit;

namespace Polytopes.Geometry.Tests;

public class BasisInverseTests
{
    /// <summary>The cofactor inverse of random 4 × 4 matrices, checked by B·D = I (an independent test of any
    /// inverse) and against Gauss–Jordan elimination's.</summary>
    [Fact]
    public void CofactorInverseOfRandomMatricesIsTheInverse() => AssertInverts(4, (m, c) => BasisInverse.Invert4(m, c), 41);

    /// <summary>The inverse of random n × n matrices by <paramref name="invert"/>: B·D = I, and elimination's.</summary>
    private static void AssertInverts(int n, Func<double[], double[], bool> invert, int seed)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 500; trial++)
        {
            var m = new double[n * n];
            for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() * 2 - 1;
            var columns = new double[n * n];
            Assert.True(invert(m, columns));
            for (int r = 0; r < n; r++)
                for (int q = 0; q < n; q++)
                {
                    // Row r of B times column q of the inverse: δ_rq.
                    double sum = 0;
                    for (int t = 0; t < n; t++) sum += m[r * n + t] * columns[q * n + t];
                    Assert.Equal(r == q ? 1 : 0, sum, 1e-9);
                }
            var aug = new double[2 * n * n];
            for (int r = 0; r < n; r++)
            {
                Array.Copy(m, r * n, aug, r * 2 * n, n);
                aug[r * 2 * n + n + r] = 1;
            }
            var eliminated = new double[n * n];
            Assert.True(BasisInverse.Invert(aug, n, eliminated));
            for (int i = 0; i < eliminated.Length; i++)
                Assert.Equal(eliminated[i], columns[i], 1e-8 * (1 + Math.Abs(eliminated[i])));
        }
    }

    /// <summary>Dependent rows (a row the sum of two others, and two equal rows up to 1e-13) are refused, however
    /// the matrix is scaled.</summary>
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(1e6, 0.0)]
    [InlineData(1e-6, 0.0)]
    [InlineData(1.0, 1e-13)]
    public void DependentRowsAreRefused(double scale, double nudge)
    {
        double[] m =
        [
            1, 2, 0, 1,
            0, 1, 3, 1,
            1, 3, 3 + nudge, 2,
            2, 0, 1, 1,
        ];
        for (int i = 0; i < 16; i++) m[i] *= scale;
        Assert.False(BasisInverse.Invert4(m, new double[16]));
        for (int i = 0; i < 16; i++) m[i] /= scale;
        m[10] = 4; // now independent
        for (int i = 0; i < 16; i++) m[i] *= scale;
        Assert.True(BasisInverse.Invert4(m, new double[16]));
    }

    /// <summary>The 3 × 3 cofactor inverse, as the 4 × 4 one: B·D = I and elimination's inverse on random
    /// matrices, and dependent rows refused at any scale.</summary>
    [Fact]
    public void CofactorInverseOf3x3()
    {
        AssertInverts(3, (m, c) => BasisInverse.Invert3(m, c), 43);
        foreach (double scale in new[] { 1.0, 1e6, 1e-6 })
        {
            double[] dependent = [1 * scale, 2 * scale, 0, 0, 1 * scale, 3 * scale, 1 * scale, 3 * scale, 3 * scale];
            Assert.False(BasisInverse.Invert3(dependent, new double[9]));
            dependent[8] = 4 * scale;
            Assert.True(BasisInverse.Invert3(dependent, new double[9]));
        }
    }
}
