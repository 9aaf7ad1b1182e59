using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using StreamRead.ClickHouse.Http;

namespace StreamRead.ClickHouse;

/// <summary>
/// ClickHouse over its HTTP interface (no .NET client package is available to the project):
/// statements and queries go in the request body, settings and the database as URL parameters,
/// inserts as gzip JSONEachRow bodies. Works with ClickHouse 18.16 and modern versions.
/// Every failure is a <see cref="ClickHouseException"/>.
/// </summary>
public sealed partial class ClickHouseClient
{
    private readonly HttpClient _http;
    private readonly ClickHouseOptions _options;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <summary>
    /// Creates a client sending requests through <paramref name="httpClient"/> (whose own Timeout
    /// should not be shorter than <see cref="ClickHouseOptions.Timeout"/>, which applies per request).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists what to fix.</exception>
    public ClickHouseClient(HttpClient httpClient, ClickHouseOptions options)
        : this(httpClient, options, options.Settings)
    {
    }

    private ClickHouseClient(HttpClient httpClient, ClickHouseOptions options, IReadOnlyDictionary<string, string> settings)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _http = httpClient;
        _options = options;
        _settings = settings;
    }

    /// <summary>The database statements run in.</summary>
    public string Database => _options.Database;

    /// <summary>The server's HTTP interface.</summary>
    public Uri Url => _options.Url;

    /// <summary>A client for the same server and credentials that works in <paramref name="database"/>.</summary>
    public ClickHouseClient WithDatabase(string database) =>
        new(_http, new ClickHouseOptions
        {
            Url = _options.Url,
            Database = database,
            User = _options.User,
            Password = _options.Password,
            Timeout = _options.Timeout,
        }, _settings);

    /// <summary>
    /// A client that adds <paramref name="settings"/> (URL parameters such as <c>insert_deduplicate=1</c>)
    /// to every request, over this client's settings.
    /// </summary>
    public ClickHouseClient WithSettings(IReadOnlyDictionary<string, string> settings)
    {
        var merged = new Dictionary<string, string>(_settings);
        foreach (var (name, value) in settings)
        {
            merged[name] = value;
        }

        return new ClickHouseClient(_http, _options, merged);
    }

    /// <summary>Checks that the server answers <c>GET /ping</c>.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.Url, "ping"));
        using var response = await SendAsync(request, "ping", cancellationToken);
    }

    /// <summary>Creates <see cref="Database"/> when it does not exist.</summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        // Without the database URL parameter: it would name the database being created.
        var sql = "CREATE DATABASE IF NOT EXISTS " + ClickHouseSql.Identifier(_options.Database);
        using var request = CreateRequest(sql, useDatabase: false, queryInUrl: null);
        using var response = await SendAsync(request, sql, cancellationToken);
    }

    /// <summary>Runs one statement that returns no rows (DDL, <c>INSERT ... SELECT</c>, <c>OPTIMIZE</c>, ...).</summary>
    /// <remarks>ClickHouse's HTTP interface takes one statement per request: no <c>;</c>-separated lists.</remarks>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(sql, useDatabase: true, queryInUrl: null);
        using var response = await SendAsync(request, sql, cancellationToken);
    }

    /// <summary>
    /// Runs a <c>SELECT</c> (written without a FORMAT clause: <c>FORMAT JSON</c> is appended) and
    /// returns its rows as JSON objects keyed by column name. 64-bit integers come as JSON numbers.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var statement = sql.TrimEnd().TrimEnd(';') + "\nFORMAT JSON";
        using var request = CreateRequest(statement, useDatabase: true, queryInUrl: null, ("output_format_json_quote_64bit_integers", "0"));
        using var response = await SendAsync(request, sql, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("data").Clone().EnumerateArray().ToArray();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // An error found while rows were already streaming arrives after a 200 status, appended to the body.
            var text = Encoding.UTF8.GetString(body);
            throw ErrorFromBody(text, sql, e) ?? new ClickHouseException(
                null, $"ClickHouse answered with something other than FORMAT JSON ({e.Message}): {Excerpt(text)}", e);
        }
    }

    /// <summary>Runs a <c>SELECT</c> and maps each row with <paramref name="map"/> (e.g. <c>row =&gt; row.Deserialize(MyContext.Default.MyRow)!</c>).</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(sql, cancellationToken);
        return rows.Select(map).ToArray();
    }

    /// <summary>The first column of the first row (e.g. <c>SELECT count() FROM t</c>), or null when there is no row.</summary>
    public async Task<JsonElement?> QueryScalarAsync(string sql, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(sql, cancellationToken);
        return rows.Count == 0 ? null : rows[0].EnumerateObject().First().Value;
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="table"/> of <see cref="Database"/> as
    /// gzip-compressed JSONEachRow, serialized with <paramref name="typeInfo"/> while the request is
    /// sent. Returns the number of rows sent. Send every column: ClickHouse 18.16 fills an omitted
    /// field with its type's default, not the column's DEFAULT expression.
    /// </summary>
    /// <remarks>
    /// ClickHouse writes an insert in blocks of <c>max_insert_block_size</c> rows (about a million):
    /// a smaller insert that fails leaves nothing behind.
    /// </remarks>
    public async Task<long> InsertJsonEachRowAsync<T>(
        string table, IEnumerable<T> rows, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var statement = $"INSERT INTO {ClickHouseSql.Identifier(table)} FORMAT JSONEachRow";
        var content = new GzipJsonEachRowContent<T>(rows, typeInfo);
        using var request = CreateRequest(sql: null, useDatabase: true, queryInUrl: statement);
        request.Content = content;
        try
        {
            using var response = await SendAsync(request, statement, cancellationToken);
        }
        catch (ClickHouseException) when (content.RowFailure is not null)
        {
            ExceptionDispatchInfo.Capture(content.RowFailure).Throw();
        }

        return content.RowCount;
    }

    private HttpRequestMessage CreateRequest(
        string? sql, bool useDatabase, string? queryInUrl, params (string Name, string Value)[] extraSettings)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (queryInUrl is not null)
        {
            parameters.Add(new("query", queryInUrl));
        }

        if (useDatabase)
        {
            parameters.Add(new("database", _options.Database));
        }

        parameters.AddRange(extraSettings.Select(s => new KeyValuePair<string, string>(s.Name, s.Value)));
        parameters.AddRange(_settings);

        var url = new UriBuilder(_options.Url)
        {
            Query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, url.Uri);
        if (sql is not null)
        {
            request.Content = new StringContent(sql, Encoding.UTF8, new MediaTypeHeaderValue("text/plain"));
        }

        // Credentials in headers (understood by 18.16 and later), so they never appear in URLs or logs.
        request.Headers.Add("X-ClickHouse-User", _options.User);
        if (!string.IsNullOrEmpty(_options.Password))
        {
            request.Headers.Add("X-ClickHouse-Key", _options.Password);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string statement, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException(null,
                $"ClickHouse at {_options.Url} did not answer within {_options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: " +
                $"raise ClickHouse:Timeout or make the statement cheaper. Statement: {Excerpt(statement)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new ClickHouseException(null,
                $"cannot reach ClickHouse at {_options.Url} ({e.Message}): start it (./streamread services runs one locally) " +
                "or fix ClickHouse:Url", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw ErrorFromBody(text, statement, null) ?? new ClickHouseException(null,
                $"ClickHouse at {_options.Url} answered HTTP {(int)response.StatusCode} without an error code: {Excerpt(text)}");
        }
    }

    /// <summary>Turns a <c>Code: N, ...</c> (18.16) or <c>Code: N. DB::Exception: ...</c> (modern) answer into an exception.</summary>
    private static ClickHouseException? ErrorFromBody(string body, string statement, Exception? inner)
    {
        var match = ErrorPattern().Match(body);
        if (!match.Success)
        {
            return null;
        }

        var code = int.Parse(match.Groups["code"].Value, CultureInfo.InvariantCulture);
        var message = match.Groups["message"].Value.Trim();
        message = message.Replace("e.displayText() = ", "", StringComparison.Ordinal);
        if (message.EndsWith(", e.what() = DB::Exception", StringComparison.Ordinal))
        {
            message = message[..^", e.what() = DB::Exception".Length];
        }

        return new ClickHouseException(code, $"ClickHouse error {code}: {message.Trim()} Statement: {Excerpt(statement)}", inner);
    }

    private static string Excerpt(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "...";
    }

    [GeneratedRegex(@"Code: (?<code>\d+)[,.]\s*(?<message>.*)", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();
}
