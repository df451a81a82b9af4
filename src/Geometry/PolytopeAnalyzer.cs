using Polytopes.Geometry.Lp;

namespace Polytopes.Geometry;

/// <summary>
/// Everything the enumeration needs to know about one candidate region {x : A x &lt;= b} (unit-normal rows):
/// whether it is full-dimensional, its Chebyshev centre and radius, and which rows are its facets (duplicates
/// grouped). In 2-D the polygon is clipped from the rows first (no LP for facets; an empty polygon rejects the
/// candidate at once) and the Chebyshev LP then runs over the facet rows only; in other dimensions the
/// Chebyshev LP runs over all rows and <see cref="FacetFinder"/> finds the facets. Not thread-safe.
/// </summary>
public sealed class PolytopeAnalyzer
{
    private readonly Tolerances tol;
    private readonly ChebyshevSolver chebyshev;
    private readonly FacetFinder facets;
    private readonly RecessionCone recession;
    private readonly TextbookFacetFinder textbookFacets;
    private readonly Lp.ActiveSetKernel recentreKernel;
    private readonly RedundancyScreen screen;
    private int[] keptRows = [], keptFacetOf = [];
    private double[] keptA = [], keptB = [];
    private double[] facetRows = [];
    private readonly ConvexPolygon polygon = new();
    private readonly ConvexPolyhedron polyhedron = new();
    private double[] facetA = [], facetB = [];
    private double[] exactRows = []; // all of R^d: the rows with nearly parallel ones made parallel
    private readonly ParallelRows parallelRows = new();
    private readonly double[] lowStart;
    private int[] facetOf = [], facetList = [], clipOrder = [];
    private int nearestCount;
    private double[] facetOffsets = [], leastSlack = [];
    // The clipping paths' skip test: the centroid of the shape after the nearest rows, and each later row's slack
    // there (GroupDuplicates reuses them).
    private double[] centroidSlack = [];
    private readonly double[] clipCentre = new double[3];
    private bool[] isEarly = [];
    // The rows GroupDuplicates must look at, in increasing order: every row clipped, and every row the skip test
    // passed over by less than the coincidence margin (any other row's slack at the centroid exceeds every facet's).
    private int[] nearRows = [];
    private int nearCount;
    // RowsOnFacets, listed by the clipping paths from the near rows, else on first use (−1: not listed yet).
    private int[] rowsOnFacets = [];
    private int rowsOnFacetsCount = -1;

    public PolytopeAnalyzer(int dimension, Tolerances? tolerances = null)
    {
        tol = (tolerances ?? Tolerances.Default).Validated();
        Dimension = dimension;
        chebyshev = new ChebyshevSolver(tol);
        facets = new FacetFinder(tol);
        recession = new RecessionCone(tol);
        textbookFacets = new TextbookFacetFinder(tol);
        recentreKernel = new Lp.ActiveSetKernel(tol);
        screen = new RedundancyScreen(tol);
        Centre = new double[dimension];
        chebyshevCentre = new double[dimension];
        lowStart = new double[dimension];
    }

    public int Dimension { get; }

    /// <summary>True when every polytope analysed lies in a known box of half-sides at most the given scale (so the
    /// 2-D polygon path may start from a square around it, and <see cref="RedundancyScreen"/> may bound distances
    /// in it). False for polyhedra of all of R^d, which may be
    /// unbounded: then boundedness is decided too (<see cref="Bounded"/>).</summary>
    public bool BoundedDomain { get; init; } = true;

    // All of R^d: the Chebyshev centre kept while the facets are found from the moved one (Analyze).
    private readonly double[] chebyshevCentre;

    /// <summary>Unbounded domain only: centres of unbounded regions are moved as close to this point as a ball of
    /// half the inscribed radius allows (see <see cref="Recentre"/>), so that they do not drift far out along
    /// them.</summary>
    public double[]? Anchor { get; init; }

    /// <summary>The textbook method, for baselines: a fresh Chebyshev LP with phase 1 (no warm start) and one
    /// LP per constraint for facets (<see cref="TextbookFacetFinder"/>); no polygon path.</summary>
    public bool Textbook { get; init; }

    /// <summary>Whether the last full-dimensional polytope is bounded (always true in a bounded domain).</summary>
    public bool Bounded { get; private set; } = true;
    public double[] Centre { get; }
    public double Radius { get; private set; }
    public LpStatus ChebyshevStatus { get; private set; }
    public int FacetCount { get; private set; }
    /// <summary>Per row of the last analysis: the representative row of its facet, or −1 if redundant.</summary>
    public ReadOnlySpan<int> FacetOf => facetOf;

    /// <summary>The rows of the last full-dimensional analysis that lie on a facet (each facet's representative and
    /// the rows grouped with it), in increasing order: the rows with <see cref="FacetOf"/> ≥ 0.</summary>
    public ReadOnlySpan<int> RowsOnFacets
    {
        get
        {
            if (rowsOnFacetsCount < 0)
            {
                if (rowsOnFacets.Length < facetOf.Length) rowsOnFacets = new int[facetOf.Length];
                rowsOnFacetsCount = 0;
                for (int i = 0; i < facetOf.Length; i++) if (facetOf[i] >= 0) rowsOnFacets[rowsOnFacetsCount++] = i;
            }
            return rowsOnFacets.AsSpan(0, rowsOnFacetsCount);
        }
    }
    /// <summary>The last 2-D region as a polygon (valid after a successful 2-D analysis).</summary>
    public ConvexPolygon Polygon => polygon;
    /// <summary>Whether the last analysis used the polygon path.</summary>
    public bool HasPolygon { get; private set; }
    /// <summary>The last 3-D region as a polyhedron (valid after a successful analysis with
    /// <see cref="HasPolyhedron"/>).</summary>
    public ConvexPolyhedron Polyhedron => polyhedron;
    /// <summary>Whether the last analysis used the 3-D polyhedron path.</summary>
    public bool HasPolyhedron { get; private set; }
    /// <summary>3-D in a bounded domain: find facets by clipping a cube (<see cref="ConvexPolyhedron"/>) rather than
    /// by LPs (<see cref="FacetFinder"/>). On by default; off to compare the two.</summary>
    public bool UsePolyhedron { get; init; } = true;
    public long FacetLpCount => facets.LpCount;

    /// <summary>Analyses the polytope; returns true when it is full-dimensional (radius above tolerance).
    /// <paramref name="start"/> is any point near the region (warm start); <paramref name="scale"/> is the
    /// length scale tolerances are relative to.</summary>
    public bool Analyze(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> start, double scale)
    {
        int m = b.Length;
        if (facetOf.Length != m) facetOf = new int[m];
        rowsOnFacetsCount = -1;
        HasPolygon = false;
        HasPolyhedron = false;
        Bounded = true;
        if (!BoundedDomain)
        {
            // Unbounded polyhedra: rows parallel up to rounding made exactly parallel (ParallelRows).
            if (exactRows.Length < a.Length) exactRows = new double[a.Length];
            parallelRows.MakeExact(a, Dimension, exactRows.AsSpan(0, a.Length));
            a = exactRows.AsSpan(0, a.Length);
        }
        if (Textbook) return AnalyzeTextbook(a, b, scale);
        if (BoundedDomain && Dimension == 2 && TryPolygon(a, b, start, scale, out bool full)) return full;
        if (BoundedDomain && Dimension == 3 && UsePolyhedron && TryPolyhedron(a, b, start, scale, out full)) return full;

        ChebyshevStatus = chebyshev.Solve(a, b, Dimension, start, Centre, out double r);
        if (ChebyshevStatus == LpStatus.Unbounded)
        {
            // Arbitrarily large balls fit: the radius is infinite; a capped solve gives a deep interior point
            // for the facet search.
            var capped = chebyshev.Solve(a, b, Dimension, start, Centre, scale, out _);
            if (capped != LpStatus.Optimal) { FacetCount = 0; return false; }
            r = double.PositiveInfinity;
        }
        Radius = r;
        if (!(r > tol.Radius * scale) || ChebyshevStatus is not (LpStatus.Optimal or LpStatus.Unbounded))
        {
            FacetCount = 0;
            return false;
        }
        if (BoundedDomain)
        {
            FacetCount = FindFacetsOfKeptRows(a, b, scale);
            return true;
        }
        // The facets are found from the moved centre (whether the region is bounded is known only from them); a
        // bounded region then gets its Chebyshev centre back: its set of centres is bounded, and the moved centre
        // keeps only half the radius.
        Centre.CopyTo(chebyshevCentre, 0);
        Recentre(a, b, Anchor ?? start.ToArray(), double.IsFinite(r) ? r / 2 : scale);
        FacetCount = facets.Find(a, b, Dimension, Centre, scale, facetOf);
        Bounded = double.IsFinite(r) && IsBounded(a);
        if (Bounded) chebyshevCentre.CopyTo(Centre, 0);
        return true;
    }

    /// <summary>The facets (into <c>facetOf</c>), searched for over the rows that <see cref="RedundancyScreen"/> does not
    /// prove redundant from the Chebyshev LP's optimum; the rows left out are redundant and on no facet.</summary>
    private int FindFacetsOfKeptRows(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double scale)
    {
        int n = Dimension, m = b.Length;
        if (!chebyshev.TryOptimalBasis(n, out var tight, out var inverse))
            return facets.Find(a, b, n, Centre, scale, facetOf);
        if (keptRows.Length < m) { keptRows = new int[m]; keptFacetOf = new int[m]; keptB = new double[m]; keptA = new double[m * n]; }
        int k = screen.Keep(a, b, Centre, Radius, tight, inverse, scale, keptRows);
        if (k == m) return facets.Find(a, b, n, Centre, scale, facetOf);
        for (int i = 0; i < k; i++)
        {
            a.Slice(keptRows[i] * n, n).CopyTo(keptA.AsSpan(i * n, n));
            keptB[i] = b[keptRows[i]];
        }
        int count = facets.Find(keptA.AsSpan(0, k * n), keptB.AsSpan(0, k), n, Centre, scale, keptFacetOf.AsSpan(0, k));
        // Back to the rows' own numbers (the kept rows keep their order, so a group's lowest row stays its lowest).
        facetOf.AsSpan(0, m).Fill(-1);
        for (int i = 0; i < k; i++) facetOf[keptRows[i]] = keptFacetOf[i] >= 0 ? keptRows[keptFacetOf[i]] : -1;
        return count;
    }

    /// <summary>
    /// In an unbounded polyhedron the set of Chebyshev centres can be unbounded, and the simplex may stop far out
    /// along it, where coordinates are large and later LPs lose precision. This moves the centre to the point
    /// nearest (in max-norm) to <paramref name="start"/> (the anchor) that keeps a ball of radius
    /// <paramref name="depth"/>: <c>max −t  s.t.  A_i·x + ‖A_i‖·depth &lt;= b_i,  |x_j − start_j| &lt;= t</c>,
    /// started from the current centre.
    /// </summary>
    private void Recentre(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> start, double depth)
    {
        int n = Dimension, m = b.Length, w = n + 1, rows = m + 2 * n;
        var lpA = new double[rows * w];
        var lpB = new double[rows];
        for (int i = 0; i < m; i++)
        {
            a.Slice(i * n, n).CopyTo(lpA.AsSpan(i * w, n));
            lpB[i] = b[i] - VectorMath.Norm(a.Slice(i * n, n)) * depth;
        }
        var x = new double[w];
        Centre.CopyTo(x, 0);
        for (int j = 0; j < n; j++)
        {
            lpA[(m + 2 * j) * w + j] = 1; lpA[(m + 2 * j) * w + n] = -1; lpB[m + 2 * j] = start[j];
            lpA[(m + 2 * j + 1) * w + j] = -1; lpA[(m + 2 * j + 1) * w + n] = -1; lpB[m + 2 * j + 1] = -start[j];
            x[n] = Math.Max(x[n], Math.Abs(Centre[j] - start[j]));
        }
        var c = new double[w];
        c[n] = -1;
        if (recentreKernel.Maximize(lpA, lpB, c, x) == LpStatus.Optimal) x.AsSpan(0, n).CopyTo(Centre);
    }

    private bool AnalyzeTextbook(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double scale)
    {
        int n = Dimension, m = b.Length, w = n + 1;
        var ext = new double[m * w];
        for (int i = 0; i < m; i++)
        {
            a.Slice(i * n, n).CopyTo(ext.AsSpan(i * w, n));
            ext[i * w + n] = VectorMath.Norm(a.Slice(i * n, n));
        }
        var objective = new double[w];
        objective[n] = 1;
        var lp = new LinearProgram(new HPolytope(w, ext, b.ToArray()), objective);
        var result = new ActiveSetSolver(tol).Maximize(lp);
        ChebyshevStatus = result.Status;
        Radius = result.Status == LpStatus.Optimal ? result.Point[n] : double.NegativeInfinity;
        if (!(Radius > tol.Radius * scale)) { FacetCount = 0; return false; }
        result.Point.AsSpan(0, n).CopyTo(Centre);
        FacetCount = textbookFacets.Find(a, b, n, Centre, scale, facetOf);
        return true;
    }

    private bool IsBounded(ReadOnlySpan<double> a)
    {
        int n = Dimension, k = 0;
        if (facetRows.Length < facetOf.Length * n) facetRows = new double[facetOf.Length * n];
        for (int i = 0; i < facetOf.Length; i++)
            if (facetOf[i] == i) a.Slice(i * n, n).CopyTo(facetRows.AsSpan(k++ * n, n));
        Span<double> direction = stackalloc double[n];
        return recession.IsBounded(facetRows, k, n, direction);
    }

    /// <summary>2-D: clip a square known to contain the region; false if the square's sides survive (the region
    /// is unbounded), in which case the general path decides.</summary>
    private bool TryPolygon(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> start, double scale,
        out bool full)
    {
        full = false;
        int m = b.Length;
        double edgeTol = tol.Facet * scale;
        polygon.StartSquare(start[0], start[1], StartHalfWidth(start, scale));
        int early = NearestRows(a, b, start, NearestFirst2D);
        for (int j = 0; j < early; j++)
        {
            int i = clipOrder[j];
            if (!polygon.Clip(a[2 * i], a[2 * i + 1], b[i], i, edgeTol)) return Empty2D(out full);
        }
        double cx = 0, cy = 0, reach = 0;
        if (early > 0)
        {
            for (int v = 0; v < polygon.Count; v++) { cx += polygon.X(v); cy += polygon.Y(v); }
            cx /= polygon.Count; cy /= polygon.Count;
            clipCentre[0] = cx; clipCentre[1] = cy;
            reach = polygon.RadiusAbout(cx, cy);
        }
        // The other rows: skip those that miss the disc about the vertex centroid holding the polygon
        // (b_i − a_i·c ≥ reach: a_i·x ≤ b_i on the whole disc).
        var rowSlack = centroidSlack.AsSpan(0, m);
        var clipped = isEarly.AsSpan(0, m);
        var near = StartNearRows(m);
        double margin = NearMargin(scale, Math.Abs(cx) + Math.Abs(cy));
        a = a[..(2 * m)];
        for (int i = 0; i < m; i++)
        {
            if (clipped[i]) { near[nearCount++] = i; continue; }
            double s = rowSlack[i] = b[i] - a[2 * i] * cx - a[2 * i + 1] * cy;
            if (s >= reach)
            {
                if (s <= reach + margin + NumericGuards.SlackRounding * Math.Abs(b[i])) near[nearCount++] = i;
                continue;
            }
            near[nearCount++] = i;
            if (!polygon.Clip(a[2 * i], a[2 * i + 1], b[i], i, edgeTol)) return Empty2D(out full);
            if (polygon.Cut) reach = polygon.RadiusAbout(cx, cy);
        }
        for (int j = 0; j < polygon.Count; j++) if (polygon.EdgeRow(j) < 0) return false;
        HasPolygon = true;
        EnsureFacetList(polygon.Count);
        double sx = 0, sy = 0;
        for (int j = 0; j < polygon.Count; j++)
        {
            facetList[j] = polygon.EdgeRow(j);
            sx += polygon.X(j); sy += polygon.Y(j);
        }
        lowStart[0] = sx / polygon.Count; lowStart[1] = sy / polygon.Count;
        full = FinishFromFacets(a, b, polygon.Count, scale);
        return true;
    }

    /// <summary>3-D: as <see cref="TryPolygon"/>, clipping a cube (<see cref="ConvexPolyhedron"/>). A face is a
    /// facet when its width (twice its area over its perimeter) exceeds the facet tolerance.</summary>
    private bool TryPolyhedron(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> start, double scale,
        out bool full)
    {
        full = false;
        int m = b.Length;
        double faceTol = tol.Facet * scale;
        polyhedron.StartCube(start[0], start[1], start[2], StartHalfWidth(start, scale));
        int early = NearestRows(a, b, start, NearestFirst3D);
        for (int j = 0; j < early; j++)
        {
            int i = clipOrder[j];
            if (!polyhedron.Clip(a[3 * i], a[3 * i + 1], a[3 * i + 2], b[i], i, faceTol)) return Empty3D(out full);
        }
        double cx = 0, cy = 0, cz = 0, reach = 0;
        if (early > 0)
        {
            int nv = polyhedron.VertexCount;
            for (int v = 0; v < nv; v++) { cx += polyhedron.X(v); cy += polyhedron.Y(v); cz += polyhedron.Z(v); }
            cx /= nv; cy /= nv; cz /= nv;
            clipCentre[0] = cx; clipCentre[1] = cy; clipCentre[2] = cz;
            reach = polyhedron.RadiusAbout(cx, cy, cz);
        }
        // As in TryPolygon: skip the rows that miss the ball about the vertex centroid holding the polyhedron.
        var rowSlack = centroidSlack.AsSpan(0, m);
        var clipped = isEarly.AsSpan(0, m);
        var near = StartNearRows(m);
        double margin = NearMargin(scale, Math.Abs(cx) + Math.Abs(cy) + Math.Abs(cz));
        a = a[..(3 * m)];
        for (int i = 0; i < m; i++)
        {
            if (clipped[i]) { near[nearCount++] = i; continue; }
            double s = rowSlack[i] = b[i] - a[3 * i] * cx - a[3 * i + 1] * cy - a[3 * i + 2] * cz;
            if (s >= reach)
            {
                if (s <= reach + margin + NumericGuards.SlackRounding * Math.Abs(b[i])) near[nearCount++] = i;
                continue;
            }
            near[nearCount++] = i;
            if (!polyhedron.Clip(a[3 * i], a[3 * i + 1], a[3 * i + 2], b[i], i, faceTol)) return Empty3D(out full);
            if (polyhedron.Cut) reach = polyhedron.RadiusAbout(cx, cy, cz);
        }
        // A side of the starting cube left (an unbounded region), or more faces than the polyhedron keeps: the
        // general path decides.
        if (polyhedron.TooManyFaces) return false;
        for (int f = 0; f < polyhedron.FaceCount; f++) if (polyhedron.FaceRow(f) < 0) return false;
        HasPolyhedron = true;
        EnsureFacetList(polyhedron.FaceCount);
        int k = 0;
        for (int f = 0; f < polyhedron.FaceCount; f++)
            if (polyhedron.FaceWiderThan(f, faceTol)) facetList[k++] = polyhedron.FaceRow(f);
        double sx = 0, sy = 0, sz = 0;
        for (int v = 0; v < polyhedron.VertexCount; v++) { sx += polyhedron.X(v); sy += polyhedron.Y(v); sz += polyhedron.Z(v); }
        lowStart[0] = sx / polyhedron.VertexCount; lowStart[1] = sy / polyhedron.VertexCount; lowStart[2] = sz / polyhedron.VertexCount;
        full = k > Dimension && FinishFromFacets(a, b, k, scale);
        if (!full) FacetCount = 0;
        return true;
    }

    /// <summary>The clipping emptied the polygon: the candidate has no interior (decided by the polygon path).</summary>
    private bool Empty2D(out bool full)
    {
        full = false;
        Radius = double.NegativeInfinity; FacetCount = 0; HasPolygon = true;
        return true;
    }

    /// <summary>The clipping emptied the polyhedron: the candidate has no interior (decided by the 3-D path).</summary>
    private bool Empty3D(out bool full)
    {
        full = false;
        Radius = double.NegativeInfinity; FacetCount = 0; HasPolyhedron = true;
        return true;
    }

    /// <summary>The near-row list, emptied, with room for every row (early ones included).</summary>
    private Span<int> StartNearRows(int m)
    {
        if (nearRows.Length < m) nearRows = new int[m];
        nearCount = 0;
        return nearRows;
    }

    /// <summary>
    /// How far a row's slack at the centroid c may exceed a facet's and the row still lie on that facet's
    /// hyperplane: normals within the coincidence tolerance entrywise and offsets within it times the scale move
    /// the slack at c by at most tol·(scale + ‖c‖₁) each way, twice that for the two rows, plus rounding.
    /// </summary>
    private double CoincidenceReach(double scale, double centreL1) =>
        (2 * tol.Coincidence + NumericGuards.SlackRounding) * (scale + centreL1);

    /// <summary>The clipping loop's margin for near rows: <see cref="CoincidenceReach"/> doubled, for the skip
    /// test's rounding (it compares with the shape's reach, never below any facet's slack at c: a facet's hyperplane
    /// holds vertices of the shape, none farther from c than the reach).</summary>
    private double NearMargin(double scale, double centreL1) => 2 * CoincidenceReach(scale, centreL1);

    // How many rows the clipping paths take first, nearest the start point: about a typical region's facet count,
    // so that the shape is near its final size before the other rows are tested (most then miss it entirely).
    private const int NearestFirst2D = 6, NearestFirst3D = 10;

    /// <summary>
    /// Puts in <c>clipOrder</c> the <paramref name="k"/> rows with the least slack b_i − a_i·start, least first
    /// (ties by row index), marking them in <c>isEarly</c>. Clipping those first shrinks the starting shape to
    /// about the region; then a row whose slack at the shape's vertex centroid c is at least the distance from c
    /// to the farthest vertex cannot cut anything (a_i·x ≤ a_i·c + reach ≤ b_i on the whole shape) and is skipped
    /// with one dot product instead of one per vertex.
    /// </summary>
    private int NearestRows(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> start, int k)
    {
        int m = b.Length, count = 0;
        if (isEarly.Length < m) { isEarly = new bool[m]; centroidSlack = new double[m]; }
        Array.Clear(clipCentre);
        if (clipOrder.Length < k) { clipOrder = new int[k]; leastSlack = new double[k]; }
        var order = clipOrder.AsSpan(0, k);
        var least = leastSlack.AsSpan(0, k);
        double worst = double.PositiveInfinity; // the k-th least slack so far (+∞ until k rows are in)
        // One pass: each slack is computed and compared at once, and only the k kept are stored.
        if (Dimension == 2)
        {
            double x0 = start[0], x1 = start[1];
            a = a[..(2 * m)];
            for (int i = 0; i < m; i++)
            {
                double si = b[i] - (a[2 * i] * x0 + a[2 * i + 1] * x1);
                if (si < worst) worst = KeepNearest(order, least, ref count, i, si);
            }
        }
        else
        {
            double x0 = start[0], x1 = start[1], x2 = start[2];
            a = a[..(3 * m)];
            for (int i = 0; i < m; i++)
            {
                double si = b[i] - (a[3 * i] * x0 + a[3 * i + 1] * x1 + a[3 * i + 2] * x2);
                if (si < worst) worst = KeepNearest(order, least, ref count, i, si);
            }
        }
        isEarly.AsSpan(0, m).Clear();
        for (int j = 0; j < count; j++) isEarly[order[j]] = true;
        nearestCount = count;
        return count;
    }

    /// <summary>Inserts row i (slack s below the k-th least so far) into the list ordered by slack, after rows of
    /// equal slack; returns the new k-th least slack (+∞ while fewer than k rows are in).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double KeepNearest(Span<int> order, Span<double> least, ref int count, int i, double s)
    {
        int k = order.Length;
        int j = count < k ? count++ : k - 1;
        for (; j > 0 && least[j - 1] > s; j--) { order[j] = order[j - 1]; least[j] = least[j - 1]; }
        order[j] = i;
        least[j] = s;
        return count == k ? least[k - 1] : double.PositiveInfinity;
    }

    /// <summary>A square or cube centred at the start point that contains the whole domain box.</summary>
    private static double StartHalfWidth(ReadOnlySpan<double> start, double scale)
    {
        double far = 0;
        foreach (double x in start) far = Math.Max(far, Math.Abs(x));
        return 4 * scale + far;
    }

    private void EnsureFacetList(int size)
    {
        if (facetList.Length < size) facetList = new int[2 * size];
    }

    /// <summary>After a clipping path found the facet rows (the first <paramref name="k"/> of the facet list) and
    /// an interior start point: the Chebyshev LP over the facet rows only, then duplicates grouped. True when the
    /// region is full-dimensional.</summary>
    private bool FinishFromFacets(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int k, double scale)
    {
        int n = Dimension;
        facetOf.AsSpan().Fill(-1);
        if (facetA.Length < n * k) { facetA = new double[2 * n * k]; facetB = new double[2 * k]; }
        for (int j = 0; j < k; j++)
        {
            int row = facetList[j];
            facetOf[row] = row;
            a.Slice(n * row, n).CopyTo(facetA.AsSpan(n * j, n));
            facetB[j] = b[row];
        }
        ChebyshevStatus = chebyshev.Solve(facetA.AsSpan(0, n * k), facetB.AsSpan(0, k), n, lowStart, Centre, out double r);
        Radius = r;
        if (!(r > tol.Radius * scale) || ChebyshevStatus != LpStatus.Optimal) { FacetCount = 0; return false; }
        FacetCount = GroupDuplicates(a, b, k, scale);
        return true;
    }

    /// <summary>b_i − a_i·x (the sums of VectorMath.Dot written out for d = 2, 3).</summary>
    private double SlackAt(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int i, ReadOnlySpan<double> x) => Dimension switch
    {
        2 => b[i] - (a[2 * i] * x[0] + a[2 * i + 1] * x[1]),
        3 => b[i] - (a[3 * i] * x[0] + a[3 * i + 1] * x[1] + a[3 * i + 2] * x[2]),
        _ => b[i] - VectorMath.Dot(a.Slice(Dimension * i, Dimension), x),
    };

    /// <summary>Rows that did not clip anything but lie on a facet's line join that facet (lowest row index
    /// represents the group). Only the near rows (<see cref="nearRows"/>) can: every other row's slack at the
    /// clipping's centroid exceeds every facet's by more than the margin below.</summary>
    private int GroupDuplicates(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int k, double scale)
    {
        int n = Dimension, count = 0;
        if (facetOffsets.Length < k) facetOffsets = new double[2 * k];
        // Slacks at the clipping's centroid c (the skip test's point; those of the nearest rows computed here): a
        // row coinciding with a facet row (normals within the tolerance entrywise, offsets within it times the
        // scale) has a slack at c within tol·(scale + ‖c‖₁) of that row's, so rows whose slack exceeds every
        // facet's by more than twice that (plus rounding) coincide with none: one comparison each.
        var c = clipCentre.AsSpan(0, n);
        for (int j = 0; j < nearestCount; j++) centroidSlack[clipOrder[j]] = SlackAt(a, b, clipOrder[j], c);
        double highSlack = double.NegativeInfinity, centreL1 = 0;
        foreach (double x in c) centreL1 += Math.Abs(x);
        for (int j = 0; j < k; j++)
        {
            facetOffsets[j] = b[facetList[j]] / scale;
            highSlack = Math.Max(highSlack, centroidSlack[facetList[j]]);
        }
        double reach = CoincidenceReach(scale, centreL1);
        double coincidence = tol.Coincidence;
        var rows = nearRows.AsSpan(0, nearCount);
        var group = facetOf.AsSpan();
        var offsets = facetOffsets.AsSpan(0, k);
        foreach (int i in rows)
        {
            if (group[i] == i) { count++; continue; }
            if (centroidSlack[i] > highSlack + reach + NumericGuards.SlackRounding * Math.Abs(b[i])) continue;
            double offset = b[i] / scale;
            for (int j = 0; j < offsets.Length; j++)
            {
                // Coincide's first test, inlined: most rows are far from every facet in offset alone.
                if (Math.Abs(offset - offsets[j]) > coincidence) continue;
                int row = facetList[j];
                if (Hyperplanes.Coincide(a.Slice(n * i, n), b[i] / scale, a.Slice(n * row, n), b[row] / scale, coincidence))
                {
                    group[i] = row;
                    break;
                }
            }
        }
        // Make the lowest index of each group its representative, as FacetFinder does (rows in increasing order;
        // rows not near are in no group).
        foreach (int i in rows)
        {
            int rep = group[i];
            if (rep < 0 || rep <= i) continue;
            foreach (int t in rows) if (group[t] == rep) group[t] = i;
        }
        if (rowsOnFacets.Length < rows.Length) rowsOnFacets = new int[Math.Max(rows.Length, 2 * rowsOnFacets.Length)];
        rowsOnFacetsCount = 0;
        foreach (int i in rows) if (group[i] >= 0) rowsOnFacets[rowsOnFacetsCount++] = i;
        return count;
    }
}
