using System.Diagnostics;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Statistics;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Enumerates every activation region of a network over a box by breadth-first search of the region graph:
/// start from the region of the box centre; for each facet of the current region compute the pattern just
/// across it (<see cref="PatternRules.Across"/>), and if that pattern is new, test its polytope (one Chebyshev
/// LP; in 2-D a polygon clip first) and keep it if its inscribed radius is above tolerance. The box is
/// connected and every facet leads to exactly one region, so the search reaches every region. Ids are given in
/// discovery order, which is deterministic (facets are visited in row order). A ReLU network over a 2-D or 3-D box
/// is enumerated by subdivision instead where it can be (<see cref="SplitSearch"/>), with the same records.
/// </summary>
public sealed class RegionEnumerator
{
    private readonly Network network;
    private readonly SearchOptions options;
    private readonly NetworkLayout layout;
    private readonly Box? box;
    private readonly Box startBox;
    private readonly Tolerances tol;
    private readonly double scale;

    public RegionEnumerator(Network network, SearchOptions? options = null)
    {
        this.network = network;
        this.options = options ?? new SearchOptions();
        box = this.options.WholeSpace ? null : this.options.Box ?? network.Domain ?? Box.Cube(network.InputDim, -1, 1);
        if (box != null && box.Dimension != network.InputDim)
            throw new InputException($"the box has dimension {box.Dimension} but the network's input_dim is {network.InputDim}");
        startBox = box ?? Box.Cube(network.InputDim, -1, 1);
        tol = this.options.Tolerances.Validated();
        layout = new NetworkLayout(network);
        scale = box?.Scale() ?? 1.0;
        if (box != null) RefuseThinBox(box, scale, tol);
    }

    /// <summary>Refuses a box so much longer than wide that the tolerances, relative to its largest half-side, would
    /// drop sizeable regions along its short side (<see cref="Box.MaxShortSideTolerance"/>,
    /// <see cref="Box.OrdinaryAspect"/>).</summary>
    private static void RefuseThinBox(Box box, double scale, Tolerances tol)
    {
        int j = box.ShortestSide();
        double half = 0.5 * (box.Hi[j] - box.Lo[j]);
        double aspect = scale / half;
        double limit = aspect <= Box.OrdinaryAspect ? Tolerances.Largest : Box.MaxShortSideTolerance;
        if (!(aspect * tol.Radius > limit)) return;
        string from = box.Source is { } source ? source + ": " : "";
        throw new InputException(
            $"{from}the box is {scale / half:g3} times longer than wide (coordinate {j}: [{box.Lo[j]:g6}, {box.Hi[j]:g6}]): " +
            $"tolerances are relative to its largest half-side ({scale:g6}), so regions thinner than {scale * tol.Radius:g3} " +
            "would be lost; make its sides comparable (for a slice: its basis and bounds) or lower --tolerance");
    }

    /// <summary>The box enumerated, or null for all of R^d.</summary>
    public Box? Box => box;

    public EnumerationResult Run(CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        if (options.Subdivision && box != null && SplitSearch.Applies(layout, options, box))
        {
            int threads = ThreadCount(options.Threads);
            using var records = new RegionRecords(options);
            if (SplitSearch.TryRun(layout, box, tol, scale, threads, records.BuildsRecords && options.Solids, options.OnFound,
                    records, cancel))
                return Result(records, StopReason.Complete, records.Count, threads, clock) with { Subdivided = true };
        }
        var search = new LevelSearch(this);
        using var searchRecords = search.Records;
        var stop = search.Run(cancel);
        return Result(search.Records, stop, search.Candidates, search.Threads, clock);
    }

    private static int ThreadCount(int requested) => requested > 0 ? requested : Environment.ProcessorCount;

    private EnumerationResult Result(RegionRecords records, StopReason stop, long candidates, int threads, Stopwatch clock)
    {
        var summary = RegionSummary.OfSpans(records.FaceCounts.AsSpan(), records.NeuronFaceCounts.AsSpan(),
            records.Radii.AsSpan());
        return new EnumerationResult(network.InputDim, layout.UnitCount, records.Count, records.Linear.Count,
            records.Kept, summary.FaceHistogram, summary.NeuronFaceHistogram,
            summary.RadiusMin, summary.RadiusMedian, summary.RadiusMax, stop,
            candidates, records.Dangling, clock.Elapsed.TotalSeconds)
        {
            WholeSpace = box == null,
            UnboundedRegions = records.UnboundedCount,
            Threads = threads,
        };
    }

    /// <summary>
    /// The search, one breadth-first level at a time so that it can run on several threads and still give the
    /// same ids, records and numbers as one thread: (1) in parallel, every region of the level lists its facets
    /// and the pattern across each (known patterns resolved to ids) and offers each new pattern to the next
    /// level's candidates, which keep the discoverer first in search order — regions by id, facets by row —
    /// whichever thread offered first (<see cref="NewPatterns"/>); (2) the candidates are listed in that order;
    /// (3) in parallel, each candidate's polytope is tested from its discoverer's centre, and a full-dimensional
    /// one enters the visited set under its candidate number; (4) in order, the regions found get the next ids;
    /// then, in one parallel phase, the level's records are built and the next level does its step (1), and the
    /// records are accounted for in id order, on the calling thread, while the other threads start the next level's
    /// step (3) (at once when the search may stop at them). This is exactly the order of a sequential FIFO search.
    /// </summary>
    private sealed class LevelSearch
    {
        private readonly RegionEnumerator owner;
        private readonly VisitedPatterns visited;
        private readonly NewPatterns fresh;
        private int regionCount;
        private readonly PatternMapsPool pool;
        private readonly SearchWorker[] workers;

        public LevelSearch(RegionEnumerator owner)
        {
            this.owner = owner;
            Records = new RegionRecords(owner.options);
            pool = new PatternMapsPool(owner.layout);
            int threads = ThreadCount(owner.options.Threads);
            cells = owner.options.FirstLayerCells
                ? FirstLayerCells.For(owner.layout, owner.box, owner.scale, threads, owner.tol, owner.options.Textbook) : null;
            workers = Enumerable.Range(0, threads)
                .Select(_ => new SearchWorker(owner.layout, owner.box, owner.tol, owner.scale, owner.options.Textbook,
                    pool, BuildsRecords, cells, BuildsRecords && owner.options.Solids))
                .ToArray();
            int units = owner.layout.UnitCount;
            bool binary = owner.layout.BinaryStates;
            visited = new VisitedPatterns(workers.Length, ActivationPattern.KeyLength(units, binary));
            fresh = new NewPatterns(workers.Length, units, binary, pool);
        }

        public int Threads => workers.Length;
        private readonly FirstLayerCells? cells;
        public RegionRecords Records { get; }
        private PooledList<double[]> OutputMaps => Records.OutputMaps;
        public long Candidates => workers.Sum(w => w.Candidates);

        public StopReason Run(CancellationToken cancel)
        {
            using var crew = new WorkerCrew<SearchWorker>(workers);
            this.crew = crew;
            var first = StartRegion() ?? throw new InvalidOperationException(
                "no full-dimensional region found at the box centre or nearby points (is the box degenerate?)");
            first.Id = regionCount++;
            visited.Add(first.Pattern, visited.NextNumber);
            visited.Number(first.Id);
            var level = new List<RegionWork> { first };
            // The level's output maps and their sketches by place, which its record builds read of each other: each
            // level's are gathered as its regions are found, from the arrays the testing threads wrote, not read
            // from the regions one after another on this thread.
            var (levelMaps, levelSketches) = (new[] { first.OutputMap }, new[] { first.Sketch });
            int depth = 0; // the level's
            workers[0].Expand(first, depth, 0, visited, fresh);
            while (level.Count > 0)
            {
                if (cancel.IsCancellationRequested)
                {
                    RecordPending();
                    return StopReason.Cancelled;
                }
                var candidates = fresh.TakeLevel(workers.Select(w => w.Created));
                var found = Reuse(ref foundBuffer, candidates.Count);
                var foundMaps = Reuse(ref foundMapsBuffer, candidates.Count);
                var foundSketches = Reuse(ref foundSketchesBuffer, candidates.Count);
                int firstNumber = visited.NextNumber;
                var (waiting, unneeded) = MapsNeeded(level, candidates);
                // Each worker's block of the phase holds its share of the releases, then the same share of the
                // candidates (both are in the order of the level's regions): the candidates of the regions it
                // expanded, whose maps and rows are in its core's cache, and maps freed before it rents any.
                int items = unneeded.Count + candidates.Count;
                var testOrder = BlockwiseFirst(unneeded.Count, candidates.Count,
                    StridedParallel.ThreadsFor(workers.Length, items), Reuse(ref testOrderBuffer, items));
                // The calling thread first accounts for the last level's records, while the others start testing.
                crew!.ForEach(items, () => RecordPending(), (worker, item) =>
                {
                    item = testOrder[item];
                    if (item < unneeded.Count) { worker.Release(level[unneeded[item]]); return; }
                    int k = item - unneeded.Count;
                    var candidate = candidates[k];
                    candidate.Number = firstNumber + k;
                    bool fromParent = candidate.Crossing.NewMaps == null;
                    var work = worker.AnalyzeCandidate(candidate);
                    if (fromParent && Interlocked.Decrement(ref waiting[ParentPlace(candidate)]) == 0)
                        worker.Release(candidate.Parent);
                    if (work != null)
                    {
                        visited.Add(work.Pattern, firstNumber + k);
                        (foundMaps[k], foundSketches[k]) = (work.OutputMap, work.Sketch);
                    }
                    found[k] = work;
                });

                cells?.ReviewAfterLevel(Candidates);
                // Ids in candidate order. The regions found (made by the workers) learn theirs in the next phase
                // (next[j] gets nextFirst + j), on the core that expands them.
                var next = new List<RegionWork>();
                int nextFirst = regionCount;
                var nextMaps = Reuse(ref nextMapsBuffer, candidates.Count);
                var nextSketches = Reuse(ref nextSketchesBuffer, candidates.Count);
                for (int k = 0; k < candidates.Count; k++)
                {
                    var work = found[k];
                    found[k] = null;
                    visited.Number(work == null ? -1 : regionCount);
                    if (work == null) continue;
                    regionCount++;
                    (nextMaps[next.Count], nextSketches[next.Count]) = (foundMaps[k], foundSketches[k]);
                    foundMaps[k] = null!;
                    next.Add(work);
                }
                // One parallel phase builds this level's records and expands the next level: both only read the
                // visited set and the ids just given. Accounting for the records is in id order.
                var built = Reuse(ref builtBuffer, level.Count);
                var order = Interleave(level.Count, next.Count, Reuse(ref orderBuffer, level.Count + next.Count));
                ForEach(level.Count + next.Count, (worker, k) =>
                {
                    int i = order[k];
                    if (i < level.Count) built[i] = Build(level[i], levelMaps, levelSketches, level[0].Id, worker);
                    else
                    {
                        int j = i - level.Count;
                        next[j].Id = nextFirst + j;
                        worker.Expand(next[j], depth + 1, j, visited, fresh);
                    }
                });
                pending = level.Count;
                // Accounted for now when the search may stop at them, else at the start of the next phase.
                if ((next.Count == 0 || owner.options.MaxRegions > 0 && OutputMaps.Count + level.Count >= owner.options.MaxRegions)
                    && RecordPending(moreAfter: next.Count > 0))
                    return StopReason.RegionLimit;
                level = next;
                depth++;
                // The next level's maps and sketches become this one's; its buffers take the next level's next time.
                (levelMaps, nextMapsBuffer) = (nextMaps, levelMaps);
                (levelSketches, nextSketchesBuffer) = (nextSketches, levelSketches);
            }
            return StopReason.Complete;
        }

        /// <summary>How many of <paramref name="candidates"/> will compute their maps from each region of
        /// <paramref name="level"/> (their discoverer), by place in the level, and the places of the regions none of
        /// them needs. Only those candidates read a region's maps and facet rows after its expansion, so the
        /// regions none of them needs give them back first thing in the tests (<see cref="SearchWorker.Release"/>,
        /// as the first items of each worker's block: on the main thread between phases they were the largest
        /// serial step), and the others as their last such candidate is tested. Two levels' maps and rows were
        /// never needed at once, and held together they were most of a search's memory (40 % of the bytes a 6-12-12
        /// search allocated with its records).</summary>
        private static (int[] Waiting, List<int> Unneeded) MapsNeeded(List<RegionWork> level, List<Candidate> candidates)
        {
            var waiting = new int[level.Count];
            foreach (var candidate in candidates)
                if (candidate.Crossing.NewMaps == null) waiting[ParentPlace(candidate)]++;
            var unneeded = new List<int>();
            for (int i = 0; i < level.Count; i++)
                if (waiting[i] == 0) unneeded.Add(i);
            return (waiting, unneeded);
        }

        // The discoverer's place in its level (the high half of the candidate's search order).
        private static int ParentPlace(Candidate candidate) => (int)(candidate.Order >> 32);

        /// <summary>The items of a phase over a level's <paramref name="records"/> and the next level's
        /// <paramref name="expansions"/> (numbered records + j), merged by their position in their own list: the
        /// crew gives each worker a contiguous block of the order, and a block then holds the records and the
        /// expansions of the same stretch of the search, whose data that worker mostly computed already (the next
        /// level lists the regions found in the order of the regions that found them).</summary>
        private static int[] Interleave(int records, int expansions, int[] order)
        {
            for (int k = 0, i = 0, j = 0; k < records + expansions; k++)
            {
                // Take the list whose next item sits earlier in it (by the middle of its share), records first on ties.
                bool record = j == expansions || (i < records && (2L * i + 1) * expansions <= (2L * j + 1) * records);
                order[k] = record ? i++ : records + j++;
            }
            return order;
        }

        /// <summary>The items of a phase over <paramref name="first"/> items of one list and
        /// <paramref name="second"/> of another (numbered first + j), cut into <paramref name="blocks"/> blocks as
        /// <see cref="WorkerCrew{TWorker}"/> cuts a phase among its workers: block b holds the b-th share of the first
        /// list, then the b-th share of the second.</summary>
        private static int[] BlockwiseFirst(int first, int second, int blocks, int[] order)
        {
            blocks = Math.Max(1, blocks);
            int k = 0;
            for (int b = 0; b < blocks; b++)
            {
                for (int i = (int)((long)first * b / blocks); i < (long)first * (b + 1) / blocks; i++) order[k++] = i;
                for (int j = (int)((long)second * b / blocks); j < (long)second * (b + 1) / blocks; j++)
                    order[k++] = first + j;
            }
            return order;
        }

        // Built records of the last level not yet accounted for (the first entries of builtBuffer).
        private int pending;

        /// <summary>Accounts for the built records still pending, in id order; true when the search stops at the
        /// region limit (reached with records left, or with <paramref name="moreAfter"/>: regions still to come).</summary>
        private bool RecordPending(bool moreAfter = true)
        {
            int count = pending;
            pending = 0;
            for (int i = 0; i < count; i++)
            {
                Records.Record(builtBuffer[i]);
                builtBuffer[i] = default;
                if (owner.options.MaxRegions > 0 && OutputMaps.Count >= owner.options.MaxRegions && (i + 1 < count || moreAfter))
                    return true;
            }
            return false;
        }

        // The per-level arrays, kept from level to level (a level's entries are cleared once read): allocated
        // afresh they were some 90 bytes a region of fresh memory.
        private RegionWork?[] foundBuffer = [];
        private BuiltRegion[] builtBuffer = [];
        private double[][] foundMapsBuffer = [], nextMapsBuffer = [];
        private LinearRegions.Sketch[] foundSketchesBuffer = [], nextSketchesBuffer = [];
        private int[] orderBuffer = [], testOrderBuffer = [];

        /// <summary><paramref name="buffer"/>, grown (doubling) to hold at least <paramref name="length"/>
        /// items.</summary>
        private static T[] Reuse<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length) buffer = new T[Math.Max(length, 2 * buffer.Length)];
            return buffer;
        }

        private WorkerCrew<SearchWorker>? crew;

        private void ForEach(int n, Action<SearchWorker, int> body) => crew!.ForEach(n, body);

        /// <summary>The region of the box centre; if the centre lies on a boundary where the pattern there has no
        /// interior, points of a fixed Halton sequence in the box are tried instead.</summary>
        private RegionWork? StartRegion()
        {
            var box = owner.startBox;
            var point = box.Centre();
            for (int attempt = 0; attempt < 64; attempt++)
            {
                var work = workers[0].RegionAt(point);
                if (work != null) return work;
                for (int j = 0; j < point.Length; j++)
                    point[j] = box.Lo[j] + (box.Hi[j] - box.Lo[j]) * Halton(attempt + 1, Primes[j % Primes.Length]);
            }
            return null;
        }

        private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

        private static double Halton(int index, int b)
        {
            double f = 1, r = 0;
            for (int i = index; i > 0; i /= b) { f /= b; r += f * (i % b); }
            return r;
        }

        private bool BuildsRecords => Records.BuildsRecords;

        /// <summary>An expanded region's statistics (and record), its neighbours resolved to ids, and the earlier
        /// ones among them with the same output map (<see cref="LinearRegions"/>): those of earlier levels are
        /// recorded, those of this level, from <paramref name="levelFirst"/> on, have their maps and sketches in
        /// <paramref name="levelMaps"/> and <paramref name="levelSketches"/> (reads only; safe in parallel).</summary>
        private BuiltRegion Build(RegionWork work, double[][] levelMaps, LinearRegions.Sketch[] levelSketches,
            int levelFirst, SearchWorker worker)
        {
            var outMaps = work.OutputMap;
            var crossings = work.FacetCrossings;
            int count = crossings.Length;
            var facets = BuildsRecords ? new RegionFacet[count] : null;
            Span<int> sameMap = stackalloc int[count];
            Span<int> neighbours = stackalloc int[count];
            Span<bool> compared = stackalloc bool[count];
            // The neighbours first, then the maps of the earlier ones whose sketches may match touched, then compared:
            // an earlier neighbour's map is mostly out of the cache, and read one after another its look-ups waited
            // for memory in turn (the sketches, one array, spare most of those reads).
            for (int f = 0; f < count; f++)
            {
                ref var c = ref crossings[f];
                neighbours[f] = c.Discovery != null ? visited.IdOf(c.Discovery.Number) : c.KnownNeighbour;
            }
            for (int f = 0; f < count; f++)
            {
                int id = neighbours[f];
                compared[f] = id >= 0 && id < work.Id && !work.Sketch.Differs(
                    id < levelFirst ? Records.Sketches[id] : levelSketches[id - levelFirst], owner.tol.Coincidence);
                if (compared[f]) worker.Sink(MapOf(id, levelMaps, levelFirst).Length);
            }
            int neuronFacets = 0, dangling = 0, same = 0;
            for (int f = 0; f < count; f++)
            {
                ref var c = ref crossings[f];
                int neighbour = neighbours[f];
                if (c.BoxSide < 0 && neighbour < 0) dangling++;
                if (c.BoxSide < 0) neuronFacets++;
                if (compared[f]
                    && LinearRegions.SameMap(outMaps, MapOf(neighbour, levelMaps, levelFirst), owner.layout.Width, owner.tol.Coincidence))
                    sameMap[same++] = neighbour;
                if (facets != null) facets[f] = new RegionFacet(c.Normal, c.Offset, c.Units, c.BoxSide, neighbour);
            }
            var region = facets == null ? null : MakeRecord(work, facets);
            var built = new BuiltRegion(region, outMaps, work.Sketch, same == 0 ? [] : sameMap[..same].ToArray(), count,
                neuronFacets, dangling, work.Radius, work.Bounded);
            worker.Recycle(work);
            return built;
        }

        /// <summary>The output maps of region <paramref name="id"/>, recorded or of the level being recorded (from
        /// <paramref name="levelFirst"/> on, in <paramref name="levelMaps"/>).</summary>
        private double[] MapOf(int id, double[][] levelMaps, int levelFirst) =>
            id < levelFirst ? OutputMaps[id] : levelMaps[id - levelFirst];

        /// <summary>The region's record, handed to <see cref="SearchOptions.OnRegionBuilt"/>.</summary>
        private Region MakeRecord(RegionWork work, RegionFacet[] facets) =>
            Records.Make(work.Id, work.Pattern, work.Centre, work.Radius, facets, work.Output, work.Volume,
                work.Vertices, work.Bounded, work.Solid);
    }
}
