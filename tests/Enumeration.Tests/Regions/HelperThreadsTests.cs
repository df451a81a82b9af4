using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

/// <summary>The process-wide helper threads the search's crews borrow: work runs on a background thread, and a
/// thread back in the pool serves later work instead of a new thread being started each time.</summary>
public class HelperThreadsTests
{
    [Fact]
    public void Work_RunsOnABackgroundHelperThread_ThenTheThreadIsBackInThePool()
    {
        using var returned = new ManualResetEventSlim();
        bool background = false;
        string? name = null;
        HelperThreads.Run(() => { background = Thread.CurrentThread.IsBackground; name = Thread.CurrentThread.Name; },
            returned.Set);
        Assert.True(returned.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(background);
        Assert.Equal("polytopes search helper", name);
    }

    [Fact]
    public void SequentialWork_ReusesIdleThreads()
    {
        // Other tests borrow helpers concurrently, so a run may find the pool empty and start a thread; but most of
        // 40 runs, each started after the last one's thread is back, must find an idle one.
        var threads = new HashSet<int>();
        for (int run = 0; run < 40; run++)
        {
            using var returned = new ManualResetEventSlim();
            int id = -1;
            HelperThreads.Run(() => id = Environment.CurrentManagedThreadId, returned.Set);
            Assert.True(returned.Wait(TimeSpan.FromSeconds(30)));
            threads.Add(id);
        }
        Assert.True(threads.Count <= 20, $"40 runs used {threads.Count} threads");
    }
}
