using Polytopes.Geometry;

namespace Polytopes.Enumeration.Sampling;

/// <summary>
/// Region counts from ρ, the boundary crossings per unit length along isotropic random lines
/// (<see cref="LineSample.CrossingDensity"/>), for a box K with sides a_1..a_d.
/// <list type="bullet">
/// <item><see cref="BoundaryMeasure"/> (exact in expectation, Crofton): the (d−1)-volume of all region boundaries
/// inside K is S = ρ · d·κ_d / (2·κ_{d−1}) · vol(K), since a line meets a surface element at a uniformly random
/// angle with E|cos| = 2κ_{d−1}/(d·κ_d). In 2-D: total boundary length L = (π/2)·ρ·area (stereology's
/// L_A = (π/2)·P_L); in 1-D the number of breakpoints ρ·length.</item>
/// <item><see cref="PoissonHyperplanes"/> (a model): the expected number of cells meeting K of an isotropic
/// Poisson hyperplane tessellation with the same crossing density, Σ_{k=0}^{d} κ_k (ρ/2)^k V_k(K), where V_k is
/// the k-th intrinsic volume (for a box the elementary symmetric polynomial e_k(a_1..a_d)) and κ_k the volume of
/// the unit k-ball. This is Zaslavsky's count of a generic arrangement — one region plus one per hyperplane,
/// per pair meeting, …, per vertex in K — averaged over random hyperplanes (Schneider &amp; Weil 2008, Stochastic and
/// Integral Geometry, §4.4 and §10.3). In 2-D: 1 + ρ·perimeter/2 + (π/4)·ρ²·area. Exact in 1-D (1 + crossings).
/// It treats the bent hyperplanes of a deep network as flat, independent and isotropic.</item>
/// <item><see cref="HaninRolnick"/> (a scaling): vol(K)·ρ^d/d!, the form of Hanin &amp; Rolnick's bound
/// #regions/vol ≤ (T·#neurons)^d/d! (NeurIPS 2019, "Deep ReLU networks have surprisingly few activation
/// patterns", Thm. 1) with T·#neurons, the density of boundary per unit length their analysis tracks, replaced by
/// the measured ρ. It is the leading term of a hyperplane-count formula without the isotropy constant and
/// boundary terms, so it is only the right order of magnitude.</item>
/// </list>
/// </summary>
public static class LineEstimators
{
    public static double PoissonHyperplanes(double rho, Box box)
    {
        var v = IntrinsicVolumes(box);
        double sum = 0;
        for (int k = 0; k < v.Length; k++) sum += BallVolume(k) * Math.Pow(rho / 2, k) * v[k];
        return sum;
    }

    public static double HaninRolnick(double rho, Box box)
    {
        int d = box.Dimension;
        return box.Volume() * Math.Pow(rho, d) / Factorial(d);
    }

    public static double BoundaryMeasure(double rho, Box box)
    {
        int d = box.Dimension;
        return rho * d * BallVolume(d) / (2 * BallVolume(d - 1)) * box.Volume();
    }

    /// <summary>κ_k = π^{k/2}/Γ(k/2 + 1): 1, 2, π, 4π/3, … (κ_k = 2π/k · κ_{k−2}).</summary>
    public static double BallVolume(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0) return 1;
        if (k == 1) return 2;
        return 2 * Math.PI / k * BallVolume(k - 2);
    }

    /// <summary>V_0..V_d of a box: the elementary symmetric polynomials of its side lengths.</summary>
    public static double[] IntrinsicVolumes(Box box)
    {
        int d = box.Dimension;
        var e = new double[d + 1];
        e[0] = 1;
        for (int j = 0; j < d; j++)
        {
            double a = box.Hi[j] - box.Lo[j];
            for (int k = j + 1; k >= 1; k--) e[k] += a * e[k - 1];
        }
        return e;
    }

    internal static double Factorial(int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }
}
