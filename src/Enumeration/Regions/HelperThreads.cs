namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Background threads kept for the whole process and lent to one search at a time (<see cref="WorkerCrew{TWorker}"/>):
/// starting and joining a thread cost about 165 µs on this project's virtual machine, more than a 2-D search of a
/// few hundred regions takes on two threads, and a sweep runs thousands of searches in one process. An idle thread
/// blocks on its own event and uses no processor.
/// </summary>
internal static class HelperThreads
{
    private static readonly Stack<HelperThread> idle = new();

    /// <summary>Runs <paramref name="work"/> on an idle helper thread (a new one if none is idle); when the work
    /// returns, the thread goes back to the pool and then calls <paramref name="returned"/>.</summary>
    public static void Run(Action work, Action returned)
    {
        HelperThread? thread;
        lock (idle) idle.TryPop(out thread);
        (thread ?? new HelperThread()).Start(work, returned);
    }

    private static void Return(HelperThread thread)
    {
        lock (idle) idle.Push(thread);
    }

    private sealed class HelperThread
    {
        private readonly ManualResetEventSlim assigned = new(false);
        private Action? work, returned;

        public HelperThread() =>
            new Thread(Loop) { IsBackground = true, Name = "polytopes search helper" }.Start();

        public void Start(Action job, Action onReturn)
        {
            work = job;
            returned = onReturn;
            assigned.Set();
        }

        private void Loop()
        {
            while (true)
            {
                assigned.Wait();
                assigned.Reset();
                var (job, onReturn) = (work!, returned!);
                (work, returned) = (null, null);
                job(); // a crew's Serve loop: it catches the work's exceptions itself
                Return(this);
                onReturn();
            }
        }
    }
}
