using Masthead.Publishing.Addresses;
using System.Globalization;
using System.Text.Json;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Settings;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Importing.Ghost;

/// <summary>
/// `masthead import ghost FILE.json`: a Ghost export (Labs → Export, or `masthead export ghost`). Posts with html, or
/// their Lexical or Mobiledoc document when html is missing; users as people; tags (public ones) as terms of one
/// vocabulary, in the post's order; authors in the post's order; the site's title and description. Found again by
/// Ghost id, so a second run updates.
/// </summary>
public sealed class GhostImporter(MastheadDb db, ArticleUpsert upsert, SettingsEditor settings, Members.MembersEditor members,
    Newsletters.NewsletterEditor newsletters)
{
    private const int BatchSize = 100;

    public async Task<ImportSummary> ImportAsync(string file, string tagsVocabulary, CancellationToken cancellation = default)
    {
        var data = GhostExport.Open(file);
        var summary = new ImportSummary();

        var users = ById(data, "users", "user", summary);
        var tags = ById(data, "tags", "tag", summary);
        var tagsOf = Joined(data, "posts_tags", "tag_id");
        var authorsOf = Joined(data, "posts_authors", "author_id");
        // Ghost 4 and later keep a post's feature_image_alt and feature_image_caption in posts_meta.
        var metaOf = data.Rows("posts_meta").Where(r => Text(r, "post_id") is not null).GroupBy(r => Text(r, "post_id")!).ToDictionary(g => g.Key, g => g.First());

        await ImportSettingsAsync(data, cancellation);
        await ImportPeopleAsync(users.Values, summary, cancellation);

        foreach (var batch in data.Rows("posts").Chunk(BatchSize))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            try
            {
                foreach (var post in batch)
                {
                    var incoming = GhostPosts.ToIncoming(post, file, summary,
                        authorsOf.GetValueOrDefault(Text(post, "id") ?? "", []).Select(id => users.TryGetValue(id, out var u) ? Text(u, "name") : null).OfType<string>().ToList(),
                        tagsOf.GetValueOrDefault(Text(post, "id") ?? "", []).Select(id => tags.GetValueOrDefault(id)).OfType<JsonElement>()
                            .Where(t => Text(t, "visibility") is null or "public" && !(Text(t, "name") ?? "").StartsWith('#'))
                            .Select(t => Text(t, "name")!).ToList(),
                        tagsVocabulary, metaOf.TryGetValue(Text(post, "id") ?? "", out var meta) ? meta : null);
                    if (incoming is null) continue;
                    if (await upsert.UpsertAsync(incoming, cancellation)) summary.Created++;
                    else summary.Updated++;
                }
                await db.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
            }
            finally
            {
                upsert.Reset();
            }
        }
        await ImportMembersAsync(data, summary, cancellation);
        return summary;
    }

    /// <summary>
    /// Members, when the export has them (Ghost leaves them out of the usual export; its members CSV is `masthead import
    /// members`): their newsletters, labels and paid tier (Ghost's products), comped status as complimentary. A member
    /// without a usable address is skipped with a warning.
    /// </summary>
    private async Task ImportMembersAsync(GhostExport data, ImportSummary summary, CancellationToken cancellation)
    {
        var rows = data.Rows("members");
        if (!rows.Any()) return;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var newsletterSlugs = new Dictionary<string, string>();
        foreach (var n in data.Rows("newsletters").Where(n => Text(n, "id") is not null && Text(n, "name") is not null))
            newsletterSlugs[Text(n, "id")!] = (await newsletters.FindOrCreateAsync(Text(n, "name")!, Text(n, "slug"), Text(n, "description"),
                Text(n, "sender_name"), Text(n, "sender_reply_to"), Flag(n, "subscribe_on_signup"), Text(n, "status") != "archived", cancellation)).Slug;
        var labels = data.Rows("labels").Where(l => Text(l, "id") is not null).ToDictionary(l => Text(l, "id")!, l => Text(l, "name") ?? "");
        var paidProducts = data.Rows("products").Where(p => Text(p, "id") is not null && Text(p, "type") != "free").ToDictionary(p => Text(p, "id")!, p => Text(p, "name") ?? "Paid");
        ILookup<string, string> Joined(string table, string column) =>
            data.Rows(table).Where(r => Text(r, "member_id") is not null && Text(r, column) is not null).ToLookup(r => Text(r, "member_id")!, r => Text(r, column)!);
        var labelsOf = Joined("members_labels", "label_id");
        var newslettersOf = Joined("members_newsletters", "newsletter_id");
        var productsOf = Joined("members_products", "product_id");
        await db.SaveChangesAsync(cancellation); // members find their newsletters in the store
        var pending = 0;
        foreach (var row in rows)
        {
            var id = Text(row, "id") ?? "";
            if (Members.MemberAccounts.EmailProblem(Text(row, "email")) is not null)
            {
                summary.Warnings.Add($"member {id}: \"{Text(row, "email")}\" is not an email address; skipped");
                continue;
            }
            var created = DateTime.TryParse(Text(row, "created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                ? at : (DateTime?)null;
            await members.TakeAsync(new Members.GhostMember(Text(row, "email")!, Text(row, "name"), Text(row, "note"), created, null, Text(row, "status") == "comped",
                labelsOf[id].Select(l => labels.GetValueOrDefault(l)).OfType<string>().ToList(),
                productsOf[id].Select(p => paidProducts.GetValueOrDefault(p)).OfType<string>().FirstOrDefault(),
                newslettersOf[id].Select(n => newsletterSlugs.GetValueOrDefault(n)).OfType<string>().ToList()), cancellation);
            if (++pending % BatchSize != 0) continue;
            // A member is looked for among the tracked ones first: a tracker that kept every member would make this quadratic.
            await db.SaveChangesAsync(cancellation);
            db.ChangeTracker.Clear();
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        summary.Members = pending;
    }

    private static bool Flag(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.Number && value.GetRawText() == "1"));

    /// <summary>A table by its rows' ids: a row without an id, or with an id seen before, is left out and said so.</summary>
    private static Dictionary<string, JsonElement> ById(GhostExport data, string table, string what, ImportSummary summary)
    {
        var rows = new Dictionary<string, JsonElement>();
        foreach (var row in data.Rows(table))
        {
            if (Text(row, "id") is not { Length: > 0 } id) summary.Warnings.Add($"a {what} without an id ('{Text(row, "name") ?? Text(row, "slug")}'); left out");
            else if (!rows.TryAdd(id, row)) summary.Warnings.Add($"a second {what} with the id {id} ('{Text(row, "name")}'); the first kept");
        }
        return rows;
    }

    /// <summary>A join table (posts_tags, posts_authors) as post id → the other ids, in the export's sort order.</summary>
    private static Dictionary<string, List<string>> Joined(GhostExport data, string table, string column) =>
        data.Rows(table).Where(r => Text(r, "post_id") is not null && Text(r, column) is not null).GroupBy(r => Text(r, "post_id")!)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => Number(r, "sort_order")).Select(r => Text(r, column)!).ToList());

    public static string? Text(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static double Number(JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    private async Task ImportSettingsAsync(GhostExport data, CancellationToken cancellation)
    {
        var values = data.Rows("settings").Where(s => Text(s, "key") is not null).GroupBy(s => Text(s, "key")!).ToDictionary(g => g.Key, g => Text(g.Last(), "value"));
        await settings.TakeIdentityAsync(values.GetValueOrDefault("title"), values.GetValueOrDefault("description"),
            values.GetValueOrDefault("timezone"), cancellation);
    }

    private async Task ImportPeopleAsync(IEnumerable<JsonElement> users, ImportSummary summary, CancellationToken cancellation)
    {
        foreach (var user in users)
        {
            if (Text(user, "name") is not { Length: > 0 } name) continue;
            var person = await upsert.PersonAsync(name, cancellation);
            if (Text(user, "slug") is { Length: > 0 } slug && person.Id == 0) person.Slug = slug;
            if (Text(user, "bio") is { Length: > 0 } bio) upsert.SetBio(person, bio);
            if (Text(user, "profile_image") is { Length: > 0 } image)
            {
                if (WebAddress.IsImage(image)) person.Photo = image;
                else summary.Warnings.Add($"{name}'s profile_image {WebAddress.ImageRule} (got '{ImportError.Shown(image)}'); left out");
            }
        }
        await db.SaveChangesAsync(cancellation);
        upsert.Reset();
    }
}

/// <summary>One row of Ghost's posts table as an <see cref="IncomingArticle"/>, or null (with the reason) when skipped.</summary>
public static class GhostPosts
{
    public static IncomingArticle? ToIncoming(JsonElement post, string file, ImportSummary summary, List<string> authors, List<string> tags,
        string tagsVocabulary, JsonElement? meta = null)
    {
        string? Text(string property) => GhostImporter.Text(post, property);
        string? Meta(string property) => (meta is { } row ? GhostImporter.Text(row, property) : null) ?? Text(property);
        var title = Text("title") ?? "";
        if (Text("id") is not { Length: > 0 } id)
        {
            summary.Refused.Add(new ImportError(file, 0, $"a post without an id ('{title}')"));
            return null;
        }
        if (Text("type") is { } type && type is not ("post" or "page"))
        {
            summary.Skipped.Add($"{file}: '{title}' is a Ghost {type}, which Masthead has no equivalent for");
            return null;
        }
        var html = Text("html");
        try
        {
            if (string.IsNullOrEmpty(html) && Text("lexical") is { Length: > 0 } lexical) html = GhostDocuments.LexicalToHtml(lexical);
            if (string.IsNullOrEmpty(html) && Text("mobiledoc") is { Length: > 0 } mobiledoc) html = GhostDocuments.MobiledocToHtml(mobiledoc);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException
                                          or ArgumentOutOfRangeException or KeyNotFoundException)
        {
            summary.Refused.Add(new ImportError(file, 0, $"post '{title}' ({id}): its {(Text("lexical") is { Length: > 0 } ? "lexical" : "mobiledoc")} document cannot be read ({error.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}), and it has no html"));
            return null;
        }
        var status = Text("status") switch
        {
            "published" or "sent" => ArticleStatus.Published,
            "scheduled" => ArticleStatus.Scheduled,
            _ => ArticleStatus.Draft,
        };
        DateTime? Date(string property) =>
            DateTime.TryParse(Text(property), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when) ? when : null;
        var published = Date("published_at");
        if (status != ArticleStatus.Draft) published ??= Date("created_at") ?? DateTime.UtcNow;
        var body = HtmlBlocks.From(html ?? "");
        if (Publishing.Body.BodyRenderer.NestingProblem(body) is { } nesting)
        {
            summary.Refused.Add(new ImportError(file, 0, $"post '{title}' ({id}): {nesting}"));
            return null;
        }
        var canonical = Text("canonical_url") is { Length: > 0 } given ? given : null;
        var image = Text("feature_image") is { Length: > 0 } lead ? lead : null;
        if (canonical is not null && !WebAddress.IsHttp(canonical))
        {
            summary.Refused.Add(new ImportError(file, 0, $"post '{title}' ({id}): canonical_url {WebAddress.HttpRule} (got '{ImportError.Shown(canonical)}')"));
            return null;
        }
        if (image is not null && !WebAddress.IsImage(image))
        {
            summary.Refused.Add(new ImportError(file, 0, $"post '{title}' ({id}): feature_image {WebAddress.ImageRule} (got '{ImportError.Shown(image)}')"));
            return null;
        }
        return new IncomingArticle
        {
            SourceId = "ghost:" + id,
            Slug = Text("slug") is { Length: > 0 } slug ? slug : title,
            Headline = title.Trim().Length > 0 ? title.Trim() : "(no title)",
            Dek = Text("custom_excerpt") is { Length: > 0 } excerpt ? excerpt : null,
            BodyMarkdown = body,
            Status = status,
            PublishedAt = status == ArticleStatus.Draft ? null : published,
            UpdatedAt = Date("updated_at"),
            FeaturedImage = image,
            FeaturedImageAlt = image is null ? null : Meta("feature_image_alt"),
            // Ghost's caption is HTML (it may hold a link to the photographer): kept as its text.
            FeaturedImageCaption = image is null || Meta("feature_image_caption") is not { Length: > 0 } caption ? null : Publishing.Body.PlainText.FromHtml(caption),
            IsPage = Text("type") == "page",
            // Ghost's "tiers" (chosen paid tiers) becomes "paid": Masthead gates by free versus paid.
            Visibility = Text("visibility") switch { "members" => Visibility.Members, "paid" or "tiers" => Visibility.Paid, _ => Visibility.Public },
            Featured = post.TryGetProperty("featured", out var featured) && (featured.ValueKind == JsonValueKind.True || featured.ToString() == "1"),
            Origin = canonical is null ? null : new Origin { Outlet = new Uri(canonical).Host, Url = canonical, IsCanonical = true },
            Bylines = authors,
            Terms = tags.Count == 0 ? [] : [KeyValuePair.Create(tagsVocabulary, (IReadOnlyList<string>)tags)],
        };
    }
}
