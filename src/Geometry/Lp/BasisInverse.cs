namespace Polytopes.Geometry.Lp;

/// <summary>The inverse of a basis (n rows held tight) by Gauss–Jordan elimination with partial pivoting, as the
/// vertex walks keep it: column q is the edge that leaves row q alone.</summary>
internal static class BasisInverse
{
    /// <summary>Reduces the augmented n × 2n matrix [B | I] in <paramref name="aug"/> (overwritten) and writes B⁻¹
    /// column by column into <paramref name="columns"/> (column q at [q·n, (q+1)·n)); false, leaving the columns
    /// unwritten, when a pivot is not above <see cref="NumericGuards.LpDependenceRatio"/> (a nearly singular
    /// basis).</summary>
    public static bool Invert(Span<double> aug, int n, Span<double> columns)
    {
        int width = 2 * n;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int p = col + 1; p < n; p++)
                if (Math.Abs(aug[p * width + col]) > Math.Abs(aug[pivot * width + col])) pivot = p;
            if (!(Math.Abs(aug[pivot * width + col]) > NumericGuards.LpDependenceRatio)) return false;
            if (pivot != col)
                for (int t = 0; t < width; t++)
                    (aug[col * width + t], aug[pivot * width + t]) = (aug[pivot * width + t], aug[col * width + t]);
            double inv = 1 / aug[col * width + col];
            for (int t = 0; t < width; t++) aug[col * width + t] *= inv;
            for (int p = 0; p < n; p++)
            {
                if (p == col) continue;
                double f = aug[p * width + col];
                if (f == 0) continue;
                for (int t = 0; t < width; t++) aug[p * width + t] -= f * aug[col * width + t];
            }
        }
        // B X = I with X = aug's right half: X[t, q] is the t-th coordinate of D_q.
        for (int q = 0; q < n; q++)
            for (int t = 0; t < n; t++) columns[q * n + t] = aug[t * width + n + q];
        return true;
    }
}
