using Polytopes.Enumeration.Regions;

namespace Polytopes.Enumeration.Tests.Regions;

public class FacetRowArraysPoolTests
{
    [Fact]
    public void Rent_GivesPowerOfTwoCapacities_AndReusesTheSmallestSpareThatFits()
    {
        var pool = new FacetRowArraysPool(dimension: 3);
        var sixteen = pool.Rent(9);
        Assert.Equal(16, sixteen.Rhs.Length);
        Assert.Equal(16 * 3, sixteen.Rows.Length);
        Assert.All(new[] { sixteen.Unit, sixteen.Piece, sixteen.FacetOf }, a => Assert.Equal(16, a.Length));
        var thirtyTwo = pool.Rent(17);
        Assert.Equal(32, thirtyTwo.Rhs.Length);
        Assert.Equal(64, pool.Rent(33).Rhs.Length);

        pool.Return(thirtyTwo);
        pool.Return(sixteen);
        Assert.Same(sixteen.Rows, pool.Rent(16).Rows);      // the smallest that fits
        Assert.Same(thirtyTwo.Rows, pool.Rent(2).Rows);     // none of 16 left: the next size up, not a new one
        Assert.NotSame(thirtyTwo.Rows, pool.Rent(20).Rows); // none left at all: new
    }

    [Fact]
    public void EnsureRows_KeepsArraysLongEnough_AndReturnRowsHandsThemBack()
    {
        var pool = new FacetRowArraysPool(dimension: 2);
        var work = new RegionWork();
        work.EnsureRows(5, pool);
        var first = work.Rows;
        Assert.Equal(5, work.RowCount);
        work.EnsureRows(12, pool);
        Assert.Same(first, work.Rows);                       // 16 rows already
        work.EnsureRows(20, pool);                           // too short: the 16-row arrays go back
        Assert.Equal(32, work.Rhs.Length);
        Assert.Same(first, pool.Rent(1).Rows);
        work.ReturnRows(pool);
        Assert.Empty(work.Rhs);
        Assert.Equal(0, work.RowCount);
        Assert.Equal(32, pool.Rent(30).Rhs.Length);
    }
}
