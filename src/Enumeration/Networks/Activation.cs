namespace Polytopes.Enumeration.Networks;

/// <summary>The activation applied after a layer's affine map.</summary>
public enum Activation
{
    /// <summary>max(0, z).</summary>
    Relu,
    /// <summary>z if z &gt; 0, else negative_slope · z.</summary>
    LeakyRelu,
    /// <summary>No activation: the layer is affine (normally the output layer).</summary>
    Identity,
    /// <summary>Unit j = max of rows j·k .. j·k+k-1 (k = pieces).</summary>
    Maxout,
}

public static class ActivationNames
{
    public static string ToJsonName(this Activation a) => a switch
    {
        Activation.Relu => "relu",
        Activation.LeakyRelu => "leaky_relu",
        Activation.Identity => "identity",
        Activation.Maxout => "maxout",
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };

    public static bool TryParse(string name, out Activation activation)
    {
        switch (name)
        {
            case "relu": activation = Activation.Relu; return true;
            case "leaky_relu": activation = Activation.LeakyRelu; return true;
            case "identity": activation = Activation.Identity; return true;
            case "maxout": activation = Activation.Maxout; return true;
            default: activation = default; return false;
        }
    }
}
