using System.Numerics;
using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Statistics;

/// <summary>A reference number printed beside exact and estimated counts: a bound or a scaling, with what it is.</summary>
public sealed record TheoreticalBound(string Key, string Name, BigInteger? Exact, double Value, string Meaning);

/// <summary>
/// Theoretical references for a network's region count. "Hyperplanes" of a layer: one per unit for ReLU and
/// leaky ReLU, k(k−1)/2 per maxout unit of k pieces (the pairwise comparisons whose arrangement refines the
/// unit's argmax regions). All bounds count regions of all of R^d, so they also bound the count in any box.
/// </summary>
public static class TheoreticalBounds
{
    /// <summary>The references that apply to the network: Zaslavsky (first layer), an architecture maximum (Serra
    /// et al. 2018 for ReLU nets without skips, else the product bound) and the Hanin–Rolnick scaling over the box.</summary>
    public static IReadOnlyList<TheoreticalBound> For(Network network, Box box)
    {
        int d = network.InputDim;
        var list = new List<TheoreticalBound>();
        var unitLayers = network.Layers.Where(l => l.UnitCount > 0).ToArray();
        if (unitLayers.Length > 0)
        {
            int h = Hyperplanes(unitLayers[0]);
            var z = Zaslavsky(h, d);
            list.Add(new TheoreticalBound("zaslavsky_first_layer", "Zaslavsky, first layer", z, (double)z,
                $"regions of R^{d} cut by the first layer's {h} hyperplanes: at most sum_(i<={d}) C({h},i) (Zaslavsky 1975; " +
                "equal in general position); the whole count for a one-layer network"));
        }
        if (ArchitectureMaximum(network) is var (key, name, value, meaning))
            list.Add(new TheoreticalBound(key, name, value, (double)value, meaning));
        double hr = HaninRolnickScaling(network.UnitCount, d, box.Volume());
        list.Add(new TheoreticalBound("hanin_rolnick_scaling", "Hanin-Rolnick scaling", null, hr,
            $"vol(box)*N^d/d! with N = {network.UnitCount} neurons, d = {d} and T = 1: the form of Hanin & Rolnick 2019 " +
            "(NeurIPS, Thm. 1: #regions/vol <= (T*N)^d/d!, T = C_grad*C_bias) with T = 1; a scaling reference, not a bound " +
            "for this network"));
        return list;
    }

    /// <summary>Σ_{i=0}^{d} C(n, i): the number of regions of n hyperplanes in general position in R^d, and the
    /// maximum for any n hyperplanes (Zaslavsky 1975).</summary>
    public static BigInteger Zaslavsky(int hyperplanes, int d)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hyperplanes);
        ArgumentOutOfRangeException.ThrowIfNegative(d);
        BigInteger sum = 0;
        for (int i = 0; i <= d; i++) sum += Binomial(hyperplanes, i);
        return sum;
    }

    /// <summary>
    /// Serra, Tjandraatmadja &amp; Ramalingam, "Bounding and Counting Linear Regions of Deep Neural Networks",
    /// ICML 2018, Theorem 1: a ReLU network with input dimension n_0 and hidden widths n_1..n_L has at most
    /// Σ_{(j_1..j_L) ∈ J} Π_l C(n_l, j_l) regions, J = {0 ≤ j_l ≤ min(n_0, n_1 − j_1, …, n_{l−1} − j_{l−1}, n_l)}:
    /// j_l counts the active units of layer l whose hyperplanes can be independent, and a layer with j active
    /// units passes on an image of dimension at most j. Summed layer by layer over the current cap.
    /// </summary>
    public static BigInteger SerraRelu(int inputDim, IReadOnlyList<int> widths)
    {
        var memo = new Dictionary<(int, int), BigInteger>();
        BigInteger Count(int l, int cap)
        {
            if (l == widths.Count) return 1;
            if (memo.TryGetValue((l, cap), out var known)) return known;
            int n = widths[l];
            BigInteger sum = 0;
            for (int j = 0; j <= Math.Min(cap, n); j++) sum += Binomial(n, j) * Count(l + 1, Math.Min(cap, n - j));
            memo[(l, cap)] = sum;
            return sum;
        }
        return Count(0, inputDim);
    }

    /// <summary>
    /// Π_l Σ_{j=0}^{d_l} C(h_l, j): layer l's h_l hyperplanes, pulled back to a region of the earlier layers, cut it
    /// into at most Σ_{j≤d_l} C(h_l, j) pieces, where d_l bounds the dimension of the image the layer sees.
    /// Without skips d_l = min(n_0, widths of the earlier layers) (Montúfar 2017, "Notes on the number of linear
    /// regions of deep neural networks"; for maxout with h_l = n_l·k(k−1)/2 it is Serra et al. 2018's maxout
    /// bound); with skip connections from the input d_l = n_0.
    /// </summary>
    public static BigInteger ProductBound(IReadOnlyList<int> hyperplanes, IReadOnlyList<int> dims)
    {
        BigInteger product = 1;
        for (int l = 0; l < hyperplanes.Count; l++) product *= Zaslavsky(hyperplanes[l], dims[l]);
        return product;
    }

    /// <summary>vol·N^d/d!: Hanin &amp; Rolnick's (T·N)^d/d! per unit volume with T = 1.</summary>
    public static double HaninRolnickScaling(int neurons, int d, double volume)
    {
        double v = volume;
        for (int i = 1; i <= d; i++) v *= (double)neurons / i;
        return v;
    }

    public static BigInteger Binomial(int n, int k)
    {
        if (k < 0 || k > n) return 0;
        k = Math.Min(k, n - k);
        BigInteger c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }

    public static int Hyperplanes(Layer layer) =>
        layer.Activation == Activation.Maxout ? layer.OutputWidth * (layer.Pieces * (layer.Pieces - 1) / 2) : layer.UnitCount;

    private static (string, string, BigInteger, string)? ArchitectureMaximum(Network network)
    {
        int d = network.InputDim;
        var layers = network.Layers;
        int last = layers.Count - 1;
        while (last >= 0 && layers[last].UnitCount == 0) last--;
        if (last < 0) return null;
        bool skips = layers.Take(last + 1).Any(l => l.Skip != null);
        bool allRelu = layers.Take(last + 1).All(l => l.Activation == Activation.Relu);
        if (allRelu && !skips)
        {
            var widths = layers.Take(last + 1).Select(l => l.Rows).ToArray();
            return ("serra_2018", "Serra et al. 2018", SerraRelu(d, widths),
                $"maximum over all ReLU networks with input {d} and widths {string.Join(",", widths)}: at most " +
                "sum over J of prod_l C(n_l,j_l), J = {0<=j_l<=min(n_0, n_1-j_1, ..., n_(l-1)-j_(l-1), n_l)} " +
                "(Serra, Tjandraatmadja & Ramalingam, ICML 2018, Thm. 1)");
        }
        var planes = new List<int>();
        var dims = new List<int>();
        int cap = d;
        for (int l = 0; l <= last; l++)
        {
            var layer = layers[l];
            if (layer.UnitCount > 0)
            {
                planes.Add(Hyperplanes(layer));
                dims.Add(skips ? d : cap);
            }
            cap = Math.Min(cap, layer.OutputWidth);
        }
        var bound = ProductBound(planes, dims);
        string form = $"prod_l sum_(j<=d_l) C(h_l,j) with h = {string.Join(",", planes)} hyperplanes per layer and " +
                      $"d_l = {string.Join(",", dims)}";
        return skips
            ? ("product_bound", "product bound (skips)", bound,
                $"{form}: each layer's hyperplanes cut each region of R^{d} at most Zaslavsky-many times; " +
                "no architecture bound from the literature covers skip connections")
            : ("product_bound", "product bound", bound,
                $"{form} (d_l = min of the input dimension and earlier widths): Montufar 2017; for maxout layers " +
                "Serra et al. 2018's maxout bound");
    }
}
