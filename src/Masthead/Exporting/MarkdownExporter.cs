using System.Globalization;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Importing;
using Masthead.Importing.Markdown;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.RepresentationModel;

namespace Masthead.Exporting;

/// <summary>`masthead export markdown DIR`: the format <see cref="MarkdownImporter"/> reads, so a round trip is lossless.</summary>
public sealed class MarkdownExporter(MastheadDb db)
{
    public async Task<int> ExportAsync(string directory, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(directory);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Slug).ToListAsync(cancellation);
        await WriteYamlAsync(Path.Combine(directory, MarkdownDirectory.AuthorsFile), new YamlSequenceNode(people.Select(p =>
            Mapping(("name", p.Name), ("slug", p.Slug), ("bio", p.Bio)))));

        var vocabularies = await db.Vocabularies.AsNoTracking().OrderBy(v => v.Position).ToListAsync(cancellation);
        await WriteYamlAsync(Path.Combine(directory, MarkdownDirectory.VocabulariesFile), new YamlSequenceNode(vocabularies.Select(v =>
            Mapping(("slug", v.Slug), ("name", v.Name)))));

        var count = 0;
        var articles = db.Articles.AsNoTracking().AsSplitQuery().OrderBy(a => a.Id)
            .Include(a => a.Bylines).ThenInclude(b => b.Person)
            .Include(a => a.Terms).ThenInclude(t => t.Term).ThenInclude(t => t.Vocabulary)
            .AsAsyncEnumerable();
        await foreach (var article in articles.WithCancellation(cancellation))
        {
            await File.WriteAllTextAsync(Path.Combine(directory, article.Slug + ".md"), Render(article), cancellation);
            count++;
        }
        return count;
    }

    public static string Render(Article article)
    {
        var front = Mapping(
            ("title", article.Headline),
            ("slug", article.Slug),
            ("date", Timestamp(article.PublishedAt)),
            ("lastmod", Timestamp(article.UpdatedAt)),
            ("draft", article.Status == ArticleStatus.Draft ? "true" : null),
            ("featured", article.Featured ? "true" : null),
            ("page", article.IsPage ? "true" : null),
            ("description", article.Dek),
            ("dateline", article.Dateline),
            ("reader_note", article.ReaderNote),
            ("source_id", article.SourceId == "md:" + article.Slug ? null : article.SourceId));
        var authors = article.Bylines.OrderBy(b => b.Position).Select(b => new YamlScalarNode(b.Person.Name)).ToList();
        if (authors.Count > 0) front.Add("authors", new YamlSequenceNode(authors));
        if (article.Origin is { } origin)
            front.Add("origin", Mapping(("outlet", origin.Outlet), ("url", origin.Url),
                ("date", origin.OriginalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("canonical", origin.IsCanonical ? "true" : null)));
        foreach (var group in article.Terms.OrderBy(t => t.Position).GroupBy(t => t.Term.Vocabulary.Slug))
            front.Add(group.Key, new YamlSequenceNode(group.Select(t => new YamlScalarNode(t.Term.Name))));

        return $"{FrontMatter.Fence}\n{ToYaml(front).TrimEnd()}\n{FrontMatter.Fence}\n\n{article.BodyMarkdown}\n";
    }

    private static string? Timestamp(DateTime? utc) =>
        utc?.ToString(utc.Value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static YamlMappingNode Mapping(params (string Key, string? Value)[] pairs)
    {
        var mapping = new YamlMappingNode();
        foreach (var (key, value) in pairs)
            if (value is not null) mapping.Add(key, new YamlScalarNode(value));
        return mapping;
    }

    private static Task WriteYamlAsync(string path, YamlNode root) => File.WriteAllTextAsync(path, ToYaml(root));

    private static string ToYaml(YamlNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var yaml = writer.ToString().TrimEnd();
        // YamlStream closes a document with "...", which is neither front matter nor needed in a side file.
        return (yaml.EndsWith("...", StringComparison.Ordinal) ? yaml[..^3].TrimEnd() : yaml) + "\n";
    }
}
