using System.Text.Json;

namespace Polytopes.Cli.Tests;

/// <summary>enumerate --json prints one JSON object whose numbers agree with the reference truth files, which were
/// computed independently (exact rational subdivision, cddlib, lrslib, SciPy LPs).</summary>
public class JsonSummaryTests
{
    private static readonly string[] Keys =
        ["regions", "linear_regions", "neurons", "input_dim", "face_histogram", "neuron_face_histogram", "radius", "seconds"];

    private static JsonElement Summary(string name)
    {
        var result = Cli.Run("enumerate", Reference.Net(name), "--json");
        return Cli.SingleJsonObject(Cli.AssertSuccess(result));
    }

    private static void AssertRelativelyClose(double expected, double actual, double tolerance = 1e-9) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative tolerance {tolerance})");

    [Fact]
    public void JsonSummary_OfRelu2d8_IsOneObjectWithEveryDocumentedKey()
    {
        var summary = Summary("relu_2d_8");
        foreach (var key in Keys) Assert.True(summary.TryGetProperty(key, out _), $"missing key \"{key}\"");
        var radius = summary.GetProperty("radius");
        foreach (var key in new[] { "min", "median", "max" })
            Assert.Equal(JsonValueKind.Number, radius.GetProperty(key).ValueKind);
        Assert.True(summary.GetProperty("seconds").GetDouble() >= 0);
    }

    [Theory]
    [InlineData("relu_2d_8")]
    [InlineData("relu_2d_16x16")]
    [InlineData("relu_1d_32x32")]
    [InlineData("degenerate_2d")]
    public void JsonSummary_OfAReferenceNet_MatchesTheTruthFile(string name)
    {
        var summary = Summary(name);
        var truth = Reference.Truth(name);

        Assert.Equal(truth.GetProperty("regions").GetInt32(), summary.GetProperty("regions").GetInt32());
        Assert.Equal(truth.GetProperty("input_dim").GetInt32(), summary.GetProperty("input_dim").GetInt32());
        Assert.Equal(truth.GetProperty("hidden_units").GetInt32(), summary.GetProperty("neurons").GetInt32());
        Assert.Equal(Reference.Histogram(truth.GetProperty("face_hist_total")),
            Reference.Histogram(summary.GetProperty("face_histogram")));
        Assert.Equal(Reference.Histogram(truth.GetProperty("face_hist_neuron")),
            Reference.Histogram(summary.GetProperty("neuron_face_histogram")));

        var radius = summary.GetProperty("radius");
        AssertRelativelyClose(truth.GetProperty("radius_min").GetDouble(), radius.GetProperty("min").GetDouble());
        AssertRelativelyClose(truth.GetProperty("radius_median").GetDouble(), radius.GetProperty("median").GetDouble());
        AssertRelativelyClose(truth.GetProperty("radius_max").GetDouble(), radius.GetProperty("max").GetDouble());

        Assert.True(summary.GetProperty("complete").GetBoolean());
        int linear = summary.GetProperty("linear_regions").GetInt32();
        Assert.InRange(linear, 1, summary.GetProperty("regions").GetInt32());
    }

    [Fact]
    public void JsonSummary_OfRelu2d8_HasTheDomainAsItsBox()
    {
        var summary = Summary("relu_2d_8");
        Assert.Equal([-1.0, -1.0], summary.GetProperty("box_lo").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1.0, 1.0], summary.GetProperty("box_hi").EnumerateArray().Select(e => e.GetDouble()));
    }
}
