namespace Polytopes.Tests;

/// <summary>Locates the repository so tests can read checked-in fixtures without copying them to the output.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The directory holding Polytopes.sln (found by walking up from the test binaries).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A path under the repository's fixtures folder, e.g. Fixture("reference", "relu_2d_8.json").</summary>
    public static string Fixture(params string[] parts) => Path.Combine([RepoRoot, "fixtures", .. parts]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Polytopes.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Polytopes.sln above {AppContext.BaseDirectory}");
    }
}
