using System.Text.Json.Serialization;

namespace StreamRead.ClickHouse.Migrations;

/// <summary>Source-generated serialization for the migrator's rows.</summary>
[JsonSerializable(typeof(MigrationRecord))]
internal sealed partial class MigrationJsonContext : JsonSerializerContext;
