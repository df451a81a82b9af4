using System.CommandLine;
using System.Globalization;
using Polytopes.Enumeration;
using Polytopes.Enumeration.Formats;
using Polytopes.Enumeration.Init;

namespace Polytopes.Cli.Commands;

/// <summary>polytopes init --widths 2,16,16,1 [--activation A] [--init NAME] [--bias-std S] [--seed N] --out NET</summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var widths = new Option<string>("--widths")
        {
            Description = "layer widths d,hidden...,outputs, e.g. 2,16,16,1 (maxout: units per layer)",
            Required = true,
        };
        var activation = new Option<string>("--activation")
        {
            Description = $"activation of the hidden layers: {ActivationSpec.Syntax}; the last layer is identity",
            DefaultValueFactory = _ => "relu",
        };
        var init = new Option<string>("--init")
        {
            Description = SchemesHelp(),
            DefaultValueFactory = _ => "he_normal",
        };
        var biasStd = new Option<double?>("--bias-std")
        {
            Description = "biases N(0, S^2) in every layer; 0 gives zero biases. Default: drawn like the layer's weights " +
                          "(pytorch: U(+-1/sqrt(fan_in)), orthogonal: N(0, 1/max(fan_in, fan_out))); sphere and many_regions " +
                          "set their own and put a maxout_he (K=1) output layer on top, as Tseran & Montufar do",
        };
        var seed = new Option<ulong>("--seed") { Description = "seed of the SplitMix64 stream (default 0)" };
        var outFile = new Option<string>("--out") { Description = "network file to write (polytopes-net JSON)", Required = true };
        var command = new Command("init",
            "Write a random network drawn with an initialisation scheme from the literature (weights rounded to float32; " +
            "the same seed gives a bit-identical network on every machine and .NET version).")
        {
            widths, activation, init, biasStd, seed, outFile,
        };
        command.SetAction(parse => CommandRunner.Run(stderr, () => Execute(
            parse.GetValue(widths)!, parse.GetValue(activation)!, parse.GetValue(init)!, parse.GetValue(biasStd),
            parse.GetValue(seed), parse.GetValue(outFile)!, stdout)));
        return command;
    }

    /// <summary>The --init help: every scheme with its weight distribution and source.</summary>
    private static string SchemesHelp()
    {
        var lines = new List<string>
        {
            "initialisation scheme (fan_in = layer inputs, fan_out = layer rows, maxout: units x K; weight distribution - source):",
        };
        lines.AddRange(Enum.GetValues<InitScheme>().Select(s => $"  {s.ToName(),-15}{s.Describe()}"));
        return string.Join("\n", lines);
    }

    private static ExitCode Execute(string widthsText, string activationText, string initName, double? biasStd, ulong seed,
        string outPath, TextWriter stdout)
    {
        var spec = new RandomNetworkSpec(ParseWidths(widthsText), ActivationSpec.Parse(activationText, "--activation"),
            ParseInit(initName), biasStd, seed);
        spec.Validate("init");
        var network = RandomNetworks.Create(spec);
        NetworkJson.WriteFile(network, outPath);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {outPath}: {spec.Name} ({network.UnitCount} neurons, {network.Layers.Sum(l => l.Weight.Length + l.Bias.Length)} parameters)"));
        return ExitCode.Success;
    }

    public static int[] ParseWidths(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1)
                throw new InputException($"--widths '{text}': '{parts[i]}' is not a positive whole number (give e.g. 2,16,16,1)");
        if (widths.Length < 2)
            throw new InputException($"--widths '{text}': give an input and an output width at least, e.g. 2,16,16,1");
        return widths;
    }

    private static InitScheme ParseInit(string name) =>
        InitSchemes.TryParse(name, out var scheme)
            ? scheme
            : throw new InputException($"--init: unknown scheme '{name}' (known: {string.Join(", ", InitSchemes.Names)})");
}
