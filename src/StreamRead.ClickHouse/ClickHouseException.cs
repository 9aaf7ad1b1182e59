namespace StreamRead.ClickHouse;

/// <summary>
/// ClickHouse refused a request (<see cref="Code"/> is the server's error code, e.g. 60 for an
/// unknown table) or could not be reached or did not answer in time (<see cref="Code"/> is null).
/// </summary>
public sealed class ClickHouseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClickHouseException(int? code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The server's error code (<c>Code: N</c> in its answer), or null when no server answered.</summary>
    public int? Code { get; }
}
