using System.CommandLine;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Networks;
using Polytopes.Enumeration.Slicing;
using Polytopes.Geometry;

namespace Polytopes.Cli;

/// <summary>
/// The options that restrict a network to an affine slice of its input, declared once for every command that
/// reads a network: <c>--slice SLICE.json</c> (x = origin + U t, t in [lo, hi]) or <c>--plane-through
/// POINTS.json</c> (the plane through three points). The restricted network has input_dim k and the slice box as
/// its domain, so --box, region records and statistics are all in t.
/// </summary>
internal sealed class DomainOptions
{
    public Option<string?> Slice { get; } = new("--slice")
    {
        Description = "restrict the network to the slice x = origin + U t of SLICE.json " +
                      "({\"origin\", \"basis\": [vectors], \"lo\", \"hi\"}); results are in t",
    };

    public Option<string?> PlaneThrough { get; } = new("--plane-through")
    {
        Description = "restrict the network to the plane through the 3 points of POINTS.json (orthonormal " +
                      "basis, origin at their centroid, box covering the triangle); results are in t",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Slice);
        command.Options.Add(PlaneThrough);
    }

    public Choice Read(ParseResult parse) => new(parse.GetValue(Slice), parse.GetValue(PlaneThrough));

    /// <summary>What the user chose: a slice file, a points file, or neither.</summary>
    public sealed record Choice(string? SlicePath, string? PlanePath)
    {
        /// <summary>The network of <paramref name="netPath"/>, restricted to the chosen slice if any.</summary>
        public Network Network(string netPath)
        {
            if (SlicePath != null && PlanePath != null)
                throw new InputException("--slice and --plane-through cannot be used together");
            var network = NetworkFiles.Read(netPath);
            if (SlicePath != null)
                return SlicedNetwork.Compose(network, SliceFiles.ReadSlice(SlicePath, network.InputDim), SlicePath);
            if (PlanePath != null)
                return SlicedNetwork.Compose(network, SliceFiles.ReadPlaneThrough(PlanePath, network.InputDim), PlanePath);
            return network;
        }

        /// <summary>The restricted network and the --box over it (null: the network's domain, i.e. the slice box).</summary>
        public (Network Network, Box? Box) NetworkAndBox(string netPath, string? boxText)
        {
            var network = Network(netPath);
            return (network, BoxOption.Parse(boxText, network.InputDim));
        }
    }
}
