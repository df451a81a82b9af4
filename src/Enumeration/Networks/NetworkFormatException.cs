namespace Polytopes.Enumeration.Networks;

/// <summary>A network that is malformed: wrong shapes, non-finite numbers, unknown activation…
/// The message is one line, fit to show a user after the file name.</summary>
public sealed class NetworkFormatException(string message) : Exception(message);
