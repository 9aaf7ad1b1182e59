namespace StreamRead.Contracts.DeadLetters;

/// <summary>The stable wire names of <see cref="DeadLetterReasonCode"/>, for metric labels and logs without reflection.</summary>
public static class DeadLetterReasonCodeNames
{
    /// <summary>The snake_case name the code has in JSON, e.g. <c>missing_field</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined code.</exception>
    public static string ToWireName(this DeadLetterReasonCode code) => code switch
    {
        DeadLetterReasonCode.RecordTooLarge => "record_too_large",
        DeadLetterReasonCode.ValueMissing => "value_missing",
        DeadLetterReasonCode.InvalidJson => "invalid_json",
        DeadLetterReasonCode.NotAnObject => "not_an_object",
        DeadLetterReasonCode.MissingField => "missing_field",
        DeadLetterReasonCode.WrongType => "wrong_type",
        DeadLetterReasonCode.NotAnInteger => "not_an_integer",
        DeadLetterReasonCode.OutOfRange => "out_of_range",
        DeadLetterReasonCode.InvalidId => "invalid_id",
        DeadLetterReasonCode.InvalidTimestamp => "invalid_timestamp",
        DeadLetterReasonCode.UnknownEnumValue => "unknown_enum_value",
        DeadLetterReasonCode.KeyMissing => "key_missing",
        DeadLetterReasonCode.KeyMismatch => "key_mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a dead-letter reason code."),
    };
}
