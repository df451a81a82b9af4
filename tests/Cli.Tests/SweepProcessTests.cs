using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Polytopes.Cli.Tests;

/// <summary>
/// The built command as separate processes (polytopes.dll is copied next to this test assembly by the project
/// reference): a sweep killed after some lines resumes to exactly the uninterrupted result, and N shard processes
/// running at once merge to exactly the unsharded run (lines compared with the timing field zeroed).
/// </summary>
public class SweepProcessTests
{
    // 40 networks of 2-48-48-1 (about 1500 regions each, tens of milliseconds on one thread): long enough that
    // the sweep is still running when it is killed after its second network, however fast the engine gets.
    private const string KillSpec = """
        { "architectures": [[2, 48, 48, 1]], "activations": ["relu", "maxout:2"], "seeds": {"from": 0, "count": 20} }
        """;

    private const string ShardSpec = """
        { "architectures": [[2, 8, 1], [2, 6, 6, 1]], "activations": ["relu", "leaky_relu"],
          "inits": ["he_normal", "orthogonal"], "seeds": {"from": 0, "count": 4} }
        """;

    private static string[] WithoutSeconds(IEnumerable<string> lines) =>
        lines.Select(l => Regex.Replace(l, "\"seconds\":[^,}]*", "\"seconds\":0")).ToArray();

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "polytopes.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start polytopes");
    }

    [Fact]
    public void KilledSweep_ResumesToExactlyTheUninterruptedResult()
    {
        using var dir = new TempDir();
        var spec = dir.Write("spec.json", KillSpec);
        string killed = dir.File("killed.jsonl"), whole = dir.File("whole.jsonl");

        using (var process = Start("sweep", spec, "--out", killed, "--threads", "1", "--log"))
        {
            // --log prints one stderr line per network after its results line is written and flushed.
            int logged = 0;
            var enough = new ManualResetEventSlim();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null && e.Data.StartsWith('[') && Interlocked.Increment(ref logged) >= 2) enough.Set();
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            Assert.True(enough.Wait(TimeSpan.FromSeconds(120)), "the sweep did not finish two networks in time");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        int before = File.ReadAllBytes(killed).Count(b => b == (byte)'\n');
        Assert.InRange(before, 2, 39); // killed part-way: some lines, not all

        var resumed = Cli.Run("sweep", spec, "--out", killed, "--threads", "2");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"{before} already done, {40 - before} computed", resumed.Stdout);
        Cli.AssertSuccess(Cli.Run("sweep", spec, "--out", whole, "--threads", "2"));
        Assert.Equal(WithoutSeconds(File.ReadAllLines(whole)), WithoutSeconds(File.ReadAllLines(killed)));
    }

    [Fact]
    public async Task ThreeShardProcesses_MergeToTheUnshardedRunLineForLine()
    {
        using var dir = new TempDir();
        var spec = dir.Write("spec.json", ShardSpec);
        var shardFiles = Enumerable.Range(1, 3).Select(i => dir.File($"shard-{i}-of-3.jsonl")).ToArray();
        var processes = shardFiles.Select((file, i) => Start("sweep", spec, "--shard", $"{i + 1}/3", "--out", file, "--threads", "1")).ToList();
        foreach (var p in processes)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
            await p.WaitForExitAsync(timeout.Token);
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}\n{await stdout}\n{await stderr}");
            p.Dispose();
        }
        Assert.Equal(32, shardFiles.Sum(f => File.ReadAllLines(f).Length));

        var merged = dir.File("merged.jsonl");
        Cli.AssertSuccess(Cli.Run(["merge", "--spec", spec, "--out", merged, .. shardFiles]));
        var whole = dir.File("whole.jsonl");
        Cli.AssertSuccess(Cli.Run("sweep", spec, "--out", whole));
        var expected = WithoutSeconds(File.ReadAllLines(whole));
        Assert.Equal(expected, WithoutSeconds(File.ReadAllLines(merged)));
        // After sorting, the shard files together are the unsharded run too.
        Assert.Equal(expected.Order(StringComparer.Ordinal), WithoutSeconds(shardFiles.SelectMany(File.ReadAllLines)).Order(StringComparer.Ordinal));
    }
}
