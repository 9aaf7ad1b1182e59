using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StreamRead.Api.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;key&gt;</c> when the key is one of <see cref="ApiAuthOptions.Keys"/>.
/// The SSE endpoint also accepts <c>?access_token=&lt;key&gt;</c>, because browsers' EventSource
/// cannot send headers. Keys are compared as SHA-256 digests in constant time.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptions<ApiAuthOptions> authOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The query parameter carrying a key on <c>/v1/stream</c>.</summary>
    public const string QueryParameter = "access_token";

    private readonly byte[][] _keyDigests = [.. authOptions.Value.Keys.Select(Digest)];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request) ?? StreamToken(Request);
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var digest = Digest(token);
        for (var i = 0; i < _keyDigests.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, _keyDigests[i]))
            {
                // The key's position names the caller in logs; the key itself never appears.
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"key-{i}")], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("the bearer token is not a configured key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            "a valid API key is required: send 'Authorization: Bearer <key>' with one of the keys configured in Api:Auth:Keys" +
            $" (EventSource clients of /v1/stream may pass ?{QueryParameter}=<key>)");
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static string? StreamToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/v1/stream") && request.Query.TryGetValue(QueryParameter, out var value) ? value.ToString() : null;

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
