namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Threads kept for the length of one search, one per worker beyond the caller's, that share each phase's items:
/// each thread claims the next small chunk of indices until none are left, so a thread that drew cheap items
/// takes more of them and the phase ends when the work does (regions differ several-fold in cost). Which worker
/// runs an item depends on timing; the search's results do not (a worker's output depends only on its inputs).
/// The search runs three short parallel phases per breadth-first level; handing each to the thread pool costs a
/// wake-up of a parked pool thread per phase, a large share of a level of a few dozen regions. The crew's threads
/// spin briefly between phases, then sleep. Dispose to end them.
/// </summary>
internal sealed class WorkerCrew<TWorker> : IDisposable
{
    // Spins of a waiting helper before it blocks (ManualResetEventSlim's limit): long enough to bridge the
    // search's serial steps between two phases of a level.
    private const int SpinCount = 2047;

    private readonly TWorker[] workers;
    private readonly Thread[] threads;
    private readonly ManualResetEventSlim[] start;
    private readonly ManualResetEventSlim done = new(false, SpinCount);
    private Action<TWorker, int>? body;
    private int count, chunk, next, pending;
    private Exception? failure;
    private volatile bool stopping;

    public WorkerCrew(TWorker[] workers)
    {
        this.workers = workers;
        int helpers = Math.Max(0, workers.Length - 1);
        start = new ManualResetEventSlim[helpers];
        threads = new Thread[helpers];
        for (int h = 0; h < helpers; h++)
        {
            start[h] = new ManualResetEventSlim(false, SpinCount);
            int w = h + 1;
            threads[h] = new Thread(() => Serve(w)) { IsBackground = true, Name = $"polytopes search {w}" };
            threads[h].Start();
        }
    }

    /// <summary>Runs body(worker, i) for i in [0, n); returns when all are done. Batches too small to pay for
    /// threads stay on worker 0 (the caller).</summary>
    public void ForEach(int n, Action<TWorker, int> work)
    {
        int t = StridedParallel.ThreadsFor(workers.Length, n);
        if (t <= 1)
        {
            for (int i = 0; i < n; i++) work(workers[0], i);
            return;
        }
        body = work;
        count = n;
        // About 16 chunks per thread: enough to even out the load, few enough that claiming one costs nothing.
        chunk = Math.Max(1, n / (16 * t));
        next = 0;
        failure = null;
        done.Reset();
        Volatile.Write(ref pending, t - 1);
        for (int w = 1; w < t; w++) start[w - 1].Set();
        try { Run(0); }
        finally
        {
            done.Wait();
            body = null;
        }
        if (failure != null) throw new AggregateException(failure);
    }

    private void Run(int w)
    {
        var worker = workers[w];
        while (true)
        {
            int first = Interlocked.Add(ref next, chunk) - chunk;
            if (first >= count) return;
            int end = Math.Min(count, first + chunk);
            for (int i = first; i < end; i++) body!(worker, i);
        }
    }

    private void Serve(int w)
    {
        var signal = start[w - 1];
        while (true)
        {
            signal.Wait();
            signal.Reset();
            if (stopping) return;
            try { Run(w); }
            catch (Exception e) { Interlocked.CompareExchange(ref failure, e, null); }
            if (Interlocked.Decrement(ref pending) == 0) done.Set();
        }
    }

    public void Dispose()
    {
        stopping = true;
        foreach (var s in start) s.Set();
        foreach (var thread in threads) thread.Join();
        foreach (var s in start) s.Dispose();
        done.Dispose();
    }
}
