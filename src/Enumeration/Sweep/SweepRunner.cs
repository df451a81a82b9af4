using System.Diagnostics;
using Polytopes.Enumeration.Analysis;
using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Sweep;

/// <summary>How to run a sweep: which shard, how many worker threads, and a progress callback.</summary>
public sealed record SweepOptions
{
    public Shard Shard { get; init; } = Shard.All;
    /// <summary>Worker threads; each enumerates one network at a time, single-threaded.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Called after each line is written (under the file's lock: keep it short).</summary>
    public Action<SweepProgress>? OnLine { get; init; }
}

public sealed record SweepProgress(int Done, int Total, SweepRecord Record);

public enum SweepStatus { Complete, Cancelled }

/// <summary>What a sweep run did: how many items its shard has, how many were already in the file, how many it
/// computed, whether it cut off a truncated line, and every record of its shard in work-item order.</summary>
public sealed record SweepRunResult(
    SweepStatus Status,
    int ShardItems,
    int AlreadyDone,
    int Computed,
    bool DroppedTruncatedLine,
    IReadOnlyList<SweepRecord> Records)
{
    public bool AllComplete => Status == SweepStatus.Complete && Records.All(r => r.Complete);
}

/// <summary>
/// Runs the work items of one shard of a sweep into a results file, resuming it: items whose key is already in
/// the file are skipped, a truncated last line is cut off and recomputed. Workers take items in work-item order
/// from a shared counter, generate the network (<see cref="RandomNetworks"/>), enumerate it single-threaded and
/// append its line as soon as it is done (so the file holds complete lines in completion order; a finished run
/// then rewrites it in work-item order, so the final file does not depend on the thread count). Cancelling stops
/// taking items and drops the ones in progress: they are recomputed on the next run.
/// </summary>
public sealed class SweepRunner
{
    private readonly WorkPlan plan;
    private readonly SweepOptions options;

    public SweepRunner(SweepSpec spec, SweepOptions? options = null)
    {
        this.options = options ?? new SweepOptions();
        if (this.options.Threads < 1) throw new InputException($"--threads must be at least 1, got {this.options.Threads}");
        plan = new WorkPlan(spec);
    }

    public WorkPlan Plan => plan;

    public SweepRunResult Run(string resultsPath, CancellationToken cancel = default)
    {
        var shard = options.Shard;
        var items = plan.ForShard(shard).ToList();
        var mine = items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        using var file = ResultsFile.Open(resultsPath);
        var done = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (var record in file.Records)
        {
            lineNumber++;
            if (!mine.ContainsKey(record.Key))
                throw new InputException(plan.Find(record.Key) == null
                    ? $"{resultsPath}: line {lineNumber} ({record.Key}) is not a work item of this spec; use another --out"
                    : $"{resultsPath}: line {lineNumber} ({record.Key}) belongs to another shard than {shard}; use another --out");
            if (!done.Add(record.Key))
                throw new InputException($"{resultsPath}: line {lineNumber} repeats {record.Key}; remove one of the two lines");
            if (record.MaxRegions != plan.Spec.MaxRegions)
                throw new InputException(
                    $"{resultsPath}: line {lineNumber} was computed with max_regions {record.MaxRegions} but the spec says " +
                    $"{plan.Spec.MaxRegions}; use another --out");
        }
        var pending = items.Where(i => !done.Contains(i.Key)).ToList();
        int alreadyDone = items.Count - pending.Count;

        int next = -1, written = alreadyDone, computed = 0;
        var failures = new List<Exception>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel); // also stops the others on a failure
        void Worker()
        {
            while (!stop.IsCancellationRequested)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= pending.Count) return;
                var line = Compute(pending[index], stop.Token);
                if (line == null) return; // cancelled mid-enumeration: nothing is written for it
                var record = SweepRecord.TryParse(line) ?? throw new InvalidOperationException($"unreadable line for {pending[index].Key}");
                file.Append(record);
                int count = Interlocked.Increment(ref written);
                Interlocked.Increment(ref computed);
                options.OnLine?.Invoke(new SweepProgress(count, items.Count, record));
            }
        }
        int threads = Math.Min(options.Threads, Math.Max(1, pending.Count));
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            try { Worker(); }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
                stop.Cancel();
            }
        }) { IsBackground = true }).ToList();
        foreach (var t in workers) t.Start();
        foreach (var t in workers) t.Join();
        if (failures.Count > 0) throw failures[0];

        var status = cancel.IsCancellationRequested && file.Records.Count < items.Count ? SweepStatus.Cancelled : SweepStatus.Complete;
        var records = file.Records.OrderBy(r => mine[r.Key].Index).ToList();
        if (status == SweepStatus.Complete) file.SortAndClose(r => mine[r.Key].Index);
        return new SweepRunResult(status, items.Count, alreadyDone, computed, file.DroppedTruncatedLine, records);
    }

    /// <summary>Generates and enumerates one work item, and counts the linear pieces of its decision boundary
    /// (<see cref="DecisionBoundary"/>: the zero set of a single output, or where the top two outputs tie); null
    /// if cancelled before it finished. A failure of the
    /// generator or the search becomes an error line, so one bad network does not stop a long run.</summary>
    public string? Compute(WorkItem item, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        int inputDim = item.Domain.Dimension(item.Network.Widths[0]), neurons = 0;
        try
        {
            var network = RandomNetworks.Create(item.Network);
            neurons = network.UnitCount;
            var (target, box) = item.Domain.Apply(network);
            var search = new RegionEnumerator(target, new SearchOptions
            {
                Box = box,
                MaxRegions = plan.Spec.MaxRegions,
                KeepRegions = true, // for the decision boundary
                Threads = 1, // parallelism is across work items
            });
            var result = search.Run(cancel);
            if (result.Stop == StopReason.Cancelled) return null;
            long? pieces = result.Stop == StopReason.Complete
                ? new DecisionBoundary(target.InputDim, box.Scale()).Analyze(result.Regions).LinearPieces
                : null; // a partial region set gives no meaningful count
            return SweepLine.Format(item, plan.Spec.MaxRegions, inputDim, result, pieces);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return SweepLine.FormatError(item, plan.Spec.MaxRegions, inputDim, neurons,
                $"{e.GetType().Name}: {e.Message}", clock.Elapsed.TotalSeconds);
        }
    }
}
