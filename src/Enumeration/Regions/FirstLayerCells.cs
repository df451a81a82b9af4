using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The cells of the first unit layer alone, and which of their rows are on their facets. Every region lies in the
/// cell of its first-layer states, and the cell's rows (the box sides and the first layer's units) are the
/// region's first rows (<see cref="RegionConstraints.FirstLayerEnd"/>). A row on no facet of the cell is on no
/// facet of a region inside it (the region is the cell cut by more rows, and a subset of a polytope reaches no
/// farther past a hyperplane than the polytope does), so the region's analysis leaves it out: in 6-D most box
/// sides and first-layer rows of a region are of that kind, and each costs LP work (rays, ratio tests, weak-duality
/// bounds, redundancy LPs). Each cell's facets are found once, from its own Chebyshev centre with the LP started
/// at the box centre, so they depend only on the cell, never on which region or thread asked first; the search's
/// results are the same for any number of threads. Thread-safe.
/// </summary>
internal sealed class FirstLayerCells
{
    private readonly ShardedPatternTable<Cell> table;
    private readonly int firstUnit, units;
    private readonly bool binary;
    private readonly double[] boxCentre;
    private readonly double scale;

    /// <summary>A cell's rows on its facets (null: the cell is not full-dimensional within the tolerances, and
    /// its regions keep every row).</summary>
    private sealed record Cell(bool[]? OnFacets);

    private FirstLayerCells(NetworkLayout layout, Box box, double scale, int threads)
    {
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
    public static FirstLayerCells? For(NetworkLayout layout, Box? box, double scale, int threads, bool textbook)
    {
        if (textbook || box == null || layout.InputDim < 4 || layout.FirstUnitLayer < 0) return null;
        bool deeper = false;
        for (int l = layout.FirstUnitLayer + 1; l < layout.LayerCount; l++) deeper |= layout.Layer(l).UnitCount > 0;
        return deeper ? new FirstLayerCells(layout, box, scale, threads) : null;
    }

    /// <summary>Bytes of a cell's key (its first-layer states, stored like a pattern's).</summary>
    public int KeyLength => ActivationPattern.KeyLength(units, binary);

    /// <summary>
    /// Per row of the region's first rows (<paramref name="constraints"/>, just built for <paramref name="states"/>),
    /// whether it lies on a facet of the region's cell; null when every row is to be kept. A cell seen for the first
    /// time is analysed with <paramref name="analyzer"/> (the calling worker's). <paramref name="key"/>: scratch of
    /// <see cref="KeyLength"/> bytes.
    /// </summary>
    public bool[]? RowsOnFacets(ReadOnlySpan<byte> states, RegionConstraints constraints, PolytopeAnalyzer analyzer,
        Span<byte> key)
    {
        ActivationPattern.WriteKey(states.Slice(firstUnit, units), binary, key);
        int hash = ActivationPattern.HashOf(key);
        Cell? cell;
        using (table.Lock(hash))
        {
            if (table.TryGetValue(key, hash, out cell)) return cell.OnFacets;
        }
        // Analysed outside the lock; a cell analysed by two threads at once gives both the same answer.
        cell = Analyse(constraints, analyzer);
        using (table.Lock(hash))
        {
            if (!table.TryGetValue(key, hash, out _)) table.AddLocked(key, hash, cell);
        }
        return cell.OnFacets;
    }

    private Cell Analyse(RegionConstraints constraints, PolytopeAnalyzer analyzer)
    {
        int m = constraints.FirstLayerEnd, d = analyzer.Dimension;
        if (!analyzer.Analyze(constraints.Rows[..(m * d)], constraints.Rhs[..m], boxCentre, scale)) return new Cell(null);
        var onFacets = new bool[m];
        var facetOf = analyzer.FacetOf;
        for (int i = 0; i < m; i++) onFacets[i] = facetOf[i] >= 0;
        return new Cell(onFacets);
    }
}
