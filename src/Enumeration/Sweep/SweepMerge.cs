namespace Polytopes.Enumeration.Sweep;

/// <summary>Combines the results files of a sharded sweep: every work item of the spec must appear exactly once
/// over all files, as a complete line. The merged records are in work-item order, each line byte for byte as its
/// shard wrote it, so a merged run equals the unsharded run line for line (up to the timing field).</summary>
public static class SweepMerge
{
    public static IReadOnlyList<SweepRecord> Merge(WorkPlan plan, IReadOnlyList<string> files)
    {
        if (files.Count == 0) throw new InputException("merge: give at least one results file");
        var found = new Dictionary<string, (SweepRecord Record, string File, int Line)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (line, record) in ResultsFile.ReadFinished(file))
            {
                if (plan.Find(record.Key) == null)
                    throw new InputException($"{file}: line {line} ({record.Key}) is not a work item of the spec");
                if (record.MaxRegions != plan.Spec.MaxRegions)
                    throw new InputException(
                        $"{file}: line {line} was computed with max_regions {record.MaxRegions} but the spec says {plan.Spec.MaxRegions}");
                if (found.TryGetValue(record.Key, out var first))
                    throw new InputException(
                        $"{record.Key} appears twice: {first.File} line {first.Line} and {file} line {line}");
                found.Add(record.Key, (record, file, line));
            }
        }
        var missing = plan.Items.Where(i => !found.ContainsKey(i.Key)).ToList();
        if (missing.Count > 0)
            throw new InputException(
                $"{missing.Count} of {plan.Items.Count} work items are missing, e.g. {missing[0].Key} (did every shard finish?)");
        return plan.Items.Select(i => found[i.Key].Record).ToList();
    }
}
