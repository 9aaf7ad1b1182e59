namespace StreamRead.LocalServices;

/// <summary>
/// A local server could not start or stop. The message says what went wrong and what to do
/// (install a package, free or change a port, pick another data folder), quoting the server's
/// log when the server itself failed.
/// </summary>
public sealed class LocalServiceException(string message, Exception? innerException = null) : Exception(message, innerException);
