using System.CommandLine;
using StreamRead.Cli.Commands;

// The table of contents of the CLI: one file per command under Commands/.
var root = new RootCommand("StreamRead: read receipts and unread counts for chat, on Kafka.")
{
    ServicesCommand.Create(),
};
root.Options.Add(CliHost.ConfigOption);
return await root.Parse(args).InvokeAsync();
