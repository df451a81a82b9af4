using System.Runtime.CompilerServices;
using System.Diagnostics;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Regions;
using Polytopes.Enumeration.Statistics;
using Polytopes.Geometry;
using Polytopes.Geometry.Exact;

namespace Polytopes.Enumeration.Certification;

/// <summary>
/// Proves, in exact rational arithmetic, the regions, facets and counts that a floating-point enumeration
/// reported, and repairs what it got wrong. It verifies rather than trusts: from the float result it takes only
/// each region's pattern, its centre (a hint) and its facets and neighbours (claims to check); the exact
/// pre-activation maps, the region inequalities and every decision are recomputed from the network's weights
/// taken as exact binary fractions.
/// <list type="number">
/// <item><b>Regions.</b> Each pattern's exact polytope gets an interior point (every inequality strict), or is
/// dropped when it has none or its pattern is not canonical exactly.</item>
/// <item><b>Facets.</b> Each facet gets a witness in its relative interior, every other inequality a Farkas
/// certificate (<see cref="PolytopeCertifier"/>); wrong facet claims are corrected.</item>
/// <item><b>Completeness.</b> Across each neuron facet, the claimed neighbour must contain the facet's witness w
/// in the relative interior of one of its own facets on the same hyperplane (every other inequality strict at
/// w, one row on the hyperplane facing the other way): then the neighbour is the region just across w. Where
/// this fails, the far-side pattern is computed exactly (<see cref="ExactPatternRules"/>) and certified, and the
/// search continues from any region that was missing. When every neuron facet of every region leads to a region
/// of the set (and the adjacency is symmetric), the closed regions cover the box: the union's boundary inside the
/// open box would lie in faces of dimension ≤ d − 2, which cannot separate a connected open set.</item>
/// </list>
/// Operation object: validates in the constructor; <see cref="Certify"/> may be called for several results.
/// </summary>
public sealed class Certifier
{
    private readonly Network network;
    private readonly Box? box;
    private readonly CertifyOptions options;
    private readonly ExactNetwork exact;
    private readonly double scale;
    private readonly bool binaryPatterns;

    /// <param name="network">The network that was enumerated.</param>
    /// <param name="box">The box it was enumerated over, or null for all of R^d.</param>
    /// <param name="options">Tolerances of the floating-point proposals, threads, limits.</param>
    public Certifier(Network network, Box? box, CertifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (box != null && box.Dimension != network.InputDim)
            throw new InputException($"the box has dimension {box.Dimension} but the network's input_dim is {network.InputDim}");
        this.network = network;
        this.box = box;
        this.options = options ?? new CertifyOptions();
        this.options.Tolerances.Validated();
        if (this.options.Threads < 0) throw new ArgumentOutOfRangeException(nameof(options), "Threads must be >= 0");
        exact = new ExactNetwork(network);
        scale = box?.Scale() ?? 1.0;
        binaryPatterns = exact.Layout.BinaryStates;
    }

    /// <summary>Certifies (and repairs) the regions of a floating-point enumeration of this network over this
    /// box. The enumeration must have kept its regions (<see cref="SearchOptions.KeepRegions"/>).</summary>
    public CertificationResult Certify(EnumerationResult result, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Regions.Count != result.RegionCount)
            throw new ArgumentException("the enumeration did not keep its regions (set SearchOptions.KeepRegions)", nameof(result));
        if (result.InputDim != network.InputDim)
            throw new ArgumentException("the enumeration is of another network", nameof(result));
        var clock = Stopwatch.StartNew();
        var run = new Run(this, result);
        run.Execute(cancel);
        return run.Result(clock.Elapsed.TotalSeconds);
    }

    /// <summary>One region while it is being certified.</summary>
    private sealed class Node
    {
        public int Id;
        public required int FloatId;
        public required ActivationPattern Pattern;
        public required byte[] States;
        /// <summary>The exact output maps (outputs × (d+1)); the other maps are recomputed from the states when
        /// needed (<see cref="Run.ExactNeighbour"/>, rarely): kept for every region they were about half of the
        /// certificate's memory (some 40 KB a region on 2-64-64).</summary>
        public required Rational[] OutputMap;
        public required ExactRegionRows Rows;
        public required PolytopeCertificate Certificate;
        /// <summary>Per float facet (float regions only): the rows it claims.</summary>
        public int[][] FloatFacetRows = [];
        public RegionFacet[] FloatFacets = [];
        /// <summary>Per exact facet: the region across (−1: a box side, or not known yet).</summary>
        public int[] Links = [];
        public bool[] IsBoxSide = [];
    }

    /// <summary>What one thread certifies with: its LP buffers, and the exact maps of the last region it did (the
    /// next region's are computed from them; a thread takes every T-th region, so consecutive ones are close).</summary>
    private sealed class Worker(Certifier owner)
    {
        public PolytopeCertifier Polytopes { get; } = new(owner.options.Tolerances);
        public IncrementalPatternMaps Maps { get; } = new(owner.exact.Integers);
    }

    private sealed class Run(Certifier owner, EnumerationResult floatResult)
    {
        private readonly List<Node> nodes = new();
        private readonly Dictionary<ActivationPattern, int> index = new();
        private readonly Worker[] workers = Enumerable.Range(0, ThreadCount(owner.options.Threads))
            .Select(_ => new Worker(owner)).ToArray();
        private int dropped, facetsRemoved, facetsAdded, neighboursCorrected, added;
        private string? failure;

        private static int ThreadCount(int requested) => requested > 0 ? requested : Environment.ProcessorCount;

        public void Execute(CancellationToken cancel)
        {
            // 1. Every float region's polytope and facets, independently (in parallel).
            var regions = floatResult.Regions;
            var built = new Node?[regions.Count];
            ForEach(regions.Count, (worker, i) => built[i] = FromFloat(regions[i], worker));
            var floatToNode = new Dictionary<int, int>(); // float region id → node id
            for (int i = 0; i < built.Length; i++)
            {
                if (built[i] is not { } node) { dropped++; continue; }
                if (index.ContainsKey(node.Pattern)) { dropped++; continue; } // cannot happen: float patterns are distinct
                node.Id = nodes.Count;
                floatToNode[regions[i].Id] = node.Id;
                index.Add(node.Pattern, node.Id);
                nodes.Add(node);
                facetsRemoved += node.Certificate.ClaimsRejected;
                facetsAdded += node.Certificate.FacetsAdded;
            }
            // 2. Claimed neighbours, checked at each facet's witness (in parallel, read-only).
            int floatNodes = nodes.Count;
            ForEach(floatNodes, (_, i) => CheckClaimedLinks(nodes[i], floatToNode));
            if (floatResult.Stop != StopReason.Complete)
            {
                // The regions kept keep their proved links among themselves; a facet whose region lies beyond the
                // limit keeps −1 (not in this set).
                failure = $"the floating-point search stopped early ({floatResult.Stop}): completeness cannot be proved";
                return;
            }

            // The covering argument (step 3) needs a region to start from: when every region of the search was
            // dropped (its float maps overflowed, say), one is found exactly at a point.
            if (nodes.Count == 0 && !Seed())
            {
                failure = "no region of the search could be proved, and none was found exactly at a point";
                return;
            }

            // 3. Every facet without a proved neighbour: the exact far-side pattern, certified and added if missing.
            int limit = owner.options.MaxAddedRegions > 0 ? owner.options.MaxAddedRegions : 1000 + floatNodes;
            for (int i = 0; i < nodes.Count && failure == null; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var node = nodes[i];
                for (int f = 0; f < node.Links.Length && failure == null; f++)
                {
                    if (node.IsBoxSide[f] || node.Links[f] >= 0) continue;
                    if (i < floatNodes) neighboursCorrected++;
                    node.Links[f] = ExactNeighbour(node, f);
                    if (added > limit) failure = $"more than {limit} regions were missing; gave up";
                }
            }
            if (failure != null) return;

            // 4. Symmetry: every link R → N across a hyperplane has N → R back.
            foreach (var node in nodes)
                foreach (int n in node.Links)
                    if (n >= 0 && !nodes[n].Links.Contains(node.Id))
                    {
                        failure = $"adjacency is not symmetric: region {node.Id} → {n} has no way back";
                        return;
                    }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Node? FromFloat(Region region, Worker worker)
        {
            var states = region.Pattern.States();
            var pattern = new ActivationPattern(states, owner.binaryPatterns);
            var maps = ExactPatternMaps.Of(owner.exact, worker.Maps, states);
            var rows = ExactRegionRows.Build(owner.exact.Layout, owner.box, maps, states);
            if (rows == null) return null;
            var claims = region.Facets.Select(f => ClaimedRows(rows, f)).ToArray();
            var certificate = worker.Polytopes.Certify(rows.Polytope, region.Centre, claims, owner.scale);
            if (!certificate.FullDimensional) return null;
            var node = NewNode(region.Id, pattern, states, maps, rows, certificate);
            node.FloatFacetRows = owner.options.KeepRedundantRows ? claims : Renumbered(claims, certificate);
            node.FloatFacets = region.Facets;
            return node;
        }

        /// <summary>A proved region as kept until the end: with its facet rows only (renumbered) unless the options
        /// keep every row.</summary>
        private Node NewNode(int floatId, ActivationPattern pattern, byte[] states, ExactPatternMaps maps,
            ExactRegionRows rows, PolytopeCertificate certificate)
        {
            if (!owner.options.KeepRedundantRows)
            {
                rows = rows.WithRows(certificate.FacetRows());
                certificate = certificate.OnFacetRows();
            }
            var isBox = certificate.Facets.Select(f => f.Rows.Any(r => rows.Unit[r] < 0)).ToArray();
            return new Node
            {
                FloatId = floatId, Pattern = pattern, States = states, OutputMap = maps.OutputMaps(), Rows = rows,
                Certificate = certificate, IsBoxSide = isBox,
                Links = Enumerable.Repeat(-1, certificate.Facets.Length).ToArray(),
            };
        }

        /// <summary>Claims (rows of the full polytope) in the numbering of its facet rows; rows on no facet become
        /// −1, which no facet contains (<see cref="SharesARow"/>).</summary>
        private static int[][] Renumbered(int[][] claims, PolytopeCertificate full)
        {
            var renumbered = full.FacetRowNumbers();
            return claims.Select(c => c.Select(r => renumbered[r]).ToArray()).ToArray();
        }

        /// <summary>The exact rows a float facet stands for: its box side's row and its units' rows (for a maxout
        /// unit, the piece rows whose rounded unit row matches the facet's hyperplane).</summary>
        private static int[] ClaimedRows(ExactRegionRows rows, RegionFacet facet)
        {
            var p = rows.Polytope;
            var claimed = new List<int>();
            Span<double> normal = stackalloc double[p.Dimension];
            for (int r = 0; r < p.Count; r++)
            {
                int unit = rows.Unit[r];
                if (unit < 0) { if (facet.BoxSide == -1 - unit) claimed.Add(r); continue; }
                if (!facet.Units.Contains(unit)) continue;
                if (rows.Piece[r] < 0) { claimed.Add(r); continue; }
                p.ApproximateUnitRow(r, normal, out double offset);
                double distance = Math.Abs(offset - facet.Offset);
                for (int t = 0; t < normal.Length; t++) distance = Math.Max(distance, Math.Abs(normal[t] - facet.Normal[t]));
                if (distance <= NumericGuards.CertifyClaimedRow * Math.Max(1, Math.Abs(facet.Offset))) claimed.Add(r);
            }
            return claimed.ToArray();
        }

        private void CheckClaimedLinks(Node node, Dictionary<int, int> floatToNode)
        {
            for (int f = 0; f < node.Links.Length; f++)
            {
                if (node.IsBoxSide[f]) continue;
                var facet = node.Certificate.Facets[f];
                for (int k = 0; k < node.FloatFacets.Length; k++)
                {
                    int floatNeighbour = node.FloatFacets[k].Neighbour;
                    if (floatNeighbour < 0 || !SharesARow(node.FloatFacetRows[k], facet.Rows)) continue;
                    if (floatToNode.TryGetValue(floatNeighbour, out int candidate) && Borders(node, f, nodes[candidate]))
                    { node.Links[f] = candidate; break; }
                }
            }
        }

        /// <summary>Whether two short row lists have a row in common (a facet's claim and a proved facet: a few rows
        /// each, looked at for every facet of every region, so a loop rather than a set).</summary>
        private static bool SharesARow(int[] a, int[] b)
        {
            foreach (int r in a)
                if (Array.IndexOf(b, r) >= 0) return true;
            return false;
        }

        /// <summary>The region just across facet f of the node, computed exactly; added (and certified) if it is
        /// not in the set yet. −1 (and a failure) if that region does not border the facet.</summary>
        private int ExactNeighbour(Node node, int f)
        {
            var facet = node.Certificate.Facets[f];
            var p = node.Rows.Polytope;
            var owners = new HashSet<(int, int)>();
            foreach (int r in facet.Rows) owners.Add((node.Rows.Unit[r], node.Rows.Piece[r]));
            var parentMaps = ExactPatternMaps.Of(owner.exact, node.States); // pre-activation rows: all Across reads
            var (states, maps) = ExactPatternRules.Across(owner.exact, node.States, parentMaps, p.Row(facet.Rows[0]), owners);
            var pattern = new ActivationPattern(states, owner.binaryPatterns);
            if (!index.TryGetValue(pattern, out int id))
            {
                var rows = ExactRegionRows.Build(owner.exact.Layout, owner.box, maps, states);
                if (rows == null) { failure = $"the pattern across a facet of region {node.Id} has no region"; return -1; }
                var hint = facet.Witness.Select(v => v.ToDouble()).ToArray();
                var certificate = workers[0].Polytopes.Certify(rows.Polytope, hint, null, owner.scale);
                if (!certificate.FullDimensional) { failure = $"the region across a facet of region {node.Id} is empty"; return -1; }
                var added = NewNode(-1, pattern, states, maps, rows, certificate);
                added.Id = nodes.Count;
                index.Add(pattern, added.Id);
                nodes.Add(added);
                this.added++;
                id = added.Id;
            }
            if (!Borders(node, f, nodes[id]))
            {
                failure = $"region {id} does not border facet {f} of region {node.Id}";
                return -1;
            }
            return id;
        }

        /// <summary>Adds the region of a point where every unit's pre-activation is non-zero (or identically zero) and
        /// no two different maxout pieces tie, all decided exactly: such a point is interior to its region. Tried at
        /// the search's centres, the box's centre, then 64 pseudo-random points of the box (the same every run).</summary>
        private bool Seed()
        {
            int d = owner.network.InputDim;
            var lo = owner.box != null ? owner.box.Lo.ToArray() : Enumerable.Repeat(-1.0, d).ToArray();
            var hi = owner.box != null ? owner.box.Hi.ToArray() : Enumerable.Repeat(1.0, d).ToArray();
            var points = floatResult.Regions.Select(r => r.Centre).ToList();
            points.Add(lo.Zip(hi, (a, b) => 0.5 * (a + b)).ToArray());
            var rng = new Init.SplitMix64(1);
            for (int k = 0; k < 64; k++) points.Add(lo.Zip(hi, (a, b) => rng.Uniform(a, b)).ToArray());
            foreach (var x in points)
            {
                bool usable = x.Length == d && VectorMath.AllFinite(x) && (owner.box?.Contains(x) ?? true);
                if (!usable || ExactStatesAt(Rational.FromDoubles(x)) is not { } states) continue;
                var maps = ExactPatternMaps.Of(owner.exact, states);
                var rows = ExactRegionRows.Build(owner.exact.Layout, owner.box, maps, states);
                if (rows == null) continue;
                var certificate = workers[0].Polytopes.Certify(rows.Polytope, x, null, owner.scale);
                if (!certificate.FullDimensional) continue;
                var node = NewNode(-1, new ActivationPattern(states, owner.binaryPatterns), states, maps, rows, certificate);
                node.Id = nodes.Count;
                index.Add(node.Pattern, node.Id);
                nodes.Add(node);
                added++;
                return true;
            }
            return false;
        }

        /// <summary>The states at x by an exact forward pass; null when x lies on a unit's hyperplane (a
        /// pre-activation zero at x but not everywhere) or on a tie of two different maxout pieces.</summary>
        private byte[]? ExactStatesAt(Rational[] x)
        {
            var layout = owner.exact.Layout;
            int d = layout.InputDim;
            var maps = new ExactPatternMaps(owner.exact);
            var states = new byte[layout.UnitCount];
            Rational Value(ReadOnlySpan<Rational> row) => Rational.Dot(row[..d], x) + row[d];
            for (int l = 0; l < layout.LayerCount; l++)
            {
                maps.ComputePre(l);
                var layer = layout.Layer(l);
                for (int u = 0; u < layer.UnitCount; u++)
                {
                    int unit = layout.UnitOffset[l] + u;
                    if (layer.Activation != Activation.Maxout)
                    {
                        var row = maps.PreRow(l, u);
                        var v = Value(row);
                        if (v.IsZero && !ExactPatternMaps.IsZero(row)) return null;
                        states[unit] = (byte)(v.IsPositive ? 1 : 0);
                        continue;
                    }
                    int k = layer.Pieces, best = 0;
                    var bestValue = Value(maps.PreRow(l, u * k));
                    for (int p = 1; p < k; p++)
                    {
                        var v = Value(maps.PreRow(l, u * k + p));
                        if (v == bestValue && !maps.PreRow(l, u * k + p).SequenceEqual(maps.PreRow(l, u * k + best))) return null;
                        if (v > bestValue) { best = p; bestValue = v; }
                    }
                    states[unit] = (byte)best;
                }
                maps.ComputePost(l, states);
            }
            return states;
        }

        /// <summary>Whether the witness w of facet f of <paramref name="node"/> lies in the relative interior of a
        /// facet of <paramref name="other"/> on the same hyperplane, with <paramref name="other"/> on the far side:
        /// every row of the other region is strict at w except rows on the hyperplane facing the other way (at
        /// least one). Then the points w + εn belong to the other region. The other region's facet rows suffice
        /// (its other rows are implied by them, proved): if w satisfies them so, w lies in the relative interior of
        /// that facet, where every implied row is strict too.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool Borders(Node node, int f, Node other)
        {
            var facet = node.Certificate.Facets[f];
            var p = node.Rows.Polytope;
            int rep = facet.Rows[0];
            var q = other.Rows.Polytope;
            bool opposite = false;
            Span<double> approx = stackalloc double[q.Dimension];
            bool ok = ExactPolytope.Approximate(facet.Witness, approx);
            for (int j = 0; j < q.Count; j++)
            {
                int sign = q.SlackSign(j, facet.Witness, approx, ok);
                if (sign > 0) continue;
                if (sign < 0 || ExactPolytope.Proportional(q.Row(j), q.Rhs(j), p.Row(rep), p.Rhs(rep)) >= 0) return false;
                opposite = true;
            }
            return opposite;
        }

        private void ForEach(int n, Action<Worker, int> body) => StridedParallel.ForEach(workers, n, body);

        public CertificationResult Result(double seconds)
        {
            var regions = nodes.Select(n => new CertifiedRegion(n.Id, n.FloatId, n.Pattern, n.Certificate.Interior!,
                n.Certificate.Facets.Length, n.IsBoxSide.Count(b => !b), n.Links.Where(l => l >= 0).ToArray())
            {
                Polytope = n.Rows.Polytope,
                Certificate = n.Certificate,
                Links = n.Links,
                RowUnits = n.Rows.Unit,
                OutputMap = n.OutputMap,
            }).ToArray();
            var repairs = new CertificationRepairs(dropped, added, facetsRemoved, facetsAdded, neighboursCorrected);
            return new CertificationResult(failure == null, failure, repairs, regions.Length, LinearRegionCount(),
                RegionSummary.Histogram(regions.Select(r => r.FaceCount)),
                RegionSummary.Histogram(regions.Select(r => r.NeuronFaceCount)),
                regions, workers.Sum(w => w.Polytopes.ExactSolves), seconds);
        }

        /// <summary>Connected unions of adjacent regions whose exact output maps are equal (union–find).</summary>
        private int LinearRegionCount()
        {
            var outputs = nodes.Select(n => n.OutputMap).ToArray();
            var parent = Enumerable.Range(0, nodes.Count).ToArray();
            int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
            int components = nodes.Count;
            foreach (var node in nodes)
                foreach (int n in node.Links)
                {
                    if (n <= node.Id || !outputs[n].AsSpan().SequenceEqual(outputs[node.Id])) continue;
                    int a = Find(node.Id), b = Find(n);
                    if (a == b) continue;
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                    components--;
                }
            return components;
        }
    }
}
