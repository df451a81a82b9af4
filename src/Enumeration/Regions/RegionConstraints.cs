using Polytopes.Enumeration.Networks;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The halfspaces {x : A x &lt;= b} of one activation pattern: the 2d box sides first (none for all of R^d) (x_j &lt;= hi_j is side
/// 2j, −x_j &lt;= −lo_j is side 2j+1), then one row per ReLU unit (on: −g(x) &lt;= 0, off: g(x) &lt;= 0) and k−1 rows
/// per maxout unit (g_p − g_winner &lt;= 0). Rows are scaled to unit normals so slacks are distances. A unit whose
/// map is constant gives no row; if its constant contradicts its state (or the pattern is not in canonical form:
/// state 1 for an identically-zero unit, a tie won by the higher index) the pattern is rejected.
/// </summary>
internal sealed class RegionConstraints
{
    private readonly NetworkLayout layout;
    private readonly Box? box;
    private readonly Tolerances tol;

    public RegionConstraints(NetworkLayout layout, Box? box, Tolerances tol)
    {
        this.layout = layout;
        this.box = box;
        this.tol = tol;
        int capacity = 2 * layout.InputDim + layout.PreRows;
        A = new double[capacity * layout.InputDim];
        B = new double[capacity];
        Unit = new int[capacity];
        Piece = new int[capacity];
    }

    public double[] A { get; }
    public double[] B { get; }
    /// <summary>Owner of each row: the unit index, or −1 − side for a box side.</summary>
    public int[] Unit { get; }
    /// <summary>For maxout rows the losing piece p of g_p − g_winner; −1 otherwise.</summary>
    public int[] Piece { get; }
    public int Count { get; private set; }

    /// <summary>Whether some unit beyond the first unit layer has an identically-zero map (or a maxout piece
    /// identical to its winner) on the region: such units may change state across any facet.</summary>
    public bool ZeroUnitsBeyondFirstLayer { get; private set; }

    /// <summary>The ReLU-type units whose map is identically zero on the region (a dead unit, or a zero row), in
    /// unit order: with the facet's owners, the only units that may change state across a facet.</summary>
    public List<int> ZeroUnits { get; } = new();

    public ReadOnlySpan<double> Rows => A.AsSpan(0, Count * layout.InputDim);
    public ReadOnlySpan<double> Rhs => B.AsSpan(0, Count);
    public ReadOnlySpan<double> Row(int i) => A.AsSpan(i * layout.InputDim, layout.InputDim);

    /// <summary>Fills the rows for the pattern; false when the pattern is contradictory or not canonical.</summary>
    public bool Build(PatternMaps maps, ReadOnlySpan<byte> states)
    {
        int d = layout.InputDim;
        Count = 0;
        FirstLayerEnd = 0;
        ZeroUnitsBeyondFirstLayer = false;
        ZeroUnits.Clear();
        for (int j = 0; box != null && j < d; j++)
        {
            var up = NextRow(-1 - 2 * j, -1); up.Clear(); up[j] = 1; B[Count - 1] = box.Hi[j];
            var down = NextRow(-2 - 2 * j, -1); down.Clear(); down[j] = -1; B[Count - 1] = -box.Lo[j];
        }
        for (int l = 0; l < layout.LayerCount; l++)
        {
            var layer = layout.Layer(l);
            if (layer.Activation == Activation.Identity) continue;
            bool ok = layer.Activation == Activation.Maxout ? AddMaxoutRows(maps, states, l)
                : l == layout.FirstUnitLayer ? AddFirstLayerRows(maps, states, l)
                : AddUnitRows(maps, states, l, 0, layer.UnitCount);
            if (!ok) return false;
            if (l == layout.FirstUnitLayer) FirstLayerEnd = Count;
        }
        return true;
    }

    /// <summary>The rows of the box sides and the first unit layer, which come first: those of the region's
    /// first-layer cell (<see cref="FirstLayerCells"/>).</summary>
    public int FirstLayerEnd { get; private set; }

    /// <summary>Leaves out the rows before <see cref="FirstLayerEnd"/> whose <paramref name="firstRows"/> is false,
    /// and the rows of the units from <paramref name="sideUnit"/> on whose <paramref name="sides"/> (+1 on, −1 off)
    /// equals their state (see <see cref="FirstLayerCells"/>); the rows keep their order. After it the rows are no
    /// longer split at <see cref="FirstLayerEnd"/>.</summary>
    public void KeepRows(ReadOnlySpan<bool> firstRows, ReadOnlySpan<sbyte> sides, int sideUnit, ReadOnlySpan<byte> states)
    {
        int d = layout.InputDim, kept = 0;
        for (int i = 0; i < Count; i++)
        {
            if (i < FirstLayerEnd ? !firstRows[i] : Settled(Unit[i] - sideUnit, sides, states)) continue;
            if (kept != i)
            {
                A.AsSpan(i * d, d).CopyTo(A.AsSpan(kept * d, d));
                B[kept] = B[i];
                Unit[kept] = Unit[i];
                Piece[kept] = Piece[i];
            }
            kept++;
        }
        Count = kept;
        FirstLayerEnd = -1;

        bool Settled(int u, ReadOnlySpan<sbyte> sides, ReadOnlySpan<byte> states) =>
            (uint)u < (uint)sides.Length && sides[u] == (states[sideUnit + u] == 1 ? 1 : -1);
    }

    /// <summary>The first unit layer's rows, normalised once per search (<see cref="EnsureFirstLayerRows"/>):
    /// a copy, negated when the unit is on (exactly <see cref="AddRow"/>'s numbers).</summary>
    private bool AddFirstLayerRows(PatternMaps maps, ReadOnlySpan<byte> states, int l)
    {
        EnsureFirstLayerRows(maps, l);
        int d = layout.InputDim, first = layout.UnitOffset[l];
        // The row count in a local, not the property, in this per-region loop over every unit.
        int count = Count;
        var rows = A.AsSpan();
        var rhsOf = firstRhs.AsSpan();
        for (int u = 0; u < rhsOf.Length; u++)
        {
            double rhs = rhsOf[u];
            if (double.IsNaN(rhs))
            {
                Count = count;
                if (!AddUnitRows(maps, states, l, u, u + 1)) return false;
                count = Count;
                continue;
            }
            int unit = first + u;
            // −x is exactly −1·x: one multiplication for either state (a span copy of d numbers cost more here). The
            // sign from the state by arithmetic, not a branch: states are as often on as off, and a branch on them
            // mispredicted about every other unit.
            double sign = 1 - 2 * (states[unit] == 1 ? 1 : 0);
            Unit[count] = unit;
            Piece[count] = -1;
            var row = rows.Slice(count * d, d);
            var unitRow = firstRows.AsSpan(u * d, d);
            for (int t = 0; t < row.Length; t++) row[t] = sign * unitRow[t];
            B[count] = sign * rhs;
            count++;
        }
        Count = count;
        return true;
    }

    /// <summary>The rows of ReLU-type units [from, to) of layer l: on: −g(x) &lt;= 0, off: g(x) &lt;= 0; a unit with
    /// a zero gradient gives no row (false if its constant contradicts its state).</summary>
    private bool AddUnitRows(PatternMaps maps, ReadOnlySpan<byte> states, int l, int from, int to)
    {
        int d = layout.InputDim, w = d + 1, pre = layout.PreOffset[l], first = layout.UnitOffset[l];
        var all = maps.Pre;
        var preScale = maps.PreScale;
        double zeroGradient = tol.ZeroGradient;
        int count = Count; // in a local, not the property, in this per-region loop over every unit
        for (int u = from; u < to; u++)
        {
            int unit = first + u;
            byte state = states[unit];
            var g = all.Slice((pre + u) * w, w);
            double scale = preScale[pre + u];
            // VectorMath.Norm written out for d = 2, 3 (the same sum in the same order).
            double norm = d switch
            {
                2 => Math.Sqrt(g[0] * g[0] + g[1] * g[1]),
                3 => Math.Sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]),
                _ => VectorMath.Norm(g[..d]),
            };
            if (norm <= zeroGradient * scale) // PatternMaps.GradientIsZero, with the norm kept for the row
            {
                bool positive = g[d] > zeroGradient * scale;
                if (positive != (state == 1)) return false;
                if (Math.Abs(g[d]) <= zeroGradient * scale)
                {
                    ZeroUnits.Add(unit);
                    if (l != layout.FirstUnitLayer) ZeroUnitsBeyondFirstLayer = true;
                }
                continue;
            }
            // AddRow's numbers: sign·g(x) <= 0 scaled to a unit normal.
            double f = (1 - 2 * (state == 1 ? 1 : 0)) / norm; // the sign without a branch, as in AddFirstLayerRows
            var row = A.AsSpan(count * d, d);
            for (int t = 0; t < d; t++) row[t] = f * g[t];
            B[count] = -f * g[d];
            Unit[count] = unit;
            Piece[count] = -1;
            count++;
        }
        Count = count;
        return true;
    }

    /// <summary>The k−1 rows g_p − g_winner &lt;= 0 of each maxout unit of layer l; false when the pattern is
    /// contradictory or not canonical (a tie won by the higher index).</summary>
    private bool AddMaxoutRows(PatternMaps maps, ReadOnlySpan<byte> states, int l)
    {
        var layer = layout.Layer(l);
        int d = layout.InputDim, pre = layout.PreOffset[l];
        Span<double> diff = stackalloc double[layout.Width];
        for (int u = 0; u < layer.UnitCount; u++)
        {
            int unit = layout.UnitOffset[l] + u;
            byte state = states[unit];
            int k = layer.Pieces;
            var gw = maps.PreRow(l, u * k + state);
            for (int p = 0; p < k; p++)
            {
                if (p == state) continue;
                var gp = maps.PreRow(l, u * k + p);
                for (int t = 0; t < diff.Length; t++) diff[t] = gp[t] - gw[t];
                double scale = maps.PreScale[pre + u * k + p] + maps.PreScale[pre + u * k + state];
                double norm = VectorMath.Norm(diff[..d]);
                if (norm <= tol.ZeroGradient * scale)
                {
                    bool tie = Math.Abs(diff[d]) <= tol.ZeroGradient * scale;
                    if (tie ? p < state : diff[d] > 0) return false;
                    if (tie && l != layout.FirstUnitLayer) ZeroUnitsBeyondFirstLayer = true;
                    continue;
                }
                AddRow(unit, p, diff, norm, 1);
            }
        }
        return true;
    }

    // The first unit layer's pre-activation maps are the same for every pattern (see NetworkLayout), so its unit
    // rows are normalised once: the row and offset of g(x) <= 0 (state off); NaN offset for a unit with a zero
    // gradient, which takes the general path.
    private double[] firstRows = [];
    private double[] firstRhs = [];

    private void EnsureFirstLayerRows(PatternMaps maps, int l)
    {
        if (firstRhs.Length > 0) return;
        int d = layout.InputDim, n = layout.Layer(l).UnitCount, pre = layout.PreOffset[l];
        var rows = new double[n * d];
        var rhs = new double[n];
        Array.Fill(rhs, double.NaN);
        for (int u = 0; u < n; u++)
        {
            var g = maps.PreRow(l, u);
            double norm = VectorMath.Norm(g[..d]);
            if (norm <= tol.ZeroGradient * maps.PreScale[pre + u]) continue;
            double f = 1 / norm; // AddRow's sign / norm with sign +1; with −1 it is exactly −f
            for (int t = 0; t < d; t++) rows[u * d + t] = f * g[t];
            rhs[u] = -f * g[d];
        }
        firstRows = rows;
        firstRhs = rhs;
    }

    /// <summary>Adds sign·g(x) &lt;= 0 as a unit-normal row (<paramref name="norm"/>: the gradient's norm).</summary>
    private void AddRow(int unit, int piece, ReadOnlySpan<double> g, double norm, double sign)
    {
        int d = layout.InputDim;
        var row = NextRow(unit, piece);
        double f = sign / norm;
        for (int t = 0; t < d; t++) row[t] = f * g[t];
        B[Count - 1] = -f * g[d];
    }

    private Span<double> NextRow(int unit, int piece)
    {
        Unit[Count] = unit;
        Piece[Count] = piece;
        Count++;
        return A.AsSpan((Count - 1) * layout.InputDim, layout.InputDim);
    }
}
