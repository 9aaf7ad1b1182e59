namespace StreamRead.Api.Push;

/// <summary>The last few distinct ids seen, newest first (what the live page shows when nothing is chosen).</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly Lock _lock = new();
    private readonly List<string> _ids = new(capacity + 1);

    public void Touch(string id)
    {
        lock (_lock)
        {
            if (_ids.Count > 0 && _ids[0] == id)
            {
                return;
            }

            _ids.Remove(id);
            _ids.Insert(0, id);
            if (_ids.Count > capacity)
            {
                _ids.RemoveAt(capacity);
            }
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _ids];
        }
    }
}
