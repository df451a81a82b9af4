using System.Numerics;

namespace Polytopes.Geometry.Exact;

/// <summary>
/// Small dense linear systems M y = r solved exactly by fraction-free (Bareiss) Gaussian elimination: every row is
/// first scaled to integers (by the lcm of its denominators, which does not change the solutions), then eliminated
/// in integers, where each division is exact (Sylvester's identity: after k steps every entry is a (k+1)×(k+1)
/// minor of the scaled matrix). Only the final back substitution works in rationals. Pivots are the first row
/// with a non-zero entry (deterministic). Sizes here are at most d×d for an input dimension d.
/// </summary>
public static class ExactLinearSystem
{
    /// <summary>A solution y of M y = r (free variables 0), or null when the system is inconsistent.
    /// <paramref name="m"/> is rows × columns, row-major.</summary>
    public static Rational[]? Solve(Rational[] m, int rows, int columns, ReadOnlySpan<Rational> r)
    {
        if (m.Length != rows * columns) throw new ArgumentException($"matrix has {m.Length} entries, expected {rows}×{columns}");
        if (r.Length != rows) throw new ArgumentException($"right-hand side has {r.Length} entries, expected {rows}");
        int w = columns + 1;
        var t = new BigInteger[rows * w];
        for (int i = 0; i < rows; i++)
        {
            var lcm = BigInteger.One;
            for (int j = 0; j <= columns; j++)
            {
                var q = (j < columns ? m[i * columns + j] : r[i]).Denominator;
                if (!q.IsOne) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, q) * q;
            }
            for (int j = 0; j <= columns; j++)
            {
                var v = j < columns ? m[i * columns + j] : r[i];
                t[i * w + j] = v.Numerator * (lcm / v.Denominator);
            }
        }

        var pivotColumn = new int[Math.Min(rows, columns)];
        int rank = 0;
        var previous = BigInteger.One;
        for (int c = 0; c < columns && rank < rows; c++)
        {
            int p = rank;
            while (p < rows && t[p * w + c].IsZero) p++;
            if (p == rows) continue;
            if (p != rank) SwapRows(t, w, p, rank);
            var pivot = t[rank * w + c];
            for (int i = rank + 1; i < rows; i++)
            {
                var factor = t[i * w + c];
                for (int j = c + 1; j < w; j++)
                {
                    var value = pivot * t[i * w + j] - factor * t[rank * w + j];
                    var quotient = BigInteger.DivRem(value, previous, out var remainder);
                    if (!remainder.IsZero) throw new InvalidOperationException("Bareiss division was not exact");
                    t[i * w + j] = quotient;
                }
                t[i * w + c] = BigInteger.Zero;
            }
            previous = pivot;
            pivotColumn[rank++] = c;
        }
        for (int i = rank; i < rows; i++)
            if (!t[i * w + columns].IsZero) return null; // 0 = non-zero: inconsistent

        var y = new Rational[columns];
        for (int k = rank - 1; k >= 0; k--)
        {
            int c = pivotColumn[k];
            Rational s = t[k * w + columns];
            for (int j = c + 1; j < columns; j++)
                if (!t[k * w + j].IsZero && !y[j].IsZero) s -= (Rational)t[k * w + j] * y[j];
            y[c] = s / (Rational)t[k * w + c];
        }
        return y;
    }

    /// <summary>
    /// Cramer's rule in integers for a square system M y = r (n × n, row-major): y_j = numerators[j] / determinant,
    /// all integers, with determinant = ±det(M') for M' the matrix with each equation scaled to integers. No rational
    /// arithmetic at all, so the solution's signs and the comparisons of a Farkas certificate stay in integers.
    /// One Bareiss elimination of [M' | r'] gives the determinant as its last pivot U_nn; the back substitution
    /// stays in integers too, since Y_i = U_nn·y_i are the Cramer numerators, integers, and
    /// U_ii·Y_i = U_nn·r''_i − Σ_{j&gt;i} U_ij·Y_j divides exactly. False when M is singular.
    /// </summary>
    public static bool SolveByCramer(Rational[] m, int n, ReadOnlySpan<Rational> r, out BigInteger[] numerators,
        out BigInteger determinant)
    {
        if (m.Length != n * n || r.Length != n) throw new ArgumentException("Cramer's rule needs a square system");
        int w = n + 1;
        var t = new BigInteger[n * w];
        for (int i = 0; i < n; i++)
        {
            var lcm = r[i].Denominator;
            for (int j = 0; j < n; j++)
            {
                var q = m[i * n + j].Denominator;
                if (!q.IsOne && !(lcm % q).IsZero) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, q) * q;
            }
            for (int j = 0; j < n; j++) t[i * w + j] = m[i * n + j].Numerator * (lcm / m[i * n + j].Denominator);
            t[i * w + n] = r[i].Numerator * (lcm / r[i].Denominator);
        }
        numerators = new BigInteger[n];
        determinant = BigInteger.Zero;
        var previous = BigInteger.One;
        for (int k = 0; k < n; k++)
        {
            int p = k;
            while (p < n && t[p * w + k].IsZero) p++;
            if (p == n) return false;
            if (p != k) SwapRows(t, w, p, k);
            for (int i = k + 1; i < n; i++)
            {
                for (int j = k + 1; j < w; j++)
                    t[i * w + j] = (t[k * w + k] * t[i * w + j] - t[i * w + k] * t[k * w + j]) / previous;
                t[i * w + k] = BigInteger.Zero;
            }
            previous = t[k * w + k];
        }
        determinant = t[(n - 1) * w + (n - 1)];
        for (int i = n - 1; i >= 0; i--)
        {
            var s = determinant * t[i * w + n];
            for (int j = i + 1; j < n; j++)
                if (!t[i * w + j].IsZero) s -= t[i * w + j] * numerators[j];
            numerators[i] = BigInteger.DivRem(s, t[i * w + i], out var remainder);
            if (!remainder.IsZero) throw new InvalidOperationException("fraction-free back substitution was not exact");
        }
        return true;
    }

    /// <summary>The rank of a rows × columns matrix (row-major).</summary>
    public static int Rank(Rational[] m, int rows, int columns)
    {
        if (m.Length != rows * columns) throw new ArgumentException($"matrix has {m.Length} entries, expected {rows}×{columns}");
        return RankOf(m, rows, columns);
    }

    private static int RankOf(Rational[] m, int rows, int columns)
    {
        var a = (Rational[])m.Clone();
        int rank = 0;
        for (int c = 0; c < columns && rank < rows; c++)
        {
            int p = rank;
            while (p < rows && a[p * columns + c].IsZero) p++;
            if (p == rows) continue;
            for (int j = 0; j < columns; j++) (a[p * columns + j], a[rank * columns + j]) = (a[rank * columns + j], a[p * columns + j]);
            for (int i = rank + 1; i < rows; i++)
            {
                if (a[i * columns + c].IsZero) continue;
                var f = a[i * columns + c] / a[rank * columns + c];
                for (int j = c; j < columns; j++) a[i * columns + j] -= f * a[rank * columns + j];
            }
            rank++;
        }
        return rank;
    }

    private static void SwapRows(BigInteger[] t, int w, int p, int q)
    {
        for (int j = 0; j < w; j++) (t[p * w + j], t[q * w + j]) = (t[q * w + j], t[p * w + j]);
    }
}
