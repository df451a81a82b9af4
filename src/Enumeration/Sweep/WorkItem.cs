using System.Globalization;
using Polytopes.Enumeration.Init;

namespace Polytopes.Enumeration.Sweep;

/// <summary>One network of a sweep: its position in the product, its stable key and how to make and enumerate it.
/// The key names every parameter that determines the result, e.g.
/// <c>arch=2-16-16-1|act=relu|init=he_normal|box=-1,1|seed=3</c> (with <c>|bias_std=S</c> after the init when
/// the spec gives one); a results line is matched to its work item by key alone.</summary>
public sealed record WorkItem(long Index, string Key, RandomNetworkSpec Network, SweepDomain Domain)
{
    public static string MakeKey(RandomNetworkSpec network, SweepDomain domain) =>
        $"arch={network.WidthsText}|act={network.Activation}|init={network.Init.ToName()}" +
        (network.BiasStd is double s ? $"|bias_std={SweepFormat.Number(s)}" : "") +
        $"|{domain.Label}|seed={network.Seed.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A deterministic 1/N of the work: shard I of N (1 ≤ I ≤ N) runs the items whose index i has
/// i mod N = I − 1. Round-robin rather than contiguous blocks, so that every shard gets a similar mix of small
/// and large networks (seeds vary fastest, architectures slowest).</summary>
public readonly record struct Shard(int Index, int Count)
{
    public static Shard All => new(1, 1);

    public bool IsAll => Count == 1;

    public bool Contains(long itemIndex) => itemIndex % Count == Index - 1;

    /// <summary>Parses "I/N"; errors name <c>--shard</c>.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new InputException($"--shard '{text}' is not I/N (shard I of N, e.g. 2/8)");
        if (n < 1) throw new InputException($"--shard {text}: N must be at least 1");
        if (i < 1 || i > n) throw new InputException($"--shard {text}: I must be between 1 and N = {n}");
        return new Shard(i, n);
    }

    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>The work items of a spec in product order: architectures (slowest), activations, initialisations,
/// domains, seeds (fastest) — so the seeds of one configuration are adjacent.</summary>
public sealed class WorkPlan
{
    /// <summary>More items than this is almost certainly a mistake in the spec (and would not fit in memory).</summary>
    public const long MaxItems = 10_000_000;

    private readonly Dictionary<string, WorkItem> byKey = new(StringComparer.Ordinal);

    public WorkPlan(SweepSpec spec)
    {
        if (spec.ItemCount > MaxItems)
            throw new InputException($"the spec has {spec.ItemCount} work items, more than the limit of {MaxItems}");
        Spec = spec;
        var items = new List<WorkItem>();
        foreach (var arch in spec.Architectures)
        foreach (var activation in spec.Activations)
        foreach (var init in spec.Inits)
        foreach (var domain in spec.Domains)
        foreach (var seed in spec.Seeds)
        {
            var network = new RandomNetworkSpec(arch, activation, init.Scheme, init.BiasStd, seed);
            var item = new WorkItem(items.Count, WorkItem.MakeKey(network, domain), network, domain);
            items.Add(item);
            byKey.Add(item.Key, item);
        }
        Items = items;
    }

    public SweepSpec Spec { get; }

    public IReadOnlyList<WorkItem> Items { get; }

    public IEnumerable<WorkItem> ForShard(Shard shard) => Items.Where(item => shard.Contains(item.Index));

    public WorkItem? Find(string key) => byKey.GetValueOrDefault(key);
}
