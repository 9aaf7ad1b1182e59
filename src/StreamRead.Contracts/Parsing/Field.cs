using StreamRead.Contracts.DeadLetters;

namespace StreamRead.Contracts.Parsing;

/// <summary>
/// One field of an input record while it is being read: absent (default), present with a value, or
/// invalid with a reason. A repeated field replaces the earlier one (last wins, as most JSON readers do).
/// </summary>
internal readonly struct Field<T>
{
    private Field(T value, bool isPresent, DeadLetterReason? error)
    {
        Value = value;
        IsPresent = isPresent;
        Error = error;
    }

    public T Value { get; }

    public bool IsPresent { get; }

    public DeadLetterReason? Error { get; }

    public static Field<T> Of(T value) => new(value, true, null);

    public static Field<T> Invalid(DeadLetterReasonCode code, string message) => new(default!, false, new DeadLetterReason(code, message));

    /// <summary>The reason this field makes the record invalid, or null when it is fine.</summary>
    public DeadLetterReason? Problem(string name, bool required) =>
        Error ?? (required && !IsPresent
            ? new DeadLetterReason(DeadLetterReasonCode.MissingField, $"required field '{name}' is missing")
            : null);

    /// <summary>The value, or <paramref name="fallback"/> when the optional field is absent.</summary>
    public T ValueOr(T fallback) => IsPresent ? Value : fallback;
}
