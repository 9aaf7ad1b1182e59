namespace StreamRead.Api.Auth;

/// <summary>
/// Bearer-token authentication of the <c>/v1</c> endpoints (configuration section <c>Api:Auth</c>,
/// SPEC 4): receipts and badges are private data, so deployed services require a key.
/// </summary>
/// <example>
/// <code>
/// "Api": { "Auth": { "Enabled": true, "Keys": [ "a-long-random-key-for-the-gateway" ] } }
/// </code>
/// or <c>STREAMREAD_Api__Auth__Keys__0=a-long-random-key-for-the-gateway</c>.
/// </example>
public sealed class ApiAuthOptions
{
    public const string SectionName = "Api:Auth";

    /// <summary>The shortest key accepted: shorter ones are guessable.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Whether <c>/v1</c> requires <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The accepted keys; any one of them authenticates a request.</summary>
    public List<string> Keys { get; set; } = [];
}
