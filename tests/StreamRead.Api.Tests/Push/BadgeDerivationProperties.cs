using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamRead.Api.Push;
using StreamRead.Contracts.Events;
using StreamRead.Contracts.Receipts;
using StreamRead.Runtime.Metrics;
using Xunit;

namespace StreamRead.Api.Tests.Push;

/// <summary>
/// SPEC 2.4 through the push: a watched user's badge, derived by the hub from updates that carry
/// a badge entry only when the user's own state changed, always equals a recount of the known
/// messages above the user's position, whatever the gaps, the eligibility point, the flush
/// boundaries, split updates of one version and replays.
/// </summary>
public sealed class BadgeDerivationProperties
{
    private const string User = "u";
    private const string Conversation = "c";

    private enum StepKind
    {
        OtherSends,
        UserSends,
        UserReads,
        Flush,
        Replay,
    }

    private sealed record Step(StepKind Kind, bool Gap, int ReadBack, bool Split);

    private sealed record History(int AfterSeq, Step[] Steps)
    {
        public override string ToString() => $"afterSeq {AfterSeq}: {string.Join(", ", Steps.Select(s => $"{s.Kind}{(s.Gap ? "+gap" : "")}{(s.Kind == StepKind.UserReads ? $"-{s.ReadBack}" : "")}{(s.Split ? "/split" : "")}"))}";
    }

    private static readonly Gen<Step> Steps =
        from kind in Gen.Frequency(
            (5, Gen.Constant(StepKind.OtherSends)),
            (1, Gen.Constant(StepKind.UserSends)),
            (2, Gen.Constant(StepKind.UserReads)),
            (3, Gen.Constant(StepKind.Flush)),
            (1, Gen.Constant(StepKind.Replay)))
        from gap in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from readBack in Gen.Choose(0, 3)
        from split in Gen.Elements(false, true)
        select new Step(kind, gap, readBack, split);

    private static readonly Arbitrary<History> Histories = Arb.From(
        from afterSeq in Gen.Choose(0, 6)
        from count in Gen.Choose(1, 40)
        from steps in Gen.ArrayOf(Steps, count)
        select new History(afterSeq, steps));

    [Fact]
    public void Derived_badge_equals_a_recount_after_every_flush()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true), Prop.ForAll(Histories, history =>
        {
            Run(history);
            return true;
        }));
    }

    private static void Run(History history)
    {
        var store = new FakeSnapshots();
        store.Users[User] = new() { [Conversation] = ConversationBadge.FromStore(0, readSeq: 0, afterSeq: history.AfterSeq, unread: 0, lastSeq: 0, messageCount: 0) };
        using var metrics = new StreamReadMetrics();
        using var hub = new PushHub(store, Options.Create(new PushOptions { ReconcileDelay = TimeSpan.FromHours(1) }), new PushMetrics(metrics),
            TimeProvider.System, NullLogger<PushHub>.Instance);
        var stream = hub.Subscribe(new StreamFilter([], [User]));
        hub.SendSnapshotAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
        stream.Drain();

        var known = new List<long>();
        var pending = new List<ReceiptMessage>();
        long readPosition = 0, version = 0, shown = 0;
        var userChanged = false;
        var emitted = new List<ReceiptUpdate>();
        foreach (var step in history.Steps)
        {
            version++;
            var next = (known.Count > 0 ? known[^1] : 0) + (step.Gap ? 2 : 1);
            switch (step.Kind)
            {
                case StepKind.OtherSends:
                    known.Add(next);
                    pending.Add(new ReceiptMessage(next, "x", Updates.Now));
                    break;
                case StepKind.UserSends:
                    known.Add(next);
                    pending.Add(new ReceiptMessage(next, User, Updates.Now));
                    readPosition = Math.Max(readPosition, next); // sending reads (SPEC 2.1)
                    userChanged = true;
                    break;
                case StepKind.UserReads:
                    readPosition = Math.Max(readPosition, Math.Max(0, (known.Count > 0 ? known[^1] : 0) - step.ReadBack));
                    userChanged = true;
                    break;
                case StepKind.Replay when emitted.Count > 0:
                    emitted.ForEach(hub.Apply); // a processor restart re-emits what it had emitted (SPEC 2.7)
                    break;
                case StepKind.Flush:
                    var expected = known.Count(s => s > Math.Max(readPosition, history.AfterSeq));
                    var parts = Flush(version, known, pending, userChanged ? new ReceiptBadge(User, expected, readPosition) : null, history.AfterSeq, step.Split);
                    emitted = parts;
                    parts.ForEach(hub.Apply);
                    pending.Clear();
                    userChanged = false;
                    shown = stream.Drain().OfType<BadgeEvent>().LastOrDefault()?.Unread ?? shown;
                    Assert.True(shown == expected, $"after v{version}: the hub shows {shown} unread, a recount gives {expected} ({history})");
                    break;
            }
        }
    }

    /// <summary>The receipts update(s) of one flush; split in two updates of the same version when asked.</summary>
    private static List<ReceiptUpdate> Flush(long version, List<long> known, List<ReceiptMessage> messages, ReceiptBadge? badge, int afterSeq, bool split)
    {
        ReceiptUpdate Part(IEnumerable<ReceiptMessage> part, bool withBadge) =>
            new(Conversation, version, ConversationKind.Group, known.Count > 0 ? known[^1] : 0, known.Count, 1, Updates.Now)
            {
                Messages = [.. part],
                Members = withBadge && badge is not null ? [new ReceiptMember(User, true, afterSeq, 0)] : [],
                Badges = withBadge && badge is not null ? [badge] : [],
            };

        if (!split || messages.Count < 2)
        {
            return [Part(messages, withBadge: true)];
        }

        var half = messages.Count / 2;
        return [Part(messages.Take(half), withBadge: false), Part(messages.Skip(half), withBadge: true)];
    }
}
