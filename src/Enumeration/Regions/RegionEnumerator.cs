using System.Diagnostics;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Statistics;
using Polytopes.Geometry;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// Enumerates every activation region of a network over a box by breadth-first search of the region graph:
/// start from the region of the box centre; for each facet of the current region compute the pattern just
/// across it (<see cref="PatternRules.Across"/>), and if that pattern is new, test its polytope (one Chebyshev
/// LP; in 2-D a polygon clip first) and keep it if its inscribed radius is above tolerance. The box is
/// connected and every facet leads to exactly one region, so the search reaches every region. Ids are given in
/// discovery order, which is deterministic (facets are visited in row order).
/// </summary>
public sealed class RegionEnumerator
{
    private readonly Network network;
    private readonly SearchOptions options;
    private readonly NetworkLayout layout;
    private readonly Box? box;
    private readonly Box startBox;
    private readonly Tolerances tol;
    private readonly double scale;

    public RegionEnumerator(Network network, SearchOptions? options = null)
    {
        this.network = network;
        this.options = options ?? new SearchOptions();
        box = this.options.WholeSpace ? null : this.options.Box ?? network.Domain ?? Box.Cube(network.InputDim, -1, 1);
        if (box != null && box.Dimension != network.InputDim)
            throw new InputException($"the box has dimension {box.Dimension} but the network's input_dim is {network.InputDim}");
        startBox = box ?? Box.Cube(network.InputDim, -1, 1);
        tol = this.options.Tolerances.Validated();
        layout = new NetworkLayout(network);
        scale = box?.Scale() ?? 1.0;
    }

    /// <summary>The box enumerated, or null for all of R^d.</summary>
    public Box? Box => box;

    public EnumerationResult Run(CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var search = new Search(this);
        var stop = search.Run(cancel);
        var linear = LinearRegions.Count(search.OutputMaps, search.Adjacency, tol);
        var summary = RegionSummary.Of(search.FaceCounts, search.NeuronFaceCounts, search.Radii);
        return new EnumerationResult(network.InputDim, layout.UnitCount, search.OutputMaps.Count, linear,
            search.Kept, summary.FaceHistogram, summary.NeuronFaceHistogram,
            summary.RadiusMin, summary.RadiusMedian, summary.RadiusMax, stop,
            search.Candidates, search.Dangling, clock.Elapsed.TotalSeconds)
        {
            WholeSpace = box == null,
            UnboundedRegions = search.UnboundedCount,
        };
    }

    /// <summary>A region found but not yet expanded: its pattern, maps and facets.</summary>
    private sealed class Work
    {
        public required int Id;
        public required ActivationPattern Pattern;
        public required PatternMaps Maps;
        public required double[] Centre;
        public required double Radius;
        public required double[] Rows;
        public required double[] Rhs;
        public required int[] Unit;
        public required int[] Piece;
        public required int[] FacetOf;
        public required bool ZeroUnitsBeyondFirstLayer;
        public required bool Bounded;
        public double? Volume;
        public double[][]? Vertices;
    }

    /// <summary>The state of one search (single-threaded; buffers reused across candidates).</summary>
    private sealed class Search(RegionEnumerator owner)
    {
        private readonly NetworkLayout layout = owner.layout;
        private readonly PatternRules rules = new(owner.layout, owner.tol);
        private readonly RegionConstraints constraints = new(owner.layout, owner.box, owner.tol);
        private readonly PolytopeAnalyzer analyzer = new(owner.layout.InputDim, owner.tol)
        {
            BoundedDomain = owner.box != null,
            Anchor = owner.box == null ? new double[owner.layout.InputDim] : null,
        };
        private readonly Dictionary<ActivationPattern, int> visited = new();
        private readonly Queue<Work> queue = new();
        private PatternMaps scratch = new(owner.layout);
        private readonly byte[] states = new byte[owner.layout.UnitCount];
        private readonly FacetOwners owners = new(owner.layout);

        public List<Region> Kept { get; } = new();
        public List<double[]> OutputMaps { get; } = new();
        public List<int[]> Adjacency { get; } = new();
        public List<int> FaceCounts { get; } = new();
        public List<int> NeuronFaceCounts { get; } = new();
        public List<double> Radii { get; } = new();
        public long Candidates { get; private set; }
        public int Dangling { get; private set; }
        public int UnboundedCount { get; private set; }

        public StopReason Run(CancellationToken cancel)
        {
            var first = StartRegion() ?? throw new InvalidOperationException(
                "no full-dimensional region found at the box centre or nearby points (is the box degenerate?)");
            queue.Enqueue(first);
            while (queue.Count > 0)
            {
                if (cancel.IsCancellationRequested) return StopReason.Cancelled;
                var work = queue.Dequeue();
                Expand(work);
                if (owner.options.MaxRegions > 0 && OutputMaps.Count >= owner.options.MaxRegions && queue.Count > 0)
                    return StopReason.RegionLimit;
            }
            return StopReason.Complete;
        }

        /// <summary>The region of the box centre; if the centre lies on a boundary where the pattern there has no
        /// interior, points of a fixed Halton sequence in the box are tried instead.</summary>
        private Work? StartRegion()
        {
            var box = owner.startBox;
            var point = box.Centre();
            for (int attempt = 0; attempt < 64; attempt++)
            {
                rules.PatternAt(point, states, scratch);
                var work = TryCandidate(point);
                if (work != null) return work;
                for (int j = 0; j < point.Length; j++)
                    point[j] = box.Lo[j] + (box.Hi[j] - box.Lo[j]) * Halton(attempt + 1, Primes[j % Primes.Length]);
            }
            return null;
        }

        private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

        private static double Halton(int index, int b)
        {
            double f = 1, r = 0;
            for (int i = index; i > 0; i /= b) { f /= b; r += f * (i % b); }
            return r;
        }

        /// <summary>Tests the pattern in <see cref="states"/> whose maps are in the scratch buffer; registers it
        /// as a new region when full-dimensional.</summary>
        private Work? TryCandidate(ReadOnlySpan<double> start)
        {
            Candidates++;
            if (!constraints.Build(scratch, states)) return null;
            if (!analyzer.Analyze(constraints.Rows, constraints.Rhs, start, owner.scale)) return null;
            var pattern = new ActivationPattern(states);
            int id = visited.Count;
            visited.Add(pattern, id);
            int m = constraints.Count;
            var work = new Work
            {
                Id = id, Pattern = pattern, Maps = scratch, Centre = (double[])analyzer.Centre.Clone(),
                Radius = analyzer.Radius, Rows = constraints.Rows.ToArray(), Rhs = constraints.Rhs.ToArray(),
                Unit = constraints.Unit.AsSpan(0, m).ToArray(), Piece = constraints.Piece.AsSpan(0, m).ToArray(),
                FacetOf = analyzer.FacetOf.ToArray(),
                ZeroUnitsBeyondFirstLayer = constraints.ZeroUnitsBeyondFirstLayer,
                Bounded = analyzer.Bounded,
            };
            if (analyzer.HasPolygon)
            {
                work.Volume = analyzer.Polygon.Area();
                work.Vertices = analyzer.Polygon.Vertices();
            }
            else if (layout.InputDim == 1) work.Volume = IntervalLength(work);
            if (!work.Bounded) work.Volume = double.PositiveInfinity;
            scratch = new PatternMaps(layout);
            return work;
        }

        private static double IntervalLength(Work w)
        {
            double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
            for (int i = 0; i < w.Rhs.Length; i++)
            {
                if (w.Rows[i] > 0) hi = Math.Min(hi, w.Rhs[i] / w.Rows[i]);
                else if (w.Rows[i] < 0) lo = Math.Max(lo, w.Rhs[i] / w.Rows[i]);
            }
            return hi - lo;
        }

        private void Expand(Work work)
        {
            int d = layout.InputDim;
            var facets = new List<RegionFacet>();
            var neighbours = new List<int>();
            for (int rep = 0; rep < work.FacetOf.Length; rep++)
            {
                if (work.FacetOf[rep] != rep) continue;
                var units = new List<int>();
                int boxSide = -1;
                owners.Clear();
                for (int i = rep; i < work.FacetOf.Length; i++)
                {
                    if (work.FacetOf[i] != rep) continue;
                    if (work.Unit[i] < 0) { boxSide = -1 - work.Unit[i]; continue; }
                    owners.Add(work.Unit[i], work.Piece[i]);
                    if (!units.Contains(work.Unit[i])) units.Add(work.Unit[i]);
                }
                var normal = work.Rows.AsSpan(rep * d, d).ToArray();
                int neighbour = boxSide >= 0 ? -1 : Cross(work, normal);
                if (boxSide < 0 && neighbour < 0) Dangling++;
                if (neighbour >= 0) neighbours.Add(neighbour);
                facets.Add(new RegionFacet(normal, work.Rhs[rep], units.ToArray(), boxSide, neighbour));
            }
            Record(work, facets.ToArray(), neighbours.ToArray());
        }

        /// <summary>The id of the region across the facet whose owners are marked, finding and registering it if new;
        /// −1 if the pattern across has no interior (possible only through tolerance decisions).</summary>
        private int Cross(Work work, double[] normal)
        {
            if (rules.TryAcrossQuickly(work.Pattern.States, work.Maps, normal, owners, work.ZeroUnitsBeyondFirstLayer, states)
                && visited.TryGetValue(new ActivationPattern(states), out int known))
                return known;
            rules.Across(work.Pattern.States, work.Maps, normal, owners, states, scratch);
            var key = new ActivationPattern(states);
            if (visited.TryGetValue(key, out int id)) return id;
            var found = TryCandidate(work.Centre);
            if (found == null) return -1;
            queue.Enqueue(found);
            return found.Id;
        }

        private void Record(Work work, RegionFacet[] facets, int[] neighbours)
        {
            int d = layout.InputDim;
            var outMaps = work.Maps.OutputMaps();
            int outDim = outMaps.Length / (d + 1);
            var gradient = new double[outDim * d];
            var bias = new double[outDim];
            for (int o = 0; o < outDim; o++)
            {
                outMaps.AsSpan(o * (d + 1), d).CopyTo(gradient.AsSpan(o * d, d));
                bias[o] = outMaps[o * (d + 1) + d];
            }
            var region = new Region(work.Id, work.Pattern, work.Centre, work.Radius, facets, gradient, bias,
                work.Volume, work.Vertices) { Bounded = work.Bounded };
            if (!work.Bounded) UnboundedCount++;
            OutputMaps.Add(outMaps);
            Adjacency.Add(neighbours);
            FaceCounts.Add(region.FaceCount);
            NeuronFaceCounts.Add(region.NeuronFaceCount);
            Radii.Add(work.Radius);
            if (owner.options.KeepRegions) Kept.Add(region);
            owner.options.OnRegion?.Invoke(region);
        }
    }
}

