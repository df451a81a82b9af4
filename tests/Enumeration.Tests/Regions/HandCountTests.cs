using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>Networks whose region counts follow from a formula or a hand count (fixtures/nets, each with its
/// derivation in "expected.how" and verified independently by fixtures/nets/make_nets.py).</summary>
public class HandCountTests
{
    [Theory]
    [InlineData("lines_general_k5.json")]        // 1 + 5 + C(5,2) = 16: all crossings inside the box
    [InlineData("lines_general_k5_leaky.json")]  // the same lines with leaky ReLU: 16
    [InlineData("lines_general_k8.json")]        // 1 + 8 + 28 = 37
    [InlineData("parallel_lines_4.json")]        // 4 parallel lines: 5 strips
    [InlineData("concurrent_lines_4.json")]      // 4 lines through one point: 8 sectors
    [InlineData("hyperplanes_3d_general_6.json")]// Zaslavsky: 1 + 6 + 15 + 20 = 42
    [InlineData("maxout_2d_lines.json")]         // max of 3 pieces meeting at a point: 3
    [InlineData("maxout_2d_duplicate_piece.json")] // two of three pieces equal: 2
    [InlineData("dead_and_duplicate.json")]      // 3 general lines (7), plus duplicate, dead and zero rows: 7
    [InlineData("one_d_relu.json")]              // 4 breakpoints inside [-1,1]: 5 intervals
    [InlineData("one_d_relu_shared_breakpoint.json")] // two units share a breakpoint: 4 intervals
    public void Enumerate_HandCountableNetwork_GivesTheDerivedCount(string file)
    {
        var net = NetworkJson.Read(TestPaths.Fixture("nets", file));
        var result = new RegionEnumerator(net).Run();
        Assert.Equal(Truth.ExpectedRegions(file), result.RegionCount);
        Assert.Equal(0, result.FacetsWithoutNeighbour);
    }

    /// <summary>n random lines in R^2 and a box containing every crossing: every cell of the arrangement meets the
    /// box (each cell has a crossing on its boundary), so the box holds 1 + n + C(n,2) regions (Zaslavsky).</summary>
    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 10)]
    [InlineData(3, 15)]
    public void Enumerate_RandomLinesWithAllCrossingsInTheBox_GivesZaslavskyCount(int seed, int n)
    {
        var net = RandomNets.OneLayer(seed, 2, n);
        var box = RandomNets.BoxContainingAllVertices(net);
        var result = new RegionEnumerator(net, new SearchOptions { Box = box }).Run();
        Assert.Equal(1 + n + n * (n - 1) / 2, result.RegionCount);
    }

    /// <summary>The same in R^3: Σ_{i≤3} C(n,i) regions when the box holds every vertex of the arrangement.</summary>
    [Theory]
    [InlineData(4, 5)]
    [InlineData(5, 8)]
    public void Enumerate_RandomPlanesWithAllVerticesInTheBox_GivesZaslavskyCount(int seed, int n)
    {
        var net = RandomNets.OneLayer(seed, 3, n);
        var box = RandomNets.BoxContainingAllVertices(net);
        var result = new RegionEnumerator(net, new SearchOptions { Box = box }).Run();
        Assert.Equal(1 + n + n * (n - 1) / 2 + n * (n - 1) * (n - 2) / 6, result.RegionCount);
    }
}
