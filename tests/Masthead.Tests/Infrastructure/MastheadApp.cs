using Masthead.Data;
using Masthead.Exporting;
using Masthead.Importing.Markdown;
using Masthead.Importing.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Infrastructure;

/// <summary>The real application over a real store of its own (SQLite file or PostgreSQL database), no demo content.</summary>
public class MastheadApp(bool? postgres = null) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;

    public string ThemeFolder { get; } = TestFolders.NewFolder("theme");
    public string DataFolder { get; } = TestFolders.NewFolder("data");
    /// <summary>More settings for this app's host, as `--key=value` would give them.</summary>
    public Dictionary<string, string> Settings { get; } = [];
    /// <summary>Anything else a test needs of the host (a logger, say).</summary>
    public Action<IWebHostBuilder>? ConfigureHost { get; init; }
    /// <summary>The app's clock: real time plus whatever a test moves it on by.</summary>
    public AdjustableClock Clock { get; } = new();

    public virtual async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(postgres);
        _ = Services; // builds the host: migrations run here
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Masthead:Database", database!.Setting);
        builder.UseSetting("Masthead:Demo", "false");
        builder.UseSetting("Masthead:ThemeFolder", ThemeFolder);
        builder.UseSetting("hostBuilder:reloadConfigOnChange", "false");
        builder.UseSetting("Masthead:DataFolder", DataFolder);
        builder.UseSetting("Masthead:LinkChecker:Enabled", "false");
        builder.UseSetting("Masthead:SchedulerIntervalMs", "100");
        builder.UseSetting("Masthead:MigrateOnStart", "true");
        // The hosts tests reach the site by; a test of the Host header sets its own.
        builder.UseSetting("AllowedHosts", "localhost;127.0.0.1");
        if (Mailbox.Server is { } smtp)
        {
            builder.UseSetting("Masthead:Mail:Host", smtp.Split(':')[0]);
            builder.UseSetting("Masthead:Mail:Port", smtp.Split(':')[1]);
            builder.UseSetting("Masthead:Mail:Security", "None");
            builder.UseSetting("Masthead:Mail:From", "The Test Gazette <news@gazette.example>");
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackPeer>();
        });
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        ConfigureHost?.Invoke(builder);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<MastheadDb, Task> work) => WithDbAsync(async db => { await work(db); return 0; });

    /// <summary>
    /// The store itself, as an operator's SQL would reach it: such writes may pass the publication events by
    /// (ExecuteUpdate), so the output cache is emptied after them, as an operator would. Services (WithScopeAsync) are
    /// the write owners and announce their own changes.
    /// </summary>
    public async Task<T> WithDbAsync<T>(Func<MastheadDb, Task<T>> work)
    {
        try { return await WithScopeAsync(s => work(s.GetRequiredService<MastheadDb>())); }
        finally { Services.GetService<Masthead.Publishing.Delivery.PageCache>()?.Evict([Masthead.Events.CacheKeys.Site]); }
    }

    public Task<bool> ImportPageAsync(string text, string file = "page.txt") =>
        WithScopeAsync(s => s.GetRequiredService<PageImporter>().ImportAsync(text, file));

    public Task<Masthead.Importing.ImportSummary> ImportMarkdownAsync(string directory) =>
        WithScopeAsync(s => s.GetRequiredService<MarkdownImporter>().ImportDirectoryAsync(directory));

    public Task<int> ExportMarkdownAsync(string directory) =>
        WithScopeAsync(s => s.GetRequiredService<MarkdownExporter>().ExportAsync(directory));

    /// <summary>This app's store as `--database` takes it, for a `masthead` run in a process of its own.</summary>
    public string DatabaseSetting => database!.Setting;

    /// <summary>Runs a `masthead …` command in-process against this app's store; returns its exit code and output.</summary>
    public async Task<(int Exit, string[] Lines)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var location = Services.GetRequiredService<DatabaseLocation>();
        var database = location.IsSqlite ? "sqlite:" + location.SqliteFile : location.ConnectionString;
        var exit = await Masthead.Cli.MastheadCli.Build(services => services.AddMastheadCore(), output)
            .Parse([.. args, "--database", database, "--data-folder", DataFolder])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The in-memory test server has no peer address; it is given loopback's, as if every request came through a proxy on
/// this machine (nginx, as README's configuration runs it), so a test names its client with X-Forwarded-For.
/// </summary>
internal sealed class LoopbackPeer : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return following(context);
        });
        next(app);
    };
}
