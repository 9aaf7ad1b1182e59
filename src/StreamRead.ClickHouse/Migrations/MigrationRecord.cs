using System.Text.Json.Serialization;

namespace StreamRead.ClickHouse.Migrations;

/// <summary>A row of <c>schema_migrations</c>; <c>applied_at</c> in Unix seconds, which a DateTime column reads whatever the server's time zone.</summary>
internal sealed record MigrationRecord(
    [property: JsonPropertyName("version")] uint Version,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("checksum")] string Checksum,
    [property: JsonPropertyName("applied_at")] long AppliedAt);
