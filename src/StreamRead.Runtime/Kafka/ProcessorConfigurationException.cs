namespace StreamRead.Runtime.Kafka;

/// <summary>The processor cannot start as configured; the message names the problem and the fix.</summary>
public sealed class ProcessorConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
