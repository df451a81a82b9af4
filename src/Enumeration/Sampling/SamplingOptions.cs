using Polytopes.Geometry;

namespace Polytopes.Enumeration.Sampling;

/// <summary>Where and how to sample. Box null: the network's domain, else [-1,1]^d. Results depend on the box and
/// the seed only, never on <see cref="Threads"/>.</summary>
public sealed record SamplingOptions
{
    public Box? Box { get; init; }
    public ulong Seed { get; init; } = 1;
    /// <summary>Worker threads (at least 1).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    internal Box BoxFor(Networks.Network network)
    {
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be at least 1");
        var box = Box ?? network.Domain ?? Geometry.Box.Cube(network.InputDim, -1, 1);
        if (box.Dimension != network.InputDim)
            throw new InputException($"the box has dimension {box.Dimension} but the network's input_dim is {network.InputDim}");
        return box;
    }
}
