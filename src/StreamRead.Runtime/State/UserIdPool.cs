namespace StreamRead.Runtime.State;

/// <summary>
/// One string instance per distinct user id in a task's state. Every parsed record brings its own
/// copy of the id, and the member table of each conversation keeps the copy it saw first, so
/// without a pool a user in ten conversations costs ten strings (about 48 bytes each for a typical
/// id, as much as the rest of the member entry; docs/benchmarks.md, memory). The pool costs one
/// entry per distinct user and is never trimmed: it lives as long as the processor loop that
/// shares it between its tasks (users of partitions given away stay until the process restarts).
/// </summary>
internal sealed class UserIdPool
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Distinct ids held.</summary>
    public int Count => _ids.Count;

    /// <summary>The pooled instance equal to <paramref name="userId"/> (which becomes it when new).</summary>
    public string Intern(string userId)
    {
        if (_ids.TryGetValue(userId, out var pooled))
        {
            return pooled;
        }

        _ids.Add(userId);
        return userId;
    }
}
