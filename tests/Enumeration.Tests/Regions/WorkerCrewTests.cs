using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The search's persistent threads: every item once, on one of the phase's workers, phase after phase;
/// each worker's own block first, then chunks of the others'; a failure on any thread reaches the caller; small
/// batches stay on the caller's worker.</summary>
public class WorkerCrewTests
{
    private sealed record Worker(int Index);

    private static Worker[] Workers(int count) => Enumerable.Range(0, count).Select(i => new Worker(i)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void EveryItemRunsOnce_OnOneOfThePhasesWorkers_ManyPhases(int threads)
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
                if (t <= 1) Assert.Equal(0, ranOn[i]);
                else Assert.InRange(ranOn[i], 0, t - 1);
            }
        }
    }

    [Fact]
    public void EachWorkerRunsItsOwnBlockFirst_ThenTakesTheRestOfAStalledWorkersBlock()
    {
        using var crew = new WorkerCrew<Worker>(Workers(2));
        const int n = 200;
        var ranOn = new int[n];
        var runs = new int[n];
        using var lastItemTaken = new ManualResetEventSlim();
        crew.ForEach(n, (w, i) =>
        {
            ranOn[i] = w.Index;
            Interlocked.Increment(ref runs[i]);
            if (i == n - 1) lastItemTaken.Set();
            // The helper stalls on its first item until the last item (the end of its own block) has been run:
            // only the caller, having finished its own block, can have taken it.
            if (w.Index == 1) lastItemTaken.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.All(runs, r => Assert.Equal(1, r));
        Assert.All(ranOn[..(n / 2)], w => Assert.Equal(0, w)); // the caller's block [0, n/2) stayed on the caller
        Assert.Equal(0, ranOn[n - 1]);                          // and it took the stalled helper's last chunk
    }

    [Fact]
    public void AFailureOnAHelperThread_ReachesTheCaller_AndTheCrewStillWorks()
    {
        using var crew = new WorkerCrew<Worker>(Workers(2));
        // The caller's worker is slowed so that the helper surely claims items too; every item it runs fails.
        var e = Assert.Throws<AggregateException>(() => crew.ForEach(100, (w, _) =>
        {
            if (w.Index == 1) throw new InvalidOperationException("boom");
            Thread.Sleep(2);
        }));
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
