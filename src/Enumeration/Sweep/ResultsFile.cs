using System.Text;

namespace Polytopes.Enumeration.Sweep;

/// <summary>
/// A JSON-lines results file that survives being killed at any moment. Lines are appended one complete line
/// (text and newline) per write call and flushed to the operating system at once, so a killed process leaves
/// every finished line intact and at worst one partial last line. A line counts only once its newline is
/// written: on reopening, a last line without newline is a truncated write and is cut off (its work item is
/// recomputed); any other line that is not a results object is damage that is reported, never deleted.
/// The file is held with an exclusive lock while open, so two sweeps cannot append to it at once.
/// </summary>
public sealed class ResultsFile : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly object gate = new();
    private readonly FileStream stream;
    private readonly List<SweepRecord> records;
    private bool disposed;

    private ResultsFile(string path, FileStream stream, List<SweepRecord> records, bool droppedTruncatedLine)
    {
        Path = path;
        this.stream = stream;
        this.records = records;
        DroppedTruncatedLine = droppedTruncatedLine;
    }

    public string Path { get; }

    /// <summary>True when opening cut off a truncated last line.</summary>
    public bool DroppedTruncatedLine { get; }

    /// <summary>Every complete line in the file: those found on opening, then those appended.</summary>
    public IReadOnlyList<SweepRecord> Records
    {
        get { lock (gate) return records.ToArray(); }
    }

    /// <summary>Opens (creating if needed) and locks the file, reads its complete lines and cuts off a truncated
    /// last line.</summary>
    public static ResultsFile Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new InputException($"{path}: is a directory, not a file");
        if (System.IO.Path.GetDirectoryName(full) is { } dir && !Directory.Exists(dir))
            throw new InputException($"{path}: directory {dir} does not exist");
        FileStream stream;
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix): a second sweep on the same file fails here.
            stream = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot open for writing (is another sweep writing to it?): {OneLine(e.Message)}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{path}: permission denied");
        }
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var content = Parse(bytes, path);
            if (content.CompleteLength < bytes.Length)
            {
                stream.SetLength(content.CompleteLength);
                stream.Flush(flushToDisk: true);
            }
            stream.Seek(0, SeekOrigin.End);
            return new ResultsFile(path, stream, content.Records.ToList(), content.CompleteLength < bytes.Length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a results file without locking or changing it (for merging): a truncated last line is an
    /// error here, since a finished shard has none.</summary>
    public static IReadOnlyList<(int LineNumber, SweepRecord Record)> ReadFinished(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read (is a sweep still writing to it?): {OneLine(e.Message)}");
        }
        var content = Parse(bytes, path);
        if (content.CompleteLength < bytes.Length)
            throw new InputException(
                $"{path}: the last line is truncated (its sweep was interrupted); re-run that sweep command to finish it");
        return content.Numbered;
    }

    /// <summary>Appends one line and flushes it to the operating system. Thread-safe.</summary>
    public void Append(SweepRecord record)
    {
        var bytes = Utf8.GetBytes(record.Line + "\n");
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            stream.Write(bytes); // one write call per line: a kill leaves whole lines and at most one partial tail
            stream.Flush(flushToDisk: false);
            records.Add(record);
        }
    }

    /// <summary>Puts the lines in the order given by <paramref name="order"/> (work-item index), if they are not
    /// already, by writing a sorted copy beside the file and renaming it over the file; then closes it.</summary>
    public void SortAndClose(Func<SweepRecord, long> order)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            stream.Flush(flushToDisk: true);
            var sorted = records.OrderBy(order).ToList();
            bool inOrder = sorted.SequenceEqual(records);
            stream.Dispose();
            disposed = true;
            if (inOrder) return;
            WriteAtomically(Path, sorted.Select(r => r.Line));
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            try { stream.Flush(flushToDisk: true); }
            catch (IOException) { /* the lines were already handed to the OS */ }
            stream.Dispose();
            disposed = true;
        }
    }

    /// <summary>Writes lines to a temporary file beside <paramref name="path"/>, flushes it to disk and renames it
    /// over the target: the target is always either the old file or the complete new one.</summary>
    public static void WriteAtomically(string path, IEnumerable<string> lines)
    {
        string full = System.IO.Path.GetFullPath(path);
        string dir = System.IO.Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir)) throw new InputException($"{path}: directory {dir} does not exist");
        if (Directory.Exists(full)) throw new InputException($"{path}: is a directory, not a file");
        string temp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                foreach (var line in lines) output.Write(Utf8.GetBytes(line + "\n"));
                output.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot write: {OneLine(e.Message)}");
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* best effort */ }
        }
    }

    private sealed record Content(List<(int LineNumber, SweepRecord Record)> Numbered, long CompleteLength)
    {
        public IEnumerable<SweepRecord> Records => Numbered.Select(n => n.Record);
    }

    /// <summary>Splits at newlines; every newline-terminated line must be a results object (blank lines are
    /// skipped); bytes after the last newline are a truncated line, reported through CompleteLength.</summary>
    private static Content Parse(byte[] bytes, string path)
    {
        var numbered = new List<(int, SweepRecord)>();
        int start = 0, lineNumber = 0;
        long completeLength = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n') continue;
            lineNumber++;
            string text = Utf8.GetString(bytes, start, i - start).TrimEnd('\r');
            start = i + 1;
            completeLength = start;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var record = SweepRecord.TryParse(text) ?? throw new InputException(
                $"{path}: line {lineNumber} is not a sweep results line (damaged, or not a results file); fix or remove it");
            numbered.Add((lineNumber, record));
        }
        // A tail of whitespace only (or nothing) is not a truncated line.
        bool tailIsBlank = true;
        for (int i = start; i < bytes.Length; i++)
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r')) { tailIsBlank = false; break; }
        return new Content(numbered, tailIsBlank ? bytes.Length : completeLength);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
