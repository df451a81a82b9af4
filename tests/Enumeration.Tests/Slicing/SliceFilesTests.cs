using Polytopes.Enumeration.Slicing;

namespace Polytopes.Enumeration.Tests.Slicing;

/// <summary>SLICE.json and POINTS.json: good files read, every bad one is one line naming the file.</summary>
public sealed class SliceFilesTests : IDisposable
{
    private readonly string directory =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "polytopes-slice-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(directory, $"f{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }

    private string SliceProblem(string text, int inputDim = 3)
    {
        var path = Write(text);
        var e = Assert.Throws<InputException>(() => SliceFiles.ReadSlice(path, inputDim));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message[(path.Length + 2)..];
    }

    [Fact]
    public void GoodSlice_Reads()
    {
        var s = SliceFiles.ReadSlice(Write("""{"origin": [1, 2, 3], "basis": [[1, 0, 0], [0, 0, 2]], "lo": [-1, 0], "hi": [1, 5], "note": "ignored"}"""), 3);
        Assert.Equal(2, s.Dimension);
        Assert.Equal([1.0, 2.0, 3.0], s.Origin.ToArray());
        Assert.Equal([0.0, 0.0, 2.0], s.BasisVector(1).ToArray());
        Assert.Equal(5.0, s.Box.Hi[1]);
    }

    [Fact]
    public void BasisOfTheWrongWidth_NamesTheVectorAndTheInputDim() =>
        Assert.Equal("basis[1] has 2 entries but the network's input_dim is 3",
            SliceProblem("""{"origin": [1, 2, 3], "basis": [[1, 0, 0], [0, 2]], "lo": [0, 0], "hi": [1, 1]}"""));

    [Fact]
    public void OriginOfTheWrongWidth_IsNamed() =>
        Assert.Equal("origin has 2 entries but the network's input_dim is 3",
            SliceProblem("""{"origin": [1, 2], "basis": [[1, 0, 0]], "lo": [0], "hi": [1]}"""));

    [Fact]
    public void BoxOfTheWrongDimension_IsNamed() =>
        Assert.Equal("lo has 2 entries but basis has 1 vector",
            SliceProblem("""{"origin": [1, 2, 3], "basis": [[1, 0, 0]], "lo": [0, 0], "hi": [1]}"""));

    [Fact]
    public void ZeroBasisVector_IsNamed() =>
        Assert.Equal("basis[1] is zero",
            SliceProblem("""{"origin": [0, 0, 0], "basis": [[1, 0, 0], [0, 0, 0]], "lo": [0, 0], "hi": [1, 1]}"""));

    [Fact]
    public void ADirectory_IsNamedAsOne()
    {
        var e = Assert.Throws<InputException>(() => SliceFiles.ReadSlice(Path.GetTempPath(), 3));
        Assert.EndsWith("is a directory, not a file", e.Message);
    }

    [Fact]
    public void EmptyBoxInterval_IsNamed() =>
        Assert.Equal("lo[0] >= hi[0] (1 >= 1)", SliceProblem("""{"origin": [1, 2, 3], "basis": [[1, 0, 0]], "lo": [1], "hi": [1]}"""));

    [Fact]
    public void DependentBasis_IsNamed() =>
        Assert.Contains("linearly dependent",
            SliceProblem("""{"origin": [0, 0, 0], "basis": [[1, 1, 0], [-2, -2, 0]], "lo": [0, 0], "hi": [1, 1]}"""));

    [Fact]
    public void MissingKey_IsNamed() =>
        Assert.Equal("missing required key \"basis\"", SliceProblem("""{"origin": [0, 0, 0], "lo": [0], "hi": [1]}"""));

    [Fact]
    public void MalformedJson_GivesThePosition() =>
        Assert.StartsWith("malformed JSON at line 1", SliceProblem("""{"origin": [0, 0"""));

    [Fact]
    public void NonNumber_IsNamed() =>
        Assert.Equal("basis[0][1] should be a finite number but is a string",
            SliceProblem("""{"origin": [0, 0, 0], "basis": [[1, "x", 0]], "lo": [0], "hi": [1]}"""));

    [Fact]
    public void MissingFile_IsNotFound()
    {
        var path = Path.Combine(directory, "none.json");
        Assert.Equal($"{path}: file not found", Assert.Throws<InputException>(() => SliceFiles.ReadSlice(path, 2)).Message);
    }

    [Fact]
    public void PointsAsObjectOrBareArray_Read()
    {
        var a = SliceFiles.ReadPoints(Write("""{"points": [[0, 1], [2, 3]]}"""), 2, 2, "a segment");
        var b = SliceFiles.ReadPoints(Write("""[[0, 1], [2, 3]]"""), 2, 2, "a segment");
        Assert.Equal(a, b);
        Assert.Equal([2.0, 3.0], a[1]);
    }

    [Fact]
    public void WrongNumberOfPoints_IsNamed()
    {
        var path = Write("""{"points": [[0, 1], [2, 3]]}""");
        Assert.Equal($"{path}: a plane needs 3 points, got 2",
            Assert.Throws<InputException>(() => SliceFiles.ReadPlaneThrough(path, 2)).Message);
    }

    [Fact]
    public void CollinearPoints_AreADegeneratePlane()
    {
        var path = Write("""{"points": [[0, 0, 0], [1, 2, 3], [-2, -4, -6]]}""");
        var e = Assert.Throws<InputException>(() => SliceFiles.ReadPlaneThrough(path, 3));
        Assert.Equal($"{path}: the three points are collinear (or coincide), so they do not span a plane", e.Message);
    }

    [Fact]
    public void PointOfTheWrongWidth_IsNamed()
    {
        var path = Write("""{"points": [[0, 0, 0], [1, 2], [0, 1, 0]]}""");
        Assert.Equal($"{path}: points[1] has 2 entries but the network's input_dim is 3",
            Assert.Throws<InputException>(() => SliceFiles.ReadPlaneThrough(path, 3)).Message);
    }
}
