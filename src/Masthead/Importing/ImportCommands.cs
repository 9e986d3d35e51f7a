using System.CommandLine;
using Masthead.Cli;
using Masthead.Importing.Markdown;
using Masthead.Importing.Pages;
using Masthead.Publishing.Addresses;
using Spectre.Console;

namespace Masthead.Importing;

/// <summary>`masthead import page|markdown|wordpress|ghost|all`, with progress on standard error and a summary.</summary>
public static class ImportCommands
{
    public static Command Build(WithServices withServices, TextWriter output)
    {
        var pageFiles = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "article pages as text" };
        var importPage = new Command("page", "Import article pages (headline, byline, dateline, taxonomy, body, notices)") { pageFiles };
        importPage.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var summary = await services.GetRequiredService<PageImporter>()
                .ImportFilesAsync(parse.GetValue(pageFiles)!.Select(f => f.FullName), cancellation);
            return Report(summary, output);
        }, cancellation));

        var markdownDir = new Argument<DirectoryInfo>("directory") { Description = "a folder of .md files with YAML front matter" };
        var importMarkdown = new Command("markdown", "Import Markdown files with front matter (Hugo/Jekyll convention)") { markdownDir };
        importMarkdown.SetAction((parse, cancellation) => withServices(parse, async services =>
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
        importWordPress.SetAction((parse, cancellation) => withServices(parse, async services =>
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
        importGhost.SetAction((parse, cancellation) => withServices(parse, async services =>
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

        var membersFile = new Argument<FileInfo>("file") { Description = "Ghost's members CSV (Members → Export)" };
        var importMembers = new Command("members", "Import Ghost's members CSV: a refused row is named with its line and the rest imported") { membersFile };
        importMembers.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var file = parse.GetValue(membersFile)!;
            if (!file.Exists) { output.WriteLine($"{file.FullName}: no such file"); return 1; }
            using var reader = file.OpenText();
            var summary = await services.GetRequiredService<Members.MemberCsv>().ImportAsync(reader, cancellation);
            foreach (var refused in summary.Refused) output.WriteLine($"refused: {file.Name}, line {refused.Line}: {refused.Reason}");
            output.WriteLine($"{summary.Created} created, {summary.Updated} updated, {summary.Refused.Count} refused");
            return summary.Refused.Count == 0 ? 0 : 1;
        }, cancellation));

        var archiveIn = new Argument<DirectoryInfo>("directory") { Description = "an archive written by `masthead export all`" };
        var importAll = new Command("all", "Restore an archive from `export all` into an empty site") { archiveIn };
        importAll.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            try
            {
                var count = await services.GetRequiredService<Archive.SiteArchive>().ImportAsync(parse.GetValue(archiveIn)!.FullName, cancellation);
                output.WriteLine($"Restored {count} articles and everything around them");
                return 0;
            }
            catch (ImportError error) { output.WriteLine(error.Message); return 1; }
        }, cancellation));

        return new Command("import", "Bring content in") { importPage, importMarkdown, importWordPress, importGhost, importMembers, importAll };
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

    public static int Report(ImportSummary summary, TextWriter output)
    {
        foreach (var skipped in summary.Skipped) output.WriteLine("skipped: " + skipped);
        foreach (var warning in summary.Warnings) output.WriteLine("warning: " + warning);
        foreach (var refused in summary.Refused) output.WriteLine("refused: " + refused.Message);
        if (summary.Members > 0) output.WriteLine($"{summary.Members} members created or updated");
        output.WriteLine($"{summary.Created} created, {summary.Updated} updated, {summary.Skipped.Count} skipped, {summary.Refused.Count} refused");
        return summary.Refused.Count == 0 ? 0 : 1;
    }
}
