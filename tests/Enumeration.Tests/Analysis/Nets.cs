using System.Globalization;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Tests.Analysis;

/// <summary>Small hand-built networks whose regions and decision boundaries can be counted by hand, written in the
/// polytopes-net JSON format (so the same text serves the CLI tests' files).</summary>
internal static class Nets
{
    /// <summary>One hidden ReLU layer (rows, biases) and an identity output layer (rows, biases).</summary>
    public static string Json(string name, int inputDim, double[][] hidden, double[] hiddenBias, double[][] output,
        double[] outputBias)
    {
        static string Row(double[] r) => "[" + string.Join(", ", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
        static string Rows(double[][] rs) => "[" + string.Join(", ", rs.Select(Row)) + "]";
        return $$"""
            { "name": "{{name}}", "input_dim": {{inputDim}},
              "layers": [
                { "weight": {{Rows(hidden)}}, "bias": {{Row(hiddenBias)}}, "activation": "relu" },
                { "weight": {{Rows(output)}}, "bias": {{Row(outputBias)}}, "activation": "identity" } ] }
            """;
    }

    public static Network Parse(string json) => NetworkJson.Parse(json, "test-net");

    /// <summary>f(x) = x0 + x1/2 − 1/10 built from ±ReLU pairs on x0 and x1, with two more units (x0 = 1/2 and
    /// x1 = −1/2) of output weight 0: a 3×3 grid of 9 regions (one linear region: f is affine) and a straight decision boundary
    /// x0 + x1/2 = 1/10 from (−0.4, 1) to (0.6, −1), length √5, crossing 5 grid cells (it meets x0 = 0 at
    /// x1 = 0.2, x1 = 0 at x0 = 0.1, x1 = −1/2 at x0 = 0.35 and x0 = 1/2 at x1 = −0.8, never at a grid vertex).</summary>
    public static string StraightBoundaryGrid => Json("straight_boundary_grid", 2,
        [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 0], [0, 1]], [0, 0, 0, 0, -0.5, 0.5],
        [[1, -1, 0.5, -0.5, 0, 0]], [-0.1]);

    /// <summary>f(x) = relu(x0) + relu(x1) − 1/2 on the quadrants: boundary x0 + x1 = 1/2 in the first quadrant
    /// (length √2/2), x0 = 1/2 for x1 &lt; 0 (length 1) and x1 = 1/2 for x0 &lt; 0 (length 1): 3 regions crossed,
    /// 3 linear pieces; the third quadrant has f = −1/2.</summary>
    public static string BentBoundary => Json("bent_boundary", 2, [[1, 0], [0, 1]], [0, 0], [[1, 1]], [-0.5]);

    /// <summary>Three classes f = (x0, x1, 1/5) from ±ReLU pairs: T_01 = {x0 = x1 ≥ 1/5} (length 0.8√2, in the
    /// first quadrant), T_02 = {x0 = 1/5 ≥ x1} (length 1.2, crossing quadrants I and IV), T_12 = {x1 = 1/5 ≥ x0}
    /// (length 1.2, quadrants I and II): 5 region pieces, 3 linear pieces, 3 regions crossed.</summary>
    public static string ThreeClasses => Json("three_classes", 2, [[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 0, 0],
        [[1, -1, 0, 0], [0, 0, 1, -1], [0, 0, 0, 0]], [0, 0, 0.2]);

    /// <summary>f = relu(x0) − relu(−x0) = x0: the decision boundary x0 = 0 is the hyperplane of both units, i.e.
    /// a facet of both regions; it is one piece of length 2.</summary>
    public static string BoundaryOnFacet => Json("boundary_on_facet", 2, [[1, 0], [-1, 0]], [0, 0], [[1, -1]], [0]);

    /// <summary>f = x0 + x1 + x2 − 1/2 from ±ReLU pairs: 8 octants, the plane crosses all but the negative one.</summary>
    public static string PlaneThroughOctants => Json("plane_through_octants", 3,
        [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]], [0, 0, 0, 0, 0, 0],
        [[1, -1, 1, -1, 1, -1]], [-0.5]);

    /// <summary>A unit whose hyperplane bends by 45° on the line x0 = 0: h0 = relu(x0), h1 = relu(x1 + 2) (always
    /// on in the box), z = relu(h0 − h1 + 2) = relu(h0 − x1), whose zero set is x1 = 0 for x0 &lt; 0 and x1 = x0
    /// for x0 &gt; 0. Four regions.</summary>
    public static string BentHyperplane => """
        { "name": "bent_hyperplane", "input_dim": 2,
          "layers": [
            { "weight": [[1, 0], [0, 1]], "bias": [0, 2], "activation": "relu" },
            { "weight": [[1, -1]], "bias": [2], "activation": "relu" },
            { "weight": [[1]], "bias": [0], "activation": "identity" } ] }
        """;

    public static EnumerationResult Enumerate(string json, Box? box = null) =>
        new RegionEnumerator(Parse(json), new SearchOptions { Box = box }).Run();
}
