namespace Polytopes.Enumeration.Init;

/// <summary>Random weight initialisations used in the linear-region literature. Each member's comment gives
/// the distribution of one weight for a layer with fan_in inputs and fan_out rows (maxout: units × K rows);
/// <see cref="InitSchemes.Describe"/> gives the same text for help pages.</summary>
public enum InitScheme
{
    /// <summary>N(0, 2/fan_in). He, Zhang, Ren &amp; Sun 2015, "Delving deep into rectifiers" (ICCV);
    /// torch.nn.init.kaiming_normal_ with the ReLU gain √2.</summary>
    HeNormal,
    /// <summary>U(−√(6/fan_in), √(6/fan_in)), variance 2/fan_in. He et al. 2015; kaiming_uniform_.</summary>
    HeUniform,
    /// <summary>N(0, 2/(fan_in+fan_out)). Glorot &amp; Bengio 2010 (AISTATS); xavier_normal_.</summary>
    GlorotNormal,
    /// <summary>U(±√(6/(fan_in+fan_out))), variance 2/(fan_in+fan_out). Glorot &amp; Bengio 2010; xavier_uniform_.</summary>
    GlorotUniform,
    /// <summary>N(0, 1/fan_in). LeCun, Bottou, Orr &amp; Müller 1998, "Efficient BackProp" (untruncated, unlike
    /// Keras's lecun_normal).</summary>
    LecunNormal,
    /// <summary>U(±√(3/fan_in)), variance 1/fan_in. LeCun et al. 1998.</summary>
    LecunUniform,
    /// <summary>PyTorch's nn.Linear default (reset_parameters: kaiming_uniform_ with a = √5): weights and biases
    /// U(±1/√fan_in), variance 1/(3 fan_in).</summary>
    PyTorch,
    /// <summary>A Gaussian matrix made orthonormal by Gram–Schmidt (QR with R's diagonal positive, as
    /// torch.nn.init.orthogonal_, gain 1): orthonormal rows if fan_out ≤ fan_in, else orthonormal columns;
    /// mean square weight 1/max(fan_in, fan_out). Saxe, McClelland &amp; Ganguli 2014 (ICLR).</summary>
    Orthogonal,
    /// <summary>N(0, c_K/fan_in) with c_K = 1/E[(max of K standard normals)²]: c_2 = 1, c_3 = 2π/(√3+2π),
    /// c_4 = π/(√3+π), c_5 ≈ 0.55555; layers without maxout use c = 2 (He). Tseran &amp; Montúfar 2021, "On the
    /// expected complexity of maxout networks" (NeurIPS), their "maxout-He" initialisation.</summary>
    MaxoutHe,
    /// <summary>Each maxout piece (w, b) drawn from maxout-He, scaled to unit length jointly, then
    /// b ← |b| − 1/√(K fan_in). Tseran &amp; Montúfar 2021, "sphere" initialisation. Maxout layers only; the
    /// output layer is maxout-He with K = 1.</summary>
    Sphere,
    /// <summary>Per maxout unit one v ~ N(0, c_K/fan_in · I); piece j = 1..K gets w_j = v·cos(πj/K + 0.01ε),
    /// b_j = sin(πj/K + 0.01ε′), ε, ε′ ~ N(0, 1): the pieces are tangents of a concave curve along v, so every
    /// piece wins somewhere and the unit has K − 1 breakpoints. Tseran &amp; Montúfar 2021, "many regions"
    /// initialisation. Maxout layers only; the output layer is maxout-He with K = 1.</summary>
    ManyRegions,
}

public static class InitSchemes
{
    private static readonly (InitScheme Scheme, string Name, string Description)[] Table =
    [
        (InitScheme.HeNormal, "he_normal",
            "N(0, 2/fan_in) - He et al. 2015 (ICCV), Kaiming normal"),
        (InitScheme.HeUniform, "he_uniform",
            "U(+-sqrt(6/fan_in)), variance 2/fan_in - He et al. 2015, Kaiming uniform"),
        (InitScheme.GlorotNormal, "glorot_normal",
            "N(0, 2/(fan_in+fan_out)) - Glorot & Bengio 2010 (AISTATS), Xavier normal"),
        (InitScheme.GlorotUniform, "glorot_uniform",
            "U(+-sqrt(6/(fan_in+fan_out))), variance 2/(fan_in+fan_out) - Glorot & Bengio 2010, Xavier uniform"),
        (InitScheme.LecunNormal, "lecun_normal",
            "N(0, 1/fan_in) - LeCun et al. 1998, Efficient BackProp"),
        (InitScheme.LecunUniform, "lecun_uniform",
            "U(+-sqrt(3/fan_in)), variance 1/fan_in - LeCun et al. 1998"),
        (InitScheme.PyTorch, "pytorch",
            "weights and biases U(+-1/sqrt(fan_in)), variance 1/(3 fan_in) - PyTorch nn.Linear default " +
            "(kaiming_uniform_ with a=sqrt(5))"),
        (InitScheme.Orthogonal, "orthogonal",
            "Gaussian matrix orthonormalised by Gram-Schmidt (orthonormal rows if fan_out <= fan_in, else columns; " +
            "gain 1), mean square 1/max(fan_in, fan_out) - Saxe et al. 2014 (ICLR), torch orthogonal_"),
        (InitScheme.MaxoutHe, "maxout_he",
            "N(0, c_K/fan_in), c_K = 1/E[(max of K standard normals)^2]: c_2 = 1, c_3 = 2pi/(sqrt3+2pi), " +
            "c_4 = pi/(sqrt3+pi), c_5 = 0.55555...; non-maxout layers c = 2 - Tseran & Montufar 2021 (NeurIPS), maxout-He"),
        (InitScheme.Sphere, "sphere",
            "each maxout piece (w, b) from maxout_he, scaled to unit length, then b <- |b| - 1/sqrt(K fan_in); " +
            "maxout only - Tseran & Montufar 2021, sphere"),
        (InitScheme.ManyRegions, "many_regions",
            "per unit v ~ N(0, c_K/fan_in I); piece j=1..K: w = v cos(pi j/K + 0.01 e), b = sin(pi j/K + 0.01 e'), " +
            "e, e' ~ N(0,1); maxout only - Tseran & Montufar 2021, many regions"),
    ];

    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    public static string ToName(this InitScheme scheme) => Table.First(t => t.Scheme == scheme).Name;

    /// <summary>Formula and source, one line (ASCII, for help pages).</summary>
    public static string Describe(this InitScheme scheme) => Table.First(t => t.Scheme == scheme).Description;

    public static bool TryParse(string name, out InitScheme scheme)
    {
        foreach (var t in Table)
            if (t.Name == name) { scheme = t.Scheme; return true; }
        scheme = default;
        return false;
    }

    /// <summary>Schemes defined by Tseran &amp; Montúfar for maxout layers only.</summary>
    public static bool NeedsMaxout(this InitScheme scheme) => scheme is InitScheme.Sphere or InitScheme.ManyRegions;

    /// <summary>Whether the scheme sets the biases itself (then --bias-std does not apply).</summary>
    public static bool SetsOwnBiases(this InitScheme scheme) => scheme is InitScheme.Sphere or InitScheme.ManyRegions;

    /// <summary>The variance of one weight of a layer (for orthogonal: the mean square, exactly), before float32
    /// rounding. Sphere and many_regions have no single variance (see the enum comments) and throw.</summary>
    public static double WeightVariance(this InitScheme scheme, int fanIn, int fanOut, int pieces) => scheme switch
    {
        InitScheme.HeNormal or InitScheme.HeUniform => 2.0 / fanIn,
        InitScheme.GlorotNormal or InitScheme.GlorotUniform => 2.0 / (fanIn + fanOut),
        InitScheme.LecunNormal or InitScheme.LecunUniform => 1.0 / fanIn,
        InitScheme.PyTorch => 1.0 / (3.0 * fanIn),
        InitScheme.Orthogonal => 1.0 / Math.Max(fanIn, fanOut),
        InitScheme.MaxoutHe => MaxoutConstant(pieces) / fanIn,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "no single weight variance"),
    };

    /// <summary>Largest K with a tabulated maxout-He constant.</summary>
    public const int MaxTabulatedPieces = 10;

    /// <summary>c_K of maxout-He (Tseran &amp; Montúfar 2021): the variance factor that keeps E[y²] of a rank-K
    /// maxout unit equal to E[x²]. K = 1 (a layer without maxout) uses He's 2, as their code does for the
    /// final linear layer. c_2..c_4 are their closed forms; c_5..c_10 are 1/E[M_K²] for M_K the maximum of K
    /// standard normals, E[M_K²] = ∫ x² K φ(x) Φ(x)^(K−1) dx by Simpson's rule to 1e-12 (their code rounds c_5 to
    /// 0.5555; a test recomputes the table).</summary>
    public static double MaxoutConstant(int pieces) => pieces switch
    {
        1 => 2.0,
        2 => 1.0,
        3 => 2.0 * Math.PI / (Math.Sqrt(3.0) + 2.0 * Math.PI),
        4 => Math.PI / (Math.Sqrt(3.0) + Math.PI),
        5 => 0.55554924822886,
        6 => 0.49462367085674,
        7 => 0.45038874808755,
        8 => 0.41674741587885,
        9 => 0.39022602159098,
        10 => 0.36871745237745,
        _ => throw new InputException(
            $"maxout_he has constants for 1 to {MaxTabulatedPieces} pieces, not {pieces}"),
    };
}
