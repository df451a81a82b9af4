using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>
/// A hidden unit split into two identical copies, each passing on half its outgoing weights (halving is exact in
/// binary), computes the same function: its two hyperplanes coincide wherever they are met, so the regions are the
/// same, the copy always in its original's state. The engine must group the two rows as one facet in every region
/// in the first layer, where the copies are the same line everywhere, and deeper, where they bend together — in
/// 2-D and 3-D (clipping) and 4-D and up (LPs). A copy whose bias is off by far less than the coincidence tolerance
/// (1e-12 against 1e-9) must be grouped too: the slivers between the two hyperplanes are far thinner than the
/// radius tolerance, and every region keeps the copy in its original's state.
/// </summary>
public class DuplicateUnitTests
{
    [Theory]
    [InlineData("random:3:11:2,10,10,10", 0, 4)]
    [InlineData("random:3:11:2,10,10,10", 2, 7)]
    [InlineData("random:21:3:3,8,8", 1, 2)]
    [InlineData("random:12:4:4,6,6", 0, 5)]
    [InlineData("random:12:4:4,6,6", 1, 0)]
    [InlineData("random:13:5:5,7,5", 1, 3)]
    [InlineData("leaky:8:2,12,12", 1, 11)]
    [InlineData("random:3:11:2,10,10,10", 0, 4, 1e-12)]
    [InlineData("random:3:11:2,10,10,10", 2, 7, -1e-12)]
    [InlineData("random:21:3:3,8,8", 1, 2, 1e-12)]
    [InlineData("random:12:4:4,6,6", 1, 0, 1e-12)]
    [InlineData("random:13:5:5,7,5", 0, 3, -1e-12)]
    public void SplittingAUnitIntoTwoCopies_GivesTheSameRegions(string spec, int layer, int unit, double biasOffset = 0)
    {
        var net = InvariantTests.Load(spec);
        var a = new RegionEnumerator(net).Run();
        var b = new RegionEnumerator(Split(net, layer, unit, biasOffset)).Run();
        SameRegions.AssertSameCounts(a, b);
        // The copy's digit sits after its layer's units; it must equal its original's, and without it the
        // patterns are the original network's.
        int offset = net.Layers.Take(layer).Sum(l => l.Rows), width = net.Layers[layer].Rows;
        var expected = a.Regions.Select(r => r.Pattern.ToString()).Order().ToArray();
        var actual = b.Regions.Select(r =>
        {
            var p = r.Pattern.ToString();
            Assert.Equal(p[offset + unit], p[offset + width]);
            return p.Remove(offset + width, 1);
        }).Order().ToArray();
        Assert.Equal(expected, actual);
        SameRegions.AssertSameRadii(a, b);
    }

    /// <summary>The network with unit <paramref name="unit"/> of layer <paramref name="layer"/> copied as the
    /// layer's last unit (its bias moved by <paramref name="biasOffset"/>), and the next layer's weights from it
    /// halved between the two.</summary>
    private static Network Split(Network net, int layer, int unit, double biasOffset)
    {
        var layers = new List<Layer>();
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var source = net.Layers[l];
            int rows = source.Rows, cols = source.InputWidth;
            var weight = source.Weight.ToArray();
            var bias = source.Bias.ToArray();
            if (l == layer)
            {
                weight = [.. weight, .. source.WeightRow(unit)];
                bias = [.. bias, bias[unit] + biasOffset];
                rows++;
            }
            else if (l == layer + 1)
            {
                var wider = new double[rows * (cols + 1)];
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < cols; c++) wider[r * (cols + 1) + c] = weight[r * cols + c];
                    wider[r * (cols + 1) + unit] = weight[r * cols + unit] / 2;
                    wider[r * (cols + 1) + cols] = weight[r * cols + unit] / 2;
                }
                weight = wider;
                cols++;
            }
            layers.Add(new Layer(weight, rows, cols, bias, source.Activation, source.NegativeSlope));
        }
        return new Network(net.Name + "-split", net.InputDim, layers, net.Domain);
    }
}
