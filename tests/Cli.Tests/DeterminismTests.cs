namespace Polytopes.Cli.Tests;

/// <summary>The same command on the same input produces the same bytes.</summary>
public class DeterminismTests
{
    [Fact]
    public void OutFile_OfRelu2d16x16_IsByteIdenticalAcrossTwoRuns()
    {
        using var dir = new TempDir();
        var first = dir.File("first.jsonl");
        var second = dir.File("second.jsonl");
        Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_16x16"), "--out", first));
        Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_16x16"), "--out", second));

        var a = File.ReadAllBytes(first);
        Assert.Equal(Reference.Truth("relu_2d_16x16").GetProperty("regions").GetInt32(), File.ReadAllLines(first).Length);
        Assert.Equal(a, File.ReadAllBytes(second));
    }

    [Fact]
    public void JsonSummary_OfRelu2d16x16_IsIdenticalAcrossTwoRunsApartFromTheTime()
    {
        static string WithoutSeconds(string stdout) =>
            System.Text.RegularExpressions.Regex.Replace(stdout, "\"seconds\":[^,}]*", "\"seconds\":0");
        var a = Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_16x16"), "--json"));
        var b = Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_16x16"), "--json"));
        Assert.Equal(WithoutSeconds(a), WithoutSeconds(b));
    }
}
