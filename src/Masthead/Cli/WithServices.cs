namespace Masthead.Cli;

/// <summary>Runs one command's work in a host of its own: settings checked, the store migrated, a scope to work in.</summary>
public delegate Task<int> WithServices(System.CommandLine.ParseResult parse, Func<IServiceProvider, Task<int>> work, CancellationToken cancellation);
