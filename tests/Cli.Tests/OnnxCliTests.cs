using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>Commands accept .onnx wherever they accept a polytopes-net JSON file, with the same results.</summary>
public class OnnxCliTests
{
    public static string Onnx(string name) => TestPaths.Fixture("onnx", name + ".onnx");

    /// <summary>The summary without its timing, as text (for whole-object comparison).</summary>
    private static string WithoutSeconds(JsonElement summary) =>
        string.Join(",", summary.EnumerateObject().Where(p => p.Name != "seconds").Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    [Theory]
    [InlineData("mlp")]
    [InlineData("mlp_batchnorm")]
    [InlineData("residual_mlp")]
    [InlineData("leaky_mlp")]
    [InlineData("maxout_mlp")]
    public void EnumerateOnnx_EqualsEnumerateOnItsConvertedJson(string name)
    {
        using var dir = new TempDir();
        var json = dir.File(name + ".json");
        Cli.AssertSuccess(Cli.Run("convert", Onnx(name), "--to", json));

        var fromOnnx = Cli.Run("enumerate", Onnx(name), "--json", "--out", dir.File("a.jsonl"));
        var fromJson = Cli.Run("enumerate", json, "--json", "--out", dir.File("b.jsonl"));
        var a = Cli.SingleJsonObject(Cli.AssertSuccess(fromOnnx));
        var b = Cli.SingleJsonObject(Cli.AssertSuccess(fromJson));
        Assert.True(a.GetProperty("regions").GetInt32() > 10);
        Assert.Equal(WithoutSeconds(b), WithoutSeconds(a));
        Assert.Equal(File.ReadAllText(dir.File("b.jsonl")), File.ReadAllText(dir.File("a.jsonl")));
    }

    [Fact]
    public void EnumerateReferenceOnnx_MatchesTheTruthFile()
    {
        var summary = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", TestPaths.Fixture("reference", "relu_2d_8.onnx"), "--json")));
        var truth = Reference.Truth("relu_2d_8");
        Assert.Equal(truth.GetProperty("regions").GetInt32(), summary.GetProperty("regions").GetInt32());
        Assert.Equal(Reference.Histogram(truth.GetProperty("face_hist_total")), Reference.Histogram(summary.GetProperty("face_histogram")));
    }

    [Fact]
    public void UnsupportedOperator_IsOneLineNamingOperatorAndNode_Exit2()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Onnx("unsupported_sigmoid")));
        Assert.Contains(Onnx("unsupported_sigmoid"), line);
        Assert.Contains("unsupported operator Sigmoid", line);
        Assert.Contains("'/1/Sigmoid'", line);
    }

    [Fact]
    public void TruncatedOnnx_IsOneLine_Exit2()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(Onnx("residual_mlp"));
        var path = dir.File("cut.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var line = Cli.AssertBadInput(Cli.Run("enumerate", path));
        Assert.Contains(path, line);
        Assert.Contains("truncated or corrupt", line);
    }
}
