using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Everything one thread needs to expand regions and test candidates: the pattern rules, constraint builder,
/// polytope analyzer and scratch buffers. Results depend only on the inputs (never on what the worker did
/// before), which is what makes the search give identical output for any number of threads.
/// </summary>
internal sealed class SearchWorker
{
    private readonly NetworkLayout layout;
    private readonly PatternRules rules;
    private readonly RegionConstraints constraints;
    private readonly PolytopeAnalyzer analyzer;
    private readonly FacetOwners owners;
    private readonly byte[] states;
    private readonly double scale;
    private readonly double zeroGradient;
    // A 3-D region's vertices as PolytopeVertices finds them: two points closer than vertexDistance are one, three
    // normals are independent when the elimination's pivots stay above pivotMin.
    private readonly double vertexDistance, pivotMin;
    private readonly bool binaryPatterns;
    private readonly PatternMapsPool pool;
    private PatternMaps scratch;
    private readonly List<(int Unit, byte State)> changes = new();
    private int[] groupHead = [], groupNext = [], compactIndex = [];
    private readonly byte[] key; // a pattern's stored form, for looking it up without building it
    // Records take the regions' centres; without records this worker reuses them.
    private readonly bool recordsBuilt;
    private readonly FacetRowArraysPool spareRows;
    private readonly RecordNormals recordNormals;
    private readonly FirstLayerCells? cells;
    private readonly bool solids; // 3-D records get Region.Solid
    private readonly FirstLayerCells.Scratch? cellScratch;
    // Candidates in 2-D and 3-D over a box start from a point on the crossed facet (SetStart).
    private readonly bool startOnFacet;

    public SearchWorker(NetworkLayout layout, Box? box, Tolerances tol, double scale, bool textbook,
        PatternMapsPool pool, bool recordsBuilt, FirstLayerCells? cells = null, bool solids = false)
    {
        this.solids = solids;
        this.cells = cells;
        cellScratch = cells?.NewScratch();
        this.recordsBuilt = recordsBuilt;
        spareRows = new FacetRowArraysPool(layout.InputDim);
        recordNormals = new RecordNormals(layout.InputDim, layout.UnitCount);
        this.pool = pool;
        this.layout = layout;
        this.scale = scale;
        zeroGradient = tol.ZeroGradient;
        vertexDistance = tol.Facet * scale;
        pivotMin = tol.Coincidence;
        rules = new PatternRules(layout, tol);
        constraints = new RegionConstraints(layout, box, tol);
        analyzer = new PolytopeAnalyzer(layout.InputDim, tol)
        {
            BoundedDomain = box != null,
            Anchor = box == null ? new double[layout.InputDim] : null,
            Textbook = textbook,
        };
        owners = new FacetOwners(layout);
        states = new byte[layout.UnitCount];
        scratch = RentMaps();
        binaryPatterns = layout.BinaryStates;
        key = new byte[ActivationPattern.KeyLength(layout.UnitCount, binaryPatterns)];
        startOnFacet = box != null && !textbook && layout.InputDim is 2 or 3;
    }

    public long Candidates { get; private set; }

    // Maps this worker freed, reused by it first: their memory is then already in this core's cache.
    private readonly Stack<PatternMaps> ownMaps = new();

    private PatternMaps RentMaps() => ownMaps.TryPop(out var maps) ? maps : pool.Rent();

    /// <summary>Gives maps back for reuse by this worker (call only from the thread running this worker), beyond
    /// <see cref="OwnMapsLimit"/> to the shared pool.</summary>
    public void ReturnMaps(PatternMaps maps)
    {
        if (ownMaps.Count < OwnMapsLimit) ownMaps.Push(maps);
        else pool.Return(maps);
    }

    // A worker keeps this many freed maps for itself. Unbounded, each worker's stack grew to its own peak (the
    // records phase frees a level's maps where they were built, the tests take them where candidates are), and
    // two threads held up to twice the maps of one.
    private const int OwnMapsLimit = 64;

    /// <summary>The region whose pattern is the one at <paramref name="point"/>, or null if that pattern's
    /// polytope has no interior (the point lies on a boundary).</summary>
    public RegionWork? RegionAt(ReadOnlySpan<double> point)
    {
        rules.PatternAt(point, states, scratch);
        var maps = scratch;
        scratch = RentMaps();
        states.CopyTo(maps.States, 0);
        return Analyze(new ActivationPattern(states, binaryPatterns), maps, point);
    }

    /// <summary>Tests a candidate pattern with its maps and states (<see cref="PatternMaps.States"/>); the region
    /// when full-dimensional. The region takes ownership of <paramref name="maps"/>; a rejected candidate's maps go
    /// back to the pool.</summary>
    public RegionWork? Analyze(ActivationPattern pattern, PatternMaps maps, ReadOnlySpan<double> start)
    {
        var candidateStates = maps.States;
        Candidates++;
        if (!constraints.Build(maps, candidateStates) || !AnalyzeRows(candidateStates, start))
        {
            ReturnMaps(maps);
            return null;
        }
        var work = spareWork.TryPop(out var reused) ? reused : new RegionWork();
        work.Id = -1;
        work.Pattern = pattern;
        work.States = candidateStates;
        work.Maps = maps;
        work.Centre = Copy(analyzer.Centre, work.Centre);
        work.Radius = analyzer.Radius;
        work.ZeroUnitsBeyondFirstLayer = constraints.ZeroUnitsBeyondFirstLayer;
        work.ZeroUnits = constraints.ZeroUnits.Count == 0 ? [] : constraints.ZeroUnits.ToArray();
        work.Bounded = analyzer.Bounded;
        work.Volume = null;
        work.OutputMap = maps.OutputMaps(zeroGradient);
        work.Sketch = LinearRegions.Sketch.Of(work.OutputMap, layout.Width);
        work.Output = recordsBuilt ? RegionRecords.SplitOutput(work.OutputMap, layout.InputDim) : default;
        work.Vertices = null;
        work.Solid = null;
        KeepFacetRows(work);
        if (analyzer.HasPolygon)
        {
            work.Volume = analyzer.Polygon.Area();
            work.Vertices = analyzer.Polygon.Vertices();
        }
        else if (analyzer.HasPolyhedron && solids)
        {
            var (volume, vertices) = PolyhedronSolid.Of(analyzer.Polyhedron, constraints.Rows, constraints.Rhs, vertexDistance,
                pivotMin);
            work.Solid = new RegionSolid(volume, vertices);
        }
        else if (layout.InputDim == 1) work.Volume = IntervalLength(constraints.Rows, constraints.Rhs);
        if (!work.Bounded) work.Volume = double.PositiveInfinity;
        return work;
    }

    /// <summary>The analysis of the rows just built, without the rows on no facet of the region's first-layer cell
    /// (when the search uses <see cref="FirstLayerCells"/>); true when the region is full-dimensional.</summary>
    private bool AnalyzeRows(ReadOnlySpan<byte> candidateStates, ReadOnlySpan<double> start)
    {
        cells?.Reduce(candidateStates, constraints, analyzer, cellScratch!);
        return analyzer.Analyze(constraints.Rows, constraints.Rhs, start, scale);
    }

    /// <summary>Hands the states and maps just computed (<c>states</c>, <c>scratch</c>) to
    /// <paramref name="crossing"/>, the states in the maps' own array, and rents the next scratch maps.</summary>
    private void TakeScratch(ref FacetCrossing crossing)
    {
        states.CopyTo(scratch.States, 0);
        crossing.NewMaps = scratch;
        scratch = RentMaps();
    }

    /// <summary>Tests <paramref name="candidate"/> (see <see cref="Analyze"/>), first computing its states and maps
    /// from its discoverer's when the expansion left them for later.</summary>
    public RegionWork? AnalyzeCandidate(Candidate candidate)
    {
        var parent = candidate.Parent;
        ref var crossing = ref candidate.Crossing;
        if (crossing.NewMaps == null)
        {
            owners.Clear();
            for (int i = 0; i < parent.RowCount; i++)
                if (parent.FacetOf[i] == crossing.FacetRow && parent.Unit[i] >= 0) owners.Add(parent.Unit[i], parent.Piece[i]);
            rules.Across(parent.States, parent.Maps, parent.FacetNormal(crossing.FacetRow, layout.InputDim), owners,
                parent.ZeroUnits, states, scratch);
            TakeScratch(ref crossing);
        }
        var start = crossing.HasStart ? ((ReadOnlySpan<double>)crossing.Start)[..layout.InputDim] : parent.Centre;
        return Analyze(crossing.NewPattern!, crossing.NewMaps!, start);
    }

    /// <summary>Sets where the analysis of the pattern across <paramref name="crossing"/> starts, in 2-D and 3-D
    /// over a box: the point of the facet's hyperplane nearest the region's centre. The clipping paths clip first
    /// the rows of least slack at the start, and from a point on the boundary the two regions share those are the
    /// candidate's own facets more often than from the parent's centre (3-20-20: 7.5 → 7.0 cuts a region,
    /// 2-64-64: 5.9 → 5.1). Set when the pattern is offered to the next level, while the region's rows are at hand
    /// (a candidate may be tested after its parent's rows were released). Elsewhere the start only warm-starts
    /// LPs, and stays the parent's centre.</summary>
    private void SetStart(RegionWork work, ref FacetCrossing crossing)
    {
        if (!startOnFacet) return;
        int d = layout.InputDim;
        var normal = work.FacetNormal(crossing.FacetRow, d);
        var centre = work.Centre;
        Span<double> start = crossing.Start;
        double slack = work.Rhs[crossing.FacetRow];
        for (int j = 0; j < d; j++) slack -= normal[j] * centre[j];
        for (int j = 0; j < d; j++) start[j] = centre[j] + slack * normal[j];
        crossing.HasStart = true;
    }

    /// <summary>Copies into the region only the rows on its facets (duplicates included), in row order, with
    /// <see cref="RegionWork.FacetOf"/> renumbered to the kept rows: the redundant rows are most of them and are
    /// never needed again.</summary>
    private void KeepFacetRows(RegionWork work)
    {
        int d = layout.InputDim, m = constraints.Count;
        var facetOf = analyzer.FacetOf;
        var onFacets = analyzer.RowsOnFacets;
        int kept = onFacets.Length;
        work.EnsureRows(kept, spareRows);
        if (compactIndex.Length < m) compactIndex = new int[Math.Max(m, 2 * compactIndex.Length)];
        var rows = constraints.Rows;
        for (int k = 0; k < kept; k++)
        {
            int i = onFacets[k];
            compactIndex[i] = k;
            rows.Slice(i * d, d).CopyTo(work.Rows.AsSpan(k * d, d));
            work.Rhs[k] = constraints.Rhs[i];
            work.Unit[k] = constraints.Unit[i];
            work.Piece[k] = constraints.Piece[i];
            work.FacetOf[k] = compactIndex[facetOf[i]]; // the representative is the group's lowest row: already kept
        }
    }

    /// <summary>Every facet of the region at place <paramref name="place"/> of level <paramref name="level"/>, with
    /// what lies across it (<see cref="RegionWork.Crossings"/>). A pattern already in <paramref name="visited"/>
    /// (read-only here; safe for concurrent readers) is resolved to its id; any other is offered to
    /// <paramref name="fresh"/>, the next level's candidates, with the far-side states and maps when the expansion
    /// had to compute them.</summary>
    public void Expand(RegionWork work, int level, int place, VisitedPatterns visited, NewPatterns fresh)
    {
        int d = layout.InputDim;
        int m = work.RowCount;
        TouchOwnersMaps(work);
        // Rows of each facet group as linked lists (head per representative, rows in increasing order).
        if (groupHead.Length < m) { groupHead = new int[m]; groupNext = new int[m]; }
        groupHead.AsSpan(0, m).Fill(-1);
        int facets = 0;
        for (int i = m - 1; i >= 0; i--)
        {
            int rep = work.FacetOf[i];
            if (rep == i) facets++;
            if (rep < 0 || rep == i) continue;
            groupNext[i] = groupHead[rep];
            groupHead[rep] = i;
        }
        // Sized before any crossing is offered: other threads' offers may then write to them (NewPatterns.Offer).
        work.TakeCrossings(SlabFor(level), facets);
        for (int rep = 0, facet = 0; rep < m; rep++)
        {
            if (work.FacetOf[rep] != rep) continue;
            int boxSide = -1;
            owners.Clear();
            for (int i = rep; i >= 0; i = i == rep ? groupHead[rep] : groupNext[i])
            {
                if (work.Unit[i] < 0) { boxSide = -1 - work.Unit[i]; continue; }
                owners.Add(work.Unit[i], work.Piece[i]);
            }
            // Only a record needs the normal as an array: the search reads it from the region's rows.
            var normal = recordsBuilt ? recordNormals.For(work.Rows.AsSpan(rep * d, d), work.Unit[rep]) : [];
            work.Crossing(facet) = new FacetCrossing(normal, work.Rhs[rep], UnitsArray(owners.Units), boxSide, rep);
            if (boxSide < 0) Cross(work, place, facet, visited, fresh);
            facet++;
        }
        // The patterns known without maps are looked up together, after all their slots were read: those reads
        // wait for memory at once rather than one after another. On several threads the visited set's slots were
        // mostly last written by the other core (the level's tests insert from both), and the look-ups one at a
        // time cost the expansions 40 % more time than on one thread (2-64-64; 8 % now).
        for (int k = 0; k < deferredCount; k++) touched ^= visited.Touch(deferredHash[k]);
        for (int k = 0; k < deferredCount; k++)
            Resolve(work, place, deferredFacet[k], deferredKeys.AsSpan(k * key.Length, key.Length), deferredHash[k],
                quick: true, visited, fresh);
        deferredCount = 0;
    }

    /// <summary>The slab of level <paramref name="level"/>'s crossings, started afresh at the level's first
    /// expansion (the level two before's records are built by then).</summary>
    private CrossingSlab SlabFor(int level)
    {
        int parity = level & 1;
        if (slabLevel[parity] != level)
        {
            slabs[parity].Reset();
            slabLevel[parity] = level;
        }
        return slabs[parity];
    }

    private readonly CrossingSlab[] slabs = [new(), new()];
    private readonly int[] slabLevel = [-1, -1];

    /// <summary>Reads the maps rows of the units owning the region's facets, all before the facets are crossed one
    /// by one: the region's maps were made when it was tested, and are mostly out of this core's nearest caches
    /// by now, so the reads wait for memory together instead of one facet after another (3-20-20: crossing the
    /// facets' quick test 6 % → 1 % of a search's samples).</summary>
    private void TouchOwnersMaps(RegionWork work)
    {
        var pre = work.Maps.Pre;
        var preScale = work.Maps.PreScale;
        int w = layout.Width;
        for (int i = 0; i < work.RowCount; i++)
        {
            int unit = work.Unit[i];
            if (work.FacetOf[i] != i || unit < 0) continue;
            int l = layout.UnitLayer[unit], pieces = layout.Layer(l).Pieces;
            int row = layout.PreOffset[l] + (unit - layout.UnitOffset[l]) * pieces;
            touched ^= (int)pre[row * w] ^ (int)pre[(row + pieces) * w - 1] ^ (int)preScale[row];
        }
    }

    // Expand's quick crossings waiting for their look-up: facet index, hash and stored pattern.
    private int deferredCount;
    private int[] deferredFacet = new int[16], deferredHash = new int[16];
    private byte[] deferredKeys = [];
    private int touched; // the sink of reads made only to bring memory into the cache

    /// <summary>Keeps a value read only to bring its memory into this core's cache (the read is then not dropped).</summary>
    public void Sink(int value) => touched ^= value;

    private readonly Stack<RegionWork> spareWork = new();

    /// <summary>Takes back the maps and facet rows of a region whose candidates have all been tested (call only
    /// from the thread running this worker): nothing reads them after that, and held until the region's record
    /// was built they doubled the memory of the widest levels.</summary>
    public void Release(RegionWork work)
    {
        work.States = []; // they were the maps'
        ReturnMaps(work.TakeMaps());
        work.ReturnRows(spareRows);
    }

    /// <summary>Takes back a recorded region for this worker's next regions (call only from the thread running this
    /// worker, once nothing reads it); its maps must have been returned already.</summary>
    public void Recycle(RegionWork work)
    {
        work.Pattern = null!;   // the record keeps the pattern, centre and shape
        work.States = [];
        work.Maps = null!;
        work.OutputMap = [];
        work.Output = default;
        if (recordsBuilt) work.Centre = [];
        work.Vertices = null;
        work.Solid = null;
        work.ClearCrossings();
        spareWork.Push(work);
    }

    /// <summary>A copy of <paramref name="values"/>: into <paramref name="spare"/> (an array of this worker's that
    /// nothing else holds) when no records are built and it has the length, else into a new array.</summary>
    private double[] Copy(ReadOnlySpan<double> values, double[] spare)
    {
        var copy = !recordsBuilt && spare.Length == values.Length ? spare : new double[values.Length];
        values.CopyTo(copy);
        return copy;
    }

    /// <summary>The owners as an array for the record: one shared array per unit for the usual single owner (records
    /// never change it).</summary>
    private int[] UnitsArray(List<int> units) => units.Count == 1 ? layout.SingleUnit(units[0]) : units.ToArray();

    /// <summary>The candidates this worker's expansions created since the level's candidates were last taken
    /// (<see cref="NewPatterns.TakeLevel"/>).</summary>
    public List<Candidate> Created { get; } = new();

    private void Cross(RegionWork work, int place, int facet, VisitedPatterns visited, NewPatterns fresh)
    {
        var normal = work.FacetNormal(work.Crossing(facet).FacetRow, layout.InputDim);
        if (rules.TryAcrossQuickly(work.Pattern, work.Maps, normal, owners, work.ZeroUnitsBeyondFirstLayer, changes))
        {
            // The pattern known without maps: a new one's maps are computed later, once, from its discoverer's
            // (a region is often reached from several parents). Looked up after the other facets (Expand).
            int k = deferredCount++;
            if (deferredFacet.Length == k)
            {
                Array.Resize(ref deferredFacet, 2 * k);
                Array.Resize(ref deferredHash, 2 * k);
            }
            if (deferredKeys.Length < (k + 1) * key.Length) Array.Resize(ref deferredKeys, 2 * (k + 1) * key.Length);
            var stored = deferredKeys.AsSpan(k * key.Length, key.Length);
            work.Pattern.WriteKeyWith(changes, stored);
            deferredFacet[k] = facet;
            deferredHash[k] = ActivationPattern.HashOf(stored);
            return;
        }
        rules.Across(work.States, work.Maps, normal, owners, work.ZeroUnits, states, scratch);
        ActivationPattern.WriteKey(states, binaryPatterns, key);
        Resolve(work, place, facet, key, ActivationPattern.HashOf(key), quick: false, visited, fresh);
    }

    /// <summary>Resolves the crossing of facet <paramref name="facet"/>, whose far pattern is stored as
    /// <paramref name="stored"/>: to a visited region's id, or offered to the next level (with the states and maps
    /// just computed, unless <paramref name="quick"/>).</summary>
    private void Resolve(RegionWork work, int place, int facet, ReadOnlySpan<byte> stored, int hash, bool quick,
        VisitedPatterns visited, NewPatterns fresh)
    {
        ref var crossing = ref work.Crossing(facet);
        if (visited.TryGetId(stored, hash, out int id))
        {
            crossing.KnownNeighbour = id;
            return;
        }
        if (!quick) TakeScratch(ref crossing);
        SetStart(work, ref crossing);
        fresh.Offer(stored, hash, work, place, facet, Created);
    }

    private static double IntervalLength(ReadOnlySpan<double> rows, ReadOnlySpan<double> rhs)
    {
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        for (int i = 0; i < rhs.Length; i++)
        {
            if (rows[i] > 0) hi = Math.Min(hi, rhs[i] / rows[i]);
            else if (rows[i] < 0) lo = Math.Max(lo, rhs[i] / rows[i]);
        }
        return hi - lo;
    }
}
