using System.Security.Cryptography;
using System.Text;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Tests.Init;

/// <summary>Same spec → bit-identical network; the bits are pinned by hash, so a machine or .NET version that
/// drew different numbers fails here; invalid combinations are refused with a clear message.</summary>
public class RandomNetworksTests
{
    private static RandomNetworkSpec Spec(InitScheme init, string activation = "relu", ulong seed = 3, double? biasStd = null) =>
        new([2, 16, 16, 1], ActivationSpec.Parse(activation, "test"), init, biasStd, seed);

    private static string Hash(Network net) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(NetworkJson.Write(net))))[..16];

    public static TheoryData<InitScheme, string> AllSchemes()
    {
        var data = new TheoryData<InitScheme, string>();
        foreach (var s in Enum.GetValues<InitScheme>()) data.Add(s, s.NeedsMaxout() ? "maxout:3" : "relu");
        return data;
    }

    [Theory]
    [MemberData(nameof(AllSchemes))]
    public void SameSpec_GivesBitIdenticalNetworks(InitScheme init, string activation)
    {
        var a = RandomNetworks.Create(Spec(init, activation));
        var b = RandomNetworks.Create(Spec(init, activation));
        for (int l = 0; l < a.Layers.Count; l++)
        {
            Assert.Equal(a.Layers[l].Weight.ToArray().Select(BitConverter.DoubleToInt64Bits), b.Layers[l].Weight.ToArray().Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(a.Layers[l].Bias.ToArray().Select(BitConverter.DoubleToInt64Bits), b.Layers[l].Bias.ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
        Assert.Equal(NetworkJson.Write(a), NetworkJson.Write(b));
        Assert.NotEqual(NetworkJson.Write(a), NetworkJson.Write(RandomNetworks.Create(Spec(init, activation, seed: 4))));
    }

    /// <summary>SHA-256 (first 16 hex digits) of the JSON of 2-16-16-1 networks with seed 3, recorded when the
    /// generator was written. The stream is specified: these never change. If one fails, the generator (or the
    /// arithmetic of this machine) changed, and every sweep's networks with it.</summary>
    [Theory]
    [InlineData(InitScheme.HeNormal, "relu", "532869D0853F691C")]
    [InlineData(InitScheme.HeUniform, "relu", "9F7F0DEA6B25587A")]
    [InlineData(InitScheme.GlorotNormal, "leaky_relu", "29EB36EE4CBA45E5")]
    [InlineData(InitScheme.GlorotUniform, "relu", "AEEA3665175E9E18")]
    [InlineData(InitScheme.LecunNormal, "relu", "D9424650B661D8E9")]
    [InlineData(InitScheme.LecunUniform, "relu", "EFB613F290F69D5E")]
    [InlineData(InitScheme.PyTorch, "relu", "CECE88ED44FB9F3E")]
    [InlineData(InitScheme.Orthogonal, "relu", "98D2E6E865CABA18")]
    [InlineData(InitScheme.MaxoutHe, "maxout:2", "4C3567E2027C9D1B")]
    [InlineData(InitScheme.Sphere, "maxout:3", "599B20C200F5F529")]
    [InlineData(InitScheme.ManyRegions, "maxout:4", "C65C3647213BA9BB")]
    public void Networks_ArePinnedByHash(InitScheme init, string activation, string hash) =>
        Assert.Equal(hash, Hash(RandomNetworks.Create(Spec(init, activation))));

    [Fact]
    public void Network_HasTheRequestedShapeActivationsAndDomain()
    {
        var net = RandomNetworks.Create(new RandomNetworkSpec([3, 5, 4, 2], ActivationSpec.Parse("maxout:3", "t"), InitScheme.HeNormal, null, 1));
        Assert.Equal(3, net.InputDim);
        Assert.Equal([15, 12, 2], net.Layers.Select(l => l.Rows));
        Assert.Equal([Activation.Maxout, Activation.Maxout, Activation.Identity], net.Layers.Select(l => l.Activation));
        Assert.Equal(9, net.UnitCount);
        Assert.Equal([-1.0, -1, -1], net.Domain!.Lo.ToArray());
        Assert.Equal("3-5-4-2 maxout:3 he_normal seed 1", net.Name);
    }

    [Fact]
    public void LeakyRelu_CarriesItsSlope()
    {
        var net = RandomNetworks.Create(Spec(InitScheme.HeNormal, "leaky_relu:0.2"));
        Assert.Equal(0.2, net.Layers[0].NegativeSlope);
        Assert.Equal("leaky_relu:0.2", ActivationSpec.Parse("leaky_relu:0.2", "t").ToString());
        Assert.Equal("leaky_relu", ActivationSpec.Parse("leaky_relu", "t").ToString());
    }

    [Theory]
    [InlineData(InitScheme.Sphere, "relu", null, "maxout layers only")]
    [InlineData(InitScheme.ManyRegions, "leaky_relu", null, "maxout layers only")]
    [InlineData(InitScheme.Sphere, "maxout:2", 0.1, "sets its own biases")]
    [InlineData(InitScheme.MaxoutHe, "maxout:11", null, "1 to 10 pieces")]
    [InlineData(InitScheme.HeNormal, "relu", -1.0, "bias standard deviation")]
    public void ImpossibleCombinations_AreRefusedWithAClearMessage(InitScheme init, string activation, double? biasStd, string message)
    {
        var e = Assert.Throws<InputException>(() => RandomNetworks.Create(Spec(init, activation, biasStd: biasStd)));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("maxout")]
    [InlineData("maxout:0")]
    [InlineData("leaky_relu:x")]
    [InlineData("relu:2")]
    public void BadActivationText_IsRefused(string text) =>
        Assert.Throws<InputException>(() => ActivationSpec.Parse(text, "--activation"));
}
