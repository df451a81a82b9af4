namespace Polytopes.Enumeration;

/// <summary>Bad input from the user (a file, an option). The message is one line naming the file or option and
/// the problem; the CLI prints it and exits with code 2.</summary>
public sealed class InputException(string message) : Exception(message);
