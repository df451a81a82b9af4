namespace Polytopes.Cli.Tests;

/// <summary>--help on the root and on enumerate succeeds and documents every option.</summary>
public class HelpTests
{
    private static readonly string[] EnumerateOptions = ["--box", "--out", "--json", "--max-regions"];

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void RootHelp_ExitsZeroAndListsTheEnumerateCommandWithADescription(string flag)
    {
        var stdout = Cli.AssertSuccess(Cli.Run(flag));
        var line = stdout.Split('\n').SingleOrDefault(l => l.TrimStart().StartsWith("enumerate", StringComparison.Ordinal));
        Assert.True(line != null, stdout);
        Assert.Contains("linear region", line);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void EnumerateHelp_ExitsZeroAndListsEveryOptionWithADescription(string flag)
    {
        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", flag));
        var lines = stdout.ReplaceLineEndings("\n").Split('\n');
        foreach (var option in EnumerateOptions)
        {
            var line = lines.SingleOrDefault(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.True(line != null, $"no line for {option} in\n{stdout}");
            // After the option and its <value> placeholder comes a description of at least a few words.
            var rest = line.TrimStart()[option.Length..].Trim();
            if (rest.StartsWith('<')) rest = rest[(rest.IndexOf('>') + 1)..].Trim();
            Assert.True(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3, $"{option} has no description: '{line}'");
        }
        Assert.Contains("<net>", stdout);
    }

    [Fact]
    public void EnumerateHelp_WithOtherArguments_StillOnlyPrintsHelp()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", Reference.Net("relu_2d_8"), "--json", "--help"));
        Assert.Contains("--max-regions", stdout);
        Assert.DoesNotContain("\"regions\"", stdout);
    }
}
