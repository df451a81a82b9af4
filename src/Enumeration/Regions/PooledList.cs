using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;

namespace Polytopes.Enumeration.Regions;

/// <summary>
/// A list whose array comes from the shared pool and goes back to it on <see cref="Dispose"/>: for a search's
/// per-region numbers, which die with it. Fresh arrays of a hundred kilobytes are new memory to the process, and
/// on this project's virtual machine its first touch costs a page fault per 4 KB, 11–16 µs each: the per-region
/// lists of a 2-128-128 subdivision took some 150 of them, about 2 ms of a 31 ms two-thread search. Not
/// thread-safe, except writes to distinct places of <see cref="AsSpan"/>.
/// </summary>
internal sealed class PooledList<T> : IReadOnlyList<T>, IDisposable
{
    private T[] items = [];

    public int Count { get; private set; }

    public T this[int index] => AsSpan()[index];

    /// <summary>The items, to read and write in place.</summary>
    public Span<T> AsSpan() => items.AsSpan(0, Count);

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(in T item)
    {
        if (Count == items.Length) Grow(Count + 1);
        items[Count++] = item;
    }

    /// <summary>Appends <paramref name="range"/>.</summary>
    public void AddRange(ReadOnlySpan<T> range)
    {
        if (Count + range.Length > items.Length) Grow(Count + range.Length);
        range.CopyTo(items.AsSpan(Count));
        Count += range.Length;
    }

    /// <summary>Grows the list to <paramref name="count"/> items, the new ones default.</summary>
    public void Extend(int count)
    {
        if (count <= Count) return;
        if (count > items.Length) Grow(count);
        items.AsSpan(Count, count - Count).Clear(); // a pooled array holds what its last user left
        Count = count;
    }

    private void Grow(int least)
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(least, 2 * items.Length));
        AsSpan().CopyTo(larger);
        GiveBack();
        items = larger;
    }

    public void Dispose()
    {
        GiveBack();
        items = [];
        Count = 0;
    }

    /// <summary>Returns the array to the pool, its items cleared when they hold references (only the places used:
    /// the pool's clearing clears the whole array, often twice their length).</summary>
    private void GiveBack()
    {
        if (items.Length == 0) return;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) AsSpan().Clear();
        ArrayPool<T>.Shared.Return(items);
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
