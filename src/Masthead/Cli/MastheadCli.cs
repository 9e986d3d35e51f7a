using System.CommandLine;
using Masthead.Data;
using Masthead.Importing;
using Masthead.Importing.Markdown;
using Masthead.Importing.Pages;
using Masthead.Publishing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Cli;

/// <summary>
/// The same executable as the site: `masthead import page FILE…`, `import markdown DIR`, `export markdown DIR`,
/// `links --broken`, `search rebuild`, `content-key create|list|revoke`. Anything else starts the web site.
/// </summary>
public static class MastheadCli
{
    private static readonly HashSet<string> Verbs = ["import", "export", "links", "search", "content-key", "events", "--help", "-h", "-?", "--version"];

    public static bool IsCommand(string[] args) =>
        args.SkipWhile((a, i) => a is "--database" or "--data-folder" || (i > 0 && args[i - 1] is "--database" or "--data-folder")).FirstOrDefault() is { } first
        && Verbs.Contains(first);

    /// <summary>`--no-demo` is ours, not ASP.NET's: it becomes configuration before the host reads the rest.</summary>
    public static string[] WebArgs(string[] args) =>
        args.Contains("--no-demo") ? [.. args.Where(a => a != "--no-demo"), $"--{Publishing.Demo.DemoContent.ConfigKey}=false"] : args;

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
            await DatabaseSetup.MigrateAsync(host.Services, cancellation);
            await using var scope = host.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }

        var pageFiles = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "article pages as text" };
        var importPage = new Command("page", "Import article pages (headline, byline, dateline, taxonomy, body, notices)") { pageFiles };
        importPage.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var summary = await services.GetRequiredService<PageImporter>()
                .ImportFilesAsync(parse.GetValue(pageFiles)!.Select(f => f.FullName), cancellation);
            return Report(summary, output);
        }, cancellation));

        var markdownDir = new Argument<DirectoryInfo>("directory") { Description = "a folder of .md files with YAML front matter" };
        var importMarkdown = new Command("markdown", "Import Markdown files with front matter (Hugo/Jekyll convention)") { markdownDir };
        importMarkdown.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var directory = parse.GetValue(markdownDir)!.FullName;
            var total = Directory.Exists(directory) ? MarkdownDirectory.ArticleFiles(directory).Count() : 0;
            ImportSummary summary = null!;
            try
            {
                await NewProgress().AutoClear(true).Columns(
                        new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask("Importing articles", maxValue: Math.Max(total, 1));
                        summary = await services.GetRequiredService<MarkdownImporter>().ImportDirectoryAsync(directory,
                            new Progress<int>(done => task.Value = done), cancellation);
                        task.Value = task.MaxValue;
                    });
            }
            catch (ImportError error) { output.WriteLine(error.Message); return 1; }
            return Report(summary, output);
        }, cancellation));

        var wxrFile = new Argument<FileInfo>("file") { Description = "a WordPress export (Tools → Export → All content), WXR 1.0–1.2" };
        var categoriesTo = new Option<string>("--categories") { Description = "the vocabulary that receives WordPress categories", DefaultValueFactory = _ => "Category" };
        var tagsTo = new Option<string>("--tags") { Description = "the vocabulary that receives WordPress tags", DefaultValueFactory = _ => "Tags" };
        var importWordPress = new Command("wordpress", "Import a WordPress export: posts, authors, categories, tags, comments") { wxrFile, categoriesTo, tagsTo };
        importWordPress.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var file = parse.GetValue(wxrFile)!.FullName;
            var mapping = new Importing.WordPress.WordPressMapping(parse.GetValue(categoriesTo)!, parse.GetValue(tagsTo)!);
            foreach (var name in new[] { mapping.Categories, mapping.Tags })
                if (SiteRoutes.VocabularyNameProblem(name) is { } problem) { output.WriteLine(problem); return 1; }
            ImportSummary summary = null!;
            try
            {
                var total = File.Exists(file) ? CountItems(file) : 0;
                await NewProgress().AutoClear(true).Columns(
                        new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ItemRateColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask("Importing posts", maxValue: Math.Max(total, 1));
                        summary = await services.GetRequiredService<Importing.WordPress.WordPressImporter>().ImportAsync(file, mapping,
                            new Progress<int>(done => task.Value = done), cancellation);
                        task.Value = task.MaxValue;
                    });
            }
            catch (ImportError error) { output.WriteLine(error.Message); return 1; }
            output.WriteLine($"{summary.MediaReferences} attachments kept as media references");
            return Report(summary, output);
        }, cancellation));

        var ghostFile = new Argument<FileInfo>("file") { Description = "a Ghost export (Settings → Labs → Export your content)" };
        var ghostTags = new Option<string>("--tags") { Description = "the vocabulary that receives Ghost's tags", DefaultValueFactory = _ => "Tags" };
        var importGhost = new Command("ghost", "Import a Ghost JSON export: posts, tags, authors, settings") { ghostFile, ghostTags };
        importGhost.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            if (SiteRoutes.VocabularyNameProblem(parse.GetValue(ghostTags)!) is { } problem) { output.WriteLine(problem); return 1; }
            try
            {
                var summary = await services.GetRequiredService<Importing.Ghost.GhostImporter>()
                    .ImportAsync(parse.GetValue(ghostFile)!.FullName, parse.GetValue(ghostTags)!, cancellation);
                return Report(summary, output);
            }
            catch (ImportError error) { output.WriteLine(error.Message); return 1; }
        }, cancellation));

        var ghostOut = new Argument<FileInfo>("file") { Description = "where to write the Ghost JSON export" };
        var exportGhost = new Command("ghost", "Export the site in Ghost's JSON format, for Ghost's importer") { ghostOut };
        exportGhost.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var count = await services.GetRequiredService<Importing.Ghost.GhostExporter>().ExportAsync(parse.GetValue(ghostOut)!.FullName, cancellation);
            output.WriteLine($"Exported {count} posts to {parse.GetValue(ghostOut)!.FullName}");
            return 0;
        }, cancellation));

        var archiveOut = new Argument<DirectoryInfo>("directory") { Description = "where to write the archive (README: Full export)" };
        var exportAll = new Command("all", "Export everything: settings, people, vocabularies, articles with revisions and notes, comments, media") { archiveOut };
        exportAll.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var count = await services.GetRequiredService<Importing.Archive.SiteArchive>().ExportAsync(parse.GetValue(archiveOut)!.FullName, cancellation);
            output.WriteLine($"Exported {count} articles and everything around them to {parse.GetValue(archiveOut)!.FullName}");
            return 0;
        }, cancellation));
        var archiveIn = new Argument<DirectoryInfo>("directory") { Description = "an archive written by `masthead export all`" };
        var importAll = new Command("all", "Restore an archive from `export all` into an empty site") { archiveIn };
        importAll.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            try
            {
                var count = await services.GetRequiredService<Importing.Archive.SiteArchive>().ImportAsync(parse.GetValue(archiveIn)!.FullName, cancellation);
                output.WriteLine($"Restored {count} articles and everything around them");
                return 0;
            }
            catch (ImportError error) { output.WriteLine(error.Message); return 1; }
        }, cancellation));

        var exportDir = new Argument<DirectoryInfo>("directory") { Description = "where to write the .md files" };
        var exportMarkdown = new Command("markdown", "Export every article as Markdown with front matter") { exportDir };
        exportMarkdown.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var count = await services.GetRequiredService<MarkdownExporter>().ExportAsync(parse.GetValue(exportDir)!.FullName, cancellation);
            output.WriteLine($"Exported {count} articles to {parse.GetValue(exportDir)!.FullName}");
            return 0;
        }, cancellation));

        var brokenOnly = new Option<bool>("--broken") { Description = "list links that go nowhere ('#', empty, malformed)" };
        var links = new Command("links", "Report the links of article bodies") { brokenOnly };
        links.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var articles = 0;
            var count = 0;
            await foreach (var article in BrokenLinks.FindAsync(services.GetRequiredService<MastheadDb>(), cancellation))
            {
                articles++;
                output.WriteLine($"{article.Slug}: {article.Headline}");
                foreach (var link in article.Links)
                {
                    count++;
                    output.WriteLine($"  broken: \"{link.Text}\" -> '{link.Target ?? ""}'");
                }
            }
            output.WriteLine($"{count} broken links in {articles} articles");
            return 0;
        }, cancellation));

        var rebuild = new Command("rebuild", "Build the full-text index again from the articles and say how long it took");
        rebuild.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var articles = await db.Articles.CountAsync(cancellation);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Search.SearchIndexSql.RebuildAsync(db, cancellation);
            output.WriteLine($"Search index rebuilt over {articles} articles in {watch.Elapsed.TotalSeconds:0.00} s");
            return 0;
        }, cancellation));

        var keyName = new Argument<string>("name") { Description = "what will use the key, e.g. \"Next.js front end\"" };
        var createKey = new Command("create", "Make a Content API key and print it") { keyName };
        createKey.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            try
            {
                var key = await ContentApi.ContentKeys.CreateAsync(services.GetRequiredService<MastheadDb>(), parse.GetValue(keyName)!,
                    services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellation);
                output.WriteLine(key.Secret);
                return 0;
            }
            catch (ArgumentException error) { output.WriteLine(error.Message); return 1; }
        }, cancellation));
        var listKeys = new Command("list", "List the Content API keys: name, key, creation time");
        listKeys.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var keys = await services.GetRequiredService<MastheadDb>().ContentApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(cancellation);
            foreach (var key in keys) output.WriteLine($"{key.Name}\t{key.Secret}\t{key.CreatedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}");
            if (keys.Count == 0) output.WriteLine("No Content API keys.");
            return 0;
        }, cancellation));
        var revokeWhat = new Argument<string>("key") { Description = "the key, or its name" };
        var revokeKey = new Command("revoke", "Revoke a Content API key at once") { revokeWhat };
        revokeKey.SetAction((parse, cancellation) => WithServices(parse, async services =>
        {
            var revoked = await ContentApi.ContentKeys.RevokeAsync(services.GetRequiredService<MastheadDb>(), parse.GetValue(revokeWhat)!, cancellation);
            output.WriteLine(revoked ? "Revoked." : $"No key is named or equal to '{parse.GetValue(revokeWhat)}'.");
            return revoked ? 0 : 1;
        }, cancellation));

        root.Subcommands.Add(new Command("import", "Bring content in") { importPage, importMarkdown, importWordPress, importGhost, importAll });
        root.Subcommands.Add(new Command("export", "Take content out") { exportMarkdown, exportGhost, exportAll });
        root.Subcommands.Add(links);
        root.Subcommands.Add(new Command("search", "Look after the full-text index") { rebuild });
        root.Subcommands.Add(new Command("content-key", "Keys of the Ghost-compatible Content API") { createKey, listKeys, revokeKey });
        root.Subcommands.Add(Events.EventCommands.Build((parse, work, cancellation) => WithServices(parse, work, cancellation), output));
        return root;
    }

    /// <summary>
    /// A progress display on a console of its own (on standard error, away from the command's output). Spectre's shared
    /// AnsiConsole allows one live display per process, so two commands run side by side in one process (as the tests
    /// do) would refuse each other.
    /// </summary>
    private static Progress NewProgress() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress();

    /// <summary>Items in a WXR file, for the progress bar: a quick count of "&lt;item&gt;" without parsing.</summary>
    private static int CountItems(string file)
    {
        var count = 0;
        foreach (var line in File.ReadLines(file))
            for (var at = line.IndexOf("<item>", StringComparison.Ordinal); at >= 0; at = line.IndexOf("<item>", at + 6, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>Items per second, for imports (Spectre's own rate column counts bytes).</summary>
    private sealed class ItemRateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed:0}/s" : "");
    }

    private static int Report(ImportSummary summary, TextWriter output)
    {
        foreach (var skipped in summary.Skipped) output.WriteLine("skipped: " + skipped);
        foreach (var warning in summary.Warnings) output.WriteLine("warning: " + warning);
        foreach (var refused in summary.Refused) output.WriteLine("refused: " + refused.Message);
        output.WriteLine($"{summary.Created} created, {summary.Updated} updated, {summary.Skipped.Count} skipped, {summary.Refused.Count} refused");
        return summary.Refused.Count == 0 ? 0 : 1;
    }
}
