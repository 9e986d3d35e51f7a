using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Settings;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Masthead.Importing.Markdown;

/// <summary>
/// `masthead import markdown DIR`: the bulk path. Every file is read and checked before anything is written; valid
/// articles are then saved in batches, each batch one transaction, so a crash loses at most the batch under way and a
/// re-run (which updates by source id) completes it.
/// </summary>
public sealed class MarkdownImporter(MastheadDb db, ArticleUpsert upsert)
{
    private const int BatchSize = 250;

    public async Task<ImportSummary> ImportDirectoryAsync(string directory, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        if (!Directory.Exists(directory)) throw new ImportError(directory, 0, "no such directory");
        var summary = new ImportSummary();
        var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellation);
        var zone = SiteTime.Zone(settings?.TimeZone);

        await ImportPeopleAndVocabulariesAsync(directory, cancellation);

        var articles = new List<IncomingArticle>();
        foreach (var file in MarkdownDirectory.ArticleFiles(directory))
        {
            try { articles.Add(FrontMatter.Read(await File.ReadAllTextAsync(file, cancellation), file, zone)); }
            catch (ImportError error) { summary.Refused.Add(error); }
        }

        foreach (var batch in articles.Chunk(BatchSize))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            try
            {
                foreach (var article in batch)
                    if (await upsert.UpsertAsync(article, cancellation)) summary.Created++;
                    else summary.Updated++;
                await db.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
            }
            finally
            {
                upsert.Reset();
            }
            progress?.Report(summary.Created + summary.Updated);
        }
        return summary;
    }

    /// <summary>Reads the side files first, so that articles naming people and vocabularies find them as exported.</summary>
    private async Task ImportPeopleAndVocabulariesAsync(string directory, CancellationToken cancellation)
    {
        var authors = LoadSequence(Path.Combine(directory, MarkdownDirectory.AuthorsFile));
        var vocabularies = LoadSequence(Path.Combine(directory, MarkdownDirectory.VocabulariesFile));
        if (authors.Count == 0 && vocabularies.Count == 0) return;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        foreach (var entry in authors)
        {
            var name = entry.GetValueOrDefault("name");
            if (string.IsNullOrWhiteSpace(name)) continue;
            var slug = entry.GetValueOrDefault("slug") ?? Slugs.From(name);
            var person = await db.People.FirstOrDefaultAsync(p => p.Slug == slug, cancellation);
            if (person is null) db.People.Add(person = new Authors.Person { Name = name, Slug = slug });
            person.Name = name;
            if (entry.GetValueOrDefault("bio") is { } bio) upsert.SetBio(person, bio);
        }
        var position = await db.Vocabularies.CountAsync(cancellation);
        foreach (var entry in vocabularies)
        {
            var slug = entry.GetValueOrDefault("slug");
            if (string.IsNullOrWhiteSpace(slug)) continue;
            var name = entry.GetValueOrDefault("name") ?? slug;
            var vocabulary = await db.Vocabularies.FirstOrDefaultAsync(v => v.Slug == slug, cancellation);
            if (vocabulary is null) db.Vocabularies.Add(new Taxonomy.Vocabulary { Slug = slug, Name = name, Position = position++ });
            else vocabulary.Name = name;
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        upsert.Reset();
    }

    private static List<Dictionary<string, string>> LoadSequence(string path)
    {
        if (!File.Exists(path)) return [];
        var stream = YamlInput.Load(File.ReadAllText(path), path, firstLine: 1);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode sequence) return [];
        return sequence.Children.OfType<YamlMappingNode>()
            .Select(m => m.Children
                .Where(kv => kv.Key is YamlScalarNode && kv.Value is YamlScalarNode)
                .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? ""))
            .ToList();
    }
}
