namespace StreamRead.Redis.Serving;

/// <summary>The answer to a serving query: a value, or why there is none (the API's 404 message).</summary>
public readonly record struct Lookup<T>(T? Value, string? NotFoundReason)
    where T : class
{
    public bool Found => Value is not null;

    public static Lookup<T> Of(T value) => new(value, null);

    public static Lookup<T> NotFound(string reason) => new(null, reason);
}
