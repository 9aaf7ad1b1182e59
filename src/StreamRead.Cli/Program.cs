using System.CommandLine;
using StreamRead.Cli.Commands;

// The table of contents of the CLI: one file per command under Commands/.
var root = new RootCommand("StreamRead: read receipts and unread counts for chat, on Kafka.")
{
    DevBrokerCommand.Create(),
    TopicsCommand.Create(),
    ServicesCommand.Create(),
    ProcessCommand.Create(),
    SinkCommand.Create(),
    UpCommand.Create(),
    ApiCommand.Create(),
    LoadgenCommand.Create(),
    ReportCommand.Create(),
    BenchCommand.Create(),
    ChaosCommand.Create(),
};
root.Options.Add(CliHost.ConfigOption);

// A CliException is a problem the user can fix: print what to do, no stack trace.
try
{
    // Ctrl-C/SIGTERM cancel the command's token; long-running commands then flush and stop,
    // which may take longer than System.CommandLine's default 2 s before it kills the process.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
    });
}
catch (CliException e)
{
    Console.Error.WriteLine($"streamread: error: {e.Message}");
    return 1;
}
