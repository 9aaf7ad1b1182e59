namespace StreamRead.Contracts.DeadLetters;

/// <summary>Why a record was dead-lettered: a stable machine code and a message for the gateway developer.</summary>
/// <param name="Code">The machine code; metrics count dead letters by it.</param>
/// <param name="Message">
/// What is wrong and what was expected, e.g. <c>field 'seq' must be an integer &gt;= 1, got -3</c>.
/// Free text: never parse it.
/// </param>
public sealed record DeadLetterReason(DeadLetterReasonCode Code, string Message);
