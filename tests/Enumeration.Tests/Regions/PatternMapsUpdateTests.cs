using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The subdivision's map updates (<see cref="PatternMaps.UpdatePost"/>) against the maps computed in full for
/// the same states: a chain of cells, each a few units different from the one before, ends where a full computation
/// for its last states lands (within rounding of the magnitudes summed, the guard's own measure).</summary>
public class PatternMapsUpdateTests
{
    // The second layer's rows: 20, and 300 (the drift test's rows rented rather than on the stack).
    [Theory]
    [InlineData(Activation.Relu, 1, 20)]
    [InlineData(Activation.LeakyRelu, 2, 20)]
    [InlineData(Activation.Relu, 3, 300)]
    public void AChainOfUpdatesEndsWhereAFullComputationDoes(Activation activation, ulong seed, int rows)
    {
        var net = HeNetworks.Create([2, 24, rows, 1], seed, activation);
        var layout = new NetworkLayout(net);
        var rng = new Random((int)seed);
        var source = new PatternMaps(layout);
        source.ComputePre(0);
        var states = new byte[layout.UnitCount];
        for (int u = 0; u < 24; u++) states[u] = (byte)rng.Next(2);
        var chained = new PatternMaps(layout);
        chained.ComputePost(0, states, source);
        chained.ComputePre(1);
        for (int step = 0; step < 200; step++)
        {
            var changed = Enumerable.Range(0, 24).OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).Order().ToArray();
            foreach (int u in changed) states[u] ^= 1;
            chained.UpdatePost(0, states, source, changed);
        }
        var full = new PatternMaps(layout);
        full.ComputePost(0, states, source);
        full.ComputePre(1);
        for (int r = 0; r < rows; r++)
        {
            var a = chained.PreRow(1, r);
            var b = full.PreRow(1, r);
            double scale = full.PreScale[layout.PreOffset[1] + r];
            Assert.Equal(scale, chained.PreScale[layout.PreOffset[1] + r], 1e-9 * scale);
            for (int t = 0; t < layout.Width; t++) Assert.Equal(b[t], a[t], 1e-12 * scale);
        }
    }
}
