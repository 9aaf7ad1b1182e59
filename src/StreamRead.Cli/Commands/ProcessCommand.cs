using System.CommandLine;
using StreamRead.Runtime.Hosting;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread process</c>: the stateful processor (SPEC 2). Run several with the same
/// <c>Processor:ApplicationId</c> to share the partitions.
/// </summary>
internal static class ProcessCommand
{
    public static Command Create()
    {
        var bootstrap = CommonOptions.BootstrapServers();
        var prefix = CommonOptions.TopicPrefix();
        var instance = new Option<string?>("--instance-id") { Description = "This instance's id in logs and transactions (default: machine name)" };
        var command = new Command("process", "Run the read-state processor: chat.messages, chat.reads and chat.members in; changelog, receipts and dead letters out.")
        {
            bootstrap,
            prefix,
            instance,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = CliHost.CreateBuilder(parse, CommonOptions.Overrides(parse,
                (bootstrap, ["Kafka:BootstrapServers"]),
                (prefix, ["Processor:TopicPrefix"]),
                (instance, ["Processor:InstanceId"])));
            builder.Services.AddStreamReadProcessor();
            using var host = builder.Build();
            return await ServiceHost.RunAsync(host, cancellationToken);
        });
        return command;
    }
}
