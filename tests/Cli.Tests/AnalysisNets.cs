namespace Polytopes.Cli.Tests;

/// <summary>Hand-built networks for the analysis commands (the derivations are in the Enumeration tests'
/// Analysis/Nets.cs, which builds the same networks).</summary>
internal static class AnalysisNets
{
    /// <summary>f = x0 + x1/2 − 1/10 (affine: one linear region) on a 3×3 grid of 9 activation regions: a straight
    /// boundary through 5 regions, length √5.</summary>
    public const string StraightBoundaryGrid = """
        { "name": "straight_boundary_grid", "input_dim": 2,
          "layers": [
            { "weight": [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 0], [0, 1]], "bias": [0, 0, 0, 0, -0.5, 0.5], "activation": "relu" },
            { "weight": [[1, -1, 0.5, -0.5, 0, 0]], "bias": [-0.1], "activation": "identity" } ] }
        """;

    /// <summary>Checkpoint 0: one line x0 = 0.1, boundary x0 = 0.4 (2 regions, 1 boundary piece).</summary>
    public const string Step0 = """
        { "name": "s0", "input_dim": 2, "layers": [
            { "weight": [[1, 0]], "bias": [-0.1], "activation": "relu" },
            { "weight": [[1]], "bias": [-0.3], "activation": "identity" } ] }
        """;

    /// <summary>Checkpoint 1: lines x0 = 0.1 and x1 = 0.2, f = relu(x0 − 0.1) + relu(x1 − 0.2) − 0.3 (4 regions,
    /// boundary in 3 linear pieces).</summary>
    public const string Step1 = """
        { "name": "s1", "input_dim": 2, "layers": [
            { "weight": [[1, 0], [0, 1]], "bias": [-0.1, -0.2], "activation": "relu" },
            { "weight": [[1, 1]], "bias": [-0.3], "activation": "identity" } ] }
        """;

    /// <summary>Checkpoint 2: the same lines, output weight 0 on the second (4 regions, 2 linear regions, 1 piece).</summary>
    public const string Step2 = """
        { "name": "s2", "input_dim": 2, "layers": [
            { "weight": [[1, 0], [0, 1]], "bias": [-0.1, -0.2], "activation": "relu" },
            { "weight": [[1, 0]], "bias": [-0.3], "activation": "identity" } ] }
        """;

    /// <summary>The z = 0 plane of a 3-D network, as a --slice file.</summary>
    public const string SliceZ0 = """{ "origin": [0, 0, 0], "basis": [[1, 0, 0], [0, 1, 0]], "lo": [-1, -1], "hi": [1, 1] }""";
}
