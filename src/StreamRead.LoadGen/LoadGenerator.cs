using Confluent.Kafka;
using StreamRead.Contracts.Events;
using StreamRead.Kafka.Producing;
using StreamRead.LoadGen.Workload;

namespace StreamRead.LoadGen;

/// <summary>
/// Produces the demo workload through the gateway producer, in real time: memberships first, then
/// messages as a Poisson process over the conversations (weighted), and for each message read
/// reports by a sample of members after log-normal delays, reading up to the conversation's latest
/// message at that moment, as clients do. Some reports are private, duplicated, followed by a stale
/// lower report from another device, or sent before their message (SPEC 2.1, 2.5, 2.6); members
/// occasionally leave and rejoin (SPEC 2.2).
/// </summary>
internal sealed class LoadGenerator
{
    private static readonly TimeSpan MaxReadDelay = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan EarlyReadLead = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromMilliseconds(100);
    private static readonly string[] Devices = ["phone", "laptop", "web"];

    private readonly IChatEventProducer _producer;
    private readonly LoadGenOptions _options;
    private readonly DemoWorkload _workload;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly double[] _cumulativeWeights;
    private readonly PriorityQueue<Action<DateTimeOffset>, DateTimeOffset> _due = new();
    private readonly Dictionary<(int Conversation, int User), long> _reported = [];
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivery;

    public LoadGenerator(IChatEventProducer producer, LoadGenOptions options, TimeProvider? time = null)
    {
        _producer = producer;
        _options = options;
        _workload = DemoWorkload.Create(options);
        _time = time ?? TimeProvider.System;
        _random = new Random(options.Seed);
        var sum = 0.0;
        _cumulativeWeights = [.. _workload.Conversations.Select(c => sum += c.Weight)];
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Stats.CountFailed();
                LastError = report.Error.Reason;
            }
        };
    }

    public LoadGenStats Stats { get; } = new();

    /// <summary>The reason of the latest failed delivery, if any.</summary>
    public string? LastError { get; private set; }

    /// <summary>Memberships the workload starts with.</summary>
    public long MembershipCount => _workload.MembershipCount;

    /// <summary>Conversations of the workload.</summary>
    public int ConversationCount => _workload.Conversations.Count;

    /// <summary>Produces until <paramref name="cancellationToken"/> fires or <see cref="LoadGenOptions.Duration"/> passed, then flushes.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var end = _options.Duration is { } duration ? started + duration : DateTimeOffset.MaxValue;
        Start(started);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                if (now >= end)
                {
                    break;
                }

                RunDue(now);
                var wait = _due.TryPeek(out _, out var next) ? next - now : MaxIdleWait;
                await Task.Delay(wait < MaxIdleWait ? (wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1)) : MaxIdleWait, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the normal end of an open-ended run.
        }
        finally
        {
            _producer.Flush(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Produces the memberships and schedules the first message (the workload's time zero).</summary>
    internal void Start(DateTimeOffset now)
    {
        JoinEveryone(now);
        _due.Enqueue(ProduceNextMessage, now + NextMessageGap());
        _due.Enqueue(Churn, now + TimeSpan.FromSeconds(15));
    }

    /// <summary>
    /// Produces everything due up to <paramref name="now"/>, each event stamped with its own due
    /// time, so a run is the same whatever the timer's precision (and tests can run it in virtual time).
    /// </summary>
    internal void RunDue(DateTimeOffset now)
    {
        while (_due.TryPeek(out var action, out var at) && at <= now)
        {
            _due.Dequeue();
            action(at);
        }
    }

    private void JoinEveryone(DateTimeOffset now)
    {
        // Joined a moment before the first message, from the beginning (afterSeq 0).
        var at = now - TimeSpan.FromSeconds(1);
        foreach (var conversation in _workload.Conversations)
        {
            foreach (var member in conversation.Members)
            {
                Produce(p => p.Produce(new MembershipChanged(conversation.Id, User(member), MembershipChange.Joined, at, 0), _onDelivery));
                Stats.CountMembership();
            }
        }
    }

    private void ProduceNextMessage(DateTimeOffset now)
    {
        _due.Enqueue(ProduceNextMessage, now + NextMessageGap());
        var index = PickConversation();
        var conversation = _workload.Conversations[index];
        if (conversation.PendingSeq != 0)
        {
            return; // its next message is already announced by an early read; keep seqs in order.
        }

        // Seqs increase by one, with an occasional gap (a recalled message, SPEC 1).
        var seq = conversation.LastSeq + (_random.NextDouble() < 0.01 ? 2 : 1);
        var sender = PickSender(conversation);
        if (_random.NextDouble() < _options.EarlyReadRate && PickReader(conversation, sender) is { } early)
        {
            // The reader's client saw the message first; its report overtakes the message (SPEC 2.5).
            conversation.PendingSeq = seq;
            ProduceRead(index, early, seq, now, isPrivate: false);
            Stats.CountEarlyRead();
            _due.Enqueue(at => SendMessage(index, seq, sender, at), now + EarlyReadLead);
            return;
        }

        SendMessage(index, seq, sender, now);
    }

    private void SendMessage(int index, long seq, int sender, DateTimeOffset now)
    {
        var conversation = _workload.Conversations[index];
        conversation.PendingSeq = 0;
        conversation.LastSeq = seq;
        Produce(p => p.Produce(new MessageSent(conversation.Id, seq, User(sender), now, conversation.Kind), _onDelivery));
        Stats.CountMessage();
        _reported[(index, sender)] = seq;

        // A sample of the members will open the conversation later; big groups read less and later.
        var others = conversation.Members.Length - 1;
        var readers = others <= 40 ? conversation.Members : [.. Enumerable.Range(0, 40 + (others / 40)).Select(_ => conversation.Members[_random.Next(conversation.Members.Length)])];
        foreach (var reader in readers)
        {
            if (reader != sender && _random.NextDouble() < conversation.ReadProbability)
            {
                var median = reader == 1 ? TimeSpan.FromSeconds(25) : conversation.MedianReadDelay; // the showcase user lets badges build up
                _due.Enqueue(at => ReadLatest(index, reader, at), now + LogNormal(median));
            }
        }
    }

    private void ReadLatest(int index, int user, DateTimeOffset now)
    {
        var conversation = _workload.Conversations[index];
        if (conversation.Away.Contains(user) || _reported.GetValueOrDefault((index, user)) >= conversation.LastSeq)
        {
            return;
        }

        ProduceRead(index, user, conversation.LastSeq, now, _random.NextDouble() < _options.PrivateRate);
    }

    private void ProduceRead(int index, int user, long readSeq, DateTimeOffset now, bool isPrivate)
    {
        var conversation = _workload.Conversations[index];
        var device = Devices[_random.Next(Devices.Length)];
        var read = new ReadReported(conversation.Id, User(user), readSeq, now, device, isPrivate);
        Produce(p => p.Produce(read, _onDelivery));
        Stats.CountRead(isPrivate);
        _reported[(index, user)] = Math.Max(readSeq, _reported.GetValueOrDefault((index, user)));

        if (_random.NextDouble() < _options.DuplicateRate)
        {
            // A client retry: the same report again (SPEC 2.1: duplicates change nothing).
            _due.Enqueue(_ => { Produce(p => p.Produce(read, _onDelivery)); Stats.CountDuplicate(); }, now + Millis(50, 1500));
        }

        if (readSeq > 1 && _random.NextDouble() < _options.OutOfOrderRate)
        {
            // Another device's older position arrives after the newer one (SPEC 2.1: max-merge).
            var stale = read with { ReadSeq = Math.Max(1, readSeq - _random.Next(1, 6)), DeviceId = "tablet" };
            _due.Enqueue(at => { Produce(p => p.Produce(stale with { ReadAt = at }, _onDelivery)); Stats.CountOutOfOrder(); }, now + Millis(100, 2000));
        }
    }

    private void Churn(DateTimeOffset now)
    {
        _due.Enqueue(Churn, now + TimeSpan.FromSeconds(5 + (_random.NextDouble() * 20)));
        // Someone leaves a group outside the showcase and rejoins later (SPEC 2.2).
        var index = 4 + _random.Next(Math.Max(1, _workload.Conversations.Count - 4));
        if (index >= _workload.Conversations.Count || _workload.Conversations[index].Size == ConversationSize.Direct)
        {
            return;
        }

        var conversation = _workload.Conversations[index];
        var user = conversation.Members[_random.Next(conversation.Members.Length)];
        if (!conversation.Away.Add(user))
        {
            return;
        }

        Produce(p => p.Produce(new MembershipChanged(conversation.Id, User(user), MembershipChange.Left, now), _onDelivery));
        Stats.CountMembership();
        _due.Enqueue(at =>
        {
            conversation.Away.Remove(user);
            Produce(p => p.Produce(new MembershipChanged(conversation.Id, User(user), MembershipChange.Joined, at), _onDelivery));
            Stats.CountMembership();
        }, now + TimeSpan.FromSeconds(5 + (_random.NextDouble() * 25)));
    }

    private int PickConversation()
    {
        var roll = _random.NextDouble() * _cumulativeWeights[^1];
        var index = Array.BinarySearch(_cumulativeWeights, roll);
        return Math.Min(index < 0 ? ~index : index, _cumulativeWeights.Length - 1);
    }

    private int PickSender(DemoConversation conversation)
    {
        var members = conversation.Members;
        if (conversation.Size == ConversationSize.Direct)
        {
            // The showcase user answers now and then; everyone else talks to them.
            return members[0] == 1 ? (_random.NextDouble() < 0.3 ? 1 : members[1]) : members[_random.Next(2)];
        }

        for (var attempt = 0; ; attempt++)
        {
            // Most messages come from a few active members.
            var candidate = _random.NextDouble() < 0.7 ? members[_random.Next(Math.Min(10, members.Length))] : members[_random.Next(members.Length)];
            if ((candidate != 1 || attempt > 5) && !conversation.Away.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private int? PickReader(DemoConversation conversation, int sender)
    {
        var reader = conversation.Members[_random.Next(conversation.Members.Length)];
        return reader == sender || conversation.Away.Contains(reader) ? null : reader;
    }

    private TimeSpan NextMessageGap() => TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) / _options.MessagesPerSecond);

    private TimeSpan LogNormal(TimeSpan median)
    {
        // Box-Muller: a standard normal, sigma 1 around the median.
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        var delay = TimeSpan.FromSeconds(median.TotalSeconds * Math.Exp(normal));
        return delay < MaxReadDelay ? delay : MaxReadDelay;
    }

    private TimeSpan Millis(int min, int max) => TimeSpan.FromMilliseconds(_random.Next(min, max));

    private void Produce(Action<IChatEventProducer> produce)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                produce(_producer);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull && attempt < 50)
            {
                // The client's queue is full (broker slower than the workload): let it drain.
                _producer.Flush(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private static string User(int number) => $"u-{number}";
}
