namespace Polytopes.Enumeration.Regions;

/// <summary>The arrays of a region's facet rows (<see cref="RegionWork.Rows"/> and the rest), for
/// <paramref name="Rhs"/>.Length rows.</summary>
internal readonly record struct FacetRowArrays(double[] Rows, double[] Rhs, int[] Unit, int[] Piece, int[] FacetOf);

/// <summary>
/// A worker's spare facet-row arrays, by capacity: powers of two from <see cref="SmallestCapacity"/> rows. A region
/// takes the smallest spare arrays that hold its rows, so the arrays a tested level frees fit the next level's
/// regions instead of each region's growing its own (6-12-12 regions keep 9 to 40 rows). Not thread-safe: one
/// per worker.
/// </summary>
internal sealed class FacetRowArraysPool(int dimension)
{
    public const int SmallestCapacity = 16;
    private readonly List<Stack<FacetRowArrays>> byCapacity = new(); // index k: SmallestCapacity << k rows

    public FacetRowArrays Rent(int rows)
    {
        int k = 0;
        while (SmallestCapacity << k < rows) k++;
        for (int j = k; j < byCapacity.Count; j++)
            if (byCapacity[j].TryPop(out var spare)) return spare;
        int capacity = SmallestCapacity << k;
        return new FacetRowArrays(new double[capacity * dimension], new double[capacity], new int[capacity],
            new int[capacity], new int[capacity]);
    }

    public void Return(FacetRowArrays arrays)
    {
        int k = 0;
        while (SmallestCapacity << (k + 1) <= arrays.Rhs.Length) k++;
        while (byCapacity.Count <= k) byCapacity.Add(new Stack<FacetRowArrays>());
        byCapacity[k].Push(arrays);
    }
}
