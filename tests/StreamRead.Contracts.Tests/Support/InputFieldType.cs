namespace StreamRead.Contracts.Tests.Support;

/// <summary>The JSON shape of an input field (SPEC 1).</summary>
internal enum InputFieldType
{
    Id,
    Integer,
    Timestamp,
    Boolean,
    Kind,
    Change,
}
