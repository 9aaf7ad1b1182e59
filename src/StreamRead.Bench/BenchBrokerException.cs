namespace StreamRead.Bench;

/// <summary>The bench cannot use the Kafka it was given (unreachable, topics refused); the message says what to check.</summary>
public sealed class BenchBrokerException(string message, Exception? innerException = null) : Exception(message, innerException);
