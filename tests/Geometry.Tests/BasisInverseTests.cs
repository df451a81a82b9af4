using Polytopes.Geometry;
using Polytopes.Geometry.Lp;
using Xunit;

namespace Polytopes.Geometry.Tests;

public class BasisInverseTests
{
    /// <summary>The cofactor inverse of random 4 × 4 matrices, checked by B·D = I (an independent test of any
    /// inverse) and against Gauss–Jordan elimination's.</summary>
    [Fact]
    public void CofactorInverseOfRandomMatricesIsTheInverse()
    {
        var rng = new Random(41);
        for (int trial = 0; trial < 500; trial++)
        {
            var m = new double[16];
            for (int i = 0; i < 16; i++) m[i] = rng.NextDouble() * 2 - 1;
            var columns = new double[16];
            Assert.True(BasisInverse.Invert4(m, columns));
            for (int r = 0; r < 4; r++)
                for (int q = 0; q < 4; q++)
                {
                    // Row r of B times column q of the inverse: δ_rq.
                    double sum = 0;
                    for (int t = 0; t < 4; t++) sum += m[r * 4 + t] * columns[q * 4 + t];
                    Assert.Equal(r == q ? 1 : 0, sum, 1e-9);
                }
            var aug = new double[32];
            for (int r = 0; r < 4; r++)
            {
                Array.Copy(m, r * 4, aug, r * 8, 4);
                aug[r * 8 + 4 + r] = 1;
            }
            var eliminated = new double[16];
            Assert.True(BasisInverse.Invert(aug, 4, eliminated));
            for (int i = 0; i < 16; i++) Assert.Equal(eliminated[i], columns[i], 1e-8 * (1 + Math.Abs(eliminated[i])));
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
        var rng = new Random(43);
        for (int trial = 0; trial < 500; trial++)
        {
            var m = new double[9];
            for (int i = 0; i < 9; i++) m[i] = rng.NextDouble() * 2 - 1;
            var columns = new double[9];
            Assert.True(BasisInverse.Invert3(m, columns));
            for (int r = 0; r < 3; r++)
                for (int q = 0; q < 3; q++)
                {
                    double sum = 0;
                    for (int t = 0; t < 3; t++) sum += m[r * 3 + t] * columns[q * 3 + t];
                    Assert.Equal(r == q ? 1 : 0, sum, 1e-9);
                }
            var aug = new double[18];
            for (int r = 0; r < 3; r++)
            {
                Array.Copy(m, r * 3, aug, r * 6, 3);
                aug[r * 6 + 3 + r] = 1;
            }
            var eliminated = new double[9];
            Assert.True(BasisInverse.Invert(aug, 3, eliminated));
            for (int i = 0; i < 9; i++) Assert.Equal(eliminated[i], columns[i], 1e-8 * (1 + Math.Abs(eliminated[i])));
        }
        foreach (double scale in new[] { 1.0, 1e6, 1e-6 })
        {
            double[] dependent = [1 * scale, 2 * scale, 0, 0, 1 * scale, 3 * scale, 1 * scale, 3 * scale, 3 * scale];
            Assert.False(BasisInverse.Invert3(dependent, new double[9]));
            dependent[8] = 4 * scale;
            Assert.True(BasisInverse.Invert3(dependent, new double[9]));
        }
    }
}
