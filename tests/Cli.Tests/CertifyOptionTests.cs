namespace Polytopes.Cli.Tests;

/// <summary>enumerate --certify and --tolerance.</summary>
public class CertifyOptionTests
{
    private static string Degenerate(string name) => TestPaths.Fixture("degenerate", name + ".json");

    [Fact]
    public void Certify_OnAReferenceNet_AddsTheThreeKeysWithZeroRepairs()
    {
        var plain = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_8"), "--json")));
        var s = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_8"), "--json", "--certify")));
        Assert.True(s.GetProperty("certified").GetBoolean());
        Assert.Equal(0, s.GetProperty("certification_repairs").GetInt32());
        Assert.True(s.GetProperty("certification_seconds").GetDouble() >= 0);
        Assert.Equal(plain.GetProperty("regions").GetInt32(), s.GetProperty("regions").GetInt32());
        Assert.Equal(plain.GetProperty("face_histogram").ToString(), s.GetProperty("face_histogram").ToString());
        Assert.False(plain.TryGetProperty("certified", out _));
    }

    [Fact]
    public void Certify_OnTheSliver_PrintsTheExactCountsAndTheRepairs()
    {
        var plain = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", Degenerate("sliver_1e-9"), "--json")));
        Assert.Equal(4, plain.GetProperty("regions").GetInt32());
        var s = Cli.SingleJsonObject(Cli.AssertSuccess(Cli.Run("enumerate", Degenerate("sliver_1e-9"), "--json", "--certify")));
        Assert.True(s.GetProperty("certified").GetBoolean());
        Assert.Equal(6, s.GetProperty("regions").GetInt32());
        Assert.Equal(6, s.GetProperty("linear_regions").GetInt32());
        Assert.Equal("{\"4\":6}", s.GetProperty("face_histogram").GetRawText());
        Assert.True(s.GetProperty("certification_repairs").GetInt32() > 0);
    }

    [Fact]
    public void Certify_HumanSummary_HasACertifiedLine()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", Degenerate("near_concurrent_lines"), "--certify"));
        Assert.Contains("regions         7", stdout);
        Assert.Contains("certified       yes, 9 repairs", stdout);
    }

    [Fact]
    public void Tolerance_LetsTheSearchKeepTheTinyTriangle()
    {
        var s = Cli.SingleJsonObject(Cli.AssertSuccess(
            Cli.Run("enumerate", Degenerate("near_concurrent_lines"), "--json", "--tolerance", "1e-15")));
        Assert.Equal(7, s.GetProperty("regions").GetInt32());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1e-9")]
    [InlineData("0.5")]
    public void Tolerance_OutOfRange_IsBadInput(string value)
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Reference.Net("relu_2d_8"), "--tolerance", value));
        Assert.Contains("--tolerance", line);
    }

    [Fact]
    public void Certify_AfterAnIncompleteSearch_IsNotCertified()
    {
        var r = Cli.Run("enumerate", Reference.Net("relu_2d_16x16"), "--json", "--certify", "--max-regions", "10");
        Assert.Equal(1, r.ExitCode);
        Assert.False(Cli.SingleJsonObject(r.Stdout).GetProperty("certified").GetBoolean());
    }
}
