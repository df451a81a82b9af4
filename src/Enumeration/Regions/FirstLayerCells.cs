using System.Runtime.InteropServices;
using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The cells of the first unit layer alone, and which rows of their regions can be left out of the regions'
/// analyses. Every region lies in the cell of its first-layer states, whose rows (the box sides and the first
/// layer's units) are the region's first rows (<see cref="RegionConstraints.FirstLayerEnd"/>), and on which each
/// unit of the next unit layer is one affine function. A subset of a polytope reaches no farther past a
/// hyperplane than the polytope does, so
/// <list type="bullet">
/// <item>a first-layer row on no facet of the cell is on no facet of a region inside it;</item>
/// <item>a unit of the next layer whose hyperplane stays clear of the cell (farther from it than the facet and
/// coincidence tolerances allow, so that it is neither a facet nor a copy of one) has the same state in every
/// region of the cell, and its row is on no facet of those regions. A hyperplane that only touches the cell is
/// kept: it may hold a facet of the cell, which its unit then owns too (h = relu(x), v = relu(h)).</item>
/// </list>
/// A region's analysis leaves those rows out: in 6-D most box sides and first-layer rows of a region and about
/// half of the next layer's are of that kind, and each costs LP work (rays, ratio tests, weak-duality bounds,
/// redundancy LPs). Each cell is analysed once, from its own Chebyshev centre (the LP started at the box centre)
/// and the next layer's maps computed afresh from its states, so the answers depend only on the cell, never on
/// which region or thread asked first: the search's results are the same for any number of threads. Thread-safe.
/// </summary>
internal sealed class FirstLayerCells
{
    private readonly NetworkLayout layout;
    private readonly ShardedPatternTable<Cell> table;
    private readonly int firstUnit, units, nextLayer;
    private readonly bool binary;
    private readonly double[] boxCentre;
    private readonly double scale;
    private readonly Tolerances tol;

    /// <summary>What the regions of one cell may leave out. <see cref="OnFacets"/>: per first row, whether it is on
    /// a facet of the cell (null: the cell is not full-dimensional within the tolerances, and its regions keep
    /// every row). <see cref="Sides"/>: per unit of the next layer, +1 when it is on throughout the cell, −1 when
    /// off throughout, 0 when its hyperplane cuts the cell (null: the next layer is not ReLU-type).</summary>
    private sealed record Cell(bool[]? OnFacets, sbyte[]? Sides);

    /// <summary>One worker's buffers for analysing cells: an LP, maps, the cell's facet rows.</summary>
    public sealed class Scratch(NetworkLayout layout, Tolerances tol)
    {
        public SupportFunction Support { get; } = new(tol);
        public PatternMaps Maps { get; } = new(layout);
        public byte[] Key { get; set; } = [];
        public List<double> FacetRows { get; } = new();
        public List<double> FacetRhs { get; } = new();
        public double[] Gradient { get; } = new double[layout.InputDim];
        // The optima of the cell's support LPs so far, row by row: points of the cell.
        public List<double> Reached { get; } = new();
    }

    private FirstLayerCells(NetworkLayout layout, Box box, double scale, int threads, Tolerances tol, int nextLayer)
    {
        this.layout = layout;
        this.tol = tol;
        this.nextLayer = nextLayer;
        firstUnit = layout.UnitOffset[layout.FirstUnitLayer];
        units = layout.Layer(layout.FirstUnitLayer).UnitCount;
        binary = layout.BinaryStates;
        table = new ShardedPatternTable<Cell>(threads, KeyLength);
        boxCentre = box.Centre();
        this.scale = scale;
    }

    /// <summary>The cells of the search's first layer when leaving rows out pays: in 4 and more dimensions, whose
    /// facets come from LPs (in 2-D and 3-D a row costs one dot product), over a box (a cell of all of R^d may be
    /// unbounded), with a unit layer after the first (otherwise the cells are the regions); null otherwise.
    /// The textbook method keeps every row.</summary>
    public static FirstLayerCells? For(NetworkLayout layout, Box? box, double scale, int threads, Tolerances tol,
        bool textbook)
    {
        if (textbook || box == null || layout.InputDim < 4 || layout.FirstUnitLayer < 0) return null;
        for (int l = layout.FirstUnitLayer + 1; l < layout.LayerCount; l++)
            if (layout.Layer(l).UnitCount > 0) return new FirstLayerCells(layout, box, scale, threads, tol, l);
        return null;
    }

    /// <summary>Bytes of a cell's key (its first-layer states, stored like a pattern's).</summary>
    private int KeyLength => ActivationPattern.KeyLength(units, binary);

    // Cells pay when each is shared by several regions: a cell's analysis costs about a region's. After this many
    // candidates, a search whose cells are more than this share of its candidates stops using them (6-12-12: 0.25
    // after 513 candidates, 0.04 at the end, 14 % faster; 6-20-3, whose second layer barely cuts the cells: 0.78
    // after 561, 0.56 at the end, 15 % slower with cells throughout).
    private const int ReviewAfter = 500;
    private const double MaxCellShare = 0.3;

    /// <summary>False once the cells did not pay (<see cref="ReviewAfterLevel"/>): regions then keep every row.
    /// Changed only between the search's phases, after the same level whatever the thread count.</summary>
    private volatile bool enabled = true;

    /// <summary>Between levels: stops using the cells when too few regions share them, judged from the cells and
    /// candidates so far (both the same for any number of threads, so the search's results stay so).</summary>
    public void ReviewAfterLevel(long candidates)
    {
        if (enabled && candidates >= ReviewAfter && table.Count > MaxCellShare * candidates) enabled = false;
    }

    public Scratch NewScratch() => new(layout, tol) { Key = new byte[KeyLength] };

    /// <summary>
    /// Leaves out of <paramref name="constraints"/> (just built for <paramref name="states"/>) the rows on no facet
    /// of any region of its cell. A cell seen for the first time is analysed with <paramref name="analyzer"/> and
    /// <paramref name="scratch"/> (the calling worker's).
    /// </summary>
    public void Reduce(ReadOnlySpan<byte> states, RegionConstraints constraints, PolytopeAnalyzer analyzer, Scratch scratch)
    {
        if (!enabled) return;
        var key = scratch.Key.AsSpan();
        ActivationPattern.WriteKey(states.Slice(firstUnit, units), binary, key);
        int hash = ActivationPattern.HashOf(key);
        Cell? cell;
        bool known;
        using (table.Lock(hash)) known = table.TryGetValue(key, hash, out cell);
        if (!known)
        {
            // Analysed outside the lock; a cell analysed by two threads at once gives both the same answer.
            cell = Analyse(states, constraints, analyzer, scratch);
            using (table.Lock(hash))
                if (!table.TryGetValue(key, hash, out _)) table.AddLocked(key, hash, cell);
        }
        if (cell!.OnFacets is { } onFacets)
            constraints.KeepRows(onFacets, cell.Sides, cell.Sides == null ? 0 : layout.UnitOffset[nextLayer], states);
    }

    private Cell Analyse(ReadOnlySpan<byte> states, RegionConstraints constraints, PolytopeAnalyzer analyzer, Scratch scratch)
    {
        int m = constraints.FirstLayerEnd, d = analyzer.Dimension;
        if (!analyzer.Analyze(constraints.Rows[..(m * d)], constraints.Rhs[..m], boxCentre, scale)) return new Cell(null, null);
        var onFacets = new bool[m];
        var facetOf = analyzer.FacetOf;
        scratch.FacetRows.Clear();
        scratch.FacetRhs.Clear();
        for (int i = 0; i < m; i++)
        {
            onFacets[i] = facetOf[i] >= 0;
            if (facetOf[i] != i) continue;
            foreach (double v in constraints.Row(i)) scratch.FacetRows.Add(v);
            scratch.FacetRhs.Add(constraints.Rhs[i]);
        }
        return new Cell(onFacets, NextLayerSides(states, analyzer.Centre, analyzer.Radius, scratch));
    }

    /// <summary>Per unit of the next layer, the side of the cell its hyperplane leaves the cell on (+1: on
    /// throughout, −1: off throughout, 0: it cuts or touches the cell), from the maps computed afresh for the
    /// cell's states: the unit's normalised pre-activation g at the cell's centre tells on which side the cell
    /// surely has room, and one LP over the cell's facets how far the cell reaches to the other side (none when the
    /// hyperplane passes through the cell's inscribed ball, or when a point where an earlier unit's LP ended
    /// already lies that far across: the LP's maximum could only be larger).</summary>
    private sbyte[]? NextLayerSides(ReadOnlySpan<byte> states, ReadOnlySpan<double> centre, double radius,
        Scratch scratch)
    {
        var layer = layout.Layer(nextLayer);
        if (layer.Activation is not (Activation.Relu or Activation.LeakyRelu)) return null;
        var maps = scratch.Maps;
        for (int l = 0; l < nextLayer; l++)
        {
            maps.ComputePre(l);
            maps.ComputePost(l, states);
        }
        maps.ComputePre(nextLayer);
        int d = layout.InputDim, pre = layout.PreOffset[nextLayer];
        var rows = scratch.FacetRows.ToArray();
        var rhs = scratch.FacetRhs.ToArray();
        var gradient = scratch.Gradient;
        double clearance = 2 * Math.Max(tol.Facet, tol.Coincidence) * scale;
        var sides = new sbyte[layer.UnitCount];
        for (int u = 0; u < sides.Length; u++)
        {
            var g = maps.PreRow(nextLayer, u);
            double norm = VectorMath.Norm(g[..d]);
            if (norm <= tol.ZeroGradient * maps.PreScale[pre + u]) continue; // no row in any region
            double atCentre = (VectorMath.Dot(g[..d], centre) + g[d]) / norm;
            // Through the cell's inscribed ball (deeper than the clearance on both sides): it cuts the cell.
            if (Math.Abs(atCentre) < radius - clearance) continue;
            // The cell reaches past the hyperplane on the centre's side by at least the centre's distance; how far
            // it reaches on the other side: max of −sign·g over the cell.
            double sign = atCentre > 0 ? 1 : -1;
            for (int t = 0; t < d; t++) gradient[t] = -sign * g[t] / norm;
            double offset = sign * g[d] / norm;
            if (ReachedAcross(scratch.Reached, gradient, offset, clearance)) continue;
            double reach = scratch.Support.Max(rows, rhs, gradient, centre) - offset;
            if (scratch.Support.LastPointFound) scratch.Reached.AddRange(scratch.Support.LastPoint);
            if (reach < -clearance) sides[u] = (sbyte)sign;
        }
        scratch.Reached.Clear();
        return sides;
    }

    /// <summary>Whether one of the points <paramref name="reached"/> (d numbers each) has c·x − offset of at least
    /// −clearance.</summary>
    private static bool ReachedAcross(List<double> reached, ReadOnlySpan<double> c, double offset, double clearance)
    {
        int d = c.Length;
        var points = CollectionsMarshal.AsSpan(reached);
        for (int k = 0; k + d <= points.Length; k += d)
            if (VectorMath.Dot(c, points.Slice(k, d)) - offset >= -clearance) return true;
        return false;
    }
}
