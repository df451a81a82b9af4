namespace Polytopes.Enumeration.Regions;

/// <summary>Work split over per-thread workers by index: item i goes to worker i mod T, so which worker handles
/// an item never depends on timing. Batches too small to pay for threads stay on worker 0.</summary>
internal static class StridedParallel
{
    /// <summary>How many workers share n items: one per 8 items at most.</summary>
    public static int ThreadsFor(int workers, int n) => Math.Min(workers, n / 8);

    public static void ForEach<TWorker>(TWorker[] workers, int n, Action<TWorker, int> body)
    {
        int t = ThreadsFor(workers.Length, n);
        if (t <= 1)
        {
            for (int i = 0; i < n; i++) body(workers[0], i);
            return;
        }
        Parallel.For(0, t, new ParallelOptions { MaxDegreeOfParallelism = t }, w =>
        {
            for (int i = w; i < n; i += t) body(workers[w], i);
        });
    }
}
