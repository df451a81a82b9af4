using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>
/// Reordering a hidden layer's units (its rows, and the next layer's columns to match) computes the same function
/// with the same regions; only each pattern's digits are reordered, and with them the order in which the search
/// crosses facets, so ids differ. The counts, the face histograms, the inscribed radii and the set of patterns
/// (read back through the permutation) must not.
/// </summary>
public class UnitPermutationTests
{
    [Theory]
    [InlineData("random:3:11:2,10,10,10", 1)]
    [InlineData("random:21:3:3,8,8", 2)]
    [InlineData("random:12:4:4,6,6", 3)]
    [InlineData("leaky:8:2,12,12", 4)]
    public void ReorderingHiddenUnits_GivesTheSameRegions(string spec, int seed)
    {
        var net = InvariantTests.Load(spec);
        var rng = new Random(seed);
        var orders = net.Layers.Take(net.Layers.Count - 1).Select(l => Enumerable.Range(0, l.Rows).OrderBy(_ => rng.Next()).ToArray()).ToArray();
        var a = new RegionEnumerator(net).Run();
        var b = new RegionEnumerator(Permuted(net, orders)).Run();

        SameRegions.AssertSameCounts(a, b);
        SameRegions.AssertSameRadii(a, b);
        // Pattern digits are per unit, layer after layer: unit k of the permuted layer is unit order[k] of the original.
        var expected = a.Regions.Select(r => r.Pattern.ToString()).Order().ToArray();
        var actual = b.Regions.Select(r => Unpermuted(r.Pattern.ToString(), orders)).Order().ToArray();
        Assert.Equal(expected, actual);
    }

    /// <summary>Reordering a maxout unit's pieces changes only which index wins: each pattern digit (the winning
    /// piece) is read back through the reordering.</summary>
    [Theory]
    [InlineData("maxout:5:2,4,4:3", 1)]
    [InlineData("maxout:9:3,5,4:2", 2)]
    public void ReorderingMaxoutPieces_GivesTheSameRegions(string spec, int seed)
    {
        var net = InvariantTests.Load(spec);
        var rng = new Random(seed);
        var hidden = net.Layers.Take(net.Layers.Count - 1).ToArray();
        int k = hidden[0].Pieces;
        // orders[l][u][p']: the original piece that piece p' of unit u of layer l is.
        var orders = hidden.Select(l => Enumerable.Range(0, l.OutputWidth)
            .Select(_ => Enumerable.Range(0, k).OrderBy(_ => rng.Next()).ToArray()).ToArray()).ToArray();
        var layers = net.Layers.Select((layer, l) =>
        {
            if (l >= hidden.Length) return layer;
            int cols = layer.InputWidth;
            var weight = new double[layer.Rows * cols];
            var bias = new double[layer.Rows];
            for (int u = 0; u < layer.OutputWidth; u++)
                for (int p = 0; p < k; p++)
                {
                    int from = u * k + orders[l][u][p];
                    bias[u * k + p] = layer.Bias[from];
                    layer.WeightRow(from).CopyTo(weight.AsSpan((u * k + p) * cols, cols));
                }
            return new Layer(weight, layer.Rows, cols, bias, layer.Activation, pieces: k);
        }).ToList();
        var a = new RegionEnumerator(net).Run();
        var b = new RegionEnumerator(new Network(net.Name + "-pieces", net.InputDim, layers, net.Domain)).Run();

        SameRegions.AssertSameCounts(a, b);
        SameRegions.AssertSameRadii(a, b);
        var expected = a.Regions.Select(r => r.Pattern.ToString()).Order().ToArray();
        var actual = b.Regions.Select(r =>
        {
            var digits = r.Pattern.ToString().ToCharArray();
            int at = 0;
            for (int l = 0; l < hidden.Length; l++)
                for (int u = 0; u < hidden[l].OutputWidth; u++, at++)
                    digits[at] = (char)('0' + orders[l][u][digits[at] - '0']);
            return new string(digits);
        }).Order().ToArray();
        Assert.Equal(expected, actual);
    }

    private static Network Permuted(Network net, int[][] orders)
    {
        var layers = new List<Layer>();
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var layer = net.Layers[l];
            int rows = layer.Rows, cols = layer.InputWidth;
            var rowOrder = l < orders.Length ? orders[l] : Enumerable.Range(0, rows).ToArray();
            var colOrder = l > 0 ? orders[l - 1] : Enumerable.Range(0, cols).ToArray();
            var weight = new double[rows * cols];
            var bias = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                bias[r] = layer.Bias[rowOrder[r]];
                for (int c = 0; c < cols; c++) weight[r * cols + c] = layer.Weight[rowOrder[r] * cols + colOrder[c]];
            }
            layers.Add(new Layer(weight, rows, cols, bias, layer.Activation, layer.NegativeSlope));
        }
        return new Network(net.Name + "-permuted", net.InputDim, layers, net.Domain);
    }

    private static string Unpermuted(string pattern, int[][] orders)
    {
        var digits = pattern.ToCharArray();
        var original = new char[digits.Length];
        int offset = 0;
        foreach (var order in orders)
        {
            for (int k = 0; k < order.Length; k++) original[offset + order[k]] = digits[offset + k];
            offset += order.Length;
        }
        return new string(original);
    }
}
