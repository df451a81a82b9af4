using Polytopes.Enumeration.Init;
using Polytopes.Enumeration.Sweep;

namespace Polytopes.Enumeration.Tests.Sweep;

/// <summary>Reading specs: the product and its keys, defaults, and one clear error per kind of mistake.</summary>
public class SweepSpecReaderTests
{
    private const string Source = "spec.json";

    private static SweepSpec Parse(string json) => SweepSpecReader.Parse(json, Source);

    private static string Error(string json)
    {
        var e = Assert.Throws<InputException>(() => Parse(json));
        Assert.StartsWith(Source + ": ", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        return e.Message;
    }

    [Fact]
    public void FullSpec_GivesTheProductInOrderWithStableKeys()
    {
        var spec = Parse("""
            { "note": "x", "architectures": [[2, 4, 1], [2, 3, 3, 1]], "activations": ["relu", "maxout:2"],
              "inits": ["he_normal", {"name": "pytorch", "bias_std": 0}], "seeds": {"from": 5, "count": 2},
              "boxes": [[-2, 2], [[-1, 1], [0, 3]]], "slices": [{"name": "p", "dim": 1, "seed": 9}], "max_regions": 100 }
            """);
        var plan = new WorkPlan(spec);
        Assert.Equal(2 * 2 * 2 * 3 * 2, plan.Items.Count);
        Assert.Equal(100, spec.MaxRegions);
        Assert.Equal("arch=2-4-1|act=relu|init=he_normal|box=-2,2|seed=5", plan.Items[0].Key);
        Assert.Equal("arch=2-4-1|act=relu|init=he_normal|box=-2,2|seed=6", plan.Items[1].Key);
        Assert.Equal("arch=2-4-1|act=relu|init=he_normal|box=-1,1;0,3|seed=5", plan.Items[2].Key);
        Assert.Equal("arch=2-4-1|act=relu|init=he_normal|slice=p|seed=5", plan.Items[4].Key);
        Assert.Equal("arch=2-4-1|act=relu|init=pytorch|bias_std=0|box=-2,2|seed=5", plan.Items[6].Key);
        Assert.Equal("arch=2-3-3-1|act=maxout:2|init=pytorch|bias_std=0|slice=p|seed=6", plan.Items[^1].Key);
        Assert.Equal(plan.Items.Count, plan.Items.Select(i => i.Key).Distinct().Count());
        Assert.All(plan.Items, i => Assert.Same(i, plan.Find(i.Key)));
    }

    [Fact]
    public void MinimalSpec_DefaultsToReluHeNormalAndTheUnitBox()
    {
        var plan = new WorkPlan(Parse("""{ "architectures": [[2, 8, 1]], "seeds": [0, 1, 2] }"""));
        Assert.Equal(3, plan.Items.Count);
        Assert.Equal("arch=2-8-1|act=relu|init=he_normal|box=-1,1|seed=2", plan.Items[2].Key);
        Assert.Equal(InitScheme.HeNormal, plan.Items[0].Network.Init);
    }

    [Theory]
    [InlineData("""{ "architectures": [], "seeds": [0] }""", "architectures is empty")]
    [InlineData("""{ "seeds": [0] }""", "missing required key \"architectures\"")]
    [InlineData("""{ "architectures": [[2, 4, 1]] }""", "missing required key \"seeds\"")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [] }""", "seeds is empty")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "inits": ["kaiming"] }""", "unknown init 'kaiming'")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "inits": [] }""", "inits is empty")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seed": [0] }""", "unknown key \"seed\"")]
    [InlineData("""{ "architectures": [[2]], "seeds": [0] }""", "architectures[0] needs an input and an output width")]
    [InlineData("""{ "architectures": [[2, 0, 1]], "seeds": [0] }""", "architectures[0][1] should be an integer")]
    [InlineData("""{ "architectures": [[2, 4, 1], [2, 4, 1]], "seeds": [0] }""", "architectures[1] repeats architectures[0]")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [1, 1] }""", "seeds[1] repeats seeds[0]")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [-1] }""", "seeds[0] should be an integer")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "activations": ["tanh"] }""", "'tanh' is not an activation")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "inits": ["sphere"] }""", "maxout layers only")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "boxes": [[1, -1]] }""", "lo must be below hi")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "boxes": [[-1e200, 1]] }""", "boxes[0] reaches beyond ±1e150")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "slices": [{"name": "p", "dim": 1, "seed": 1, "origin": [1e160, 0]}] }""", "slices[0].origin reaches beyond ±1e150")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "boxes": [[[0, 1], [0, 1], [0, 1]]] }""", "has 3 intervals but the input dimension is 2")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "slices": [{"name": "p", "dim": 3, "seed": 1}] }""", "does not fit in input dimension 2")]
    [InlineData("""{ "architectures": [[3, 4, 1]], "seeds": [0], "slices": [{"name": "p", "directions": [[1, 0]]}] }""", "directions have length 2 but the input dimension is 3")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], "max_regions": -5 }""", "max_regions should be an integer")]
    [InlineData("""{ "architectures": [[2, 4, 1]], "seeds": [0], }""", "malformed JSON at line 1")]
    [InlineData("""[1, 2]""", "the top level should be a JSON object")]
    public void BadSpecs_GetOneClearLine(string json, string expected) => Assert.Contains(expected, Error(json));

    [Fact]
    public void EmptyFile_IsReported() => Assert.Contains("the file is empty", Error("  "));

    [Fact]
    public void MissingFile_IsReported()
    {
        var e = Assert.Throws<InputException>(() => SweepSpecReader.Read("/nonexistent/spec.json"));
        Assert.Equal("/nonexistent/spec.json: file not found", e.Message);
    }
}
