namespace Polytopes.Geometry.Tests;

/// <summary>The 3-D clipping path (<see cref="ConvexPolyhedron"/>) against cddlib/lrs (facets, vertices, exact
/// volume), against the LP path on random polytopes, and on its degenerate cases, each named.</summary>
public sealed class PolyhedronTests
{
    public static TheoryData<string> FullDimensional3D => Fixtures.Names(p => p.FullDimensional && p.Dim == 3);
    public static TheoryData<string> NotFullDimensional3D => Fixtures.Names(p => !p.FullDimensional && p.Dim == 3);

    [Theory]
    [MemberData(nameof(FullDimensional3D))]
    public void Analyze_FixturePolytope_FacetsVerticesAndVolumeMatchCddAndLrs(string name)
    {
        var f = Fixtures.Get(name);
        var p = f.Polytope.Normalized();
        var analyzer = new PolytopeAnalyzer(3);
        Assert.True(analyzer.Analyze(p.RowMajorA, p.B, [0, 0, 0], 1), $"{name}: not full-dimensional");
        Assert.True(analyzer.HasPolyhedron, $"{name}: the polyhedron path was not taken");
        Assert.Equal(TestUtil.Show(f.ExpectedFacetOf()), TestUtil.Show(analyzer.FacetOf.ToArray()));
        Assert.Equal(f.ChebyshevRadius, analyzer.Radius, 9);

        var polyhedron = analyzer.Polyhedron;
        Assert.True(Math.Abs(polyhedron.Volume() - f.Volume) <= 1e-12 * f.Volume,
            $"{name}: volume {polyhedron.Volume():R}, lrs {f.Volume:R}");
        var actual = polyhedron.Vertices().Chunk(3).ToArray();
        Assert.True(actual.Length == f.Vertices.Length, $"{name}: {actual.Length} vertices, lrs {f.Vertices.Length}");
        foreach (var v in f.Vertices)
            Assert.True(actual.Count(w => VectorMath.Distance(v, w) <= 1e-9) == 1,
                $"{name}: lrs vertex ({string.Join(", ", v)}) not matched exactly once");
    }

    [Theory]
    [MemberData(nameof(NotFullDimensional3D))]
    public void Analyze_FlatOrEmptyFixture_IsRejected(string name)
    {
        var p = Fixtures.Get(name).Polytope.Normalized();
        Assert.False(new PolytopeAnalyzer(3).Analyze(p.RowMajorA, p.B, [0, 0, 0], 1));
    }

    /// <summary>Differential test: random polytopes (the cube [-1,1]^3 cut by random planes near the origin, the
    /// cube's six rows last, as the search lists box sides) give the same facets and Chebyshev radius by clipping
    /// as by the LP path (<see cref="FacetFinder"/>).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Analyze_RandomPolytopes_ClippingAgreesWithTheLpPath(int seed)
    {
        var rng = new Random(seed);
        var clipping = new PolytopeAnalyzer(3);
        var lp = new PolytopeAnalyzer(3) { UsePolyhedron = false };
        int compared = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            int planes = rng.Next(40), m = planes + 6;
            var a = new double[3 * m];
            var b = new double[m];
            for (int j = 0; j < 3; j++)
            {
                a[3 * (planes + 2 * j) + j] = 1; b[planes + 2 * j] = 1;
                a[3 * (planes + 2 * j + 1) + j] = -1; b[planes + 2 * j + 1] = 1;
            }
            for (int i = 0; i < planes; i++)
            {
                double x = Gaussian(rng), y = Gaussian(rng), z = Gaussian(rng), norm = Math.Sqrt(x * x + y * y + z * z);
                a[3 * i] = x / norm; a[3 * i + 1] = y / norm; a[3 * i + 2] = z / norm;
                b[i] = 0.05 + rng.NextDouble();
            }
            double[] start = [0.3 * Gaussian(rng), 0.3 * Gaussian(rng), 0.3 * Gaussian(rng)];
            bool full = clipping.Analyze(a, b, start, 1);
            Assert.True(clipping.HasPolyhedron || !full, $"seed {seed} trial {trial}: clipping path not taken");
            Assert.Equal(lp.Analyze(a, b, start, 1), full);
            if (!full) continue;
            Assert.True(clipping.Radius == lp.Radius || Math.Abs(clipping.Radius - lp.Radius) <= 1e-9,
                $"seed {seed} trial {trial}: radius {clipping.Radius:R} by clipping, {lp.Radius:R} by LP");
            Assert.Equal(TestUtil.Show(lp.FacetOf.ToArray()), TestUtil.Show(clipping.FacetOf.ToArray()));
            compared++;
        }
        Assert.True(compared > 100, $"only {compared} full-dimensional polytopes compared");
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>The cube [-1, 1]³ clipped by up to <paramref name="cuts"/> random planes (unit normals, offsets in
    /// [0, 0.9): each keeps the centre), the plane of cut c on row c.</summary>
    private static ConvexPolyhedron RandomlyClippedCube(Random rng, int cuts)
    {
        var q = UnitCube();
        for (int cut = 0; cut < cuts; cut++)
        {
            double ax = rng.NextDouble() * 2 - 1, ay = rng.NextDouble() * 2 - 1, az = rng.NextDouble() * 2 - 1;
            double norm = Math.Sqrt(ax * ax + ay * ay + az * az);
            if (norm < 1e-3) continue;
            q.Clip(ax / norm, ay / norm, az / norm, rng.NextDouble() * 0.9, cut, 1e-12);
        }
        return q;
    }

    private static ConvexPolyhedron UnitCube()
    {
        var q = new ConvexPolyhedron();
        q.StartCube(0, 0, 0, 1);
        return q;
    }

    /// <summary>
    /// Every face stays a convex polygon on a supporting plane, counter-clockwise seen from outside, through random
    /// clips of the cube, half of them by planes through three of the current vertices (cuts through vertices and
    /// along edges, where the cut face's vertices lie on the plane rather than on crossed edges). Checked from the
    /// vertices alone: the loop's Newell normal points away from the vertex centroid, consecutive turns all go
    /// the same way about it, and no vertex lies beyond the face's plane.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Clip_RandomCuts_KeepEveryFaceConvexAndOrientedOutwards(int seed)
    {
        var rng = new Random(seed);
        int checkedFaces = 0;
        for (int trial = 0; trial < 100; trial++)
        {
            var q = UnitCube();
            for (int cut = 0; cut < 12; cut++)
            {
                double ax, ay, az, b;
                if (rng.Next(2) == 0 && q.VertexCount >= 3)
                {
                    var (u, v, w) = (rng.Next(q.VertexCount), rng.Next(q.VertexCount), rng.Next(q.VertexCount));
                    double[] e1 = [q.X(v) - q.X(u), q.Y(v) - q.Y(u), q.Z(v) - q.Z(u)];
                    double[] e2 = [q.X(w) - q.X(u), q.Y(w) - q.Y(u), q.Z(w) - q.Z(u)];
                    (ax, ay, az) = (e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]);
                }
                else (ax, ay, az) = (rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1);
                double norm = Math.Sqrt(ax * ax + ay * ay + az * az);
                if (norm < 1e-3) continue;
                (ax, ay, az) = (ax / norm, ay / norm, az / norm);
                b = rng.Next(2) == 0 && q.VertexCount > 0
                    ? ax * q.X(0) + ay * q.Y(0) + az * q.Z(0) // through a vertex (and the other two, if chosen so)
                    : rng.NextDouble() * 0.8 - 0.2;
                if (!q.Clip(ax, ay, az, b, cut, 1e-12)) break;
                checkedFaces += AssertFacesConvexAndOutward(q);
            }
        }
        Assert.True(checkedFaces > 1000, $"only {checkedFaces} faces checked");
    }

    private static int AssertFacesConvexAndOutward(ConvexPolyhedron q)
    {
        double cx = 0, cy = 0, cz = 0;
        for (int v = 0; v < q.VertexCount; v++) { cx += q.X(v); cy += q.Y(v); cz += q.Z(v); }
        (cx, cy, cz) = (cx / q.VertexCount, cy / q.VertexCount, cz / q.VertexCount);
        for (int f = 0; f < q.FaceCount; f++)
        {
            var loop = q.FaceLoop(f);
            double nx = 0, ny = 0, nz = 0, gx = 0, gy = 0, gz = 0;
            for (int j = 0; j < loop.Length; j++)
            {
                int p = loop[j], r = loop[(j + 1) % loop.Length];
                nx += (q.Y(p) - q.Y(r)) * (q.Z(p) + q.Z(r));
                ny += (q.Z(p) - q.Z(r)) * (q.X(p) + q.X(r));
                nz += (q.X(p) - q.X(r)) * (q.Y(p) + q.Y(r));
                gx += q.X(p); gy += q.Y(p); gz += q.Z(p);
            }
            (gx, gy, gz) = (gx / loop.Length, gy / loop.Length, gz / loop.Length);
            double length = Math.Sqrt(nx * nx + ny * ny + nz * nz);
            if (length < 1e-9) continue; // a sliver face of no area: no direction to check
            (nx, ny, nz) = (nx / length, ny / length, nz / length);
            Assert.True(nx * (gx - cx) + ny * (gy - cy) + nz * (gz - cz) > 0, $"face {f} faces inwards");
            for (int v = 0; v < q.VertexCount; v++)
                Assert.True(nx * (q.X(v) - gx) + ny * (q.Y(v) - gy) + nz * (q.Z(v) - gz) <= 1e-9,
                    $"vertex {v} lies beyond face {f}'s plane");
            for (int j = 0; j < loop.Length; j++)
            {
                int p = loop[j], r = loop[(j + 1) % loop.Length], t = loop[(j + 2) % loop.Length];
                double ux = q.X(r) - q.X(p), uy = q.Y(r) - q.Y(p), uz = q.Z(r) - q.Z(p);
                double wx = q.X(t) - q.X(r), wy = q.Y(t) - q.Y(r), wz = q.Z(t) - q.Z(r);
                double turn = nx * (uy * wz - uz * wy) + ny * (uz * wx - ux * wz) + nz * (ux * wy - uy * wx);
                Assert.True(turn >= -1e-9, $"face {f} turns the wrong way at its vertex {r}");
            }
        }
        return q.FaceCount;
    }

    /// <summary>Unit normals spread evenly over the sphere (a Fibonacci lattice): the planes x·u = 1 are all tangent
    /// to the unit ball, and each is a facet of the polytope they bound (its touching point lies strictly inside
    /// every other half-space).</summary>
    private static double[][] SphereDirections(int count) => Enumerable.Range(0, count).Select(i =>
    {
        double z = 1 - (2 * i + 1.0) / count, r = Math.Sqrt(1 - z * z), phi = i * Math.PI * (3 - Math.Sqrt(5));
        return new[] { r * Math.Cos(phi), r * Math.Sin(phi), z };
    }).ToArray();

    /// <summary>Fifty tangent planes of the unit ball, clipped from a large cube: fifty faces (every side of the
    /// cube cut away), and a volume above the ball's (4π/3) and below that of the cube around the ball (8).</summary>
    [Fact]
    public void Clip_FiftyTangentPlanes_GivesFiftyFacesAroundTheBall()
    {
        var q = new ConvexPolyhedron();
        q.StartCube(0, 0, 0, 10);
        var normals = SphereDirections(50);
        for (int i = 0; i < normals.Length; i++) Assert.True(q.Clip(normals[i][0], normals[i][1], normals[i][2], 1, i, 1e-12));
        Assert.False(q.TooManyFaces);
        Assert.Equal(50, q.FaceCount);
        Assert.Equal(Enumerable.Range(0, 50), Enumerable.Range(0, q.FaceCount).Select(q.FaceRow).Order());
        double volume = q.Volume();
        Assert.True(volume > 4 * Math.PI / 3 && volume < 8, $"volume {volume}");
        AssertFacesConvexAndOutward(q);
    }

    /// <summary>Seventy tangent planes need more faces at once than the polyhedron keeps (64): it says so, and the
    /// analysis then finds the seventy facets by the LP path instead.</summary>
    [Fact]
    public void Analyze_SeventyFacets_FallsBackToTheLpPathWithEveryFacet()
    {
        var q = new ConvexPolyhedron();
        q.StartCube(0, 0, 0, 10);
        var normals = SphereDirections(70);
        for (int i = 0; i < normals.Length; i++) q.Clip(normals[i][0], normals[i][1], normals[i][2], 1, i, 1e-12);
        Assert.True(q.TooManyFaces);

        // The box [-2, 2]^3 (redundant) and the seventy planes.
        var rows = new List<double>();
        var rhs = new List<double>();
        for (int j = 0; j < 3; j++)
            for (int sign = -1; sign <= 1; sign += 2) { var row = new double[3]; row[j] = sign; rows.AddRange(row); rhs.Add(2); }
        foreach (var u in normals) { rows.AddRange(u); rhs.Add(1); }
        var analyzer = new PolytopeAnalyzer(3);
        Assert.True(analyzer.Analyze(rows.ToArray(), rhs.ToArray(), [0.5, 0, 0], 2));
        Assert.False(analyzer.HasPolyhedron);
        Assert.Equal(70, analyzer.FacetCount);
        Assert.Equal(1, analyzer.Radius, 9);
        for (int i = 0; i < 6; i++) Assert.Equal(-1, analyzer.FacetOf[i]);
    }

    /// <summary><see cref="ConvexPolyhedron.FaceWiderThan"/> decides as twice the area against the width times the
    /// perimeter does, on the faces of random polytopes, at widths well below each face's own width 2A/P (its
    /// shortcut from the unordered vertices) and just around it (the loop decides).</summary>
    [Fact]
    public void FaceWiderThan_AgreesWithAreaAndPerimeter()
    {
        var rng = new Random(17);
        int shortcut = 0, close = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            var q = RandomlyClippedCube(rng, 10);
            for (int f = 0; f < q.FaceCount; f++)
            {
                double own = 2 * q.FaceArea(f) / q.FacePerimeter(f);
                foreach (double width in new[] { own * 1e-6, own * 0.01, own * (1 - 1e-9), own * (1 + 1e-9), own * 2 })
                {
                    bool expected = 2 * q.FaceArea(f) > width * q.FacePerimeter(f);
                    Assert.Equal(expected, q.FaceWiderThan(f, width));
                    if (width < own * 0.02) shortcut++; else close++;
                }
            }
        }
        Assert.True(shortcut > 1000 && close > 1000, $"{shortcut} and {close} faces checked");
    }

    /// <summary><see cref="ConvexPolyhedron.AllFacesWiderThan"/> gives the faces' rows (as <see cref="ConvexPolyhedron.FaceRow"/>
    /// lists them) and decides as twice the area against the width times the perimeter does for the narrowest
    /// face: just below its own width 2A/P all are wider, just above it not (the loops decide both).</summary>
    [Fact]
    public void AllFacesWiderThan_AgreesWithAreaAndPerimeter()
    {
        var rng = new Random(19);
        var rows = new int[64];
        for (int trial = 0; trial < 200; trial++)
        {
            var q = RandomlyClippedCube(rng, 10);
            var listed = Enumerable.Range(0, q.FaceCount).Select(q.FaceRow).Order().ToArray();
            double narrowest = Enumerable.Range(0, q.FaceCount).Min(f => 2 * q.FaceArea(f) / q.FacePerimeter(f));
            Assert.True(q.AllFacesWiderThan(narrowest * 0.01, rows, out int count));
            Assert.Equal(listed, rows[..count].Order().ToArray());
            Assert.True(q.AllFacesWiderThan(narrowest * (1 - 1e-9), rows, out _));
            Assert.False(q.AllFacesWiderThan(narrowest * (1 + 1e-9), rows, out _));
        }
    }

    /// <summary><see cref="ConvexPolyhedron.Split"/> gives the two parts a copy and two clips with opposite
    /// half-spaces give, vertex for vertex and face for face, and splits nothing where the plane misses, touches at
    /// a vertex or leaves a vertex within the tolerance (its counts then as <see cref="ConvexPolyhedron.Sides"/>).</summary>
    [Fact]
    public void Split_IsACopyAndTwoClips()
    {
        var rng = new Random(23);
        int splits = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var q = RandomlyClippedCube(rng, 6);
            var (bx, by, bz) = RandomUnit(rng);
            // A random plane, or one through a vertex (on it within the tolerance: not split).
            double b = trial % 5 == 0 ? bx * q.X(0) + by * q.Y(0) + bz * q.Z(0) : rng.NextDouble() * 1.6 - 0.8;
            var inside = new ConvexPolyhedron();
            inside.CopyFrom(q);
            var beyond = new ConvexPolyhedron();
            beyond.CopyFrom(q);
            var sides = q.Sides(bx, by, bz, b, 1e-12);
            var split = new ConvexPolyhedron();
            Assert.Equal(sides, inside.Split(split, bx, by, bz, b, 99, 1e-12));
            if (sides.Beyond == 0 || sides.Inside == 0 || sides.Beyond + sides.Inside != q.VertexCount)
            {
                AssertSame(q, inside);
                continue;
            }
            splits++;
            var clipped = new ConvexPolyhedron();
            clipped.CopyFrom(q);
            clipped.Clip(bx, by, bz, b, 99, 1e-12);
            beyond.Clip(-bx, -by, -bz, -b, 99, 1e-12);
            AssertSame(clipped, inside);
            AssertSame(beyond, split);
        }
        Assert.True(splits > 100, $"only {splits} splits");

        static (double, double, double) RandomUnit(Random rng)
        {
            while (true)
            {
                double ax = rng.NextDouble() * 2 - 1, ay = rng.NextDouble() * 2 - 1, az = rng.NextDouble() * 2 - 1;
                double norm = Math.Sqrt(ax * ax + ay * ay + az * az);
                if (norm > 1e-3) return (ax / norm, ay / norm, az / norm);
            }
        }

        static void AssertSame(ConvexPolyhedron expected, ConvexPolyhedron actual)
        {
            Assert.Equal(expected.VertexCount, actual.VertexCount);
            for (int v = 0; v < expected.VertexCount; v++)
            {
                Assert.Equal(expected.X(v), actual.X(v));
                Assert.Equal(expected.Y(v), actual.Y(v));
                Assert.Equal(expected.Z(v), actual.Z(v));
            }
            Assert.Equal(expected.FaceCount, actual.FaceCount);
            for (int f = 0; f < expected.FaceCount; f++)
            {
                Assert.Equal(expected.FaceRow(f), actual.FaceRow(f));
                Assert.Equal(expected.FaceLoop(f).ToArray(), actual.FaceLoop(f).ToArray());
            }
            Assert.Equal(expected.Volume(), actual.Volume());
        }
    }

    [Fact]
    public void StartCube_HasVolumeEightAndEightVertices()
    {
        var q = UnitCube();
        Assert.Equal(8, q.VertexCount);
        Assert.Equal(6, q.FaceCount);
        Assert.Equal(8, q.Volume(), 12);
        for (int f = 0; f < 6; f++) Assert.Equal(4, q.FaceArea(f), 12);
    }

    [Fact]
    public void Clip_PlaneThroughTheCentre_HalvesTheCubeAndAddsOneSquareFace()
    {
        var q = UnitCube();
        Assert.True(q.Clip(1, 0, 0, 0, 7, 1e-12));
        Assert.True(q.Cut);
        Assert.Equal(8, q.VertexCount);
        Assert.Equal(6, q.FaceCount);
        Assert.Equal(4, q.Volume(), 12);
        int cut = Enumerable.Range(0, q.FaceCount).Single(f => q.FaceRow(f) == 7);
        Assert.Equal(4, q.FaceArea(cut), 12);
    }

    /// <summary>The plane x + y + z = 2 cuts the corner (1,1,1) off as a tetrahedron with legs 1: volume 1/6,
    /// the cut face an equilateral triangle with side √2 (area √3/2).</summary>
    [Fact]
    public void Clip_CornerCut_RemovesATetrahedronOfVolumeOneSixth()
    {
        var q = UnitCube();
        double s = Math.Sqrt(3);
        Assert.True(q.Clip(1 / s, 1 / s, 1 / s, 2 / s, 0, 1e-12));
        Assert.Equal(10, q.VertexCount);
        Assert.Equal(7, q.FaceCount);
        Assert.Equal(8 - 1.0 / 6, q.Volume(), 12);
        int cut = Enumerable.Range(0, q.FaceCount).Single(f => q.FaceRow(f) == 0);
        Assert.Equal(Math.Sqrt(3) / 2, q.FaceArea(cut), 12);
    }

    /// <summary>Degenerate: a plane touching the cube only at the vertex (1,1,1) cuts nothing.</summary>
    [Fact]
    public void Clip_PlaneTouchingOnlyAVertex_ChangesNothing()
    {
        var q = UnitCube();
        double s = Math.Sqrt(3);
        Assert.True(q.Clip(1 / s, 1 / s, 1 / s, 3 / s, 0, 1e-12));
        Assert.False(q.Cut);
        Assert.Equal(6, q.FaceCount);
        Assert.Equal(8, q.Volume(), 12);
    }

    /// <summary>Degenerate: the diagonal plane x = y contains two opposite edges (four vertices) exactly; what is
    /// left is a triangular prism whose cut face is the 2 × 2√2 rectangle through them.</summary>
    [Fact]
    public void Clip_PlaneThroughFourVertices_UsesThemAsTheCutFace()
    {
        var q = UnitCube();
        double s = Math.Sqrt(2);
        Assert.True(q.Clip(1 / s, -1 / s, 0, 0, 3, 1e-12));
        Assert.Equal(6, q.VertexCount);
        Assert.Equal(5, q.FaceCount); // a triangular prism
        Assert.Equal(4, q.Volume(), 12);
        int cut = Enumerable.Range(0, q.FaceCount).Single(f => q.FaceRow(f) == 3);
        Assert.Equal(4 * Math.Sqrt(2), q.FaceArea(cut), 12);
    }

    /// <summary>Degenerate: a plane on a face of the cube (a duplicate constraint) cuts nothing.</summary>
    [Fact]
    public void Clip_PlaneOnAFace_ChangesNothing()
    {
        var q = UnitCube();
        Assert.True(q.Clip(0, 0, 1, 1, 0, 1e-12));
        Assert.False(q.Cut);
        Assert.Equal(8, q.Volume(), 12);
    }

    [Fact]
    public void Clip_PlaneMissingTheCube_LeavesItEmpty()
    {
        var q = UnitCube();
        Assert.False(q.Clip(1, 0, 0, -1.5, 0, 1e-12));
        Assert.Equal(0, q.VertexCount);
    }

    /// <summary>The pseudo-angle orders directions as atan2 does (checked on 3600 directions around the circle).</summary>
    [Fact]
    public void PseudoAngle_IsMonotoneInTheAngle()
    {
        double previous = double.NegativeInfinity;
        for (int k = 0; k < 3600; k++)
        {
            double t = -Math.PI + 2 * Math.PI * (k + 0.5) / 3600;
            double p = ConvexPolyhedron.PseudoAngle(Math.Cos(t), Math.Sin(t));
            // atan2 runs from −π to π; the pseudo-angle from 0 at angle 0 to 4 just below 2π, so unwrap at angle 0.
            double unwrapped = t < 0 ? p - 4 : p;
            Assert.True(unwrapped > previous, $"not increasing at angle {t}");
            previous = unwrapped;
        }
    }
}
