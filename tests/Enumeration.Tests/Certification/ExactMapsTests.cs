using Polytopes.Enumeration.Certification;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Tests.Regions;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Tests.Certification;

/// <summary>Exact pre-activation maps: the integer fast path (Int128, then BigInteger) agrees with the rational
/// recursion, and both agree with the float maps up to rounding.</summary>
public class ExactMapsTests
{
    public static TheoryData<int> Seeds => new() { 4, 5, 6 };

    // ReLU, leaky ReLU, maxout and skip connections.
    private static Network[] Nets(int seed) =>
    [
        RandomNets.Mlp(seed, 2, [5, 4, 3]),
        RandomNets.Mlp(seed, 3, [4, 4], Activation.LeakyRelu),
        RandomNets.Mlp(seed, 2, [3, 2], Activation.Maxout, pieces: 3),
        RandomNets.Residual(seed, 2, 4, 2),
    ];

    private static byte[] RandomStates(Network net, Random rng)
    {
        var states = new byte[net.UnitCount];
        int unit = 0;
        foreach (var layer in net.Layers)
            for (int u = 0; u < layer.UnitCount; u++) states[unit++] = (byte)rng.Next(layer.Activation == Activation.Maxout ? layer.Pieces : 2);
        return states;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void IntegerAndRationalMaps_AreEqual(int seed)
    {
        var rng = new Random(seed);
        foreach (var net in Nets(seed))
        {
            var exact = new ExactNetwork(net);
            for (int trial = 0; trial < 10; trial++)
            {
                var states = RandomStates(net, rng);
                var fast = ExactPatternMaps.Of(exact, states);
                var reference = ExactPatternMaps.OfRational(exact, states);
                Assert.Equal(reference.Pre, fast.Pre);
                Assert.Equal(reference.OutputMaps(), fast.OutputMaps());
                var big = IntegerPatternMaps.Compute<System.Numerics.BigInteger>(exact.Integers, states);
                Assert.Equal(reference.Pre, big.Pre);

                var floats = new PatternMaps(exact.Layout);
                for (int l = 0; l < net.Layers.Count; l++) { floats.ComputePre(l); floats.ComputePost(l, states); }
                for (int k = 0; k < floats.Pre.Length; k++)
                    Assert.Equal(floats.Pre[k], fast.Pre[k].ToDouble(), 1e-9 * Math.Max(1, Math.Abs(floats.Pre[k])));
            }
        }
    }

    /// <summary>Maps computed from the previous pattern's (<see cref="IncrementalPatternMaps"/>) equal maps computed
    /// afresh, along sequences mixing one to three flipped units (the cheap path), many flips (layers recomputed),
    /// the same pattern twice, and deeper networks (ReLU, leaky, maxout, skips, three hidden layers).</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void IncrementalMaps_EqualMapsComputedAfresh(int seed)
    {
        var rng = new Random(seed);
        int updates = 0;
        // float32 weights, as trained networks have: their maps fit in Int128, the incremental path's type (with
        // doubles' 53-bit mantissas they overflow into BigInteger, computed afresh).
        foreach (var net in Nets(seed).Append(RandomNets.Mlp(seed, 3, [6, 5, 4])).Append(RandomNets.Mlp(seed, 2, [8, 8], Activation.LeakyRelu)).Select(Float32))
        {
            var exact = new ExactNetwork(net);
            var incremental = new IncrementalPatternMaps(exact.Integers);
            var states = RandomStates(net, rng);
            for (int step = 0; step < 60; step++)
            {
                int kind = rng.Next(6);
                if (kind == 0) states = RandomStates(net, rng);
                else if (kind < 5)
                {
                    var fresh = RandomStates(net, rng);
                    for (int k = 0; k < kind % 3 + 1; k++) { int u = rng.Next(states.Length); states[u] = fresh[u]; }
                }
                var (pre, output) = incremental.Compute(states);
                var (freshPre, freshOutput) = IntegerPatternMaps.Compute(exact.Integers, states);
                Assert.Equal(freshPre, pre);
                Assert.Equal(freshOutput, output);
            }
            updates += incremental.Updates;
        }
        Assert.True(updates > 100, $"only {updates} patterns took the incremental path");
    }

    /// <summary>The network with every weight, bias and skip weight rounded to float32.</summary>
    private static Network Float32(Network net)
    {
        static double[] Round(ReadOnlySpan<double> v) => v.ToArray().Select(x => (double)(float)x).ToArray();
        var layers = net.Layers.Select(l => new Layer(Round(l.Weight), l.Rows, l.InputWidth, Round(l.Bias), l.Activation,
            l.NegativeSlope, l.Pieces, l.Skip is { } s ? new SkipConnection(s.From, s.Weight is { } w ? Round(w) : null) : null));
        return new Network(net.Name + "-f32", net.InputDim, layers.ToList());
    }

    /// <summary>The Int128 multiply-add against BigInteger: factors at the 64-bit boundary (long.MinValue² = 2^126
    /// is the largest 64 × 64 product), factors beyond it, and products or sums that overflow (which must throw,
    /// so that the BigInteger path takes over).</summary>
    [Fact]
    public void Int128MultiplyAdd_IsExactOrThrows()
    {
        Int128 max = Int128.MaxValue, min = Int128.MinValue;
        Int128[] values =
        [
            0, 1, -1, 3, long.MaxValue, long.MinValue, (Int128)long.MaxValue + 1, (Int128)long.MinValue - 1,
            (Int128)1 << 64, -((Int128)1 << 64), (Int128)1 << 100, -((Int128)1 << 100), ((Int128)1 << 63) * 3,
            max, min, max / 2, min / 2,
        ];
        foreach (var acc in values)
            foreach (var a in values)
                foreach (var b in values)
                {
                    var product = (System.Numerics.BigInteger)a * b;
                    var exact = acc + product;
                    if (Fits(product) && Fits(exact))
                        Assert.Equal(exact, (System.Numerics.BigInteger)IntegerPatternMaps.MultiplyAdd(acc, a, b));
                    else Assert.Throws<OverflowException>(() => IntegerPatternMaps.MultiplyAdd(acc, a, b));
                }
        static bool Fits(System.Numerics.BigInteger v) =>
            v >= (System.Numerics.BigInteger)Int128.MinValue && v <= (System.Numerics.BigInteger)Int128.MaxValue;
    }

    /// <summary>Weights 2^-60 and 2^60 in one network overflow Int128 in the second layer: the BigInteger path
    /// takes over and the maps stay exact.</summary>
    [Fact]
    public void HugeExponentSpread_FallsBackToBigIntegers()
    {
        double tiny = Math.Pow(2, -60), huge = Math.Pow(2, 60);
        var net = new Network("spread", 2,
        [
            new Layer(new double[,] { { 1 + tiny, huge }, { tiny, 1 } }, [tiny, huge], Activation.Relu),
            new Layer(new double[,] { { huge, 1 + tiny }, { tiny, huge } }, [tiny, 1], Activation.Relu),
            new Layer(new double[,] { { 1 + tiny, huge } }, [0.0], Activation.Identity),
        ]);
        var exact = new ExactNetwork(net);
        byte[] states = [1, 1, 1, 1];
        Assert.Throws<OverflowException>(() => IntegerPatternMaps.Compute<Int128>(exact.Integers, states));
        var incremental = new IncrementalPatternMaps(exact.Integers);
        foreach (var s in new byte[][] { [1, 1, 1, 1], [1, 0, 1, 1], [1, 1, 1, 1] })
            Assert.Equal(ExactPatternMaps.OfRational(exact, s).Pre, incremental.Compute(s).Pre);
        var fast = ExactPatternMaps.Of(exact, states);
        var reference = ExactPatternMaps.OfRational(exact, states);
        Assert.Equal(reference.Pre, fast.Pre);
        Assert.Equal(reference.OutputMaps(), fast.OutputMaps());
        Assert.Contains(fast.Pre, v => !v.IsZero && !Rational.FromDouble(v.ToDouble()).Equals(v)); // not a double
    }

    /// <summary>The certifier keeps no maps per region and recomputes a parent's with <see cref="ExactPatternMaps.Of"/>
    /// (pre-activations and outputs only) when it crosses a facet: the pattern and maps across must be those from
    /// the full rational recursion, for any facet (random normals and owners here, ReLU, leaky, maxout, skips).</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void AcrossFromIntegerMaps_EqualsAcrossFromRationalMaps(int seed)
    {
        var rng = new Random(seed);
        foreach (var net in Nets(seed))
        {
            var exact = new ExactNetwork(net);
            for (int trial = 0; trial < 10; trial++)
            {
                var states = RandomStates(net, rng);
                var normal = Enumerable.Range(0, net.InputDim).Select(_ => Rational.FromDouble(rng.NextDouble() - 0.5)).ToArray();
                int owner = rng.Next(net.UnitCount);
                int piece = net.Layers[0].Activation == Activation.Maxout ? rng.Next(net.Layers[0].Pieces) : -1;
                var owners = new HashSet<(int, int)> { (owner, piece) };
                var fromIntegers = ExactPatternRules.Across(exact, states, ExactPatternMaps.Of(exact, states), normal, owners);
                var fromRationals = ExactPatternRules.Across(exact, states, ExactPatternMaps.OfRational(exact, states), normal, owners);
                Assert.Equal(fromRationals.States, fromIntegers.States);
                Assert.Equal(fromRationals.Maps.Pre, fromIntegers.Maps.Pre);
                Assert.Equal(fromRationals.Maps.OutputMaps(), fromIntegers.Maps.OutputMaps());
            }
        }
    }

    /// <summary>Maps made by <see cref="ExactPatternMaps.Of"/> hold no post-activations, so they cannot continue the
    /// recursion: asking is an error, not a silent use of missing numbers.</summary>
    [Fact]
    public void IntegerMaps_RefuseToContinueTheRecursion()
    {
        var net = RandomNets.Mlp(4, 2, [3, 2]);
        var exact = new ExactNetwork(net);
        var maps = ExactPatternMaps.Of(exact, new byte[net.UnitCount]);
        Assert.Throws<InvalidOperationException>(() => maps.ComputePre(1));
        Assert.Throws<InvalidOperationException>(() => maps.ComputePost(0, new byte[net.UnitCount]));
    }
}
