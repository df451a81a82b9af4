namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The units (and maxout pieces) owning the facet being crossed, as stamped flags so that "does unit u own it" is
/// O(1) and clearing between facets is free (a new stamp).
/// </summary>
internal sealed class FacetOwners
{
    private readonly int[] unitStamp;
    private readonly int[] pieceStamp;
    private readonly int[] firstSeen;
    private readonly NetworkLayout layout;
    private int stamp;

    public FacetOwners(NetworkLayout layout)
    {
        this.layout = layout;
        unitStamp = new int[layout.UnitCount];
        firstSeen = new int[layout.UnitCount];
        pieceStamp = new int[layout.PreRows];
    }

    /// <summary>Deepest layer among the owners of the current facet.</summary>
    public int DeepestLayer { get; private set; }

    /// <summary>Shallowest layer among the owners of the current facet.</summary>
    public int ShallowestLayer { get; private set; }

    /// <summary>The distinct owner units of the current facet, in the order added.</summary>
    public List<int> Units { get; } = new();

    public void Clear()
    {
        stamp++;
        Units.Clear();
        DeepestLayer = -1;
        ShallowestLayer = int.MaxValue;
    }

    /// <summary>Marks unit (ReLU) or unit's piece (maxout row g_piece − g_winner) as an owner.</summary>
    public void Add(int unit, int piece)
    {
        int l = layout.UnitLayer[unit];
        DeepestLayer = Math.Max(DeepestLayer, l);
        ShallowestLayer = Math.Min(ShallowestLayer, l);
        if (unitStamp[unit] != stamp && firstSeen[unit] != stamp) { firstSeen[unit] = stamp; Units.Add(unit); }
        if (piece < 0) unitStamp[unit] = stamp;
        else pieceStamp[PieceRow(unit, piece)] = stamp;
    }

    public bool Owns(int unit, int piece) =>
        piece < 0 ? unitStamp[unit] == stamp : pieceStamp[PieceRow(unit, piece)] == stamp;

    private int PieceRow(int unit, int piece)
    {
        int l = layout.UnitLayer[unit];
        return layout.PreOffset[l] + (unit - layout.UnitOffset[l]) * layout.Layer(l).Pieces + piece;
    }
}
