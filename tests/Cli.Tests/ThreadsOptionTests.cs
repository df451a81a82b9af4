namespace Polytopes.Cli.Tests;

/// <summary>--threads and --textbook change how the search runs, never what it prints.</summary>
public class ThreadsOptionTests
{
    [Fact]
    public void Threads_OneAndFour_WriteIdenticalRegionFiles()
    {
        var dir = Directory.CreateTempSubdirectory("polytopes-threads-").FullName;
        string net = TestPaths.Fixture("reference", "relu_2d_16x16.json");
        Cli.AssertSuccess(Cli.Run("enumerate", net, "--threads", "1", "--out", Path.Combine(dir, "one.jsonl")));
        Cli.AssertSuccess(Cli.Run("enumerate", net, "--threads", "4", "--out", Path.Combine(dir, "four.jsonl")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "one.jsonl")), File.ReadAllBytes(Path.Combine(dir, "four.jsonl")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Textbook_GivesTheReferenceCount()
    {
        // relu_2d_8 has 26 regions (fixtures/reference/relu_2d_8.truth.json, computed outside this project).
        var stdout = Cli.AssertSuccess(Cli.Run("enumerate", TestPaths.Fixture("reference", "relu_2d_8.json"), "--textbook", "--json"));
        Assert.Contains("\"regions\":26", stdout);
    }

    [Fact]
    public void Threads_Negative_IsBadInput()
    {
        var line = Cli.AssertBadInput(Cli.Run("enumerate", TestPaths.Fixture("reference", "relu_2d_8.json"), "--threads", "-1"));
        Assert.Contains("--threads", line);
    }
}
