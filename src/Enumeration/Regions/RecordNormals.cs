using System.Runtime.InteropServices;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// The facet normals one worker gives its records, an array shared between records wherever the numbers are the
/// same bit for bit: a box side's row and a first-layer unit's are the same in every region, and a deeper unit's
/// row is the same in the regions of one first-layer cell that were reached without recomputing it (a 6-12-12
/// search had 23 449 distinct normals among 635 609 facets). Keeps the last few arrays of each box side and unit,
/// the latest used first. Records never change their normals. Not thread-safe: one per worker.
/// </summary>
internal sealed class RecordNormals(int dimension, int units)
{
    // Arrays kept per box side or unit: with 4, 79 % of a 6-12-12 search's neuron facets found theirs (2: 76 %,
    // 64: 85 %).
    private const int PerOwner = 4;
    private readonly double[]?[] recent = new double[(2 * dimension + units) * PerOwner][];

    /// <summary>An array holding <paramref name="row"/>, the normal of a facet of box side −1 − u or unit u
    /// (<paramref name="unitOrSide"/> = u).</summary>
    public double[] For(ReadOnlySpan<double> row, int unitOrSide)
    {
        int first = (unitOrSide < 0 ? -1 - unitOrSide : 2 * dimension + unitOrSide) * PerOwner;
        var owner = recent.AsSpan(first, PerOwner);
        var bits = MemoryMarshal.Cast<double, long>(row);
        int k = 0;
        for (; k < PerOwner && owner[k] is { } known; k++)
            if (bits.SequenceEqual(MemoryMarshal.Cast<double, long>(known)))
            {
                owner[..k].CopyTo(owner[1..]);
                return owner[0] = known;
            }
        var made = row.ToArray();
        owner[..Math.Min(k, PerOwner - 1)].CopyTo(owner[1..]);
        return owner[0] = made;
    }
}
