using System.CommandLine;
using StreamRead.Kafka.Dev;

namespace StreamRead.Cli.Commands;

/// <summary>
/// <c>streamread dev-broker</c>: an embedded Kafka (librdkafka's mock cluster) at a fixed address
/// with every topic of <c>topics/</c>, for development on machines without Kafka.
/// </summary>
internal static class DevBrokerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port clients bootstrap from (0 picks a free one)",
            DefaultValueFactory = _ => DevBrokerOptions.DefaultPort,
        };
        var brokers = new Option<int>("--brokers")
        {
            Description = "Number of brokers in the cluster",
            DefaultValueFactory = _ => 1,
        };
        var topics = TopicsCommand.CreateFolderOption();
        var command = new Command(
            "dev-broker",
            "Run an embedded Kafka for development (in-memory, loopback only, data lost on exit) with every topic of topics/. " +
            "Not real Kafka: no transaction isolation, no compaction, at most 5 MiB per partition.")
        {
            port,
            brokers,
            topics,
        };
        command.SetAction((parse, cancellationToken) => TopicsCommand.ReportingUserErrorsAsync(async () =>
        {
            var catalog = TopicsCommand.LoadCatalog(parse.GetValue(topics));
            DevBroker broker;
            try
            {
                broker = DevBroker.Start(new DevBrokerOptions
                {
                    Port = parse.GetValue(port),
                    Brokers = parse.GetValue(brokers),
                    Catalog = catalog,
                });
            }
            catch (DevBrokerException ex)
            {
                throw new CliException(ex.Message, ex);
            }

            await using (broker)
            {
                Console.WriteLine(
                    $"dev broker ready at {broker.BootstrapServers} ({broker.Topics.Count} topics, {broker.BrokerCount} broker(s)); Ctrl-C stops it");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: the normal way to stop.
                }
            }

            Console.WriteLine("dev broker stopped");
            return 0;
        }));
        return command;
    }
}
