using System.Globalization;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Init;

/// <summary>The hidden layers' activation of a generated network, written <c>relu</c>, <c>leaky_relu</c>
/// (slope 0.01), <c>leaky_relu:SLOPE</c> or <c>maxout:K</c>; <see cref="ToString"/> gives that canonical text.</summary>
public readonly record struct ActivationSpec(Activation Activation, int Pieces = 1, double NegativeSlope = 0.01)
{
    public const string Syntax = "relu, leaky_relu[:SLOPE] or maxout:K";

    public static ActivationSpec Relu => new(Activation.Relu);

    /// <summary>Parses the text form; <paramref name="where"/> starts the error message (an option or a spec path).</summary>
    public static ActivationSpec Parse(string text, string where)
    {
        string name = text, argument = "";
        int colon = text.IndexOf(':');
        if (colon >= 0) { name = text[..colon]; argument = text[(colon + 1)..]; }
        switch (name)
        {
            case "relu" when colon < 0:
                return Relu;
            case "leaky_relu":
                if (colon < 0) return new ActivationSpec(Activation.LeakyRelu);
                if (double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out double slope)
                    && double.IsFinite(slope))
                    return new ActivationSpec(Activation.LeakyRelu, 1, slope);
                throw new InputException($"{where}: '{text}': the leaky_relu slope should be a finite number");
            case "maxout":
                if (int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k >= 1)
                    return new ActivationSpec(Activation.Maxout, k);
                throw new InputException($"{where}: '{text}': maxout needs a number of pieces, e.g. maxout:2");
            default:
                throw new InputException($"{where}: '{text}' is not an activation ({Syntax})");
        }
    }

    public override string ToString() => Activation switch
    {
        Activation.Relu => "relu",
        Activation.LeakyRelu => NegativeSlope == 0.01
            ? "leaky_relu"
            : "leaky_relu:" + NegativeSlope.ToString("R", CultureInfo.InvariantCulture),
        Activation.Maxout => "maxout:" + Pieces.ToString(CultureInfo.InvariantCulture),
        _ => Activation.ToJsonName(),
    };
}
