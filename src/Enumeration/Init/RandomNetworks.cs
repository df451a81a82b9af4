using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Init;

/// <summary>
/// Generates a network from a <see cref="RandomNetworkSpec"/>: hidden layers with the spec's activation, a final
/// identity layer, weights and biases from the initialisation scheme, each rounded to float32 (as a PyTorch model
/// would hold them), domain [−1, 1]^d.
///
/// The stream is specified so that a seed gives bit-identical networks on every machine and .NET version: one
/// <see cref="SplitMix64"/>(seed) feeds, layer by layer, first the weights in row-major order (row r is maxout
/// unit r / K, piece r mod K), then the biases in row order; normals come from <see cref="NormalSampler"/>
/// (polar method, <see cref="SpecifiedMath"/>), uniforms are lo + (hi − lo)·u. Orthogonal layers draw their
/// Gaussian matrix row-major and orthonormalise it with basic arithmetic; many_regions draws, per unit, v and then
/// for each piece the two angle perturbations. Every step uses IEEE-754 basic operations and √ only.
///
/// Biases: with a bias standard deviation S, N(0, S²) (S = 0: zero biases, drawing nothing); otherwise from the
/// same distribution as the layer's weights (as Tseran &amp; Montúfar's code does; for pytorch this is exactly
/// PyTorch's bias default U(±1/√fan_in); for orthogonal N(0, 1/max(fan_in, fan_out))). Sphere and many_regions
/// set their own biases.
/// </summary>
public static class RandomNetworks
{
    public static Network Create(RandomNetworkSpec spec)
    {
        spec.Validate("network");
        var normal = new NormalSampler(new SplitMix64(spec.Seed));
        var widths = spec.Widths;
        var layers = new List<Layer>();
        for (int l = 1; l < widths.Count; l++)
        {
            bool last = l == widths.Count - 1;
            var activation = last ? new ActivationSpec(Activation.Identity) : spec.Activation;
            int k = activation.Activation == Activation.Maxout ? activation.Pieces : 1;
            int fanIn = widths[l - 1], rows = widths[l] * k;
            // Tseran & Montúfar put a maxout-He (K = 1) linear layer on top of sphere and many_regions networks.
            var scheme = last && spec.Init.NeedsMaxout() ? InitScheme.MaxoutHe : spec.Init;
            var (weight, bias) = DrawLayer(normal, scheme, spec.BiasStd, fanIn, rows, k);
            for (int i = 0; i < weight.Length; i++) weight[i] = (float)weight[i];
            for (int i = 0; i < bias.Length; i++) bias[i] = (float)bias[i];
            layers.Add(new Layer(weight, rows, fanIn, bias, activation.Activation, activation.NegativeSlope, k));
        }
        return new Network(spec.Name, widths[0], layers, Box.Cube(widths[0], -1, 1));
    }

    private static (double[] Weight, double[] Bias) DrawLayer(NormalSampler normal, InitScheme scheme, double? biasStd,
        int fanIn, int rows, int pieces)
    {
        var weight = new double[rows * fanIn];
        var bias = new double[rows];
        switch (scheme)
        {
            case InitScheme.Sphere:
                Sphere(normal, weight, bias, fanIn, rows, pieces);
                return (weight, bias);
            case InitScheme.ManyRegions:
                ManyRegions(normal, weight, bias, fanIn, rows, pieces);
                return (weight, bias);
            case InitScheme.Orthogonal:
                for (int i = 0; i < weight.Length; i++) weight[i] = normal.Next();
                Orthonormalise(weight, rows, fanIn);
                break;
            default:
                for (int i = 0; i < weight.Length; i++) weight[i] = Draw(normal, scheme, fanIn, rows, pieces);
                break;
        }
        if (biasStd is double s)
        {
            if (s > 0)
                for (int i = 0; i < rows; i++) bias[i] = normal.Next(s);
        }
        else if (scheme == InitScheme.Orthogonal)
        {
            double std = Math.Sqrt(scheme.WeightVariance(fanIn, rows, pieces));
            for (int i = 0; i < rows; i++) bias[i] = normal.Next(std);
        }
        else
        {
            for (int i = 0; i < rows; i++) bias[i] = Draw(normal, scheme, fanIn, rows, pieces);
        }
        return (weight, bias);
    }

    /// <summary>One draw from the scheme's (normal or uniform) weight distribution.</summary>
    private static double Draw(NormalSampler normal, InitScheme scheme, int fanIn, int fanOut, int pieces)
    {
        double variance = scheme.WeightVariance(fanIn, fanOut, pieces);
        switch (scheme)
        {
            case InitScheme.HeUniform or InitScheme.GlorotUniform or InitScheme.LecunUniform or InitScheme.PyTorch:
                double bound = Math.Sqrt(3.0 * variance); // U(±a) has variance a²/3
                return normal.Uniform(-bound, bound);
            default:
                return normal.Next(Math.Sqrt(variance));
        }
    }

    /// <summary>Tseran &amp; Montúfar's sphere initialisation (their init_method.py): all weights, then all
    /// biases from maxout-He; each piece's (w, b) scaled to unit length, so it is uniform on the unit sphere of
    /// R^(fan_in+1); then b ← |b| − 1/√(K fan_in). (Their code writes the norm as
    /// <c>np.linalg.norm(weight[i][j] + [bias[i][j]])</c>, which numpy evaluates as the norm of w + b·1, a
    /// broadcast rather than the concatenation (w, b) that the name "sphere" describes; we use the concatenation.)</summary>
    private static void Sphere(NormalSampler normal, double[] weight, double[] bias, int fanIn, int rows, int pieces)
    {
        double std = Math.Sqrt(InitSchemes.MaxoutConstant(pieces) / fanIn);
        for (int i = 0; i < weight.Length; i++) weight[i] = normal.Next(std);
        for (int i = 0; i < rows; i++) bias[i] = normal.Next(std);
        double shift = 1.0 / Math.Sqrt((double)pieces * fanIn);
        for (int r = 0; r < rows; r++)
        {
            double squares = bias[r] * bias[r];
            for (int j = 0; j < fanIn; j++) squares += weight[r * fanIn + j] * weight[r * fanIn + j];
            double norm = Math.Sqrt(squares);
            for (int j = 0; j < fanIn; j++) weight[r * fanIn + j] /= norm;
            bias[r] = Math.Abs(bias[r] / norm) - shift;
        }
    }

    /// <summary>Tseran &amp; Montúfar's "many regions" initialisation (their init_method.py), pieces numbered
    /// j = 1..K: w_j = v·cos(πj/K + 0.01ε), b_j = sin(πj/K + 0.01ε′).</summary>
    private static void ManyRegions(NormalSampler normal, double[] weight, double[] bias, int fanIn, int rows, int pieces)
    {
        double std = Math.Sqrt(InitSchemes.MaxoutConstant(pieces) / fanIn);
        var v = new double[fanIn];
        for (int unit = 0; unit < rows / pieces; unit++)
        {
            for (int j = 0; j < fanIn; j++) v[j] = normal.Next(std);
            for (int p = 0; p < pieces; p++)
            {
                double angle = Math.PI * (p + 1) / pieces;
                double c = SpecifiedMath.Cos(angle + 0.01 * normal.Next());
                double s = SpecifiedMath.Sin(angle + 0.01 * normal.Next());
                int row = unit * pieces + p;
                for (int j = 0; j < fanIn; j++) weight[row * fanIn + j] = v[j] * c;
                bias[row] = s;
            }
        }
    }

    /// <summary>Orthonormalises the rows (rows ≤ columns) or the columns (rows &gt; columns) of a row-major
    /// matrix in place by modified Gram–Schmidt run twice ("twice is enough": Giraud, Langou &amp; Rozložník
    /// 2005), which is QR with a positive diagonal in R — the sign convention of torch.nn.init.orthogonal_, so the
    /// result is Haar-distributed for a Gaussian input.</summary>
    public static void Orthonormalise(double[] matrix, int rows, int columns)
    {
        bool byRows = rows <= columns;
        int count = byRows ? rows : columns, length = byRows ? columns : rows;
        // Element e of vector v: by rows, matrix[v·columns + e]; by columns, matrix[e·columns + v].
        int Index(int vector, int element) => byRows ? vector * columns + element : element * columns + vector;
        for (int v = 0; v < count; v++)
        {
            for (int pass = 0; pass < 2; pass++)
                for (int u = 0; u < v; u++)
                {
                    double dot = 0;
                    for (int e = 0; e < length; e++) dot += matrix[Index(u, e)] * matrix[Index(v, e)];
                    for (int e = 0; e < length; e++) matrix[Index(v, e)] -= dot * matrix[Index(u, e)];
                }
            double squares = 0;
            for (int e = 0; e < length; e++) squares += matrix[Index(v, e)] * matrix[Index(v, e)];
            double norm = Math.Sqrt(squares);
            if (!(norm > 1e-300)) throw new InvalidOperationException("orthogonal: the Gaussian matrix is rank deficient");
            for (int e = 0; e < length; e++) matrix[Index(v, e)] /= norm;
        }
    }
}
