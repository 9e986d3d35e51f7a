using System.Text.Json;
using System.Text.Json.Nodes;
using Masthead.Articles;
using Masthead.ContentApi;
using Masthead.Data;
using Masthead.Importing;
using Masthead.Importing.Ghost;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Exporting;

/// <summary>
/// `masthead export ghost FILE.json`: the site as Ghost's importer reads it, <c>{"db":[{"meta","data"}]}</c> with the
/// posts, users, tags, posts_tags, posts_authors and settings tables. Ids are the Content API's; every term becomes a tag.
/// </summary>
public sealed class GhostExporter(MastheadDb db)
{
    public async Task<int> ExportAsync(string file, CancellationToken cancellation = default)
    {
        var site = await SiteView.LoadAsync(db, cancellation);
        var settings = await db.SiteSettings.AsNoTracking().SingleAsync(cancellation);
        var catalog = await GhostCatalog.LoadAsync(db, site, cancellation);
        var emails = await db.Staff.AsNoTracking().Where(s => s.PersonId != null).ToDictionaryAsync(s => s.PersonId!.Value, s => s.Email, cancellation);
        var (posts, postsMeta, postsTags, postsAuthors) = (new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray());

        var articles = db.Articles.AsNoTracking().AsSplitQuery().OrderBy(a => a.Id)
            .Include(a => a.Bylines).Include(a => a.Terms).AsAsyncEnumerable();
        await foreach (var article in articles.WithCancellation(cancellation))
        {
            var id = GhostIds.For(GhostIds.Kind.Post, article.Id);
            posts.Add(new JsonObject
            {
                ["id"] = id, ["uuid"] = article.Uuid.ToString(), ["title"] = article.Headline, ["slug"] = article.Slug,
                ["html"] = article.BodyHtml, ["lexical"] = null, ["mobiledoc"] = null, ["plaintext"] = article.BodyText.Trim(),
                ["feature_image"] = article.FeaturedImage, ["featured"] = article.Featured, ["type"] = article.IsPage ? "page" : "post",
                ["status"] = article.Status switch { ArticleStatus.Published => "published", ArticleStatus.Scheduled => "scheduled", _ => "draft" },
                ["visibility"] = article.Visibility.ToString().ToLowerInvariant(), ["custom_excerpt"] = article.Dek,
                ["canonical_url"] = article.Origin is { IsCanonical: true, Url: { } url } ? url : null,
                ["created_at"] = GhostJson.Date(article.CreatedAt), ["updated_at"] = GhostJson.Date(article.UpdatedAt),
                ["published_at"] = article.PublishedAt is { } at ? GhostJson.Date(at) : null,
            });
            // The featured image's own alt text and caption are in posts_meta since Ghost 4 (the caption is HTML there).
            if (article.FeaturedImageAlt is not null || article.FeaturedImageCaption is not null)
                postsMeta.Add(new JsonObject
                {
                    ["id"] = GhostIds.For(GhostIds.Kind.Post, article.Id) + "m", ["post_id"] = id, ["feature_image_alt"] = article.FeaturedImageAlt,
                    ["feature_image_caption"] = article.FeaturedImageCaption is { } caption ? System.Net.WebUtility.HtmlEncode(caption) : null,
                });
            var order = 0;
            foreach (var term in article.Terms.Where(t => catalog.TagsByTermId.ContainsKey(t.TermId))
                         .OrderBy(t => catalog.TagsByTermId[t.TermId].VocabularyPosition).ThenBy(t => t.Position))
                postsTags.Add(new JsonObject { ["post_id"] = id, ["tag_id"] = catalog.TagsByTermId[term.TermId].Id, ["sort_order"] = order++ });
            order = 0;
            foreach (var byline in article.Bylines.OrderBy(b => b.Position))
                postsAuthors.Add(new JsonObject { ["post_id"] = id, ["author_id"] = GhostIds.For(GhostIds.Kind.Author, byline.PersonId), ["sort_order"] = order++ });
        }

        var users = new JsonArray([.. (await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellation)).Select(p => (JsonNode)new JsonObject
        {
            ["id"] = GhostIds.For(GhostIds.Kind.Author, p.Id), ["name"] = p.Name, ["slug"] = p.Slug,
            // Ghost's importer needs an address for every user; a person without a staff account gets one that goes nowhere.
            ["email"] = emails.GetValueOrDefault(p.Id) ?? $"{p.Slug}@people.invalid",
            ["bio"] = p.Bio, ["profile_image"] = site.AbsoluteImage(p.Photo), ["status"] = "active",
        })]);
        var tags = new JsonArray([.. catalog.Tags.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id, ["name"] = t.Name, ["slug"] = t.Slug, ["description"] = null, ["visibility"] = "public",
        })]);
        var settingsRows = new JsonArray(
            Setting("title", settings.Name), Setting("description", settings.Tagline), Setting("timezone", settings.TimeZone));

        var export = new JsonObject
        {
            ["db"] = new JsonArray(new JsonObject
            {
                ["meta"] = new JsonObject { ["exported_on"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["version"] = ContentApiEndpoints.GhostVersion + ".0" },
                ["data"] = new JsonObject
                {
                    ["posts"] = posts, ["posts_meta"] = postsMeta, ["users"] = users, ["tags"] = tags,
                    ["posts_tags"] = postsTags, ["posts_authors"] = postsAuthors, ["settings"] = settingsRows,
                },
            }),
        };
        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, export, new JsonSerializerOptions { WriteIndented = true }, cancellation);
        return posts.Count;
    }

    private static JsonObject Setting(string key, string? value) => new() { ["key"] = key, ["value"] = value };
}
