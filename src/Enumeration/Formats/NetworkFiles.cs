using Polytopes.Enumeration.Networks;

namespace Polytopes.Enumeration.Formats;

/// <summary>Reads a network from any supported file format, chosen by extension.</summary>
public static class NetworkFiles
{
    public static Network Read(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".onnx")
            throw new InputException($"{path}: ONNX import is not available yet; convert the network to polytopes-net JSON");
        return NetworkJson.Read(path);
    }
}
