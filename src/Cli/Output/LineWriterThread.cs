using System.Collections.Concurrent;
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
    // writing is the slower side.
    private const int QueueLimit = 4096;
    private readonly RegionLines lines;
    private readonly BlockingCollection<Region> queue = new(QueueLimit);
    private readonly Thread thread;
    private volatile ExceptionDispatchInfo? failure;
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
        ThrowFailure();
        queue.Add(region);
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
            foreach (var region in queue.GetConsumingEnumerable()) lines.Add(region);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
            foreach (var _ in queue.GetConsumingEnumerable()) { } // keep taking, so that Add never blocks for ever
        }
    }

    /// <summary>Waits for every queued line, then writes the regions still waiting for neighbours
    /// (<see cref="RegionLines.Dispose"/>).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        queue.CompleteAdding();
        thread.Join();
        queue.Dispose();
        if (failure != null) { ThrowFailure(); return; }
        lines.Dispose();
    }
}
