using System.CommandLine;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Formats;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes convert NET --to net.json [--slice SLICE.json | --plane-through POINTS.json]</summary>
internal static class ConvertCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var net = new Argument<string>("net") { Description = "network file (.onnx or polytopes-net JSON)" };
        var to = new Option<string>("--to") { Description = "write the network here as polytopes-net JSON", Required = true };
        var domain = new DomainOptions();
        var command = new Command("convert",
            "Convert a network (e.g. an ONNX model exported by PyTorch) to polytopes-net JSON, optionally restricted to a slice.")
        {
            net, to,
        };
        domain.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(stderr, () =>
            Execute(parse.GetValue(net)!, parse.GetValue(to)!, domain.Read(parse), stdout)));
        return command;
    }

    private static ExitCode Execute(string netPath, string outPath, DomainOptions.Choice domain, TextWriter stdout)
    {
        if (Path.GetExtension(outPath).Equals(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new InputException($"--to {outPath}: only polytopes-net JSON can be written (use a .json file)");
        var network = domain.Network(netPath);
        NetworkJson.WriteFile(network, outPath);
        stdout.WriteLine($"wrote {outPath}: {network.Name}, input_dim {network.InputDim}, {network.Layers.Count} layers, " +
                         $"{network.UnitCount} neurons, {network.Layers.Count(l => l.Skip != null)} skip connections");
        return ExitCode.Success;
    }
}
