namespace Polytopes.Enumeration.Formats;

/// <summary>Reading a user's file with every I/O failure turned into one <see cref="InputException"/> line.</summary>
public static class InputFiles
{
    public static string ReadText(string path) => Read(path, File.ReadAllText);

    public static byte[] ReadBytes(string path) => Read(path, File.ReadAllBytes);

    private static T Read<T>(string path, Func<string, T> read)
    {
        if (Directory.Exists(path)) throw new InputException($"{path}: is a directory, not a file");
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{path}: permission denied");
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException
                                      or System.Security.SecurityException)
        {
            throw new InputException($"{path}: cannot read: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
