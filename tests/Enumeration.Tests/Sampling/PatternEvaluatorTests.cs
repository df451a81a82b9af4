using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Sampling;
using Polytopes.Enumeration.Tests.Regions;

namespace Polytopes.Enumeration.Tests.Sampling;

/// <summary>The forward-pass pattern has exactly the format and value of the enumerated regions' patterns.</summary>
public class PatternEvaluatorTests
{
    public static TheoryData<string> Fixtures => new()
    {
        "reference/relu_2d_8.json", "reference/relu_2d_16x16.json", "reference/degenerate_2d.json",
        "reference/relu_1d_32x32.json", "reference/relu_3d_12x12.json", "nets/maxout_2d_lines.json",
        "nets/maxout_2d_duplicate_piece.json", "nets/dead_and_duplicate.json", "nets/lines_general_k5_leaky.json",
    };

    internal static string Evaluate(Network net, double[] x)
    {
        var states = new byte[net.UnitCount];
        new PatternEvaluator(net).Evaluate(x, states);
        return new ActivationPattern(states).ToString();
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Evaluate_AtEveryRegionCentre_GivesThatRegionsPattern(string fixture)
    {
        var net = NetworkJson.Read(TestPaths.Fixture(fixture.Split('/')));
        var regions = new RegionEnumerator(net).Run().Regions;
        foreach (var r in regions) Assert.Equal(r.Pattern.ToString(), Evaluate(net, r.Centre));
    }

    public static TheoryData<string> RandomSpecs => new() { "relu", "leaky", "maxout", "residual" };

    private static Network RandomNet(string kind, int seed) => kind switch
    {
        "relu" => RandomNets.Mlp(seed, 3, [6, 5]),
        "leaky" => RandomNets.Mlp(seed, 2, [7, 4], Activation.LeakyRelu),
        "maxout" => RandomNets.Mlp(seed, 2, [4, 3], Activation.Maxout, 3),
        _ => RandomNets.Residual(seed, 2, 5, 2),
    };

    [Theory]
    [MemberData(nameof(RandomSpecs))]
    public void Evaluate_RandomNetworksAndPoints_MatchesTheTestsIndependentForwardPass(string kind)
    {
        var rng = new Random(17);
        for (int seed = 0; seed < 5; seed++)
        {
            var net = RandomNet(kind, seed);
            for (int i = 0; i < 200; i++)
            {
                var x = Enumerable.Range(0, net.InputDim).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
                Assert.Equal(RandomNets.PatternAt(net, x).Pattern, Evaluate(net, x));
            }
        }
    }

    [Fact]
    public void Evaluate_MaxoutTie_TheLowestPieceWins()
    {
        // Two identical pieces (rows 0 and 1) and a lower third: the tie goes to piece 0.
        var net = new Network("tie", 1, [
            new Layer(new double[,] { { 1 }, { 1 }, { -1 } }, [0.0, 0.0, -5.0], Activation.Maxout, pieces: 3),
            new Layer(new double[,] { { 1 } }, [0.0], Activation.Identity)]);
        Assert.Equal("0", Evaluate(net, [0.5]));
    }
}
