using System.Globalization;

namespace Polytopes.Geometry.Tests;

/// <summary>
/// Polytopes on which the floating-point facet finders went wrong, each with every row's exact reach beyond its
/// hyperplane once dropped, by lrslib (fixtures/geometry/NAME.excess, made by exact_excess.py from NAME.ine). A
/// row is a facet when that exceeds the facet tolerance (1e-9 here); the nearest calls are row 24 of apex_5d at
/// 4.2e-9 and row 16 of sliver_5d at 2.8e-9.
/// </summary>
public sealed class NearlyDependentFacetTests
{
    /// <summary>apex_5d: the box and 29 rows through one point, mixed from three shared directions with noise down
    /// to 1e-8 (the nearest call is row 24 at 4.2e-9). The vertex simplex's basis inverse drifted on these rows: its
    /// "optimum" for row 24 lay 8e-6 off two rows with a value 8.5e-6 below the truth, and Clarkson's finder called
    /// row 24 redundant.</summary>
    [Fact]
    public void Clarkson_and_the_textbook_finder_give_the_exact_facets_of_nearly_dependent_rows()
    {
        var (p, expected) = Load("apex_5d");
        var ball = new ChebyshevSolver().Compute(p);
        var clarkson = new int[p.Count];
        var textbook = new int[p.Count];
        new FacetFinder().Find(p.RowMajorA, p.B, p.Dimension, ball.Centre, 1, clarkson);
        new TextbookFacetFinder().Find(p.RowMajorA, p.B, p.Dimension, ball.Centre, 1, textbook);
        Assert.Equal(expected, clarkson);
        Assert.Equal(expected, textbook);
    }

    /// <summary>sliver_5d: a region of a 5-8-6 network without biases whose first-layer rows are mixes of three
    /// directions plus noise, 4e-8 thin against the box side x_0 = 1, with the centre the search gave it. The LP
    /// for row 10 ended at a point from which the ray left through row 11, a facet already known, and Clarkson's
    /// loop added row 11 again and again until it overran its list (an internal error of `enumerate` on that
    /// network, since at least the sixth session).</summary>
    [Fact]
    public void Clarkson_finishes_on_a_sliver_whose_ray_leaves_through_a_known_facet()
    {
        var (p, expected) = Load("sliver_5d");
        double[] centre = [0.9999999635390933, -0.5052553924418158, -0.31452454559015514, 0.4785999977974074, 0.37228680931186076];
        var clarkson = new int[p.Count];
        new FacetFinder().Find(p.RowMajorA, p.B, p.Dimension, centre, 1, clarkson);
        Assert.Equal(expected, clarkson);
    }

    /// <summary>The fixture's polytope and, per row, itself when its exact reach exceeds the facet tolerance (or
    /// is unbounded), else −1 (no fixture has coinciding rows).</summary>
    private static (HPolytope Polytope, int[] FacetOf) Load(string name)
    {
        var dir = Path.Combine(Fixtures.RepoRoot(), "fixtures", "geometry");
        var p = ReadIne(Path.Combine(dir, name + ".ine"));
        var expected = File.ReadAllLines(Path.Combine(dir, name + ".excess"))
            .Select(line => line.Split(' '))
            .Select(f => f[1] == "unbounded" || double.Parse(f[1], CultureInfo.InvariantCulture) > Tolerances.Default.Facet
                ? int.Parse(f[0], CultureInfo.InvariantCulture) : -1)
            .ToArray();
        Assert.Equal(p.Count, expected.Length);
        return (p, expected);
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
