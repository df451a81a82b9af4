using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The search's persistent threads: every item once, on the worker its index names, phase after phase;
/// a failure on any thread reaches the caller; small batches stay on the caller's worker.</summary>
public class WorkerCrewTests
{
    private sealed record Worker(int Index);

    private static Worker[] Workers(int count) => Enumerable.Range(0, count).Select(i => new Worker(i)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void EveryItemRunsOnce_OnWorkerIndexModThreads_ManyPhases(int threads)
    {
        var workers = Workers(threads);
        using var crew = new WorkerCrew<Worker>(workers);
        foreach (int n in new[] { 0, 1, 7, 8, 16, 23, 100, 1000, 5, 333 })
        {
            var ranOn = new int[n];
            var runs = new int[n];
            crew.ForEach(n, (w, i) => { ranOn[i] = w.Index; Interlocked.Increment(ref runs[i]); });
            int t = Math.Min(threads, n / 8); // as StridedParallel: fewer than 8 items a worker is not worth a thread
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(1, runs[i]);
                Assert.Equal(t <= 1 ? 0 : i % t, ranOn[i]);
            }
        }
    }

    [Fact]
    public void AFailureOnAHelperThread_ReachesTheCaller_AndTheCrewStillWorks()
    {
        using var crew = new WorkerCrew<Worker>(Workers(2));
        var e = Assert.Throws<AggregateException>(() =>
            crew.ForEach(100, (w, i) => { if (w.Index == 1 && i == 51) throw new InvalidOperationException("boom"); }));
        Assert.Contains("boom", e.InnerException!.Message);
        int sum = 0;
        crew.ForEach(100, (_, i) => Interlocked.Add(ref sum, i));
        Assert.Equal(99 * 100 / 2, sum);
    }

    [Fact]
    public async Task DisposeEndsTheThreads()
    {
        var crew = new WorkerCrew<Worker>(Workers(3));
        crew.ForEach(64, (_, _) => { });
        var dispose = Task.Run(crew.Dispose);
        var first = await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(first == dispose, "Dispose did not return");
    }
}
