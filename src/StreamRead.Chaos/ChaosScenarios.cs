namespace StreamRead.Chaos;

/// <summary>The scenario names of a chaos run (docs/reliability.md says what each proves).</summary>
public static class ChaosScenarios
{
    /// <summary>The processor SIGKILLed at random points and restarted each time.</summary>
    public const string ProcessorKills = "processor-kill";

    /// <summary>Two processor instances, one SIGKILLed: its partitions move to the other.</summary>
    public const string Failover = "failover";

    /// <summary>Redis stopped mid-run and restarted empty, then flushed while idle.</summary>
    public const string RedisLoss = "redis-loss";

    /// <summary>ClickHouse stopped for a while mid-run.</summary>
    public const string ClickHouseOutage = "clickhouse-outage";

    /// <summary>Fuzzed input records among valid ones.</summary>
    public const string BadInput = "bad-input";

    /// <summary>Random and malformed API requests.</summary>
    public const string ApiFuzz = "api-fuzz";

    /// <summary>Private readers looked for in every output.</summary>
    public const string Privacy = "privacy";
}
