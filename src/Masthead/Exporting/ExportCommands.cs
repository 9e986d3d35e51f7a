using System.CommandLine;
using Masthead.Cli;

namespace Masthead.Exporting;

/// <summary>`masthead export markdown|ghost|all`.</summary>
public static class ExportCommands
{
    public static Command Build(WithServices withServices, TextWriter output)
    {
        var ghostOut = new Argument<FileInfo>("file") { Description = "where to write the Ghost JSON export" };
        var exportGhost = new Command("ghost", "Export the site in Ghost's JSON format, for Ghost's importer") { ghostOut };
        exportGhost.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var count = await services.GetRequiredService<Exporting.GhostExporter>().ExportAsync(parse.GetValue(ghostOut)!.FullName, cancellation);
            output.WriteLine($"Exported {count} posts to {parse.GetValue(ghostOut)!.FullName}");
            return 0;
        }, cancellation));

        var archiveOut = new Argument<DirectoryInfo>("directory") { Description = "where to write the archive (README: Full export)" };
        var exportAll = new Command("all", "Export everything: settings, people, vocabularies, articles with revisions and notes, comments, media") { archiveOut };
        exportAll.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var count = await services.GetRequiredService<Archive.SiteArchive>().ExportAsync(parse.GetValue(archiveOut)!.FullName, cancellation);
            output.WriteLine($"Exported {count} articles and everything around them to {parse.GetValue(archiveOut)!.FullName}");
            return 0;
        }, cancellation));
        var exportDir = new Argument<DirectoryInfo>("directory") { Description = "where to write the .md files" };
        var exportMarkdown = new Command("markdown", "Export every article as Markdown with front matter") { exportDir };
        exportMarkdown.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var count = await services.GetRequiredService<MarkdownExporter>().ExportAsync(parse.GetValue(exportDir)!.FullName, cancellation);
            output.WriteLine($"Exported {count} articles to {parse.GetValue(exportDir)!.FullName}");
            return 0;
        }, cancellation));

        return new Command("export", "Take content out") { exportMarkdown, exportGhost, exportAll };
    }
}
