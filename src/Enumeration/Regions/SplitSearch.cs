using System.Buffers;
using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;
using Polytopes.Geometry.Lp;

namespace Polytopes.Enumeration.Regions;

/// <summary>Picks the subdivision's compiled form for a network's input dimension and unit count.</summary>
internal static class SplitSearch
{
    /// <summary>Whether the subdivision can run for this network and these options (it may still give up).</summary>
    public static bool Applies(NetworkLayout layout, SearchOptions options, Box? box)
    {
        if (box == null || layout.InputDim is not (2 or 3) || options.Textbook || options.MaxRegions > 0)
            return false;
        if (layout.UnitCount > Bits512.Capacity || layout.HasSkips || layout.FirstUnitLayer != 0) return false;
        for (int l = 0; l < layout.LayerCount; l++)
        {
            var layer = layout.Layer(l);
            bool last = l == layout.LayerCount - 1;
            if (last ? layer.Activation != Activation.Identity : layer.Activation is not (Activation.Relu or Activation.LeakyRelu))
                return false;
        }
        return true;
    }

    /// <summary>Records every region into <paramref name="records"/> by subdivision
    /// (<see cref="SplitSearch{TShape, TBits}.TryRun"/>); false, recording nothing, where it gave up.</summary>
    public static bool TryRun(NetworkLayout layout, Box box, Tolerances tol, double scale, int threads, bool solids,
        Action<int>? onFound, RegionRecords records, CancellationToken cancel) =>
        layout.InputDim == 2 ? TryRun<SplitPolygon>(layout, box, tol, scale, threads, solids, onFound, records, cancel)
            : TryRun<SplitPolyhedron>(layout, box, tol, scale, threads, solids, onFound, records, cancel);

    private static bool TryRun<TShape>(NetworkLayout layout, Box box, Tolerances tol, double scale, int threads,
        bool solids, Action<int>? onFound, RegionRecords records, CancellationToken cancel)
        where TShape : struct, ISplitShape<TShape> => layout.UnitCount switch
        {
            <= 128 => new SplitSearch<TShape, Bits128>(layout, box, tol, scale, threads, solids, onFound).TryRun(records, cancel),
            <= 256 => new SplitSearch<TShape, Bits256>(layout, box, tol, scale, threads, solids, onFound).TryRun(records, cancel),
            _ => new SplitSearch<TShape, Bits512>(layout, box, tol, scale, threads, solids, onFound).TryRun(records, cancel),
        };
}

/// <summary>
/// The regions of a ReLU network over a 2-D or 3-D box by subdivision rather than by search: the box is split by the
/// first layer's planes (lines, in 2-D) into cells, each cell by the next layer's planes (affine on the cell, its maps
/// updated from the cell found before it, <see cref="Worker.CellMaps"/>), and so on; the pieces the last layer leaves
/// are the regions. The splits go depth first, each
/// piece descended from as soon as it is cut (<see cref="Worker.SplitFrom"/>), from seeds, the first pieces of the
/// box, that the threads share out. A piece is a polygon or a polyhedron (<typeparamref name="TShape"/>): a split
/// classifies its vertices once and writes both parts (<see cref="ConvexPolyhedron.Split"/>,
/// <see cref="ConvexPolygon.Split"/>), and a plane that splits nothing costs that one pass over its vertices, where
/// the search built every region's rows, chose the nearest, clipped a square or a cube with them and crossed every
/// facet to find its neighbours. A piece carries its units' states as bits (<typeparamref name="TBits"/>). Each
/// region then gets what the search gives it: its facets (faces wider than the facet tolerance, with the rows' numbers as
/// <see cref="RegionConstraints"/> writes them), its Chebyshev ball over them from the vertex centroid (as
/// <see cref="PolytopeAnalyzer"/>'s clipping paths), its output maps, in 2-D its area and vertices (in 3-D its solid
/// when asked for), and its neighbours (the pattern with the
/// facet's unit flipped), and ids in the search's breadth-first order from the region of the box centre, facets
/// in row order, so the records are the search's.
/// <para>
/// Only where every piece is plain: a vertex within the facet tolerance of a plane (planes through a point,
/// coincident planes), a unit whose map is identically zero, a face too thin to be a facet, a region whose ball is
/// below the radius tolerance, a neuron facet without a region beyond, a box centre on a boundary, or a region the
/// breadth-first order does not reach make <see cref="TryRun"/> give up, and the search decides instead, with its
/// rules for all of these. Not used for maxout or skip connections, other input dimensions, more than 512 units, all
/// of R^d, a region limit (the search stops early, the subdivision cannot) or the textbook method.
/// </para>
/// </summary>
internal sealed class SplitSearch<TShape, TBits>
    where TShape : struct, ISplitShape<TShape>
    where TBits : struct, IUnitBits<TBits>
{
    private static int Dimension => TShape.Dimension;
    private static int Sides => 2 * TShape.Dimension;
    private static int PlaneLength => TShape.Dimension + 1; // a plane's numbers: its unit normal, then its offset
    private readonly NetworkLayout layout;
    private readonly Box box;
    private readonly double[] boxCentre;
    private readonly Tolerances tol;
    private readonly double scale, faceTol;
    private readonly int threads;
    private readonly bool solids; // 3-D records get Region.Solid, as the search's
    private readonly int rowWords; // words of a set of row ids (SortRows)
    private volatile bool gaveUp;
    private readonly Action<int>? onFound; // SearchOptions.OnFound
    private int foundCount;
    private const int FoundBatch = 1024; // regions a worker finds between reports and looks at the cancellation
    private CancellationToken cancellation;
    private bool buildsRecords; // regions get their record facets as they are found
    // The first layer's planes (d + 1 numbers a unit: the off side's unit normal and offset) and the units whose
    // planes cut the box, in unit order, with how many of them split the box into the seeds: set by Seeds, then
    // read by every worker.
    private double[] firstPlanes = [];
    private int[] firstCuts = [];
    private int seedCuts, runCuts;

    // Seeds a thread: the pieces of the box the workers take one at a time, enough for them to share out evenly
    // (with 32, two threads on 2-128-128 ended 1.2–1.3 ms apart in a 27 ms split; with 64, 0.15–0.6).
    private const int SeedsPerThread = 64;
    // A cell's maps are updated from those of the cell found before it in the same run: the cells of the first layer's
    // first planes, as many as make this many cells in general position (cells of the box: fewer). Each run's first
    // cell's maps are computed in full, so that the numbers are the same whichever thread splits it after which.
    private const int RunCells = 256;

    public SplitSearch(NetworkLayout layout, Box box, Tolerances tol, double scale, int threads, bool solids,
        Action<int>? onFound)
    {
        this.onFound = onFound;
        this.solids = solids && Dimension == 3;
        rowWords = (Sides + layout.UnitCount + 63) / 64;
        this.layout = layout;
        this.box = box;
        boxCentre = box.Centre();
        this.tol = tol;
        this.scale = scale;
        faceTol = tol.Facet * scale;
        this.threads = Math.Max(1, threads);
    }

    /// <summary>One region found: its units' states (a bit each, on), how many facet rows it has (the rows
    /// themselves, row ids in increasing order, box sides and then 2d + unit, are in its seed's
    /// <see cref="SeedRegions.Rows"/>), their record facets when records are built (neighbours still to be given),
    /// whether it holds the box centre inside every facet by more than the facet tolerance, its Chebyshev ball,
    /// output maps and their sketch, what its record says of its output map and shape
    /// (<see cref="RegionRecords.SplitOutput"/>, <see cref="ISplitShape{TShape}.Describe"/>). What the records take
    /// is made here, where the region's numbers are at hand: read back in the record phase, far apart in memory,
    /// they cost more than making them (2-128-128's look-ups 4.1 → 2.2 ms on one thread with the sketches made
    /// here).</summary>
    private readonly record struct Found(TBits Key, int RowCount, RegionFacet[]? Facets, bool HoldsCentre,
        double[] Centre, double Radius, double[] OutputMaps, LinearRegions.Sketch Sketch,
        (double[] Gradient, double[] Bias) Output, double? Volume, double[]? Vertices, RegionSolid? Solid);

    /// <summary>The regions one seed gave, in the order found, and their facet rows one region after another: held
    /// in place rather than as an object and an array a region, each new memory, and allocation is what two threads
    /// share out worst (2-128-128).</summary>
    private sealed class SeedRegions : IDisposable
    {
        // Pooled: on one thread the box is one seed, and lists grown afresh were new memory after every search.
        public readonly PooledList<Found> Found = new();
        public readonly PooledList<int> Rows = new();
        /// <summary>The worker that split the seed (<see cref="Worker.Index"/>).</summary>
        public int SplitBy;

        public void Dispose()
        {
            Found.Dispose();
            Rows.Dispose();
        }
    }

    /// <summary>Records every region into <paramref name="records"/> in breadth-first order; false (recording
    /// nothing) when some piece is not plain (above) or the search was cancelled.</summary>
    public bool TryRun(RegionRecords records, CancellationToken cancel)
    {
        buildsRecords = records.BuildsRecords;
        cancellation = cancel;
        var first = new Worker(this);
        var seeds = first.Seeds(threads == 1 ? 1 : SeedsPerThread * threads);
        if (seeds == null) return false;
        var found = new SeedRegions?[seeds.Count];
        try
        {
            var workers = Enumerable.Range(0, threads).Select(t => t == 0 ? first : new Worker(this, t)).ToArray();
            using var crew = new WorkerCrew<Worker>(workers);
            crew.ForEach(seeds.Count, (worker, c) =>
            {
                if (gaveUp) return;
                if (cancel.IsCancellationRequested) { gaveUp = true; return; } // the search then stops at once
                found[c] = worker.Regions(seeds[c]);
            });
            if (gaveUp) return false;
            // The regions each worker found together, in the workers' order: the record phase gives each worker its
            // block of them first (WorkerCrew), so that each mostly reads what it wrote, in its own cache (interleaved,
            // its lookups and builds took as long on two threads as on one). The results do not depend on this order.
            return Record(found.OrderBy(seed => seed!.SplitBy).ToArray()!, records, crew);
        }
        finally
        {
            foreach (var seed in found) seed?.Dispose();
        }
    }

    /// <summary>Neighbours by pattern, ids in breadth-first order from the region of the box centre, the records
    /// built in parallel, then recorded in id order; false when two pieces have one pattern, a neuron facet has no
    /// region beyond, the centre is on a boundary, or some region is not reached.</summary>
    private bool Record(SeedRegions[] seeds, RegionRecords records, WorkerCrew<Worker> crew)
    {
        // The phase's arrays come from the shared pools and go back to them: a process that enumerates network after
        // network reuses them rather than touching fresh memory each time (that cost a tenth of a 3-20-20 search).
        var (seedAt, seedRowsAt) = (new int[seeds.Length + 1], new int[seeds.Length + 1]);
        for (int s = 0; s < seeds.Length; s++)
            (seedAt[s + 1], seedRowsAt[s + 1]) = (seedAt[s] + seeds[s].Found.Count, seedRowsAt[s] + seeds[s].Rows.Count);
        int n = seedAt[^1];
        var regions = ArrayPool<Found>.Shared.Rent(n);
        var ints = ArrayPool<int>.Shared;
        int[] rows = ints.Rent(seedRowsAt[^1]), first = ints.Rent(n + 1), neighbours = ints.Rent(seedRowsAt[^1]),
            order = ints.Rent(n), id = ints.Rent(n);
        var built = ArrayPool<BuiltRegion>.Shared.Rent(n);
        var keys = ArrayPool<TBits>.Shared.Rent(n);
        var sketches = ArrayPool<LinearRegions.Sketch>.Shared.Rent(n);
        // Region r's rows, and its neighbours (by place in regions, −1 across a box side), at [first[r], first[r + 1]).
        // The seeds are gathered in parallel, each mostly by the thread that split it, from its cache.
        first[0] = 0;
        crew.ForEach(seeds.Length, (_, s) =>
        {
            var found = seeds[s].Found.AsSpan();
            int at = seedAt[s], rowsAt = seedRowsAt[s];
            found.CopyTo(regions.AsSpan(at));
            seeds[s].Rows.AsSpan().CopyTo(rows.AsSpan(rowsAt));
            for (int k = 0; k < found.Length; k++)
            {
                keys[at + k] = found[k].Key;
                first[at + k + 1] = rowsAt += found[k].RowCount;
            }
        });
        using var index = new BitPatternIndex<TBits>(keys, n);
        try
        {
            for (int r = 0; r < n; r++)
                if (!index.TryAdd(r)) return false; // one pattern in two pieces: not plain after all
            bool dangling = false;
            crew.ForEach(n, (_, r) =>
            {
                sketches[r] = regions[r].Sketch;
                var facetRows = rows.AsSpan(first[r], first[r + 1] - first[r]);
                var across = neighbours.AsSpan(first[r], facetRows.Length);
                // The box sides' rows come first (rows in increasing order); across the others, the unit flipped.
                int sides = 0;
                while (sides < facetRows.Length && facetRows[sides] < Sides) across[sides++] = -1;
                Span<int> units = stackalloc int[facetRows.Length - sides];
                for (int f = sides; f < facetRows.Length; f++) units[f - sides] = facetRows[f] - Sides;
                index.PlacesAcross(keys[r], units, across[sides..]);
                if (across[sides..].Contains(-1)) dangling = true;
            });
            if (dangling) return false;
            int start = StartRegion(regions.AsSpan(0, n));
            if (start < 0) return false;
            Array.Fill(id, -1, 0, n);
            int head = 0, tail = 0;
            order[tail++] = start;
            id[start] = 0;
            while (head < tail)
            {
                int r = order[head++];
                foreach (int o in neighbours.AsSpan(first[r], first[r + 1] - first[r]))
                    if (o >= 0 && id[o] < 0) { id[o] = tail; order[tail++] = o; }
            }
            if (tail != n) return false;

            // Built in the order found, where neighbours lie near each other in memory (the breadth-first order
            // jumps about the box), each into its id's place, and placed in the records by the thread that built it.
            records.Open(n);
            crew.ForEach(n, (worker, r) =>
            {
                var region = worker.Build(id[r], in regions[r], rows.AsSpan(first[r], first[r + 1] - first[r]),
                    neighbours.AsSpan(first[r], first[r + 1] - first[r]), id, regions, sketches[r], sketches, records);
                records.Place(id[r], region);
                built[id[r]] = region;
            });
            records.Close(built.AsSpan(0, n));
            return true;
        }
        finally
        {
            foreach (var array in new[] { rows, first, neighbours, order, id }) ints.Return(array);
            ArrayPool<TBits>.Shared.Return(keys);
            ArrayPool<LinearRegions.Sketch>.Shared.Return(sketches);
            // Cleared where used (they hold the records' arrays and the records), not whole.
            regions.AsSpan(0, n).Clear();
            ArrayPool<Found>.Shared.Return(regions);
            built.AsSpan(0, n).Clear();
            ArrayPool<BuiltRegion>.Shared.Return(built);
        }
    }

    /// <summary>The region holding the box centre inside every facet by more than the facet tolerance, or −1 when
    /// there is none (the centre on a boundary: the search's start looks further).</summary>
    private static int StartRegion(ReadOnlySpan<Found> regions)
    {
        for (int r = 0; r < regions.Length; r++)
            if (regions[r].HoldsCentre) return r;
        return -1;
    }

    /// <summary>A piece being split: its polygon or polyhedron and the units decided on so far, a bit each (the others off or
    /// not yet decided).</summary>
    private readonly record struct Piece(TShape Shape, TBits On);

    /// <summary>One thread's splitting: pieces, maps per layer and the Chebyshev solver, reused.</summary>
    private sealed class Worker
    {
        private readonly SplitSearch<TShape, TBits> owner;
        private readonly NetworkLayout layout;
        private PatternMaps[] maps = [];
        private ChebyshevSolver chebyshev = null!;
        private readonly Stack<TShape> spare = new();
        private int[] facetRows = [];
        private int unreported; // regions found since the last report (SearchOptions.OnFound) and cancellation check
        private double[] rowNormals = [], rowOffsets = []; // the facet rows of the region being finished
        // The record normal of each box side, and of each unit off and on in the current cell of its layer's split
        // (at 6 + 2·unit + state): its row is that cell's plane, so all the cell's regions share one array.
        private double[]?[] cellNormals = [];
        private byte[] states = [];
        private RecordNormals normals = null!;
        // A region's facet rows at their row ids, for its solid (PolyhedronSolid reads a face's row by its id).
        private double[] solidA = [], solidB = [];
        private double[] start = [], centre = [];
        // Per layer, its planes (the off side's unit normal and offset, four numbers a unit) and the units whose
        // planes cut the piece being split: a layer's stay as they are while the deeper layers split its parts.
        private double[][] planesOf = [];
        private int[][] cutsOf = [];
        // Per layer, how many times its maps have been made, which making of the layer before's they were made from
        // (−1: none, they are not to be updated), and the states of the cell they were made for (CellMaps).
        private long[] made = [], madeFrom = [];
        private TBits[] cellOn = [];
        private int[] changedUnits = [];
        private bool ready;

        /// <summary>This worker's place in the crew.</summary>
        public int Index { get; }

        public Worker(SplitSearch<TShape, TBits> owner, int index = 0)
        {
            Index = index;
            this.owner = owner;
            layout = owner.layout;
        }

        /// <summary>Allocates the buffers on the thread that runs this worker, on its first item: made together on
        /// one thread, two workers' small arrays shared cache lines, which both threads then wrote (a two-thread
        /// subdivision ran slower than one thread).</summary>
        private void Ready()
        {
            if (ready) return;
            ready = true;
            maps = Enumerable.Range(0, layout.LayerCount).Select(_ => new PatternMaps(layout)).ToArray();
            maps[0].ComputePre(0);
            planesOf = Enumerable.Range(0, layout.LayerCount).Select(l => new double[PlaneLength * layout.Layer(l).UnitCount]).ToArray();
            cutsOf = Enumerable.Range(0, layout.LayerCount).Select(l => new int[layout.Layer(l).UnitCount]).ToArray();
            made = new long[layout.LayerCount];
            madeFrom = new long[layout.LayerCount];
            Array.Fill(madeFrom, -1);
            cellOn = new TBits[layout.LayerCount];
            changedUnits = new int[layout.UnitCount];
            chebyshev = new ChebyshevSolver(owner.tol);
            normals = new RecordNormals(Dimension, layout.UnitCount);
            int most = Sides + layout.UnitCount; // facets a region can have
            facetRows = new int[most];
            rowNormals = new double[most * Dimension];
            rowOffsets = new double[most];
            cellNormals = new double[Sides + 2 * layout.UnitCount][];
            states = new byte[layout.UnitCount];
            start = new double[Dimension];
            centre = new double[Dimension];
            solidA = owner.solids ? new double[(Sides + layout.UnitCount) * Dimension] : [];
            solidB = owner.solids ? new double[Sides + layout.UnitCount] : [];
        }

        /// <summary>Region <paramref name="k"/>'s statistics and record, as the search builds them: its facets in
        /// row order with their neighbours' ids, and the earlier neighbours with the same output map (the maps of
        /// those whose sketches differ from the region's, <paramref name="sketch"/>, are not read: reading them,
        /// far apart in memory, was most of this step).</summary>
        public BuiltRegion Build(int k, in Found region, ReadOnlySpan<int> rows, ReadOnlySpan<int> across, int[] id,
            Found[] regions, LinearRegions.Sketch sketch, LinearRegions.Sketch[] sketches, RegionRecords records)
        {
            Ready();
            int count = rows.Length, neuronFacets = 0;
            var facets = region.Facets;
            Span<int> same = stackalloc int[count];
            int sameCount = 0;
            for (int f = 0; f < count; f++)
            {
                int neighbour = across[f] < 0 ? -1 : id[across[f]];
                if (rows[f] >= Sides) neuronFacets++;
                if (neighbour >= 0 && neighbour < k && !sketch.Differs(sketches[across[f]], owner.tol.Coincidence)
                    && LinearRegions.SameMap(region.OutputMaps,
                        regions[across[f]].OutputMaps, layout.Width, owner.tol.Coincidence))
                    same[sameCount++] = neighbour;
                if (facets != null) facets[f] = facets[f] with { Neighbour = neighbour };
            }
            var record = facets == null ? null
                : records.Make(k, Pattern(region.Key), region.Centre, region.Radius, facets, region.Output, region.Volume,
                    region.Vertices, true, region.Solid);
            return new BuiltRegion(record, region.OutputMaps, sketch, sameCount == 0 ? [] : same[..sameCount].ToArray(), count,
                neuronFacets, 0, region.Radius, true);
        }

        /// <summary>The pattern with the units of <paramref name="on"/>'s bits on (ReLU units: two states, packed),
        /// whose stored form is the bits' bytes (<see cref="ActivationPattern.WriteKey"/>).</summary>
        private ActivationPattern Pattern(TBits on)
        {
            Span<byte> key = stackalloc byte[TBits.Capacity / 8];
            on.WriteTo(key);
            int units = layout.UnitCount;
            return ActivationPattern.FromKey(key[..ActivationPattern.KeyLength(units, true)], true, units);
        }

        /// <summary>This worker's states array with layer l's units set from <paramref name="on"/> (what
        /// <see cref="PatternMaps.ComputePost(int, ReadOnlySpan{byte})"/> reads of it).</summary>
        private byte[] LayerStates(TBits on, int l)
        {
            int first = layout.UnitOffset[l], end = first + layout.Layer(l).UnitCount;
            for (int u = first; u < end; u++) states[u] = (byte)on.Bit(u);
            return states;
        }

        private TShape Rent() => spare.TryPop(out var p) ? p : TShape.Make();

        /// <summary>
        /// The box split by the first of the first layer's planes that cut it into at least
        /// <paramref name="count"/> pieces (or by all the planes of the maps' runs, <see cref="RunCells"/>: a seed holds
        /// whole runs), the seeds each worker then splits by the rest and descends from: only a seed's own cells are
        /// ever held, and the splits run on every thread. Each piece meets the planes in the same order as if the box
        /// were split whole, and each run's first cell's maps are computed in full, so the regions and their numbers
        /// are the same whatever the count. Null if some piece is not plain.
        /// </summary>
        public List<Piece>? Seeds(int count)
        {
            Ready();
            var shape = Rent();
            shape.StartBox(owner.box);
            var whole = new Piece(shape, default);
            int cutting = Cuts(ref whole, 0, maps[0]);
            if (cutting < 0) return null;
            owner.firstPlanes = planesOf[0];
            owner.firstCuts = cutsOf[0][..cutting];
            owner.runCuts = Math.Min(cutting, PlanesForCells(RunCells, Dimension));
            var pieces = new List<Piece> { whole };
            var next = new List<Piece>();
            int c = 0;
            for (; c < owner.runCuts && pieces.Count < count; c++) // a seed holds whole runs
            {
                if (!Cut(pieces, next, owner.firstPlanes, owner.firstCuts[c], 0)) return null;
                (pieces, next) = (next, pieces);
            }
            owner.seedCuts = c;
            return pieces;
        }

        /// <summary>Splits each of <paramref name="pieces"/> by the plane of layer l's unit u into
        /// <paramref name="next"/> (<see cref="Cut(ref Piece, double[], int, int, out Piece)"/>); false if some piece
        /// is not plain.</summary>
        private bool Cut(List<Piece> pieces, List<Piece> next, double[] layerPlanes, int u, int l)
        {
            next.Clear();
            foreach (var piece in pieces)
            {
                var cut = piece;
                var side = Cut(ref cut, layerPlanes, u, l, out var onSide);
                if (side == Side.Degenerate) return false;
                next.Add(cut);
                if (side == Side.Split) next.Add(onSide);
            }
            return true;
        }

        /// <summary>The regions of a seed (<see cref="Seeds"/>); sets <see cref="gaveUp"/> if some piece is not
        /// plain.</summary>
        public SeedRegions Regions(Piece seed)
        {
            Ready();
            var found = new SeedRegions { SplitBy = Index };
            // Split a copy of this thread's own: a split writes the shape's arrays, and shapes made on another thread
            // lie next to that thread's in memory.
            var shape = Rent();
            shape.CopyFrom(seed.Shape);
            planesOf[0] = owner.firstPlanes; // computed once, by Seeds (worker 0's own)
            if (!SplitFrom(seed with { Shape = shape }, 0, owner.firstPlanes, owner.firstCuts, owner.seedCuts, found))
                owner.gaveUp = true;
            return found;
        }

        // The pieces of layer l's cell (its states decided up to layer l), split by the deeper layers.
        private bool Descend(Piece piece, int l, SeedRegions found)
        {
            var child = maps[l + 1];
            CellMaps(l, piece.On);
            if (l + 1 == layout.LayerCount - 1)
            {
                child.ComputePost(l + 1, states); // the output layer: no states read
                bool plain = Finish(piece, child, found);
                spare.Push(piece.Shape);
                return plain;
            }
            int cutting = Cuts(ref piece, l + 1, child);
            return cutting >= 0 && SplitFrom(piece, l + 1, planesOf[l + 1], cutsOf[l + 1].AsSpan(0, cutting), 0, found);
        }

        /// <summary>
        /// Layer l + 1's maps (<c>maps[l + 1]</c>) for a cell of layer l with these states, from layer l's
        /// (<c>maps[l]</c>, its cell's): the cell needs only its own post_l and pre_{l+1} (the facet rows come from the
        /// splits' planes). Where the cell they were last made for, in this run (RunCells), lies in the same cell of layer l − 1
        /// and at most a quarter of layer l's units have other states here, they are updated for those units
        /// (<see cref="PatternMaps.UpdatePost"/>: cells found one after another differ in a unit or two, and a full
        /// pre_{l+1} is a product of the two layers' widths); otherwise computed in full.
        /// </summary>
        private void CellMaps(int l, TBits on)
        {
            var child = maps[l + 1];
            int first = layout.UnitOffset[l], width = layout.Layer(l).UnitCount;
            var changed = changedUnits.AsSpan(0, width / 4);
            int count = madeFrom[l + 1] == made[l] ? on.Differing(cellOn[l + 1], first, width, changed) : changed.Length + 1;
            if (count <= changed.Length)
            {
                foreach (int u in changed[..count]) states[first + u] = (byte)on.Bit(first + u); // all it reads
                child.UpdatePost(l, states, maps[l], changed[..count]);
            }
            else
            {
                child.ComputePost(l, LayerStates(on, l), maps[l]);
                child.ComputePre(l + 1);
            }
            madeFrom[l + 1] = made[l];
            cellOn[l + 1] = on;
            made[l + 1]++;
        }

        /// <summary>
        /// Splits <paramref name="piece"/> by the planes of layer l's units <paramref name="cuts"/>[from ..], in
        /// that order, depth first: where a plane cuts it, the part beyond is split by the planes after it (and so
        /// on) before this one goes on, and each piece left after the last plane is descended from at once. Only
        /// the pieces on the path are held, and the one descended from is the one just cut, still in the cache.
        /// False if some piece is not plain.
        /// </summary>
        private bool SplitFrom(Piece piece, int l, double[] layerPlanes, ReadOnlySpan<int> cuts, int from,
            SeedRegions found)
        {
            for (int c = from; c < cuts.Length; c++)
            {
                if (l == 0 && c == owner.runCuts) Array.Fill(madeFrom, -1); // a run's first cell (RunCells)
                var side = Cut(ref piece, layerPlanes, cuts[c], l, out var onSide);
                if (side == Side.Degenerate) return false;
                if (side == Side.Split && !SplitFrom(onSide, l, layerPlanes, cuts, c + 1, found)) return false;
            }
            if (l == 0 && cuts.Length == owner.runCuts && from <= owner.runCuts) Array.Fill(madeFrom, -1); // each cell a run
            return !owner.gaveUp && Descend(piece, l, found);
        }

        /// <summary>The fewest planes that make at least <paramref name="cells"/> cells of R^d in general position:
        /// k planes make the sum of C(k, i) for i ≤ d.</summary>
        private static int PlanesForCells(int cells, int d)
        {
            for (int k = 0; ; k++)
            {
                long sum = 0, binomial = 1; // C(k, i)
                for (int i = 0; i <= d; i++) { sum += binomial; binomial = binomial * (k - i) / (i + 1); }
                if (sum >= cells) return k;
            }
        }

        /// <summary>Layer l's planes (into <c>planesOf[l]</c>) tested against the whole piece: one that misses it
        /// misses every part, so its unit's state is set once (in <paramref name="whole"/>), and only the planes that
        /// cut the whole (into <c>cutsOf[l]</c>, their number returned) are tested against its parts (3-20-20: 9.9 → 5.2 tests
        /// a region). −1 if a vertex lies within the tolerance of a plane or a unit's map is zero.</summary>
        private int Cuts(ref Piece whole, int l, PatternMaps layerMaps)
        {
            var layer = layout.Layer(l);
            int first = layout.UnitOffset[l], pre = layout.PreOffset[l], cutting = 0;
            var on = whole.On;
            var (planes, cuts) = (planesOf[l], cutsOf[l]);
            cellNormals.AsSpan(Sides + 2 * first, 2 * layer.UnitCount).Clear(); // new planes: new rows
            // The ball about the vertex centroid that holds the piece: a plane farther from its centre than its radius
            // and the tolerance (and a margin for the rounding of the two ways of measuring) has every vertex on one
            // side by more than the tolerance, as the vertices' own test would find, and costs a dot product.
            Span<double> centre = stackalloc double[Dimension];
            whole.Shape.VertexCentroid(centre);
            double reach = (whole.Shape.RadiusAbout(centre) + owner.faceTol) * (1 + NumericGuards.BallReachMargin);
            for (int u = 0; u < layer.UnitCount; u++)
            {
                var g = layerMaps.PreRow(l, u);
                double norm = Math.Sqrt(Dimension == 2 ? g[0] * g[0] + g[1] * g[1] : g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
                int unit = first + u;
                double zero = owner.tol.ZeroGradient * layerMaps.PreScale[pre + u];
                if (!(norm > zero))
                {
                    // A constant unit (all its inputs off): no plane, its state the constant's sign, as
                    // RegionConstraints decides. An identically zero one may change state across any facet: the
                    // search's rules for it (PatternRules) decide.
                    double constant = g[Dimension];
                    if (!(Math.Abs(constant) > zero)) return -1;
                    if (constant > zero) on = on.With(unit);
                    continue;
                }
                double atCentre = g[Dimension] + (Dimension == 2 ? g[0] * centre[0] + g[1] * centre[1]
                    : g[0] * centre[0] + g[1] * centre[1] + g[2] * centre[2]); // the pre-activation there
                if (atCentre < -reach * norm) continue;
                if (atCentre > reach * norm) { on = on.With(unit); continue; }
                // The off side's row as RegionConstraints writes it (the on side's is its exact negation).
                double f = 1 / norm;
                var plane = planes.AsSpan(PlaneLength * u, PlaneLength);
                for (int t = 0; t < Dimension; t++) plane[t] = f * g[t];
                plane[Dimension] = -f * g[Dimension];
                var (beyond, inside) = whole.Shape.Sides(plane, owner.faceTol);
                if (beyond + inside != whole.Shape.VertexCount) return -1;
                if (beyond == 0) continue;
                if (inside == 0) { on = on.With(unit); continue; }
                cuts[cutting++] = u;
            }
            whole = whole with { On = on };
            return cutting;
        }

        private enum Side { Off, On, Split, Degenerate }

        /// <summary>The part of <paramref name="piece"/> beyond the plane of layer l's unit u (in
        /// <paramref name="layerPlanes"/>: the unit on) when it cuts the piece (<see cref="Side.Split"/>: the part in
        /// <paramref name="onSide"/>, the piece left with the rest, <see cref="ISplitShape{TShape}.Split"/>); otherwise the side the
        /// piece lies on (its state set when on). <see cref="Side.Degenerate"/> if a vertex lies within the tolerance
        /// of the plane or a part has too many faces.</summary>
        private Side Cut(ref Piece piece, double[] layerPlanes, int u, int l, out Piece onSide)
        {
            onSide = default;
            int unit = layout.UnitOffset[l] + u, row = Sides + unit;
            var shape = piece.Shape;
            int vertices = shape.VertexCount;
            var part = nextPart ??= Rent();
            var (beyond, inside) = shape.Split(part, layerPlanes.AsSpan(PlaneLength * u, PlaneLength), row, owner.faceTol);
            if (beyond + inside != vertices) return Side.Degenerate;
            if (beyond == 0) return Side.Off;
            if (inside == 0) { piece = piece with { On = piece.On.With(unit) }; return Side.On; }
            nextPart = null;
            onSide = new Piece(part, piece.On.With(unit));
            return Side.Split;
        }

        private TShape? nextPart; // the part beyond of the next split, rented before it is known to cut

        /// <summary>A region's facets, Chebyshev ball and output maps; false if it is not plain.</summary>
        private bool Finish(Piece piece, PatternMaps regionMaps, SeedRegions found)
        {
            var shape = piece.Shape;
            if (!shape.AllFacesWiderThan(owner.faceTol, facetRows, out int k)) return false;
            SortRows(k);
            var facetNormals = rowNormals.AsSpan(0, k * Dimension);
            var offsets = rowOffsets.AsSpan(0, k);
            for (int j = 0; j < k; j++) RowOf(facetRows[j], piece.On, facetNormals.Slice(j * Dimension), out offsets[j]);
            shape.VertexCentroid(start);
            var status = chebyshev.SolveNearest(facetNormals, offsets, Dimension, start, centre, out double radius);
            if (status != LpStatus.Optimal || !(radius > owner.tol.Radius * owner.scale)) return false;
            double? volume = null;
            double[]? vertices = null;
            RegionSolid? solid = null;
            if (owner.buildsRecords)
            {
                if (owner.solids)
                    for (int j = 0; j < k; j++)
                    {
                        facetNormals.Slice(j * Dimension, Dimension).CopyTo(solidA.AsSpan(facetRows[j] * Dimension));
                        solidB[facetRows[j]] = offsets[j];
                    }
                shape.Describe(owner.solids, solidA, solidB, owner.faceTol, owner.tol.Coincidence, out volume, out vertices,
                    out solid);
            }
            if (++unreported == FoundBatch)
            {
                owner.onFound?.Invoke(Interlocked.Add(ref owner.foundCount, FoundBatch));
                if (owner.cancellation.IsCancellationRequested) owner.gaveUp = true; // the search then stops at once
                unreported = 0;
            }
            found.Rows.AddRange(facetRows.AsSpan(0, k));
            var outputMaps = regionMaps.OutputMaps(owner.tol.ZeroGradient);
            found.Found.Add(new Found(piece.On, k, owner.buildsRecords ? Facets(k, piece.On) : null, HoldsCentre(k),
                centre.AsSpan().ToArray(), radius, outputMaps, LinearRegions.Sketch.Of(outputMaps, layout.Width),
                owner.buildsRecords ? RegionRecords.SplitOutput(outputMaps, Dimension) : default, volume, vertices, solid));
            return true;
        }

        /// <summary>Sorts the first k of <c>facetRows</c> (distinct, below 2d + units) by setting and reading them as
        /// bits: a comparison sort of a dozen rows mispredicted its branches.</summary>
        private void SortRows(int k)
        {
            Span<ulong> bits = stackalloc ulong[owner.rowWords];
            for (int j = 0; j < k; j++) bits[facetRows[j] >> 6] |= 1UL << facetRows[j];
            int at = 0;
            for (int w = 0; w < bits.Length; w++)
                for (ulong m = bits[w]; m != 0; m &= m - 1) facetRows[at++] = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(m);
        }

        /// <summary>The record facets of the region whose k facets' rows are in <c>rowNormals</c> and
        /// <c>rowOffsets</c>, each normal an array shared with earlier records where equal (<see cref="RecordNormals"/>,
        /// asked once a cell: <c>cellNormals</c>), neighbours −1 until the ids are known.</summary>
        private RegionFacet[] Facets(int k, TBits on)
        {
            var facets = new RegionFacet[k];
            for (int f = 0; f < k; f++)
            {
                int row = facetRows[f];
                bool side = row < Sides;
                int unitOrSide = side ? -1 - row : row - Sides;
                ref var normal = ref cellNormals[side ? row : Sides + 2 * unitOrSide + on.Bit(unitOrSide)];
                normal ??= normals.For(rowNormals.AsSpan(f * Dimension, Dimension), unitOrSide);
                facets[f] = new RegionFacet(normal, rowOffsets[f], side ? [] : layout.SingleUnit(unitOrSide),
                    side ? row : -1, -1);
            }
            return facets;
        }

        /// <summary>Whether the box centre is inside each of the region's k facet rows by more than the facet
        /// tolerance.</summary>
        private bool HoldsCentre(int k)
        {
            var c = owner.boxCentre;
            for (int f = 0; f < k; f++)
            {
                double slack = rowOffsets[f];
                for (int t = 0; t < Dimension; t++) slack -= rowNormals[f * Dimension + t] * c[t];
                if (!(slack > owner.faceTol)) return false;
            }
            return true;
        }

        /// <summary>Row <paramref name="row"/>'s numbers for a region with these states, as RegionConstraints writes
        /// them: a box side's axis and bound, or a unit's map scaled to a unit normal and signed by its state (the
        /// plane its layer's split computed, bit for bit).</summary>
        private void RowOf(int row, TBits on, Span<double> normal, out double offset)
        {
            if (row < Sides)
            {
                int axis = row >> 1;
                bool upper = (row & 1) == 0;
                normal.Clear();
                normal[axis] = upper ? 1 : -1;
                offset = upper ? owner.box.Hi[axis] : -owner.box.Lo[axis];
                return;
            }
            // The plane its layer's split used for this cell (the off side's row; the on side's is its negation).
            int unit = row - Sides, l = layout.UnitLayer[unit], u = unit - layout.UnitOffset[l];
            var plane = planesOf[l].AsSpan(PlaneLength * u, PlaneLength);
            double sign = on.Bit(unit) == 0 ? 1 : -1;
            for (int t = 0; t < Dimension; t++) normal[t] = sign * plane[t];
            offset = sign * plane[Dimension];
        }
    }
}
