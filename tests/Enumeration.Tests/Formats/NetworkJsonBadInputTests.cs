using Polytopes.Enumeration.Formats;

namespace Polytopes.Enumeration.Tests.Formats;

/// <summary>Every malformed network file must give one InputException naming the file and the specific problem.</summary>
public sealed class NetworkJsonBadInputTests : IDisposable
{
    private readonly string directory =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "polytopes-netjson-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void MissingFileIsReported()
    {
        string path = Path.Combine(directory, "no_such_net.json");
        AssertProblem(path, "file not found");
    }

    [Fact]
    public void TruncatedJsonReportsLineAndPosition()
    {
        string path = WriteFile("truncated.json", "{\n  \"input_dim\": 2,\n  \"layers\": [ {\"weight\": [[1, 2");
        var e = AssertProblem(path, "malformed JSON at line 3, position ");
        Assert.Matches(@"position \d+: \S", e.Message);
    }

    [Fact]
    public void SyntaxErrorReportsItsLine()
    {
        // Line 3 is missing the comma after the value.
        string path = WriteFile("syntax.json", "{\n  \"input_dim\": 2,\n  \"name\": \"x\"\n  \"layers\": []\n}");
        AssertProblem(path, "malformed JSON at line 4, position 3");
    }

    [Theory]
    // Shapes.
    [InlineData("columns", """
        {"input_dim": 2, "layers": [
          {"weight": [[1,0],[0,1],[1,1],[1,-1],[2,0],[0,2],[2,1],[1,2]], "bias": [0,0,0,0,0,0,0,0], "activation": "relu"},
          {"weight": [[1,1,1,1,1,1,1]], "bias": [0], "activation": "identity"}]}
        """, "layers[1].weight has 7 columns but the previous layer outputs 8")]
    [InlineData("first_columns", """{"input_dim": 2, "layers": [{"weight": [[1,2,3]], "bias": [0], "activation": "relu"}]}""",
        "layers[0].weight has 3 columns but input_dim is 2")]
    [InlineData("bias_length", """{"input_dim": 1, "layers": [{"weight": [[1],[2],[3],[4]], "bias": [0,0,0], "activation": "relu"}]}""",
        "layers[0].bias has length 3 but weight has 4 rows")]
    [InlineData("ragged", """{"input_dim": 2, "layers": [{"weight": [[1,2],[3]], "bias": [0,0], "activation": "relu"}]}""",
        "layers[0].weight[1] has 1 entries but layers[0].weight[0] has 2 (ragged rows)")]
    [InlineData("empty_weight", """{"input_dim": 2, "layers": [{"weight": [], "bias": [], "activation": "relu"}]}""",
        "layers[0].weight is empty")]
    [InlineData("empty_row", """{"input_dim": 2, "layers": [{"weight": [[]], "bias": [0], "activation": "relu"}]}""",
        "layers[0].weight[0] is empty")]
    [InlineData("empty_layers", """{"input_dim": 2, "layers": []}""", "layers is empty")]
    // Numbers.
    [InlineData("overflow", """{"input_dim": 2, "layers": [{"weight": [[1,2],[3,1e999]], "bias": [0,0], "activation": "relu"}]}""",
        "layers[0].weight[1][1] is not a finite number (1e999)")]
    [InlineData("string_number", """{"input_dim": 2, "layers": [{"weight": [[1,"2"]], "bias": [0], "activation": "relu"}]}""",
        "layers[0].weight[0][1] should be a number but is a string (\"2\")")]
    [InlineData("string_bias", """{"input_dim": 1, "layers": [{"weight": [[1]], "bias": "0", "activation": "relu"}]}""",
        "layers[0].bias should be an array of numbers but is a string")]
    [InlineData("bad_slope", """{"input_dim": 1, "layers": [{"weight": [[1]], "bias": [0], "activation": "leaky_relu", "negative_slope": null}]}""",
        "layers[0].negative_slope should be a number but is null")]
    // input_dim and domain.
    [InlineData("domain_dim", """{"input_dim": 3, "domain": {"lo": [-1,-1], "hi": [1,1]}, "layers": [{"weight": [[1,1,1]], "bias": [0], "activation": "identity"}]}""",
        "input_dim is 3 but domain.lo has 2 entries")]
    [InlineData("lo_ge_hi", """{"input_dim": 2, "domain": {"lo": [1,-1], "hi": [1,1]}, "layers": [{"weight": [[1,1]], "bias": [0], "activation": "identity"}]}""",
        "domain: lo[0] >= hi[0] (1 >= 1)")]
    [InlineData("domain_no_hi", """{"input_dim": 1, "domain": {"lo": [0]}, "layers": [{"weight": [[1]], "bias": [0], "activation": "identity"}]}""",
        "domain: missing required key \"hi\"")]
    [InlineData("input_dim_zero", """{"input_dim": 0, "layers": [{"weight": [[1]], "bias": [0], "activation": "identity"}]}""",
        "input_dim should be a positive integer but is the number 0")]
    [InlineData("input_dim_fraction", """{"input_dim": 1.5, "layers": [{"weight": [[1]], "bias": [0], "activation": "identity"}]}""",
        "input_dim should be a positive integer but is the number 1.5")]
    [InlineData("input_dim_string", """{"input_dim": "2", "layers": [{"weight": [[1,1]], "bias": [0], "activation": "identity"}]}""",
        "input_dim should be a positive integer but is a string (\"2\")")]
    // Missing keys and wrong structure.
    [InlineData("no_input_dim", """{"layers": [{"weight": [[1]], "bias": [0], "activation": "identity"}]}""",
        "missing required key \"input_dim\"")]
    [InlineData("no_layers", """{"input_dim": 1}""", "missing required key \"layers\"")]
    [InlineData("no_bias", """{"input_dim": 1, "layers": [{"weight": [[1]], "activation": "identity"}]}""",
        "layers[0]: missing required key \"bias\"")]
    [InlineData("no_activation", """{"input_dim": 1, "layers": [{"weight": [[1]], "bias": [0]}]}""",
        "layers[0]: missing required key \"activation\"")]
    [InlineData("empty_file", "  \n", "the file is empty")]
    [InlineData("top_array", """[1, 2]""", "the top level should be a JSON object but is an array")]
    [InlineData("duplicate_key", """{"input_dim": 1, "input_dim": 2, "layers": []}""", "malformed JSON")]
    // Activations.
    [InlineData("tanh", """
        {"input_dim": 1, "layers": [
          {"weight": [[1]], "bias": [0], "activation": "relu"},
          {"weight": [[1]], "bias": [0], "activation": "relu"},
          {"weight": [[1]], "bias": [0], "activation": "tanh"}]}
        """, "layers[2].activation 'tanh' is not one of relu, leaky_relu, identity, maxout")]
    [InlineData("maxout_divisible", """{"input_dim": 1, "layers": [{"weight": [[1],[2],[3],[4],[5],[6]], "bias": [0,0,0,0,0,0], "activation": "maxout", "pieces": 4}]}""",
        "layers[0]: maxout has 6 rows, not divisible by 4 pieces")]
    [InlineData("maxout_no_pieces", """{"input_dim": 1, "layers": [{"weight": [[1],[2]], "bias": [0,0], "activation": "maxout"}]}""",
        "layers[0]: maxout needs \"pieces\"")]
    [InlineData("maxout_zero_pieces", """{"input_dim": 1, "layers": [{"weight": [[1],[2]], "bias": [0,0], "activation": "maxout", "pieces": 0}]}""",
        "layers[0].pieces should be a positive integer but is the number 0")]
    public void BadNetworkIsReported(string caseName, string json, string problem)
    {
        string path = WriteFile(caseName + ".json", json);
        AssertProblem(path, problem);
    }

    [Fact]
    public void ParseUsesTheSourceNameInMessages()
    {
        var e = Assert.Throws<InputException>(() => NetworkJson.Parse("""{"input_dim": 1, "layers": []}""", "<stdin>"));
        Assert.Equal("<stdin>: layers is empty (a network needs at least one layer)", e.Message);
    }

    [Fact]
    public void DirectoryInsteadOfFileIsReported()
    {
        var e = Assert.Throws<InputException>(() => NetworkJson.Read(directory));
        Assert.StartsWith(directory + ": ", e.Message);
    }

    [Fact]
    public void WriteFileToMissingDirectoryIsReported()
    {
        var net = NetworkJson.Parse("""{"input_dim": 1, "layers": [{"weight": [[1]], "bias": [0], "activation": "identity"}]}""", "n");
        string path = Path.Combine(directory, "absent", "out.json");
        var e = Assert.Throws<InputException>(() => NetworkJson.WriteFile(net, path));
        Assert.StartsWith(path + ": cannot write", e.Message);
    }

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static InputException AssertProblem(string path, string problem)
    {
        var e = Assert.Throws<InputException>(() => NetworkJson.Read(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }
}
