using Polytopes.Enumeration.Formats.Onnx;
using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Formats;

/// <summary>Reads a network from any supported file format, chosen by extension: <c>.onnx</c> is an ONNX model
/// (<see cref="OnnxImporter"/>), anything else polytopes-net JSON (<see cref="NetworkJson"/>).</summary>
public static class NetworkFiles
{
    public static Network Read(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext == ".onnx" ? OnnxImporter.Read(path) : NetworkJson.Read(path);
    }
}
