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
    private readonly bool binaryPatterns;
    private readonly PatternMapsPool pool;
    private PatternMaps scratch;
    private readonly List<(int Unit, byte State)> changes = new();
    private int[] groupHead = [], groupNext = [], compactIndex = [];

    public SearchWorker(NetworkLayout layout, Box? box, Tolerances tol, double scale, bool textbook, PatternMapsPool pool)
    {
        this.pool = pool;
        this.layout = layout;
        this.scale = scale;
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
    }

    public long Candidates { get; private set; }

    // Maps this worker freed, reused by it first: their memory is then already in this core's cache.
    private readonly Stack<PatternMaps> ownMaps = new();

    private PatternMaps RentMaps() => ownMaps.TryPop(out var maps) ? maps : pool.Rent();

    /// <summary>Gives maps back for reuse by this worker (call only from the thread running this worker).</summary>
    public void ReturnMaps(PatternMaps maps) => ownMaps.Push(maps);

    /// <summary>The region whose pattern is the one at <paramref name="point"/>, or null if that pattern's
    /// polytope has no interior (the point lies on a boundary).</summary>
    public RegionWork? RegionAt(ReadOnlySpan<double> point)
    {
        rules.PatternAt(point, states, scratch);
        var maps = scratch;
        scratch = RentMaps();
        return Analyze(new ActivationPattern(states, binaryPatterns), states.ToArray(), maps, point);
    }

    /// <summary>Tests a candidate pattern with its states and maps; the region when full-dimensional. The region
    /// takes ownership of <paramref name="candidateStates"/> and <paramref name="maps"/>; a rejected candidate's
    /// maps go back to the pool.</summary>
    public RegionWork? Analyze(ActivationPattern pattern, byte[] candidateStates, PatternMaps maps,
        ReadOnlySpan<double> start)
    {
        Candidates++;
        if (!constraints.Build(maps, candidateStates) || !analyzer.Analyze(constraints.Rows, constraints.Rhs, start, scale))
        {
            ReturnMaps(maps);
            return null;
        }
        var work = new RegionWork
        {
            Pattern = pattern, States = candidateStates, Maps = maps,
            Centre = (double[])analyzer.Centre.Clone(), Radius = analyzer.Radius,
            ZeroUnitsBeyondFirstLayer = constraints.ZeroUnitsBeyondFirstLayer,
            ZeroUnits = constraints.ZeroUnits.Count == 0 ? [] : constraints.ZeroUnits.ToArray(),
            Bounded = analyzer.Bounded,
        };
        KeepFacetRows(work);
        if (analyzer.HasPolygon)
        {
            work.Volume = analyzer.Polygon.Area();
            work.Vertices = analyzer.Polygon.Vertices();
        }
        else if (layout.InputDim == 1) work.Volume = IntervalLength(constraints.Rows, constraints.Rhs);
        if (!work.Bounded) work.Volume = double.PositiveInfinity;
        return work;
    }

    /// <summary>Tests the candidate discovered through <paramref name="crossing"/> of <paramref name="parent"/>
    /// (see <see cref="Analyze"/>), first computing its states and maps from the parent's when the expansion left
    /// them for later.</summary>
    public RegionWork? AnalyzeCandidate(FacetCrossing crossing, RegionWork parent)
    {
        if (crossing.NewMaps == null)
        {
            owners.Clear();
            for (int i = 0; i < parent.FacetOf.Length; i++)
                if (parent.FacetOf[i] == crossing.FacetRow && parent.Unit[i] >= 0) owners.Add(parent.Unit[i], parent.Piece[i]);
            rules.Across(parent.States, parent.Maps, crossing.Normal, owners, parent.ZeroUnits, states, scratch);
            crossing.NewStates = states.ToArray();
            crossing.NewMaps = scratch;
            scratch = RentMaps();
        }
        return Analyze(crossing.NewPattern!, crossing.NewStates!, crossing.NewMaps, parent.Centre);
    }

    /// <summary>Copies into the region only the rows on its facets (duplicates included), in row order, with
    /// <see cref="RegionWork.FacetOf"/> renumbered to the kept rows: the redundant rows are most of them and are
    /// never needed again.</summary>
    private void KeepFacetRows(RegionWork work)
    {
        int d = layout.InputDim, m = constraints.Count, kept = 0;
        var facetOf = analyzer.FacetOf;
        for (int i = 0; i < m; i++) if (facetOf[i] >= 0) kept++;
        work.Rows = new double[kept * d];
        work.Rhs = new double[kept];
        work.Unit = new int[kept];
        work.Piece = new int[kept];
        work.FacetOf = new int[kept];
        if (compactIndex.Length < m) compactIndex = new int[Math.Max(m, 2 * compactIndex.Length)];
        var rows = constraints.Rows;
        for (int i = 0, k = 0; i < m; i++)
        {
            if (facetOf[i] < 0) continue;
            compactIndex[i] = k;
            rows.Slice(i * d, d).CopyTo(work.Rows.AsSpan(k * d, d));
            work.Rhs[k] = constraints.Rhs[i];
            work.Unit[k] = constraints.Unit[i];
            work.Piece[k] = constraints.Piece[i];
            work.FacetOf[k] = compactIndex[facetOf[i]]; // the representative is the group's lowest row: already kept
            k++;
        }
    }

    /// <summary>Every facet of the region with what lies across it. A pattern already in
    /// <paramref name="visited"/> (read-only here; safe for concurrent readers) is resolved to its id; otherwise
    /// the far-side pattern and its maps are computed for the merge step.</summary>
    public List<FacetCrossing> Expand(RegionWork work, Dictionary<ActivationPattern, int> visited)
    {
        int d = layout.InputDim;
        var crossings = new List<FacetCrossing>();
        int m = work.FacetOf.Length;
        // Rows of each facet group as linked lists (head per representative, rows in increasing order).
        if (groupHead.Length < m) { groupHead = new int[m]; groupNext = new int[m]; }
        groupHead.AsSpan(0, m).Fill(-1);
        for (int i = m - 1; i >= 0; i--)
        {
            int rep = work.FacetOf[i];
            if (rep < 0 || rep == i) continue;
            groupNext[i] = groupHead[rep];
            groupHead[rep] = i;
        }
        for (int rep = 0; rep < m; rep++)
        {
            if (work.FacetOf[rep] != rep) continue;
            int boxSide = -1;
            owners.Clear();
            for (int i = rep; i >= 0; i = i == rep ? groupHead[rep] : groupNext[i])
            {
                if (work.Unit[i] < 0) { boxSide = -1 - work.Unit[i]; continue; }
                owners.Add(work.Unit[i], work.Piece[i]);
            }
            var crossing = new FacetCrossing
            {
                Normal = work.Rows.AsSpan(rep * d, d).ToArray(), Offset = work.Rhs[rep], Units = owners.Units.ToArray(),
                BoxSide = boxSide,
            };
            if (boxSide < 0) Cross(work, crossing, rep, visited);
            crossings.Add(crossing);
        }
        return crossings;
    }

    private void Cross(RegionWork work, FacetCrossing crossing, int facetRow, Dictionary<ActivationPattern, int> visited)
    {
        if (rules.TryAcrossQuickly(work.Pattern, work.Maps, crossing.Normal, owners, work.ZeroUnitsBeyondFirstLayer, changes))
        {
            var quick = work.Pattern.With(changes);
            if (visited.TryGetValue(quick, out int known)) crossing.KnownNeighbour = known;
            else
            {
                // New, with its pattern known without maps: its maps are computed later, once, if it is the
                // first discovery of the pattern in this level (a region is often reached from several parents).
                crossing.NewPattern = quick;
                crossing.FacetRow = facetRow;
            }
            return;
        }
        rules.Across(work.States, work.Maps, crossing.Normal, owners, work.ZeroUnits, states, scratch);
        var pattern = new ActivationPattern(states, binaryPatterns);
        if (visited.TryGetValue(pattern, out int id))
        {
            crossing.KnownNeighbour = id;
            return;
        }
        crossing.NewPattern = pattern;
        crossing.NewStates = states.ToArray();
        crossing.NewMaps = scratch;
        scratch = RentMaps();
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
