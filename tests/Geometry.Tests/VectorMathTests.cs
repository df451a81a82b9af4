using Polytopes.Geometry;

namespace Polytopes.Geometry.Tests;

/// <summary>The vectorised kernels against their one-row-at-a-time definitions, written out here: the same
/// numbers bit for bit (the solvers' results must not depend on how many rows a vector holds), on lengths that
/// leave every possible tail after whole vectors, with ties, zeros, negative and non-blocking rows.</summary>
public class VectorMathTests
{
    private static double[] Numbers(Random rng, int count, bool withTies)
    {
        var x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = rng.Next(4) switch { 0 => 0, 1 => -rng.NextDouble(), _ => rng.NextDouble() };
            if (withTies && i > 0 && rng.Next(3) == 0) x[i] = x[rng.Next(i)];
        }
        return x;
    }

    [Fact]
    public void MultiplyColumnsGivesEachRowsDotProduct()
    {
        var rng = new Random(5);
        for (int rows = 0; rows <= 13; rows++)
        for (int n = 1; n <= 7; n++)
        {
            int stride = rows + rng.Next(3);
            var columns = Numbers(rng, n * stride, false);
            var v = Numbers(rng, n, false);
            var result = new double[rows];
            VectorMath.MultiplyColumns(columns, stride, rows, v, result);
            for (int i = 0; i < rows; i++)
            {
                var row = new double[n];
                for (int t = 0; t < n; t++) row[t] = columns[t * stride + i];
                Assert.Equal(BitConverter.DoubleToInt64Bits(VectorMath.Dot(row, v)), BitConverter.DoubleToInt64Bits(result[i]));
            }
        }
    }

    [Fact]
    public void MultiplyColumnsRefusesColumnsTooShortForTheRows()
    {
        Assert.Throws<ArgumentException>(() =>
            VectorMath.MultiplyColumns(new double[7], 4, 4, new double[2], new double[4]));
    }

    [Fact]
    public void LeastPositiveRatioIsTheFirstLeastQuotientOverPositiveDenominators()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 400; trial++)
        {
            int m = trial % 14;
            var num = Numbers(rng, m, true);
            var den = Numbers(rng, m, true);
            var ratios = new double[m];
            int got = VectorMath.LeastPositiveRatio(num, den, ratios, out double least);

            int expected = -1;
            double best = double.PositiveInfinity;
            for (int j = 0; j < m; j++)
            {
                double t = den[j] > 0 ? num[j] / den[j] : double.PositiveInfinity;
                Assert.Equal(t, ratios[j]);
                if (t < best) { best = t; expected = j; }
            }
            Assert.Equal(expected, got);
            Assert.Equal(best, least);
        }
    }

    [Fact]
    public void LeastPositiveRatioPrefersTheLowestIndexAmongEqualRatiosInDifferentLanes()
    {
        // Rows 2, 5 and 9 give 0.5: row 2 in lane 2 of the first vector, row 5 in lane 1 of the second (an earlier
        // lane), row 9 in the tail. The lowest index wins, not the earliest lane.
        var num = new double[] { 3, 5, 1, 5, 5, 1, 5, 5, 5, 1 };
        var den = new double[] { 1, 1, 2, 1, 1, 2, 1, 1, 1, 2 };
        Assert.Equal(2, VectorMath.LeastPositiveRatio(num, den, new double[10], out double least));
        Assert.Equal(0.5, least);
    }

    [Fact]
    public void BlockingRatiosMatchTheSimplexRatioTest()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 400; trial++)
        {
            int m = trial % 14;
            var slack = Numbers(rng, m, true);
            var along = Numbers(rng, m, true);
            var norm = new double[m];
            for (int j = 0; j < m; j++) norm[j] = rng.Next(3) == 0 ? 1e12 : rng.NextDouble();
            var ratios = new double[m];
            VectorMath.BlockingRatios(slack, along, norm, 1e-10, ratios);
            for (int j = 0; j < m; j++)
            {
                double expected = along[j] > 1e-10 * norm[j] ? (slack[j] > 0 ? slack[j] / along[j] : 0) : double.PositiveInfinity;
                Assert.Equal(expected, ratios[j]);
            }
        }
    }

    [Fact]
    public void RankOrderIsAStableSortByKey()
    {
        var rng = new Random(17);
        double[] pool = [0.0, -0.0, 1, 1, -3.5, 2e-300, double.PositiveInfinity, double.NegativeInfinity, 0.25];
        for (int trial = 0; trial < 600; trial++)
        {
            int m = trial % 41;
            // Half the trials draw from a small pool, so most keys repeat (ties, and -0 equal to 0).
            var keys = new double[m];
            for (int j = 0; j < m; j++) keys[j] = trial % 2 == 0 ? pool[rng.Next(pool.Length)] : rng.NextDouble() - 0.5;
            var order = new int[m];
            VectorMath.RankOrder(keys, order);
            // LINQ's OrderBy is stable: equal keys keep their index order.
            var expected = Enumerable.Range(0, m).OrderBy(j => keys[j]).ToArray();
            Assert.Equal(expected, order);
        }
    }
}
