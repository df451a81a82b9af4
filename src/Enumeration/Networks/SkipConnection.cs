namespace Polytopes.Enumeration.Networks;

/// <summary>
/// A skip (residual) connection into a layer's pre-activation: z_l = W_l x_{l−1} + b_l + S · x_from, where x_from
/// is the output of layer <see cref="From"/> (−1: the network input) and S is <see cref="Weight"/> (row-major,
/// rows × width of x_from) or the identity when null. The residual block y = relu(x + W2 relu(W1 x + b1) + b2)
/// is layer 1 = (W1, b1, relu), layer 2 = (W2, b2, relu, skip from −1 with identity). Regions stay
/// intersections of halfspaces: every pre-activation is still affine in x for a fixed pattern.
/// </summary>
public sealed class SkipConnection
{
    public SkipConnection(int from, double[]? weight = null)
    {
        if (from < -1) throw new NetworkFormatException($"skip.from must be -1 (the input) or a layer index, got {from}");
        if (weight != null)
            foreach (var w in weight)
                if (!double.IsFinite(w)) throw new NetworkFormatException("skip.weight contains a non-finite number");
        From = from;
        Weight = weight?.ToArray();
    }

    public int From { get; }
    /// <summary>Row-major rows × width(from), or null for the identity.</summary>
    public double[]? Weight { get; }
    public bool IsIdentity => Weight == null;
}
