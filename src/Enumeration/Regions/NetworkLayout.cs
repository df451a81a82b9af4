using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Regions;

/// <summary>Where each layer's rows and units live in the flat arrays of <see cref="PatternMaps"/> and of an
/// activation pattern. Units are numbered in layer order, then row order (maxout: one unit per group of pieces).</summary>
internal sealed class NetworkLayout
{
    public NetworkLayout(Network network)
    {
        Network = network;
        layers = network.Layers.ToArray();
        InputDim = network.InputDim;
        int count = layers.Length;
        PreOffset = new int[count];
        PostOffset = new int[count];
        UnitOffset = new int[count];
        int pre = 0, post = 0, units = 0;
        for (int l = 0; l < count; l++)
        {
            var layer = network.Layers[l];
            PreOffset[l] = pre; PostOffset[l] = post; UnitOffset[l] = units;
            pre += layer.Rows; post += layer.OutputWidth; units += layer.UnitCount;
        }
        PreRows = pre; PostRows = post; UnitCount = units;
        FirstUnitLayer = Enumerable.Range(0, count).FirstOrDefault(l => network.Layers[l].UnitCount > 0, -1);
        absWeight = network.Layers.Select(layer => layer.Weight.ToArray().Select(Math.Abs).ToArray()).ToArray();
        weightColumns = network.Layers.Select(layer => Transposed(layer.Weight, layer.Rows, layer.InputWidth)).ToArray();
        absWeightColumns = absWeight.Select((a, l) => Transposed(a, network.Layers[l].Rows, network.Layers[l].InputWidth)).ToArray();
        HasSkips = network.Layers.Any(l => l.Skip != null);
        singleUnits = new int[units][];
        for (int u = 0; u < units; u++) singleUnits[u] = [u];
        UnitLayer = new int[units];
        for (int l = 0; l < count; l++)
            for (int u = 0; u < network.Layers[l].UnitCount; u++) UnitLayer[UnitOffset[l] + u] = l;
    }

    private readonly double[][] absWeight, weightColumns, absWeightColumns;

    /// <summary>Column j of W_l (its entries for input j, one a row), contiguous: an update of the maps for a changed
    /// input reads a column, which in W_l's rows lies a row's length apart entry by entry.</summary>
    public ReadOnlySpan<double> WeightColumn(int l, int j) => weightColumns[l].AsSpan(j * layers[l].Rows, layers[l].Rows);

    /// <summary>Column j of |W_l|, as <see cref="WeightColumn"/>.</summary>
    public ReadOnlySpan<double> AbsWeightColumn(int l, int j) => absWeightColumns[l].AsSpan(j * layers[l].Rows, layers[l].Rows);

    private static double[] Transposed(ReadOnlySpan<double> matrix, int rows, int columns)
    {
        var t = new double[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) t[c * rows + r] = matrix[r * columns + c];
        return t;
    }

    /// <summary>|W_l| entrywise, row-major (for the magnitude scales of pre-activation maps).</summary>
    public ReadOnlySpan<double> AbsWeight(int l) => absWeight[l];

    public double AbsRowSum(int l, int row)
    {
        int n = Layer(l).InputWidth;
        double s = 0;
        foreach (var v in absWeight[l].AsSpan(row * n, n)) s += v;
        return s;
    }

    public Network Network { get; }
    public int InputDim { get; }
    /// <summary>Width of one affine-map row: d gradient entries and the constant.</summary>
    public int Width => InputDim + 1;
    public int[] PreOffset { get; }
    public int[] PostOffset { get; }
    public int[] UnitOffset { get; }
    public int[] UnitLayer { get; }
    /// <summary>The first layer whose units have states; its pre-activation maps are the same for every
    /// pattern. −1 for a network without units.</summary>
    public int FirstUnitLayer { get; }
    public int PreRows { get; }
    public int PostRows { get; }
    public int UnitCount { get; }
    public int LayerCount => layers.Length;

    private readonly int[][] singleUnits;

    /// <summary>A shared one-element array holding <paramref name="unit"/> (a facet's usual owner list); callers
    /// must not change it.</summary>
    public int[] SingleUnit(int unit) => singleUnits[unit];

    /// <summary>Whether any layer has a skip connection.</summary>
    public bool HasSkips { get; }

    /// <summary>True when every unit has two states (no maxout), so patterns pack into bits.</summary>
    public bool BinaryStates => Network.Layers.All(l => l.Activation != Activation.Maxout);
    // An array rather than the network's IReadOnlyList: the hot loops ask for a layer per unit.
    private readonly Layer[] layers;
    public Layer Layer(int l) => layers[l];
    public int OutputOffset => PostOffset[LayerCount - 1];
}
