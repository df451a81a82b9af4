namespace Polytopes.Enumeration.Sampling;

/// <summary>
/// Independent, reproducible seeds for the pieces of a sampling run. A piece (a chunk of points, one chord, one
/// repeat) is named by a stream and an index, and its <see cref="Init.SplitMix64"/> is seeded from
/// (seed, stream, index) alone — never from which thread runs it or in what order — so every result is the same
/// for any number of threads. The mixing function is SplitMix64's finaliser (Stafford's Mix13), applied twice so
/// nearby indices give unrelated seeds.
/// </summary>
public static class SeedStreams
{
    /// <summary>Chunks of uniform points (<see cref="PointSampler"/>).</summary>
    public const ulong Points = 1;
    /// <summary>Random chords (<see cref="LineSampler"/>).</summary>
    public const ulong Lines = 2;
    /// <summary>Repeats of a validation run (<see cref="SamplingValidator"/>): each repeat's base seed.</summary>
    public const ulong Repeats = 3;

    public static ulong Derive(ulong seed, ulong stream, ulong index) =>
        Mix(Mix(seed ^ (stream * 0xD1B54A32D192ED03UL)) + (index + 1) * 0x9E3779B97F4A7C15UL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
