using System.CommandLine;

var root = new RootCommand("StreamRead: read receipts and unread counts for chat, on Kafka.");
return await root.Parse(args).InvokeAsync();
