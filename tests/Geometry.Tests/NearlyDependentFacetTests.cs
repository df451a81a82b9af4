using System.Globalization;

namespace Polytopes.Geometry.Tests;

/// <summary>
/// A 5-D polytope whose rows nearly coincide (fixtures/geometry/apex_5d.ine: the box and 29 rows through one
/// point, mixed from three shared directions with noise down to 1e-8), with each row's exact reach beyond its
/// hyperplane once dropped, by lrslib (apex_5d.excess, made by exact_excess.py). A row is a facet when that
/// exceeds the facet tolerance (1e-9 here); the nearest call is row 24 at 4.2e-9. The vertex simplex's basis
/// inverse drifted on these rows: its "optimum" for row 24 lay 8e-6 off two rows with a value 8.5e-6 below the
/// truth, and Clarkson's finder called row 24 redundant.
/// </summary>
public sealed class NearlyDependentFacetTests
{
    [Fact]
    public void Clarkson_and_the_textbook_finder_give_the_exact_facets()
    {
        var dir = Path.Combine(Fixtures.RepoRoot(), "fixtures", "geometry");
        var p = ReadIne(Path.Combine(dir, "apex_5d.ine"));
        var expected = File.ReadAllLines(Path.Combine(dir, "apex_5d.excess"))
            .Select(line => line.Split(' '))
            .Select(f => f[1] == "unbounded" || double.Parse(f[1], CultureInfo.InvariantCulture) > Tolerances.Default.Facet
                ? int.Parse(f[0], CultureInfo.InvariantCulture) : -1)
            .ToArray();
        Assert.Equal(p.Count, expected.Length);
        var ball = new ChebyshevSolver().Compute(p);
        var clarkson = new int[p.Count];
        var textbook = new int[p.Count];
        new FacetFinder().Find(p.RowMajorA, p.B, p.Dimension, ball.Centre, 1, clarkson);
        new TextbookFacetFinder().Find(p.RowMajorA, p.B, p.Dimension, ball.Centre, 1, textbook);
        Assert.Equal(expected, clarkson);
        Assert.Equal(expected, textbook);
    }

    /// <summary>A cddlib H-representation whose rows are "b −a_1 … −a_d".</summary>
    private static HPolytope ReadIne(string path)
    {
        var lines = File.ReadAllLines(path);
        int begin = Array.IndexOf(lines, "begin");
        var size = lines[begin + 1].Split(' ');
        int m = int.Parse(size[0], CultureInfo.InvariantCulture), d = int.Parse(size[1], CultureInfo.InvariantCulture) - 1;
        var rows = new double[m][];
        var rhs = new double[m];
        for (int i = 0; i < m; i++)
        {
            var v = lines[begin + 2 + i].Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            rhs[i] = v[0];
            rows[i] = v.Skip(1).Select(t => -t).ToArray();
        }
        return HPolytope.FromRows(rows, rhs);
    }
}
