namespace StreamRead.Kafka.Dev;

/// <summary>The dev broker could not start or do what was asked; the message says what to do.</summary>
public sealed class DevBrokerException(string message, Exception? innerException = null) : Exception(message, innerException);
