using System.ComponentModel.DataAnnotations;

namespace StreamRead.Redis;

/// <summary>Where the serving layer lives (configuration section <c>Redis</c>).</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6380</c> or <c>host:6379,password=...</c>.</summary>
    [Required]
    public string Configuration { get; set; } = "127.0.0.1:6380";

    /// <summary>Prefix of every key StreamRead writes, so several deployments can share a server.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$")]
    public string KeyPrefix { get; set; } = "sr";

    /// <summary>Entries a readers query examines at most per page (filtered ones included) before returning a cursor.</summary>
    [Range(10, 100_000)]
    public int MaxScanPerPage { get; set; } = 2_000;
}
