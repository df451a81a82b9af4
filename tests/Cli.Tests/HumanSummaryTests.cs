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

    /// <summary>A network of more than 16 inputs enumerated without a slice (an image model, say) gets a note on
    /// stderr before the long first LPs; the JSON on stdout stays one object.</summary>
    [Fact]
    public void HighDimensionalInput_WithoutASlice_GetsANoteOnStderr()
    {
        using var dir = new TempDir();
        foreach (int d in new[] { 16, 17 })
        {
            var net = dir.File($"d{d}.json");
            Cli.AssertSuccess(Cli.Run("init", "--widths", $"{d},3,1", "--out", net));
            var result = Cli.Run("enumerate", net, "--max-regions", "1", "--json");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.StartsWith("{", result.Stdout);
            Assert.Equal(d > 16, result.Stderr.Contains($"input_dim {d}") && result.Stderr.Contains("--slice"));
        }
    }
}
