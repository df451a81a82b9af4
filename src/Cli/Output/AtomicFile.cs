using Polytopes.Enumeration;

namespace Polytopes.Cli.Output;

/// <summary>Writes a file completely or not at all: into a temporary file beside the target, then renamed over
/// it, so an interrupted or failed run never leaves a half-written or corrupted file.</summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string target;
    private readonly string temp;
    private bool committed;

    public AtomicFile(string path)
    {
        target = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(dir)) throw new InputException($"{path}: directory {dir} does not exist");
        if (Directory.Exists(target)) throw new InputException($"{path}: is a directory, not a file");
        temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            Writer = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false), 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot write: {e.Message}");
        }
    }

    public StreamWriter Writer { get; }

    public void Commit()
    {
        Writer.Flush();
        Writer.BaseStream.Flush();
        Writer.Dispose();
        File.Move(temp, target, overwrite: true);
        committed = true;
    }

    public void Dispose()
    {
        if (committed) return;
        Writer.Dispose();
        try { File.Delete(temp); } catch (IOException) { }
    }
}
