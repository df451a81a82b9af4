using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>polytopes convert NET --to net.json.</summary>
public class ConvertCommandTests
{
    [Fact]
    public void ConvertOnnx_WritesPolytopesNetJsonWithSkips()
    {
        using var dir = new TempDir();
        var target = dir.File("res.json");
        var stdout = Cli.AssertSuccess(Cli.Run("convert", OnnxCliTests.Onnx("residual_mlp"), "--to", target));
        Assert.StartsWith($"wrote {target}: residual_mlp, input_dim 2, 6 layers", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(target));
        var layers = doc.RootElement.GetProperty("layers");
        Assert.Equal(6, layers.GetArrayLength());
        Assert.Equal(0, layers[2].GetProperty("skip").GetProperty("from").GetInt32());
        Assert.Equal(-1, layers[5].GetProperty("skip").GetProperty("from").GetInt32());
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public void ConvertJson_ToJson_KeepsTheRegions()
    {
        using var dir = new TempDir();
        var target = dir.File("copy.json");
        Cli.AssertSuccess(Cli.Run("convert", Reference.Net("relu_2d_8"), "--to", target));
        var summary = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", target, "--json")));
        Assert.Equal(26, summary.GetProperty("regions").GetInt32());
    }

    [Fact]
    public void ConvertWithPlaneThrough_WritesThe2DNetworkWithTheSliceBoxAsDomain()
    {
        using var dir = new TempDir();
        var points = dir.Write("points.json", """{"points": [[0, 0, 0], [1, 0, 0], [0, 0, 2]]}""");
        var target = dir.File("plane.json");
        Cli.AssertSuccess(Cli.Run("convert", OnnxCliTests.Onnx("mlp"), "--plane-through", points, "--to", target));
        using var doc = JsonDocument.Parse(File.ReadAllText(target));
        Assert.Equal(2, doc.RootElement.GetProperty("input_dim").GetInt32());
        // t_1 along p0 → p1 (length 1), t_2 along the z axis (length 2); centroid (1/3, 0, 2/3).
        var lo = doc.RootElement.GetProperty("domain").GetProperty("lo").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var hi = doc.RootElement.GetProperty("domain").GetProperty("hi").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(-1 / 3.0, lo[0], 1e-12);
        Assert.Equal(2 / 3.0, hi[0], 1e-12);
        Assert.Equal(-2 / 3.0, lo[1], 1e-12);
        Assert.Equal(4 / 3.0, hi[1], 1e-12);
    }

    [Fact]
    public void ConvertToOnnx_IsRejected_Exit2()
    {
        using var dir = new TempDir();
        var line = Cli.AssertBadInput(Cli.Run("convert", Reference.Net("relu_2d_8"), "--to", dir.File("x.onnx")));
        Assert.Contains("only polytopes-net JSON", line);
    }

    [Fact]
    public void ConvertWithoutTo_IsAUsageError_Exit2()
    {
        var result = Cli.Run("convert", Reference.Net("relu_2d_8"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to", result.Stderr);
    }

    [Fact]
    public void ConvertUnsupportedOnnx_WritesNothing_Exit2()
    {
        using var dir = new TempDir();
        var target = dir.File("x.json");
        Cli.AssertBadInput(Cli.Run("convert", OnnxCliTests.Onnx("unsupported_sigmoid"), "--to", target));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void ConvertHelp_ListsItsOptions()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("convert", "--help"));
        foreach (var option in new[] { "--to", "--slice", "--plane-through" }) Assert.Contains(option, stdout);
    }
}
