using StreamRead.Bench.Infrastructure;

namespace StreamRead.Bench.Workload;

/// <summary>
/// Chat traffic in groups of a fixed size, conversation after conversation in turn: in each, a
/// message every <c>readsPerMessage</c> read reports, each report from the next member in turn and
/// reading up to the latest message (what a client reports when the conversation is on screen).
/// In a group of 10 with 10 reads per message every member reads every message; in a group of
/// 100,000 each report comes from a member who has read nothing yet.
/// </summary>
internal sealed class GroupTraffic
{
    private readonly ChatRecords _records;
    private readonly IReadOnlyList<string> _conversations;
    private readonly int _members;
    private readonly int _readsPerMessage;
    private readonly Func<int, int, string> _userId;
    private readonly long[] _lastSeq;
    private readonly long[] _step;
    private readonly long[] _reads;
    private int _next;

    /// <param name="userId">The id of member <c>m</c> of conversation <c>c</c> (by index).</param>
    public GroupTraffic(ChatRecords records, IReadOnlyList<string> conversations, int members, int readsPerMessage, Func<int, int, string>? userId = null)
    {
        _records = records;
        _conversations = conversations;
        _members = members;
        _readsPerMessage = readsPerMessage;
        _userId = userId ?? ((c, m) => $"u{c}-{m}");
        _lastSeq = new long[conversations.Count];
        _step = new long[conversations.Count];
        _reads = new long[conversations.Count];
    }

    /// <summary>Whether the next record is a read report (else a message).</summary>
    public bool NextIsRead => _step[_next] % (_readsPerMessage + 1) != 0;

    /// <summary>The next record; the conversations take turns.</summary>
    public BenchRecord Next(long timestampMs)
    {
        var c = _next;
        _next = (_next + 1) % _conversations.Count;
        var step = _step[c]++;
        if (step % (_readsPerMessage + 1) == 0)
        {
            var seq = ++_lastSeq[c];
            var sender = (int)(seq * 7919 % _members);
            return _records.Message(_conversations[c], seq, _userId(c, sender), timestampMs);
        }

        var reader = (int)(_reads[c]++ % _members);
        return _records.Read(_conversations[c], _userId(c, reader), _lastSeq[c], timestampMs);
    }

    /// <summary>The next <paramref name="count"/> records, one millisecond apart from <paramref name="startMs"/>.</summary>
    public List<BenchRecord> Take(int count, long startMs)
    {
        var records = new List<BenchRecord>(count);
        for (var i = 0; i < count; i++)
        {
            records.Add(Next(startMs + i));
        }

        return records;
    }
}
