namespace Polytopes.Cli.Tests;

/// <summary>--out: a bad target is a one-line input error, and the file is written atomically: a failed run leaves
/// an existing file untouched, and no temporary file survives any run.</summary>
public class OutFileTests
{
    private static readonly string Net = Reference.Net("relu_2d_8");
    private static readonly byte[] Precious = "precious, not to be overwritten\n"u8.ToArray();

    private static string[] DotFiles(TempDir dir) =>
        Directory.GetFiles(dir.Path).Select(Path.GetFileName).Where(n => n!.StartsWith('.')).ToArray()!;

    [Fact]
    public void OutIntoADirectoryThatDoesNotExist_IsOneLineNamingThePath_Exit2()
    {
        using var dir = new TempDir();
        var target = Path.Combine(dir.Path, "missing", "regions.jsonl");
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Net, "--out", target));
        Assert.Contains(target, line);
        Assert.Contains("does not exist", line);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "missing")));
    }

    [Fact]
    public void OutOntoAnExistingDirectory_IsOneLineNamingThePath_Exit2()
    {
        using var dir = new TempDir();
        var target = dir.File("taken");
        Directory.CreateDirectory(target);
        var line = Cli.AssertBadInput(Cli.Run("enumerate", Net, "--out", target));
        Assert.Contains(target, line);
        Assert.Contains("directory", line);
        Assert.Empty(DotFiles(dir));
    }

    [Fact]
    public void OutOntoAnExistingFile_WhenTheNetworkIsBad_LeavesTheFileByteIdentical()
    {
        using var dir = new TempDir();
        var target = dir.File("regions.jsonl");
        File.WriteAllBytes(target, Precious);
        var badNet = dir.Write("bad.json", """{"name": "t", "input_dim": 2, "layers": [""");

        Cli.AssertBadInput(Cli.Run("enumerate", badNet, "--out", target));

        Assert.Equal(Precious, File.ReadAllBytes(target));
        Assert.Empty(DotFiles(dir));
    }

    [Fact]
    public void OutOntoAnExistingFile_WhenTheBoxIsBad_LeavesTheFileByteIdentical()
    {
        using var dir = new TempDir();
        var target = dir.File("regions.jsonl");
        File.WriteAllBytes(target, Precious);

        Cli.AssertBadInput(Cli.Run("enumerate", Net, "--box", "1,0", "--out", target));

        Assert.Equal(Precious, File.ReadAllBytes(target));
        Assert.Empty(DotFiles(dir));
    }

    [Fact]
    public void OutOntoAnExistingFile_WhenTheRunSucceeds_ReplacesItAndLeavesNoTempFiles()
    {
        using var dir = new TempDir();
        var target = dir.File("regions.jsonl");
        File.WriteAllBytes(target, Precious);

        Cli.AssertSuccess(Cli.Run("enumerate", Net, "--out", target));

        Assert.Equal(26, File.ReadAllLines(target).Length);
        Assert.Empty(DotFiles(dir));
        Assert.Equal(["regions.jsonl"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void OutToANewFile_WhenTheRunSucceeds_CreatesOnlyThatFile()
    {
        using var dir = new TempDir();
        var target = dir.File("regions.jsonl");

        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", Net, "--out", target));

        Assert.Contains("regions", stdout);
        Assert.True(File.Exists(target));
        Assert.Equal(["regions.jsonl"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void OutWithARegionLimit_ExitsIncompleteAndWritesExactlyTheRegionsFound()
    {
        using var dir = new TempDir();
        var target = dir.File("regions.jsonl");

        var result = Cli.Run("enumerate", Net, "--max-regions", "5", "--out", target, "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var summary = Cli.SingleJsonObject(result.Stdout);
        Assert.False(summary.GetProperty("complete").GetBoolean());
        Assert.Equal(5, summary.GetProperty("regions").GetInt32());
        Assert.Equal(5, File.ReadAllLines(target).Length);
        Assert.Empty(DotFiles(dir));
    }
}
