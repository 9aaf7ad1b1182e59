using System.Net;
using System.Text;

namespace StreamRead.Chaos;

/// <summary>
/// Random and malformed requests to every API endpoint (bad seqs, limits, states, cursors, ids of
/// every shape and length, too many or no stream filters, missing and wrong keys, wrong methods,
/// unknown paths, analytics ranges): the API answers 4xx for what is wrong and never 5xx.
/// </summary>
internal static class ApiFuzzer
{
    private static readonly string[] BadSeqs = ["0", "-1", "abc", "1.5", "9223372036854775808", "1e3", "%201", "%2B1", "0x10", "１"];
    private static readonly string[] BadLimits = ["0", "1001", "-5", "abc", "99999999999", "1.0", "%20"];
    private static readonly string[] BadStates = ["READ", "all", "%00", "unread%20", new string('r', 300)];

    /// <summary>A request and whether it must be refused (4xx) or may be anything but a server error.</summary>
    private sealed record Probe(HttpMethod Method, string Path, bool WithKey, bool MustBeClientError, string? Authorization = null);

    /// <returns>Answers by status code.</returns>
    public static async Task<SortedDictionary<int, int>> RunAsync(ChaosPipeline pipeline, Oracle oracle, int count, Findings findings, Random random, CancellationToken cancellationToken)
    {
        var conversations = oracle.Conversations.Keys.ToArray();
        var users = oracle.Users.ToArray();
        var probes = Enumerable.Range(0, count).Select(_ => Next(random, conversations, users)).ToList();
        var statuses = new SortedDictionary<int, int>();
        using var http = new HttpClient { BaseAddress = pipeline.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await ServingVerifier.ForEachAsync(probes, async probe =>
        {
            int status;
            try
            {
                using var request = new HttpRequestMessage(probe.Method, new Uri(probe.Path, UriKind.Relative));
                if (probe.Authorization is { } authorization)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }
                else if (probe.WithKey)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ChaosPipeline.ApiKey);
                }

                // Headers only: a valid stream request would otherwise never end.
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                findings.AddWrong($"{probe.Method} {Shorten(probe.Path)}: no answer ({e.GetType().Name}: {e.Message})");
                return;
            }

            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }

            if (status >= 500)
            {
                findings.AddWrong($"{probe.Method} {Shorten(probe.Path)}: {status}");
            }
            else if (probe.MustBeClientError && status is < 400 or >= 500)
            {
                findings.AddWrong($"{probe.Method} {Shorten(probe.Path)}: {status}, expected a 4xx");
            }
        });
        return statuses;
    }

    private static Probe Next(Random random, string[] conversations, string[] users)
    {
        var c = Escape(conversations[random.Next(conversations.Length)]);
        var u = Escape(users[random.Next(users.Length)]);
        var seq = random.Next(1, 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return random.Next(16) switch
        {
            0 => new(HttpMethod.Get, $"/v1/conversations/{c}/messages/{Pick(random, BadSeqs)}/receipt", true, true),
            1 => new(HttpMethod.Get, $"/v1/conversations/{RandomId(random)}/messages/{seq}/receipt", true, false),
            2 => new(HttpMethod.Get, $"/v1/conversations/{c}/messages/{seq}/readers?state={Pick(random, BadStates)}", true, true),
            3 => new(HttpMethod.Get, $"/v1/conversations/{c}/messages/{seq}/readers?limit={Pick(random, BadLimits)}", true, true),
            4 => new(HttpMethod.Get, $"/v1/conversations/{c}/messages/{seq}/readers?state=unread&limit={random.Next(1, 1001)}&cursor={Cursor(random)}", true, false),
            5 => new(HttpMethod.Get, $"/v1/users/{RandomId(random)}/unread", true, false),
            6 => new(HttpMethod.Get, $"/v1/users/{u}/unread", true, false),
            7 => new(HttpMethod.Get, StreamProbe(random, c, u), true, true),
            8 => new(HttpMethod.Get, $"/v1/users/{u}/unread", false, true),
            9 => new(HttpMethod.Get, $"/v1/conversations/{c}/messages/{seq}/receipt", false, true,
                Pick(random, ["Bearer wrong-key-0123456789", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer " + new string('k', 8_000), "bearer"])),
            10 => new(Pick(random, [HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch]), $"/v1/conversations/{c}/messages/{seq}/receipt", true, true),
            11 => UnknownPath(random),
            12 => new(HttpMethod.Get, $"/analytics/api/queries/{Pick(random, ["read_latency_per_minute", "unread_backlog", "nope", "%00", new string('q', 400)])}" +
                $"?from={Pick(random, ["2026-11-22T00:00:00Z", "yesterday", "-1", "99999999999999", ""])}&to={Pick(random, ["2026-11-23T00:00:00Z", "x", "0", ""])}", true, false),
            13 => new(HttpMethod.Get, $"/v1/conversations/{new string('c', random.Next(257, 3_000))}/messages/{seq}/receipt", true, true),
            14 => new(HttpMethod.Get, $"/v1/conversations/{c}/messages/{seq}/readers?cursor={new string('A', random.Next(2_049, 6_000))}", true, true),
            _ => new(HttpMethod.Get, $"/v1/conversations/{c}/messages/{seq}/readers?state=read&limit=1&{new string('x', random.Next(1, 8_000))}=1", true, false),
        };
    }

    /// <summary>An unknown path under /v1 must be a 404; one with dot segments is resolved by the client first, so it may be anything.</summary>
    private static Probe UnknownPath(Random random)
    {
        var path = "/v1/" + string.Join('/', Enumerable.Range(0, random.Next(1, 6)).Select(_ => RandomId(random)));
        return new(HttpMethod.Get, path, true, !path.Contains("..", StringComparison.Ordinal));
    }

    private static string StreamProbe(Random random, string c, string u) => random.Next(5) switch
    {
        0 => "/v1/stream",
        1 => "/v1/stream?" + string.Join('&', Enumerable.Range(0, 51).Select(i => $"conversationId=c{i}")),
        2 => "/v1/stream?" + string.Join('&', Enumerable.Range(0, 11).Select(i => $"userId=u{i}")),
        3 => $"/v1/stream?conversationId={new string('c', 300)}",
        _ => $"/v1/stream?userId=&conversationId=",
    };

    private static string Cursor(Random random)
    {
        var raw = random.Next(8) switch
        {
            0 => "5 \nu1",
            1 => " 5\nu1",
            2 => "-1\nu1",
            3 => "1e3\nu1",
            4 => "99999999999999999999\nu1",
            5 => "7\n" + new string('u', 1_000),
            6 => "nan\nx",
            _ => "\n",
        };
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return random.Next(4) == 0 ? Escape(RandomId(random)) : encoded;
    }

    /// <summary>Ids of every shape: Unicode, control characters, reserved URL characters, dots, braces, long ones.</summary>
    private static string RandomId(Random random) => Escape(random.Next(9) switch
    {
        0 => "😀-日本-ü",
        1 => "a\u0000b",
        2 => "..",
        3 => "{tag}",
        4 => "a/b?c#d",
        5 => new string('x', random.Next(200, 300)),
        6 => "%",
        7 => "\r\nX-Injected: 1",
        _ => $"nobody-{random.Next(1_000)}",
    });

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Shorten(string path) => path.Length <= 120 ? path : path[..120] + "...";
}
