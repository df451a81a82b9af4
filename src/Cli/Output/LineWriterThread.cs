using System.Runtime.ExceptionServices;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Cli.Output;

/// <summary>
/// Runs a <see cref="RegionLines"/> on a thread of its own: <see cref="Add"/> queues the region (in id order, as
/// the search reports them) and returns, so the lines are formatted and written while the search goes on instead
/// of between its levels, when the search's other threads wait. The lines are the same bytes: one thread makes
/// them all, in the order the regions were added. A failure of the writer (a full disk) is thrown once, by the next
/// <see cref="Add"/> or else by <see cref="Dispose"/>.
/// </summary>
internal sealed class LineWriterThread : IDisposable
{
    // Regions queued ahead of the writer at most: the search waits beyond this, so memory stays bounded when
    // writing is the slower side. It then sleeps until the writer takes the whole queue, rather than waking for
    // each slot freed: waiting for one slot at a time (a BlockingCollection) spun for most of each line's
    // formatting, about a tenth of a 6-12-12 run's CPU, taken from the writer on a two-core machine.
    private const int QueueLimit = 4096;
    // The writer, out of work, looks again after this long or when this many regions are queued: waking it for
    // every region (a system call and a context switch each) cost more than its lines when writing is the faster
    // side (2-D).
    private const int IdleMilliseconds = 1, WakeBatch = 256;
    private readonly RegionLines lines;
    private readonly object gate = new();
    private List<Region> queued = new(), taken = new();
    private readonly Thread thread;
    private bool completed, failed;
    private ExceptionDispatchInfo? failure;
    private bool disposed, reported;

    public LineWriterThread(RegionLines lines)
    {
        this.lines = lines;
        thread = new Thread(Run) { IsBackground = true, Name = "polytopes --out" };
        thread.Start();
    }

    /// <summary>Thread-safe: computes a region's shape ahead (<see cref="RegionLines.Prepare"/>).</summary>
    public void Prepare(Region region) => lines.Prepare(region);

    /// <summary>Queues the next region (in id order).</summary>
    public void Add(Region region)
    {
        lock (gate)
        {
            while (queued.Count >= QueueLimit && !failed) Monitor.Wait(gate);
            if (failed) { ThrowFailure(); return; } // nothing is written after a failure
            queued.Add(region);
            if (queued.Count == WakeBatch) Monitor.PulseAll(gate); // the writer may be waiting for work
        }
    }

    private void ThrowFailure()
    {
        if (failure == null || reported) return;
        reported = true;
        failure.Throw();
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                lock (gate)
                {
                    while (queued.Count == 0 && !completed) Monitor.Wait(gate, IdleMilliseconds);
                    if (queued.Count == 0) return;
                    (queued, taken) = (taken, queued);
                    Monitor.PulseAll(gate); // the search may be waiting for room
                }
                foreach (var region in taken) lines.Add(region);
                taken.Clear();
            }
        }
        catch (Exception e)
        {
            lock (gate)
            {
                failure = ExceptionDispatchInfo.Capture(e);
                failed = true;
                Monitor.PulseAll(gate);
            }
        }
    }

    /// <summary>Waits for every queued line, then writes the regions still waiting for neighbours
    /// (<see cref="RegionLines.Dispose"/>).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        lock (gate)
        {
            completed = true;
            Monitor.PulseAll(gate);
        }
        thread.Join();
        if (failed) { ThrowFailure(); return; }
        lines.Dispose();
    }
}
