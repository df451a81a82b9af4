using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Properties every correct enumeration has, checked on reference and random networks.</summary>
public class InvariantTests
{
    public static TheoryData<string> Nets => new()
    {
        "reference/relu_2d_8.json", "reference/relu_2d_16x16.json", "reference/degenerate_2d.json",
        "reference/relu_3d_12x12.json", "random:2:7:2,12,12", "random:3:11:2,10,10,10", "random:4:3:3,8,8",
        "maxout:5:2,4,4:3", "leaky:6:2,10,10", "residual:7:2,6,2",
    };

    internal static Network Load(string spec)
    {
        var p = spec.Split(':');
        int[] Widths(string s) => s.Split(',').Select(int.Parse).ToArray();
        return p[0] switch
        {
            "random" => RandomNets.Mlp(int.Parse(p[1]), Widths(p[3])[0], Widths(p[3])[1..]),
            "maxout" => RandomNets.Mlp(int.Parse(p[1]), Widths(p[2])[0], Widths(p[2])[1..], Activation.Maxout, int.Parse(p[3])),
            "leaky" => RandomNets.Mlp(int.Parse(p[1]), Widths(p[2])[0], Widths(p[2])[1..], Activation.LeakyRelu),
            "residual" => RandomNets.Residual(int.Parse(p[1]), Widths(p[2])[0], Widths(p[2])[1], Widths(p[2])[2]),
            _ => NetworkJson.Read(TestPaths.Fixture(spec.Split('/'))),
        };
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void Enumerate_AnyNetwork_NeighboursAreSymmetricAndTheGraphIsConnected(string spec)
    {
        var result = new RegionEnumerator(Load(spec)).Run();
        var regions = result.Regions;
        Assert.Equal(0, result.FacetsWithoutNeighbour);
        foreach (var r in regions)
            foreach (var n in r.Neighbours)
                Assert.Contains(r.Id, regions[n].Neighbours);
        var seen = new HashSet<int> { 0 };
        var stack = new Stack<int>([0]);
        while (stack.Count > 0)
            foreach (var n in regions[stack.Pop()].Neighbours)
                if (seen.Add(n)) stack.Push(n);
        Assert.Equal(regions.Count, seen.Count);
        Assert.Equal(regions.Count, regions.Select(r => r.Pattern).Distinct().Count());
    }

    /// <summary>Every random point whose pattern is well defined (no pre-activation within 1e-9 of zero) has a
    /// pattern among the regions, and the region with that pattern contains the point (all its facet
    /// inequalities hold); the box is covered.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Enumerate_RandomPoints_HaveEnumeratedPatternsAndLieInThatRegion(string spec)
    {
        var net = Load(spec);
        var enumerator = new RegionEnumerator(net);
        var result = enumerator.Run();
        var byPattern = result.Regions.ToDictionary(r => r.Pattern.ToString());
        var rng = new Random(12345);
        int checkedPoints = 0;
        for (int k = 0; k < 10_000; k++)
        {
            var x = new double[net.InputDim];
            for (int j = 0; j < x.Length; j++)
                x[j] = enumerator.Box!.Lo[j] + (enumerator.Box.Hi[j] - enumerator.Box.Lo[j]) * rng.NextDouble();
            var (pattern, margin) = RandomNets.PatternAt(net, x);
            if (margin < 1e-9) continue;
            checkedPoints++;
            Assert.True(byPattern.TryGetValue(pattern, out var region), $"point ({string.Join(",", x)}) has pattern {pattern}, not enumerated");
            foreach (var f in region!.Facets)
                Assert.True(f.Normal.Select((v, j) => v * x[j]).Sum() <= f.Offset + 1e-9, $"point outside its region {region.Id}");
        }
        Assert.True(checkedPoints > 9_000);
    }

    [Theory]
    [InlineData("random:2:7:2,12,12")]
    [InlineData("maxout:5:2,4,4:3")]
    [InlineData("leaky:6:2,10,10")]
    [InlineData("residual:7:2,6,2")]
    public void Enumerate_TwoDimensionalNetwork_AreasSumToTheBoxArea(string spec)
    {
        var result = new RegionEnumerator(Load(spec)).Run();
        Assert.Equal(4.0, result.Regions.Sum(r => r.Volume!.Value), 9);
    }

    [Fact]
    public void Enumerate_SameNetworkTwice_GivesIdenticalRegionsInTheSameOrder()
    {
        var net = Load("random:2:7:2,12,12");
        var a = new RegionEnumerator(net).Run().Regions;
        var b = new RegionEnumerator(net).Run().Regions;
        Assert.Equal(a.Select(r => r.Pattern.ToString()), b.Select(r => r.Pattern.ToString()));
        Assert.Equal(a.Select(r => r.Radius), b.Select(r => r.Radius));
    }
}
