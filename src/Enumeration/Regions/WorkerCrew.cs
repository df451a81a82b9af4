using System.Diagnostics;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Threads kept for the length of one search, one per worker beyond the caller's, that share each phase's items:
/// worker w owns the w-th contiguous block of the indices and claims chunks of it from the front, each a quarter of
/// what is left of the block (so down to single items at its end); a worker whose block is done takes chunks from
/// the others' blocks, so a thread that drew cheap items (or a faster core) takes more of them and the phase ends
/// when the work does (regions differ several-fold in cost; with fixed chunks of a sixteenth of a block, a thread
/// waited at the end of a phase for half a chunk on average, 3–4 % of a two-thread 2-128-128 search). Owning blocks
/// keeps a region's data on one core from phase to phase: the search's phases list regions, their candidates and
/// the next level in the same order, so the worker that expanded a region mostly tests its candidates, builds its
/// record and expands the regions found next, in its own cache. Which worker runs an item depends on timing;
/// the search's results do not (a worker's output depends only on its inputs).
/// The search runs two short parallel phases per breadth-first level; handing each to the thread pool costs a
/// wake-up of a parked pool thread per phase, a large share of a level of a few dozen regions. Between phases the
/// crew's threads (and the caller, waiting for them) spin on the phase counter with the processor's pause
/// instruction, for up to <see cref="SpinMicroseconds"/>, and only then sleep: a waiting thread that yields or
/// blocks took 10–30 µs on this project's virtual machine to resume, against phases of 50–300 µs on 2-D networks.
/// They spin only when there are no more threads than cores. The helper threads are borrowed from a process-wide
/// pool (<see cref="HelperThreads"/>); Dispose gives them back.
/// </summary>
internal sealed class WorkerCrew<TWorker> : IDisposable
{
    // Spins of a waiting helper before it blocks (ManualResetEventSlim's limit), after the busy wait below.
    private const int SpinCount = 2047;

    /// <summary>How long a waiting thread busy-waits before it yields and blocks: long enough to bridge the
    /// search's serial steps between two phases of a level (tens of microseconds), short enough that an idle crew
    /// soon stops using the cores.</summary>
    public const int SpinMicroseconds = 500;

    private readonly TWorker[] workers;
    private readonly CountdownEvent exited; // signalled by each helper once it is back in the pool
    private readonly ManualResetEventSlim[] start;
    private readonly ManualResetEventSlim done = new(false, SpinCount);
    private Action<TWorker, int>? body;
    private int pending, active;
    // Per worker: the next unclaimed index of its block and the block's end; cursors a cache line apart (the
    // threads update them concurrently).
    private const int CursorStride = 16;
    // A claim takes this fraction of what is left of a block (at least one item).
    private const int ChunkDivisor = 4;
    private readonly int[] cursor, blockEnd;
    private Exception? failure;
    private volatile bool stopping;
    private readonly bool spin;
    private int phase; // counts the phases started; helpers watch it
    private bool threadsStarted;

    public WorkerCrew(TWorker[] workers)
    {
        this.workers = workers;
        spin = workers.Length <= Environment.ProcessorCount;
        cursor = new int[workers.Length * CursorStride];
        blockEnd = new int[workers.Length];
        int helpers = Math.Max(0, workers.Length - 1);
        start = new ManualResetEventSlim[helpers];
        exited = new CountdownEvent(helpers);
        for (int h = 0; h < helpers; h++) start[h] = new ManualResetEventSlim(false, SpinCount);
    }

    /// <summary>Borrows the helper threads (<see cref="HelperThreads"/>) at the first phase that uses them: a search
    /// too small for any then involves no other thread at all.</summary>
    private void EnsureThreads()
    {
        if (threadsStarted) return;
        threadsStarted = true;
        for (int h = 0; h < start.Length; h++)
        {
            int w = h + 1;
            HelperThreads.Run(() => Serve(w), () => exited.Signal());
        }
    }

    /// <summary>Runs body(worker, i) for i in [0, n); returns when all are done. Batches too small to pay for
    /// threads stay on worker 0 (the caller).</summary>
    public void ForEach(int n, Action<TWorker, int> work) => ForEach(n, null, work);

    /// <summary>As <see cref="ForEach(int, Action{TWorker, int})"/>, the caller first running
    /// <paramref name="first"/> (serial work that the phase's items do not depend on) while the other threads start
    /// on their blocks.</summary>
    public void ForEach(int n, Action? first, Action<TWorker, int> work)
    {
        int t = StridedParallel.ThreadsFor(workers.Length, n);
        if (t <= 1)
        {
            first?.Invoke();
            for (int i = 0; i < n; i++) work(workers[0], i);
            return;
        }
        EnsureThreads();
        body = work;
        active = t;
        for (int w = 0; w < t; w++)
        {
            cursor[w * CursorStride] = (int)((long)n * w / t);
            blockEnd[w] = (int)((long)n * (w + 1) / t);
        }
        failure = null;
        done.Reset();
        Volatile.Write(ref pending, t - 1);
        Interlocked.Increment(ref phase);
        for (int w = 1; w < t; w++) start[w - 1].Set();
        try
        {
            first?.Invoke();
            Run(0);
        }
        finally
        {
            SpinUntilHelpersDone();
            done.Wait();
            body = null;
        }
        if (failure != null) throw new AggregateException(failure);
    }

    /// <summary>Worker w's own block first, then the other blocks' remaining chunks, in block order after w.</summary>
    private void Run(int w)
    {
        var worker = workers[w];
        for (int k = 0; k < active; k++)
        {
            int block = (w + k) % active;
            while (true)
            {
                ref int at = ref cursor[block * CursorStride];
                int chunk = Math.Max(1, (blockEnd[block] - Volatile.Read(ref at)) / ChunkDivisor);
                int first = Interlocked.Add(ref at, chunk) - chunk;
                if (first >= blockEnd[block]) break;
                int end = Math.Min(blockEnd[block], first + chunk);
                for (int i = first; i < end; i++) body!(worker, i);
            }
        }
    }

    /// <summary>A helper's part of the search, until the crew is disposed.</summary>
    private void Serve(int w)
    {
        var signal = start[w - 1];
        int seen = 0;
        while (true)
        {
            SpinUntilPhaseAfter(seen);
            signal.Wait();
            seen = Volatile.Read(ref phase);
            signal.Reset();
            if (stopping) return;
            try { Run(w); }
            catch (Exception e) { Interlocked.CompareExchange(ref failure, e, null); }
            if (Interlocked.Decrement(ref pending) == 0) done.Set();
        }
    }

    // The busy waits: until the condition holds or SpinMicroseconds have passed; not at all when the crew has more
    // threads than cores (a spinning thread would take a core from a working one).
    private void SpinUntilHelpersDone()
    {
        for (long deadline = SpinDeadline(); spin && Volatile.Read(ref pending) != 0 && Stopwatch.GetTimestamp() < deadline;)
            Thread.SpinWait(16);
    }

    private void SpinUntilPhaseAfter(int seen)
    {
        for (long deadline = SpinDeadline(); spin && Volatile.Read(ref phase) == seen && Stopwatch.GetTimestamp() < deadline;)
            Thread.SpinWait(16);
    }

    private static long SpinDeadline() => Stopwatch.GetTimestamp() + SpinMicroseconds * Stopwatch.Frequency / 1_000_000;

    public void Dispose()
    {
        stopping = true;
        Interlocked.Increment(ref phase);
        foreach (var s in start) s.Set();
        if (threadsStarted) exited.Wait(); // the helpers have left Serve and gone back to the pool
        foreach (var s in start) s.Dispose();
        done.Dispose();
        exited.Dispose();
    }
}
