using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using StreamRead.Api.Tests.Contract;
using StreamRead.Api.Tests.Fixtures;
using Xunit;

namespace StreamRead.Api.Tests.Fuzzing;

/// <summary>
/// Malformed requests get a 4xx problem that says what is wrong, never a 5xx (docs/reliability.md):
/// ids of every shape, seqs, states, limits and cursors that are almost right, stream filters.
/// </summary>
public sealed class ApiFuzzTests(RedisServerFixture redis) : ApiContractTest(redis)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ServingData.WriteAsync(Redis, KeyPrefix, ServingData.Group("g"), ServingData.Crowd("crowd", readers: 25, others: 7));
    }

    /// <summary>
    /// Cursors are opaque, but a client can forge one: a score with spaces, a sign, an exponent or
    /// 20 digits is not a position the API issued, so it is a 400, not a Redis error.
    /// </summary>
    [Theory]
    [InlineData(" 5\nu-b")]
    [InlineData("5 \nu-b")]
    [InlineData("+5\nu-b")]
    [InlineData("-5\nu-b")]
    [InlineData("05\nu-b")]
    [InlineData("1e3\nu-b")]
    [InlineData("99999999999999999999\nu-b")]
    [InlineData("5\n")]
    [InlineData("\nu-b")]
    public async Task A_forged_cursor_is_a_400_never_a_server_error(string raw)
    {
        foreach (var state in new[] { "read", "unread" })
        {
            var detail = await Http.GetProblemAsync(Client, $"/v1/conversations/crowd/messages/1/readers?state={state}&cursor={Cursor(raw)}", HttpStatusCode.BadRequest);

            Assert.Contains("cursor", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cursor_for_a_user_who_is_not_in_the_list_resumes_after_its_watermark()
    {
        // A cursor the API issued, whose user left the list since: still a valid position.
        var body = await Http.GetOkAsync(Client, $"/v1/conversations/crowd/messages/1/readers?state=read&cursor={Cursor("1\nzzz-gone")}");

        Assert.Empty(body["users"]!.AsArray());
    }

    [Fact]
    public async Task Random_requests_never_get_a_server_error()
    {
        var statuses = new Dictionary<int, int>();
        Prop.ForAll(Requests.ToArbitrary(), path =>
        {
            var status = Send(path);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status is >= 200 and < 500, $"GET {path}: {status}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1_500).WithQuietOnSuccess(true));

        // The generator reaches the interesting answers, not only 404s.
        Assert.True(statuses.GetValueOrDefault(200) > 0 && statuses.GetValueOrDefault(400) > 0 && statuses.GetValueOrDefault(404) > 0,
            string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
    }

    private int Send(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        using var response = Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (int)response.StatusCode;
    }

    private static string Cursor(string raw) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static readonly Gen<string> Ids = Gen.OneOf(
        Gen.Elements("g", "crowd", "u-b", "u-c", "r-001", "nobody"),
        Gen.Elements("😀", "日本", "a%00b", "%7Btag%7D", "a%2Fb", "%25", "%0D%0AX-Injected:%201", "..%2F..", "%FF%FE"),
        Gen.Choose(0, 600).Select(n => new string('x', n)),
        ArbMap.Default.GeneratorFor<string>().Select(s => Uri.EscapeDataString(s ?? "")));

    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Choose(-3, 8).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Elements("9223372036854775807", "9223372036854775808", "1.5", "1e3", "%201", "%2B1", "abc", "0x1", "", "１"));

    private static readonly Gen<string> Cursors = Gen.OneOf(
        Gen.Elements(" 5\nu-b", "5 \nu-b", "+1\nr-001", "1\nr-001", "nan\nx", "\n", "1\n" + new string('u', 3_000)).Select(Cursor),
        Gen.Elements("not-a-cursor", "%21%21", new string('A', 2_100), "", "MAp1LTEx"));

    private static readonly Gen<string> Requests =
        from c in Ids
        from u in Ids
        from seq in Numbers
        from limit in Numbers
        from state in Gen.Elements("read", "unread", "READ", "", "%00")
        from cursor in Cursors
        from kind in Gen.Choose(0, 5)
        select kind switch
        {
            0 => $"/v1/conversations/{c}/messages/{seq}/receipt",
            1 => $"/v1/conversations/{c}/messages/{seq}/readers?state={state}&limit={limit}",
            2 => $"/v1/conversations/{c}/messages/1/readers?state={state}&cursor={cursor}",
            3 => $"/v1/users/{u}/unread",
            4 => $"/v1/stream?conversationId={c}&userId={u}&userId=" + string.Join("&userId=", Enumerable.Range(0, seq.Length)),
            _ => $"/v1/{c}/{u}?limit={limit}",
        };
}
