using System.CommandLine;
using Masthead.Data;
using Masthead.Importing;
using Masthead.Importing.Markdown;
using Masthead.Importing.Pages;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Cli;

/// <summary>
/// The same executable as the site: `masthead migrate`, `import page FILE…`, `import markdown DIR`, `export markdown DIR`,
/// `links --broken`, `search rebuild`, `content-key create|list|revoke`. Anything else starts the web site.
/// </summary>
public static class MastheadCli
{
    private static readonly HashSet<string> Verbs = ["migrate", "import", "export", "links", "search", "content-key", "events", "--help", "-h", "-?", "--version"];

    public static bool IsCommand(string[] args) =>
        args.SkipWhile((a, i) => a is "--database" or "--data-folder" || (i > 0 && args[i - 1] is "--database" or "--data-folder")).FirstOrDefault() is { } first
        && Verbs.Contains(first);

    /// <summary>`--no-demo` is ours, not ASP.NET's: it becomes configuration before the host reads the rest.</summary>
    public static string[] WebArgs(string[] args) =>
        args.Contains("--no-demo") ? [.. args.Where(a => a != "--no-demo"), $"--{Publishing.Demo.DemoContent.ConfigKey}=false"] : args;

    /// <summary>Exit codes: 0 done; 1 the input (or part of it) was refused, each refusal printed with its file and line;
    /// 2 the configuration is wrong; 70 Masthead failed (sysexits' EX_SOFTWARE), the details in data/logs/masthead.log.</summary>
    public const int InternalError = 70;

    public static Task<int> RunAsync(string[] args, Action<IServiceCollection> addServices) =>
        Build(addServices).Parse(args).InvokeAsync();

    public static RootCommand Build(Action<IServiceCollection> addServices, TextWriter? output = null)
    {
        output ??= Console.Out;
        var database = new Option<string?>("--database") { Description = "sqlite:PATH or a PostgreSQL connection string (default: Masthead:Database)", Recursive = true };
        var dataFolder = new Option<string?>("--data-folder") { Description = "where media files live (default: Masthead:DataFolder, else ./data)", Recursive = true };
        var root = new RootCommand("Masthead, a publishing platform. Without a command it serves the site.") { database, dataFolder };

        async Task<int> WithServices(ParseResult parse, Func<IServiceProvider, Task<int>> work, CancellationToken cancellation)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // Applying a migration that rebuilds a SQLite table warns that PRAGMA foreign_keys cannot run in a transaction: expected, not news.
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Error);
            if (parse.GetValue(database) is { } location) builder.Configuration[DatabaseLocation.ConfigKey] = location;
            if (parse.GetValue(dataFolder) is { } folder) builder.Configuration[DataFolder.ConfigKey] = folder;
            addServices(builder.Services);
            using var host = builder.Build();
            if (StartupChecks.ConfigurationProblem(host.Services) is { } problem)
            {
                output.WriteLine(problem);
                return 2;
            }
            if (parse.CommandResult.Command.Name == "migrate") await DatabaseSetup.MigrateAsync(host.Services, cancellation);
            else if (await DatabaseSetup.PrepareAsync(host.Services, cancellation) is { } pending)
            {
                output.WriteLine(pending);
                return 1;
            }
            await using var scope = host.Services.CreateAsyncScope();
            try { return await work(scope.ServiceProvider); }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A fault of Masthead's, not of the input (inputs are refused with ImportError): one sentence for the
                // person, the stack trace for whoever reads the log.
                var log = Path.Combine(host.Services.GetRequiredService<DataFolder>().Path, "logs", "masthead.log");
                Directory.CreateDirectory(Path.GetDirectoryName(log)!);
                await File.AppendAllTextAsync(log, $"{DateTime.UtcNow:O} masthead {string.Join(' ', parse.Tokens.Select(t => t.Value))}{Environment.NewLine}{error}{Environment.NewLine}", CancellationToken.None);
                output.WriteLine($"The command stopped: {error.Message} This is Masthead's fault, not yours; the details are in {log}.");
                return InternalError;
            }
        }

        WithServices run = WithServices;
        var migrate = new Command("migrate", "Bring the store's schema up to this release (on PostgreSQL, once per release, before the servers)");
        migrate.SetAction((parse, cancellation) => WithServices(parse, services =>
        {
            output.WriteLine("The store is up to date.");
            return Task.FromResult(0);
        }, cancellation));
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(ImportCommands.Build(run, output));
        root.Subcommands.Add(Exporting.ExportCommands.Build(run, output));
        root.Subcommands.Add(Publishing.Links.LinkCommands.Build(run, output));
        root.Subcommands.Add(Search.SearchCommands.Build(run, output));
        root.Subcommands.Add(ContentApi.ContentKeyCommands.Build(run, output));
        root.Subcommands.Add(Events.EventCommands.Build(run, output));
        root.Subcommands.Add(Media.MediaCommands.Build(run, output));
        return root;
    }
}
