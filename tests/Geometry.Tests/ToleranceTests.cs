using System.Reflection;

namespace Polytopes.Geometry.Tests;

public sealed class ToleranceTests
{
    [Fact]
    public void Default_tolerances_are_valid()
    {
        Assert.Same(Tolerances.Default, Tolerances.Default.Validated());
    }

    [Fact]
    public void Values_at_the_top_of_their_range_are_accepted()
    {
        var t = new Tolerances { Radius = 1e-2, Facet = 1e-2, Coincidence = 1e-2, ZeroGradient = 1e-3,
            Feasibility = 1e-3, Optimality = 1e-3, MaxIterations = 1 };
        Assert.Same(t, t.Validated());
    }

    public static TheoryData<string, Tolerances> OutOfRange => new()
    {
        { "Radius", Tolerances.Default with { Radius = 0 } },
        { "Radius", Tolerances.Default with { Radius = -1e-9 } },
        { "Radius", Tolerances.Default with { Radius = 0.011 } },
        { "Radius", Tolerances.Default with { Radius = double.NaN } },
        { "Radius", Tolerances.Default with { Radius = double.PositiveInfinity } },
        { "Facet", Tolerances.Default with { Facet = 0 } },
        { "Facet", Tolerances.Default with { Facet = 0.5 } },
        { "Coincidence", Tolerances.Default with { Coincidence = -1 } },
        { "Coincidence", Tolerances.Default with { Coincidence = 1 } },
        { "ZeroGradient", Tolerances.Default with { ZeroGradient = 0 } },
        { "ZeroGradient", Tolerances.Default with { ZeroGradient = 1e-2 } },
        { "Feasibility", Tolerances.Default with { Feasibility = 0 } },
        { "Feasibility", Tolerances.Default with { Feasibility = double.NaN } },
        { "Optimality", Tolerances.Default with { Optimality = -1e-12 } },
        { "Optimality", Tolerances.Default with { Optimality = 2e-3 } },
        { "MaxIterations", Tolerances.Default with { MaxIterations = 0 } },
        { "MaxIterations", Tolerances.Default with { MaxIterations = -5 } },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validated_rejects_an_out_of_range_value(string parameter, Tolerances tolerances)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => tolerances.Validated());
        Assert.Equal(parameter, e.ParamName);
    }

    public static TheoryData<string> NumericGuardNames =>
        new(typeof(NumericGuards).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(f => f.Name));

    [Fact]
    public void NumericGuards_holds_only_double_constants()
    {
        var fields = typeof(NumericGuards).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.True(f.IsLiteral && f.FieldType == typeof(double), f.Name));
    }

    // A guard is a threshold against rounding noise: it must be positive, and one as large as 1e-5 is a typo (or a
    // user tolerance in the wrong place).
    [Theory]
    [MemberData(nameof(NumericGuardNames))]
    public void A_numeric_guard_is_positive_and_below_1e_5(string name)
    {
        var field = typeof(NumericGuards).GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        double value = (double)field.GetRawConstantValue()!;
        Assert.True(value > 0 && value < 1e-5, $"{name} = {value}");
    }

    [Fact]
    public void PolytopeAnalyzer_validates_its_tolerances()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolytopeAnalyzer(2, Tolerances.Default with { Facet = 0 }));
    }
}
