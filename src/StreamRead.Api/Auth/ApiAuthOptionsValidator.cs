using Microsoft.Extensions.Options;

namespace StreamRead.Api.Auth;

/// <summary>Refuses an enabled authentication without keys, and keys too short to be secret.</summary>
internal sealed class ApiAuthOptionsValidator : IValidateOptions<ApiAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiAuthOptions options)
    {
        var problems = new List<string>();
        if (options.Enabled && options.Keys.Count == 0)
        {
            problems.Add("Api:Auth:Enabled is true but Api:Auth:Keys is empty: configure at least one key " +
                "(e.g. STREAMREAD_Api__Auth__Keys__0=<random key>) or switch authentication off (streamread api --no-auth)");
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Keys[i]) || options.Keys[i].Length < ApiAuthOptions.MinimumKeyLength)
            {
                problems.Add($"Api:Auth:Keys:{i} is shorter than {ApiAuthOptions.MinimumKeyLength} characters: use a long random key (e.g. openssl rand -hex 24)");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
