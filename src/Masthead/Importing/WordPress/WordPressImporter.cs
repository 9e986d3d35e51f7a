using System.Net;
using Masthead.Articles;
using Masthead.Comments;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Masthead.Publishing.Settings;
using Masthead.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Importing.WordPress;

/// <summary>Which Masthead vocabularies receive WordPress's categories and tags (`--categories Region --tags Theme`).</summary>
public sealed record WordPressMapping(string Categories = "Category", string Tags = "Tags");

/// <summary>
/// `masthead import wordpress FILE.xml`: posts and pages with their authors, categories (with their parents), tags, comments
/// (threading and approval kept), sticky flag and featured image. Items are saved in batches, each one transaction, and
/// found again by their WordPress id: a second run updates, a run killed halfway is completed by the next.
/// </summary>
public sealed class WordPressImporter(MastheadDb db, ArticleUpsert upsert, TaxonomyEditor taxonomyEditor, CommentsEditor comments, BodyRenderer renderer, TimeProvider clock)
{
    private const int BatchSize = 100;
    private readonly Dictionary<(string Taxonomy, string Slug), int> termIds = [];
    private readonly Dictionary<string, Vocabulary> vocabularies = [];

    public async Task<ImportSummary> ImportAsync(string file, WordPressMapping mapping, IProgress<int>? progress = null,
        CancellationToken cancellation = default)
    {
        if (!File.Exists(file)) throw new ImportError(file, 0, "no such file");
        var summary = new ImportSummary();
        var zone = SiteTime.Zone(await db.SiteSettings.AsNoTracking().Select(s => s.TimeZone).SingleOrDefaultAsync(cancellation));
        var authors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var declared = new List<WxrTerm>();
        var attachments = new Dictionary<int, Attachment>();
        var thumbnails = new List<(string SourceId, int AttachmentId)>();
        var batch = new List<WxrItem>();
        var done = 0;

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            await SaveBatchAsync(file, batch, mapping, authors, zone, summary, cancellation);
            done += batch.Count;
            batch.Clear();
            progress?.Report(done);
        }

        foreach (var entry in WxrReader.Read(file))
        {
            switch (entry)
            {
                case WxrAuthor author: authors[author.Login] = author.DisplayName; break;
                case WxrTerm term: declared.Add(term); break;
                case WxrItem { PostType: "attachment" } item:
                    // The picture's alt text is a field of its own; its caption is the attachment's excerpt.
                    if (item.AttachmentUrl is { } url)
                        attachments[item.PostId] = new(url, Media.MediaLibrary.Describing(WebUtility.HtmlDecode(item.Meta.GetValueOrDefault("_wp_attachment_image_alt") ?? ""), Media.MediaLibrary.MaxAlt),
                            Media.MediaLibrary.Describing(PlainText.FromHtml(item.Excerpt), Media.MediaLibrary.MaxCaption));
                    summary.MediaReferences++;
                    break;
                case WxrItem { PostType: "post" or "page" } item:
                    if (declared.Count > 0) { await DeclareTermsAsync(declared, mapping, cancellation); declared.Clear(); }
                    if (item.Status is "trash" or "auto-draft")
                    {
                        summary.Skipped.Add($"{file}, line {item.Line}: '{item.Title}' is in WordPress's {item.Status}");
                        break;
                    }
                    if (item.Meta.TryGetValue("_thumbnail_id", out var thumbnail) && int.TryParse(thumbnail, out var attachmentId))
                        thumbnails.Add(($"wp:{item.PostId}", attachmentId));
                    batch.Add(item);
                    if (batch.Count == BatchSize) await FlushAsync();
                    break;
                case WxrItem item:
                    summary.Skipped.Add($"{file}, line {item.Line}: '{item.Title}' is a {item.PostType}: {SkipReason(item.PostType)}");
                    break;
            }
        }
        if (declared.Count > 0) await DeclareTermsAsync(declared, mapping, cancellation);
        await FlushAsync();
        await SetFeaturedImagesAsync(thumbnails, attachments, cancellation);
        return summary;
    }

    private static string SkipReason(string postType) => postType switch
    {
        "nav_menu_item" => "menus have no equivalent in Masthead (its navigation comes from the theme)",
        _ => "not a post",
    };

    /// <summary>Vocabularies and terms first, in one transaction, so that posts find them and parents exist before children.</summary>
    private async Task DeclareTermsAsync(List<WxrTerm> declared, WordPressMapping mapping, CancellationToken cancellation)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        foreach (var term in declared) await TermIdAsync(term.Taxonomy, term.Slug, term.Name, mapping, cancellation);
        foreach (var term in declared.Where(t => t.ParentSlug is not null))
        {
            var child = await db.Terms.FindAsync([termIds[(term.Taxonomy, SlugOf(term.Slug, term.Name))]], cancellation);
            if (termIds.TryGetValue((term.Taxonomy, SlugOf(term.ParentSlug!, term.ParentSlug!)), out var parent)) child!.ParentId = parent;
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        upsert.Reset();
    }

    private static string SlugOf(string nicename, string name)
    {
        var slug = Slugs.From(WebUtility.UrlDecode(nicename));
        return slug.Length > 0 ? slug : Slugs.From(WebUtility.HtmlDecode(name));
    }

    private async Task<int?> TermIdAsync(string taxonomy, string nicename, string name, WordPressMapping mapping, CancellationToken cancellation)
    {
        var vocabularyName = taxonomy switch { "category" => mapping.Categories, "post_tag" => mapping.Tags, _ => null };
        if (vocabularyName is null) return null;
        var slug = SlugOf(nicename, name);
        if (slug.Length == 0) return null;
        if (termIds.TryGetValue((taxonomy, slug), out var known)) return known;
        if (!vocabularies.TryGetValue(vocabularyName, out var vocabulary))
        {
            vocabulary = await upsert.VocabularyAsync(vocabularyName, cancellation);
            if (vocabulary.Id == 0) await db.SaveChangesAsync(cancellation);
            vocabularies[vocabularyName] = vocabulary;
        }
        // WordPress's own slug (its nicename) is kept, so that old category addresses map one to one.
        var term = await taxonomyEditor.FindOrCreateTermAsync(vocabulary, WebUtility.HtmlDecode(name), slug, cancellation);
        if (term!.Id == 0) await db.SaveChangesAsync(cancellation);
        return termIds[(taxonomy, slug)] = term.Id;
    }

    private async Task SaveBatchAsync(string file, List<WxrItem> items, WordPressMapping mapping, Dictionary<string, string> authors, TimeZoneInfo zone,
        ImportSummary summary, CancellationToken cancellation)
    {
        // Refused one by one, with the item's line; the rest of the batch is imported.
        items = items.Where(item =>
        {
            if (BodyRenderer.NestingProblem(WordPressHtml.ToBody(item.Content)) is not { } problem) return true;
            summary.Refused.Add(new ImportError(file, item.Line, $"post {item.PostId}: {problem}"));
            return false;
        }).DistinctBy(item => item.PostId).ToList();
        foreach (var item in items.Where(i => i.Comments.Any(c => c.Id < 0)))
            summary.Warnings.Add($"line {item.Line}: post {item.PostId} has a comment without a numeric <wp:comment_id>; that comment is skipped");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        try
        {
            foreach (var item in items)
            {
                var terms = new List<int>();
                foreach (var (taxonomy, nicename, name) in item.Terms)
                    if (await TermIdAsync(taxonomy, nicename, name, mapping, cancellation) is { } id && !terms.Contains(id)) terms.Add(id);

                var incoming = WordPressPosts.ToIncoming(item, authors, zone, clock.GetUtcNow().UtcDateTime, summary);
                if (await upsert.UpsertAsync(incoming, cancellation)) summary.Created++;
                else summary.Updated++;
                var article = db.Articles.Local.Single(a => a.SourceId == incoming.SourceId);
                article.Terms.AddRange(terms.Select((id, position) => new ArticleTerm { TermId = id, Position = position }));
            }
            await db.SaveChangesAsync(cancellation);
            await SaveCommentsAsync(items, cancellation);
            await transaction.CommitAsync(cancellation);
        }
        finally
        {
            upsert.Reset();
        }
    }

    /// <summary>The batch's comments, updated by their WordPress id; parents are linked once every comment has its id.</summary>
    private async Task SaveCommentsAsync(List<WxrItem> items, CancellationToken cancellation)
    {
        var all = items.SelectMany(item => item.Comments.Where(c => c.Id >= 0).Select(wp => (Item: item, Comment: wp)))
            .DistinctBy(c => c.Comment.Id).ToList();
        if (all.Count == 0) return;
        var index = all.Select((c, i) => (c.Comment.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var articleIds = items.ToDictionary(i => i.PostId, i => db.Articles.Local.Single(a => a.SourceId == $"wp:{i.PostId}").Id);
        await comments.ImportAsync(all.Select(c => new IncomingComment($"wp:comment:{c.Comment.Id}", articleIds[c.Item.PostId],
            WebUtility.HtmlDecode(c.Comment.Author), c.Comment.Email, c.Comment.Url, renderer.RenderMarkdown(WordPressHtml.ToBody(c.Comment.Content)),
            c.Comment.At, c.Comment.Approved switch { "1" => CommentStatus.Approved, "spam" => CommentStatus.Spam, "trash" => CommentStatus.Trash, _ => CommentStatus.Pending },
            index.TryGetValue(c.Comment.ParentId, out var parent) ? parent : null)).ToList(), cancellation: cancellation);
    }

    /// <summary>A post's featured image (_thumbnail_id) names an attachment, which may come later in the file.</summary>
    private sealed record Attachment(string Url, string? Alt, string? Caption);

    private async Task SetFeaturedImagesAsync(List<(string SourceId, int AttachmentId)> thumbnails, Dictionary<int, Attachment> attachments,
        CancellationToken cancellation)
    {
        // Tracked, not set-based, so that a published article's change reaches readers through its event; saved by
        // the hundred to keep memory flat on large exports.
        foreach (var chunk in thumbnails.Where(t => attachments.ContainsKey(t.AttachmentId)).Chunk(100))
        {
            var sourceIds = chunk.Select(t => t.SourceId).ToList();
            var articles = await db.Articles.Where(a => sourceIds.Contains(a.SourceId!)).ToDictionaryAsync(a => a.SourceId!, cancellation);
            foreach (var (sourceId, attachmentId) in chunk)
                if (articles.TryGetValue(sourceId, out var article) && attachments[attachmentId] is var picture && WebAddress.IsImage(picture.Url))
                    (article.FeaturedImage, article.FeaturedImageAlt, article.FeaturedImageCaption) = (picture.Url, picture.Alt, picture.Caption);
            await db.SaveChangesAsync(cancellation);
            db.ChangeTracker.Clear();
        }
    }
}
