namespace Polytopes.Enumeration.Formats.Onnx;

/// <summary>
/// The value of every element of a tensor as an affine function of earlier network values ("sources"): row i is
/// Σ_s M_s[i,:] · x_s + c[i], where source −1 is the network input and source l ≥ 0 is the output of network
/// layer l. A tensor computed from constants alone has no terms. Immutable: every operation returns a new value.
/// Matrices are dense and row-major (rows × width of the source).
/// </summary>
internal sealed class AffineRows
{
    private AffineRows(int rows, double[] constant, SortedDictionary<int, Term> terms)
    {
        Rows = rows;
        Constant = constant;
        Terms = terms;
    }

    /// <summary>The coefficient matrix of one source, rows × <see cref="Width"/>.</summary>
    public sealed record Term(int Width, double[] Matrix);

    public int Rows { get; }
    /// <summary>c: one constant per row.</summary>
    public double[] Constant { get; }
    /// <summary>Source index → coefficients, in ascending source order (so layers come out deterministically).</summary>
    public SortedDictionary<int, Term> Terms { get; }
    /// <summary>True when no row depends on the network input.</summary>
    public bool IsConstant => Terms.Count == 0;

    public static AffineRows Const(double[] values) => new(values.Length, values.ToArray(), new());

    /// <summary>x_source itself: the identity on a source of the given width.</summary>
    public static AffineRows Identity(int source, int width)
    {
        var m = new double[width * width];
        for (int i = 0; i < width; i++) m[i * width + i] = 1;
        return new(width, new double[width], new() { [source] = new Term(width, m) });
    }

    /// <summary>Row i of the result is scale[i] · row map[i] of this (scale null: 1).</summary>
    public AffineRows Select(int[] map, double[]? scale = null)
    {
        int n = map.Length;
        var constant = new double[n];
        for (int i = 0; i < n; i++) constant[i] = (scale?[i] ?? 1) * Constant[map[i]];
        var terms = new SortedDictionary<int, Term>();
        foreach (var (source, term) in Terms)
        {
            int w = term.Width;
            var m = new double[n * w];
            for (int i = 0; i < n; i++)
            {
                var from = term.Matrix.AsSpan(map[i] * w, w);
                var to = m.AsSpan(i * w, w);
                if (scale == null || scale[i] == 1) from.CopyTo(to);
                else for (int j = 0; j < w; j++) to[j] = scale[i] * from[j];
            }
            terms[source] = new Term(w, m);
        }
        return new(n, constant, terms);
    }

    /// <summary>Applies a linear map to the rows: result row i = Σ_k R[i,k] · row k (R sparse, see
    /// <see cref="RowMap"/>). The coefficient matrices are walked by their non-zeros, so a map applied to the
    /// identity of a wide input costs the map's size, not the map's size times the input width.</summary>
    public AffineRows Apply(RowMap r)
    {
        if (r.InputRows != Rows) throw new InvalidOperationException($"row map expects {r.InputRows} rows, got {Rows}");
        int n = r.OutputRows;
        var constant = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int e = r.Start[i]; e < r.Start[i + 1]; e++) s += r.Value[e] * Constant[r.Column[e]];
            constant[i] = s;
        }
        var terms = new SortedDictionary<int, Term>();
        foreach (var (source, term) in Terms)
        {
            int w = term.Width;
            var (nzStart, nzColumn) = NonZeros(term.Matrix, Rows, w);
            var m = new double[n * w];
            for (int i = 0; i < n; i++)
            {
                var to = m.AsSpan(i * w, w);
                for (int e = r.Start[i]; e < r.Start[i + 1]; e++)
                {
                    double v = r.Value[e];
                    int k = r.Column[e];
                    if (v == 0) continue;
                    for (int z = nzStart[k]; z < nzStart[k + 1]; z++)
                    {
                        int j = nzColumn[z];
                        to[j] += v * term.Matrix[k * w + j];
                    }
                }
            }
            terms[source] = new Term(w, m);
        }
        return new(n, constant, terms);
    }

    /// <summary>Row-wise sum of two values with the same number of rows.</summary>
    public AffineRows Plus(AffineRows other)
    {
        if (other.Rows != Rows) throw new InvalidOperationException($"adding {other.Rows} rows to {Rows}");
        var constant = new double[Rows];
        for (int i = 0; i < Rows; i++) constant[i] = Constant[i] + other.Constant[i];
        var terms = new SortedDictionary<int, Term>(Terms);
        foreach (var (source, term) in other.Terms)
        {
            if (!terms.TryGetValue(source, out var mine)) { terms[source] = term; continue; }
            var m = new double[mine.Matrix.Length];
            for (int t = 0; t < m.Length; t++) m[t] = mine.Matrix[t] + term.Matrix[t];
            terms[source] = new Term(term.Width, m);
        }
        return new(Rows, constant, terms);
    }

    /// <summary>The rows of every part, one after the other (sources missing from a part contribute zeros).</summary>
    public static AffineRows Stack(IReadOnlyList<AffineRows> parts)
    {
        int rows = parts.Sum(p => p.Rows);
        var constant = new double[rows];
        var terms = new SortedDictionary<int, Term>();
        foreach (var part in parts)
            foreach (var (source, term) in part.Terms)
                terms.TryAdd(source, new Term(term.Width, new double[rows * term.Width]));
        int offset = 0;
        foreach (var part in parts)
        {
            part.Constant.CopyTo(constant, offset);
            foreach (var (source, term) in part.Terms)
                term.Matrix.CopyTo(terms[source].Matrix, offset * term.Width);
            offset += part.Rows;
        }
        return new(rows, constant, terms);
    }

    /// <summary>The same value without the terms whose coefficients are all exactly zero (e.g. multiplied by 0).</summary>
    public AffineRows WithoutZeroTerms()
    {
        if (Terms.Values.All(t => t.Matrix.Any(v => v != 0))) return this;
        var terms = new SortedDictionary<int, Term>();
        foreach (var (source, term) in Terms)
            if (term.Matrix.Any(v => v != 0)) terms[source] = term;
        return new(Rows, Constant, terms);
    }

    /// <summary>True when this is exactly x_source (identity coefficients, no other source, zero constant).</summary>
    public bool IsExactly(int source)
    {
        if (Terms.Count != 1 || !Terms.TryGetValue(source, out var term) || term.Width != Rows) return false;
        return Constant.All(c => c == 0) && IsIdentity(term.Matrix, Rows);
    }

    public static bool IsIdentity(double[] matrix, int n)
    {
        if (matrix.Length != n * n) return false;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (matrix[i * n + j] != (i == j ? 1 : 0)) return false;
        return true;
    }

    /// <summary>Column indices of the non-zeros of each row (CSR without values).</summary>
    private static (int[] Start, int[] Column) NonZeros(double[] matrix, int rows, int width)
    {
        var start = new int[rows + 1];
        int count = 0;
        foreach (var v in matrix) if (v != 0) count++;
        var column = new int[count];
        int z = 0;
        for (int k = 0; k < rows; k++)
        {
            start[k] = z;
            for (int j = 0; j < width; j++)
                if (matrix[k * width + j] != 0) column[z++] = j;
        }
        start[rows] = z;
        return (start, column);
    }
}

/// <summary>A sparse linear map between row spaces (CSR): output row i = Σ Value[e] · input row Column[e] for e in
/// [Start[i], Start[i+1]).</summary>
internal sealed class RowMap
{
    private readonly List<int> column = new();
    private readonly List<double> value = new();
    private readonly List<int> start = [0];

    public RowMap(int inputRows) => InputRows = inputRows;

    public int InputRows { get; }
    public int OutputRows => start.Count - 1;
    public int[] Start => startArray ??= start.ToArray();
    public int[] Column => columnArray ??= column.ToArray();
    public double[] Value => valueArray ??= value.ToArray();
    private int[]? startArray, columnArray;
    private double[]? valueArray;

    /// <summary>Adds coefficient · input row to the output row being built.</summary>
    public void Add(int inputRow, double coefficient)
    {
        if (coefficient == 0) return;
        column.Add(inputRow);
        value.Add(coefficient);
    }

    /// <summary>Closes the current output row and starts the next.</summary>
    public void EndRow()
    {
        start.Add(column.Count);
        startArray = null; columnArray = null; valueArray = null;
    }
}
