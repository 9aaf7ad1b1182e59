using StreamRead.Model;

namespace StreamRead.Model.Tests.Support;

/// <summary>
/// The naive oracle: keeps every applied event and recomputes every answer from SPEC 2's
/// definitions by brute force (no indexes, no incremental state).
/// </summary>
/// <remarks>
/// Definitions it encodes (docs/design.md, "Rules"):
/// membership is the explicit event with the highest (at, joined over left), an absent afterSeq
/// meaning the last seq known when the event was applied, and among equal joins the first
/// applied's afterSeq raised by any higher explicit one; a user first seen through a read or a send
/// is a member since the beginning. A report (R, T) covers the known messages up to
/// min(R, B - 1, last seq), B the lowest known seq whose record time is after T + window.
/// w = max(sends, covers of public reports); r = max(w, covers of private reports).
/// </remarks>
internal sealed class ReferenceModel(long windowMs)
{
    private readonly List<(HistoryEvent Event, long LastSeqBefore)> applied = [];

    public void Apply(HistoryEvent e) => applied.Add((e, LastSeq));

    public IReadOnlyList<HistoryEvent> Events => applied.ConvertAll(a => a.Event);

    public long Version => applied.Count;

    public IEnumerable<MessageEvent> Messages =>
        applied.Select(a => a.Event).OfType<MessageEvent>().GroupBy(m => m.Seq).Select(g => g.First()).OrderBy(m => m.Seq);

    public long LastSeq => applied.Select(a => a.Event).OfType<MessageEvent>().Select(m => m.Seq).DefaultIfEmpty(0).Max();

    public bool IsDirect => Messages.LastOrDefault()?.IsDirect ?? false;

    public IEnumerable<string> Users =>
        applied.Select(a => a.Event switch
        {
            MessageEvent m => m.Sender,
            ReadEvent r => r.User,
            MembershipEvent j => j.User,
            _ => throw new InvalidOperationException(),
        }).Distinct();

    public bool IsKnown(long seq) => Messages.Any(m => m.Seq == seq);

    public (bool IsMember, long AfterSeq) Membership(string user)
    {
        var explicitEvents = applied
            .Where(a => a.Event is MembershipEvent j && j.User == user)
            .Select(a => (Event: (MembershipEvent)a.Event, a.LastSeqBefore))
            .ToList();
        if (explicitEvents.Count == 0)
        {
            return (true, 0); // implicit: seen through a read or a send
        }

        var latest = explicitEvents.MaxBy(x => (x.Event.AtMs, x.Event.Joined ? 1 : 0))!;
        if (!latest.Event.Joined)
        {
            return (false, 0);
        }

        var ties = explicitEvents.Where(x => x.Event.AtMs == latest.Event.AtMs && x.Event.Joined).ToList();
        long afterSeq = ties[0].Event.AfterSeq ?? ties[0].LastSeqBefore;
        foreach (var tie in ties.Skip(1))
        {
            if (tie.Event.AfterSeq is long explicitAfter)
            {
                afterSeq = Math.Max(afterSeq, explicitAfter);
            }
        }

        return (true, afterSeq);
    }

    /// <summary>How far a report covers given the final set of known messages.</summary>
    public long Cover(ReadEvent read)
    {
        long limit = read.ReadSeq;
        long windowEnd = read.TimestampMs > long.MaxValue - windowMs ? long.MaxValue : read.TimestampMs + windowMs;
        var beyond = Messages.Where(m => m.TimestampMs > windowEnd).Select(m => m.Seq).DefaultIfEmpty(long.MaxValue).Min();
        if (beyond != long.MaxValue)
        {
            limit = Math.Min(limit, beyond - 1);
        }

        return Math.Min(limit, LastSeq);
    }

    public long Watermark(string user) =>
        applied.Select(a => a.Event).Select(e => e switch
        {
            MessageEvent m when m.Sender == user => m.Seq,
            ReadEvent r when r.User == user && !r.IsPrivate => Cover(r),
            _ => 0,
        }).DefaultIfEmpty(0).Max();

    public long ReadPosition(string user) =>
        Math.Max(
            Watermark(user),
            applied.Select(a => a.Event).OfType<ReadEvent>().Where(r => r.User == user && r.IsPrivate).Select(Cover).DefaultIfEmpty(0).Max());

    public ReceiptCounts? Receipt(long seq)
    {
        var message = Messages.FirstOrDefault(m => m.Seq == seq);
        if (message is null)
        {
            return null;
        }

        long eligible = 0, read = 0;
        foreach (string user in Users)
        {
            var (isMember, afterSeq) = Membership(user);
            if (isMember && afterSeq < seq && user != message.Sender)
            {
                eligible++;
                if (Watermark(user) >= seq)
                {
                    read++;
                }
            }
        }

        return new ReceiptCounts(read, eligible);
    }

    public long Unread(string user)
    {
        var (isMember, afterSeq) = Membership(user);
        if (!isMember || !Users.Contains(user))
        {
            return 0;
        }

        long position = ReadPosition(user);
        return Messages.Count(m => m.Seq > position && m.Seq > afterSeq && m.Sender != user);
    }

    public MemberView? Member(string user)
    {
        if (!Users.Contains(user))
        {
            return null;
        }

        var (isMember, afterSeq) = Membership(user);
        return new MemberView(user, isMember, afterSeq, Watermark(user), ReadPosition(user), Unread(user));
    }

    public int MemberCount => Users.Count(u => Membership(u).IsMember);
}
