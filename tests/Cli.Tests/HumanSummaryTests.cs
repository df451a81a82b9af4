using System.Text.RegularExpressions;

namespace Polytopes.Cli.Tests;

/// <summary>Without --json, enumerate prints a readable summary.</summary>
public class HumanSummaryTests
{
    [Fact]
    public void HumanSummary_OfRelu2d8_NamesEachStatisticAndTheRegionCount()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_8")));
        foreach (var word in new[] { "regions", "linear regions", "faces", "radius" }) Assert.Contains(word, stdout);
        Assert.Matches(new Regex(@"^regions\s+26\s*$", RegexOptions.Multiline), stdout.ReplaceLineEndings("\n"));
        Assert.Matches(new Regex(@"^linear regions\s+26\s*$", RegexOptions.Multiline), stdout.ReplaceLineEndings("\n"));
        Assert.Contains("relu_2d_8", stdout);
    }

    [Fact]
    public void HumanSummary_IsNotJson()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_8")));
        Assert.False(stdout.TrimStart().StartsWith('{'));
    }

    [Fact]
    public void HumanSummary_WithARegionLimit_SaysItIsIncompleteAndExitsOne()
    {
        var result = Cli.Run("enumerate", Reference.Net("relu_2d_8"), "--max-regions", "3");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("incomplete", result.Stdout);
        Assert.Matches(new Regex(@"^regions\s+3\b", RegexOptions.Multiline), result.Stdout.ReplaceLineEndings("\n"));
    }
}
