namespace StreamRead.ClickHouse;

/// <summary>How StreamRead reaches ClickHouse (configuration section <c>ClickHouse</c>).</summary>
public sealed class ClickHouseOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "ClickHouse";

    /// <summary>The HTTP interface; the default is the server <c>streamread services</c> starts.</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:8124/");

    /// <summary>The database every statement runs in (created by <see cref="ClickHouseClient.EnsureDatabaseAsync"/>).</summary>
    public string Database { get; set; } = "streamread";

    /// <summary>The ClickHouse user.</summary>
    public string User { get; set; } = "default";

    /// <summary>The user's password; sent in a header, never in a URL, and never logged.</summary>
    public string? Password { get; set; }

    /// <summary>How long one request (query or whole insert) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// ClickHouse settings sent with every request as URL parameters. An unknown setting fails
    /// the whole query, so only put here what the target server's version knows.
    /// </summary>
    public Dictionary<string, string> Settings { get; set; } = [];

    /// <summary>Checks the values and returns what is wrong, one message per problem (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https"))
        {
            problems.Add($"ClickHouse:Url '{Url}' must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8124/");
        }

        if (string.IsNullOrWhiteSpace(Database))
        {
            problems.Add("ClickHouse:Database must name a database, e.g. streamread");
        }

        if (string.IsNullOrWhiteSpace(User))
        {
            problems.Add("ClickHouse:User must name a user, e.g. default");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add($"ClickHouse:Timeout {Timeout} must be positive, e.g. 00:00:30");
        }

        return problems;
    }

    /// <summary>The options without the password, for logs and messages.</summary>
    public override string ToString() =>
        $"{Url} database={Database} user={User}{(Password is null ? "" : " password=(set)")}";
}
