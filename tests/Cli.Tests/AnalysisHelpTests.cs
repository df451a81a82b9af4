namespace Polytopes.Cli.Tests;

/// <summary>--help of the analysis commands documents every option, and the root help lists the commands.</summary>
public class AnalysisHelpTests
{
    [Theory]
    [InlineData("histogram", "--box --slice --plane-through --json --csv --svg --domain --certify --tolerance --threads")]
    [InlineData("stats", "--box --slice --plane-through --json --domain --certify --tolerance --threads")]
    [InlineData("track", "--box --slice --plane-through --json --csv --svg --domain --certify --tolerance --threads")]
    [InlineData("map", "--svg --box --slice --plane-through --colour --json --domain --certify --tolerance --threads")]
    [InlineData("sample", "--domain")]
    [InlineData("validate", "--domain")]
    public void Help_ListsEveryOptionWithADescription(string command, string options)
    {
        var stdout = Cli.AssertSuccess(Cli.Run(command, "--help"));
        var lines = stdout.ReplaceLineEndings("\n").Split('\n');
        foreach (var option in options.Split(' '))
        {
            var line = lines.SingleOrDefault(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.True(line != null, $"no line for {option} in\n{stdout}");
            var rest = line.TrimStart()[option.Length..].Trim();
            if (rest.StartsWith('<')) rest = rest[(rest.IndexOf('>') + 1)..].Trim();
            Assert.True(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3, $"{option} has no description: '{line}'");
        }
    }

    [Fact]
    public void RootHelp_ListsTheAnalysisCommands()
    {
        var stdout = Cli.AssertSuccess(Cli.Run("--help"));
        foreach (var command in new[] { "histogram", "stats", "track", "map" })
            Assert.Contains(stdout.Split('\n'), l => l.TrimStart().StartsWith(command + " ", StringComparison.Ordinal));
    }
}
