namespace Polytopes.Cli.Tests;

/// <summary>The bench command's interface (its timings are not tested: speed lives in the benchmark itself).</summary>
public class BenchCommandTests
{
    [Fact]
    public void BenchHelp_ListsItsOptions()
    {
        var result = Cli.Run("bench", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--quick", result.Stdout);
        Assert.Contains("--no-baseline", result.Stdout);
        Assert.Contains("--json", result.Stdout);
        Assert.Contains("--no-certify", result.Stdout);
        Assert.Contains("--network", result.Stdout);
    }

    /// <summary>One small network end to end: every column is there, and the ratios are positive numbers (their
    /// values are timings and not checked).</summary>
    [Fact]
    public void BenchJson_OneNetwork_HasEveryColumn()
    {
        var result = Cli.Run("bench", "--network", "2-16-16", "--no-baseline", "--no-certify", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var row = Assert.Single(doc.RootElement.GetProperty("networks").EnumerateArray());
        Assert.Equal("2-16-16", row.GetProperty("network").GetString());
        foreach (var key in new[] { "us_per_region", "us_per_region_streaming", "us_per_region_all_threads", "limit_ratio", "thread_speedup", "parallel_ceiling", "bytes_allocated_per_region" })
            Assert.True(row.GetProperty(key).GetDouble() > 0, key);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("textbook_speedup").ValueKind);
        foreach (var key in new[] { "one_thread_spread", "all_threads_spread" })
            Assert.True(row.GetProperty(key).GetDouble() >= 0, key);
    }

    /// <summary>The textbook speed-up is the textbook run over the engine's stretch of searches beside it (as long as
    /// that run, right after it), not over the engine's fastest run: both times are reported, and the speed-up is
    /// their quotient.</summary>
    [Fact]
    public void BenchJson_TextbookSpeedup_IsOverTheEngineBesideIt()
    {
        var result = Cli.Run("bench", "--network", "maxout 2-(8x3)-(8x3)", "--no-certify", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var row = Assert.Single(doc.RootElement.GetProperty("networks").EnumerateArray());
        double textbook = row.GetProperty("textbook_seconds").GetDouble();
        double beside = row.GetProperty("engine_seconds_beside_textbook").GetDouble();
        Assert.True(beside > 0);
        Assert.Equal(textbook / beside, row.GetProperty("textbook_speedup").GetDouble(), 1e-9);
    }

    /// <summary>Rows whose median run was more than 10 % above their fastest are named under the table, with their
    /// spread (the larger of one thread's and all threads'); steady rows give no note.</summary>
    [Fact]
    public void UnsteadyNote_NamesTheUnsteadyRows()
    {
        var steady = Row("2-16-16", 0.02, 0.05);
        Assert.Null(Commands.BenchCommand.UnsteadyNote([steady]));
        var note = Commands.BenchCommand.UnsteadyNote([steady, Row("2-128-128", 0.35, 0.08), Row("6-12-12", 0.04, 0.12)]);
        Assert.NotNull(note);
        Assert.Contains("2-128-128 35 %", note);
        Assert.Contains("6-12-12 12 %", note);
        Assert.DoesNotContain("2-16-16", note);
    }

    private static Enumeration.Benchmarking.BenchmarkRow Row(string name, double spreadOne, double spreadAll) =>
        new(name, 100, 1, 1, 1, 1, 1, 1, 1, 2, 0.5, 2, null, null)
        {
            OneThreadSpread = spreadOne, AllThreadsSpread = spreadAll,
        };

    [Fact]
    public void BenchUnknownNetwork_IsBadInputNamingTheSuite()
    {
        var result = Cli.Run("bench", "--network", "2-7-7");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("2-7-7", result.Stderr);
        Assert.Contains("2-64-64", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}
