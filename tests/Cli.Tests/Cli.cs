using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>What one in-process run of the command line produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The lines written to stderr (line endings normalised, a final newline does not add a line).</summary>
    public string[] StderrLines => Stderr.ReplaceLineEndings("\n").TrimEnd('\n') is { Length: > 0 } s ? s.Split('\n') : [];

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs <see cref="Program.Run"/> in-process with string writers.</summary>
public static class Cli
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the run failed as bad input: exit 2, nothing on stdout, exactly one line on stderr that
    /// starts with "polytopes: error:" and has no stack trace. Returns that line.</summary>
    public static string AssertBadInput(CliResult result)
    {
        Assert.True(result.ExitCode == 2, $"expected exit code 2\n{result}");
        Assert.True(result.Stdout.Length == 0, $"expected nothing on stdout\n{result}");
        var lines = result.StderrLines;
        Assert.True(lines.Length == 1, $"expected exactly one line on stderr\n{result}");
        Assert.StartsWith("polytopes: error:", lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        return lines[0];
    }

    /// <summary>Asserts a successful run (exit 0, empty stderr) and returns stdout.</summary>
    public static string AssertSuccess(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"expected exit code 0\n{result}");
        Assert.True(result.Stderr.Length == 0, $"expected nothing on stderr\n{result}");
        return result.Stdout;
    }

    /// <summary>Parses stdout as exactly one JSON object followed by one newline.</summary>
    public static JsonElement SingleJsonObject(string stdout)
    {
        Assert.EndsWith("\n", stdout);
        Assert.Single(stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        // JsonDocument.Parse rejects trailing content, so this also proves there is a single value.
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        return doc.RootElement.Clone();
    }
}

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "polytopes-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to a file in this directory and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Reference fixtures and their independently computed truth files.</summary>
public static class Reference
{
    public static string Net(string name) => TestPaths.Fixture("reference", name + ".json");

    public static JsonElement Truth(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("reference", name + ".truth.json")));
        return doc.RootElement.Clone();
    }

    /// <summary>A JSON object of integer counts keyed by integers-as-strings, as a sorted dictionary.</summary>
    public static SortedDictionary<string, int> Histogram(JsonElement obj) =>
        new(obj.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
}
