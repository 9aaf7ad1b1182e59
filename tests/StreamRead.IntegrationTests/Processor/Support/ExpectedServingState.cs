using StreamRead.Chaos;
using StreamRead.Model;

namespace StreamRead.IntegrationTests.Processor.Support;

/// <summary>
/// What the serving layer must answer after a test's history: the chaos runs' <see cref="Oracle"/>,
/// the pure model applied once per event in the processor's order (record timestamp, then topic).
/// The model itself is checked against a brute-force reference in StreamRead.Model.Tests; here it
/// is the oracle for everything between it and Redis (Kafka, changelog, receipts, sink, scripts).
/// </summary>
internal static class ExpectedServingState
{
    public static Oracle From(IEnumerable<ChatEvent> events, ModelOptions options) =>
        Oracle.From(events.Select(e => (e.Event, e.Time, e.TopicIndex)), options);
}
