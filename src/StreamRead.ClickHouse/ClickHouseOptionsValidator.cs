using Microsoft.Extensions.Options;

namespace StreamRead.ClickHouse;

/// <summary>Fails the host at start with every problem of the ClickHouse section, each saying what to set.</summary>
internal sealed class ClickHouseOptionsValidator : IValidateOptions<ClickHouseOptions>
{
    public ValidateOptionsResult Validate(string? name, ClickHouseOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
