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

    /// <summary>
    /// The inverse of the 4 × 4 row-major <paramref name="m"/> by cofactors (the adjugate over the determinant,
    /// the cofactors from the twelve 2 × 2 minors of its top and bottom row pairs), column by column into
    /// <paramref name="columns"/> as <see cref="Invert"/> writes them: about a hundred products with no chain of
    /// divisions and no pivot search, where a 3-D Chebyshev guess is tried up to five times a region. False, leaving
    /// the columns unwritten, when |det| is not above <see cref="NumericGuards.LpDependenceRatio"/> times the
    /// product of the rows' norms (that product bounds |det|, Hadamard's inequality: the ratio is the rows'
    /// independence, free of their scale).
    /// </summary>
    public static bool Invert4(ReadOnlySpan<double> m, Span<double> columns)
    {
        double a00 = m[0], a01 = m[1], a02 = m[2], a03 = m[3];
        double a10 = m[4], a11 = m[5], a12 = m[6], a13 = m[7];
        double a20 = m[8], a21 = m[9], a22 = m[10], a23 = m[11];
        double a30 = m[12], a31 = m[13], a32 = m[14], a33 = m[15];
        double s0 = a00 * a11 - a10 * a01, s1 = a00 * a12 - a10 * a02, s2 = a00 * a13 - a10 * a03;
        double s3 = a01 * a12 - a11 * a02, s4 = a01 * a13 - a11 * a03, s5 = a02 * a13 - a12 * a03;
        double c5 = a22 * a33 - a32 * a23, c4 = a21 * a33 - a31 * a23, c3 = a21 * a32 - a31 * a22;
        double c2 = a20 * a33 - a30 * a23, c1 = a20 * a32 - a30 * a22, c0 = a20 * a31 - a30 * a21;
        double det = s0 * c5 - s1 * c4 + s2 * c3 + s3 * c2 - s4 * c1 + s5 * c0;
        double hadamard = Math.Sqrt((a00 * a00 + a01 * a01 + a02 * a02 + a03 * a03)
                                    * (a10 * a10 + a11 * a11 + a12 * a12 + a13 * a13)
                                    * (a20 * a20 + a21 * a21 + a22 * a22 + a23 * a23)
                                    * (a30 * a30 + a31 * a31 + a32 * a32 + a33 * a33));
        if (!(Math.Abs(det) > NumericGuards.LpDependenceRatio * hadamard)) return false;
        double f = 1 / det;
        // columns[q·4 + t] = (B⁻¹)[t, q].
        columns[0] = (a11 * c5 - a12 * c4 + a13 * c3) * f;
        columns[4] = (-a01 * c5 + a02 * c4 - a03 * c3) * f;
        columns[8] = (a31 * s5 - a32 * s4 + a33 * s3) * f;
        columns[12] = (-a21 * s5 + a22 * s4 - a23 * s3) * f;
        columns[1] = (-a10 * c5 + a12 * c2 - a13 * c1) * f;
        columns[5] = (a00 * c5 - a02 * c2 + a03 * c1) * f;
        columns[9] = (-a30 * s5 + a32 * s2 - a33 * s1) * f;
        columns[13] = (a20 * s5 - a22 * s2 + a23 * s1) * f;
        columns[2] = (a10 * c4 - a11 * c2 + a13 * c0) * f;
        columns[6] = (-a00 * c4 + a01 * c2 - a03 * c0) * f;
        columns[10] = (a30 * s4 - a31 * s2 + a33 * s0) * f;
        columns[14] = (-a20 * s4 + a21 * s2 - a23 * s0) * f;
        columns[3] = (-a10 * c3 + a11 * c1 - a12 * c0) * f;
        columns[7] = (a00 * c3 - a01 * c1 + a02 * c0) * f;
        columns[11] = (-a30 * s3 + a31 * s1 - a32 * s0) * f;
        columns[15] = (a20 * s3 - a21 * s1 + a22 * s0) * f;
        return true;
    }

    /// <summary>The inverse of the 3 × 3 row-major <paramref name="m"/> by cofactors, as <see cref="Invert4"/>
    /// (a 2-D polygon's Chebyshev guesses: three variables), with its Hadamard test.</summary>
    public static bool Invert3(ReadOnlySpan<double> m, Span<double> columns)
    {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double c00 = e * i - f * h, c01 = f * g - d * i, c02 = d * h - e * g;
        double det = a * c00 + b * c01 + c * c02;
        double hadamard = Math.Sqrt((a * a + b * b + c * c) * (d * d + e * e + f * f) * (g * g + h * h + i * i));
        if (!(Math.Abs(det) > NumericGuards.LpDependenceRatio * hadamard)) return false;
        double r = 1 / det;
        // columns[q·3 + t] = (B⁻¹)[t, q] = cofactor (q, t) / det.
        columns[0] = c00 * r; columns[1] = c01 * r; columns[2] = c02 * r;
        columns[3] = (c * h - b * i) * r; columns[4] = (a * i - c * g) * r; columns[5] = (b * g - a * h) * r;
        columns[6] = (b * f - c * e) * r; columns[7] = (c * d - a * f) * r; columns[8] = (a * e - b * d) * r;
        return true;
    }
}
