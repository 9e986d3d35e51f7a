using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Theme;

namespace Masthead.ContentApi;

/// <summary>
/// Masthead's objects in the shapes Ghost 6 gives them: the same fields in the same order, nulls where Masthead has no
/// such thing (code injection, per-post Open Graph overrides), dates as "2020-01-16T00:00:00.000+00:00".
/// </summary>
public static partial class GhostJson
{
    private static readonly string[] NullPostFields =
    [
        "og_image", "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description", "meta_title",
        "meta_description", "email_subject", "frontmatter", "feature_image_alt", "feature_image_caption",
    ];

    private static readonly string[] NullAuthorFields =
        ["cover_image", "website", "location", "facebook", "twitter", "threads", "bluesky", "mastodon", "tiktok", "youtube", "instagram", "linkedin", "meta_title", "meta_description"];

    private static readonly string[] NullTagFields =
    [
        "og_image", "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description", "meta_title",
        "meta_description", "codeinjection_head", "codeinjection_foot", "canonical_url", "accent_color",
    ];

    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture);

    public static JsonObject Post(ContentPost post, BrowseOptions options, SiteView site)
    {
        var id = GhostIds.For(GhostIds.Kind.Post, post.Id);
        var json = new JsonObject { ["slug"] = post.Slug, ["id"] = id, ["uuid"] = post.Uuid.ToString() , ["title"] = post.Headline };
        if (options.Formats.Contains("html")) json["html"] = site.AbsoluteLinks(post.BodyHtml);
        json["comment_id"] = id;
        if (options.Formats.Contains("plaintext")) json["plaintext"] = post.BodyText;
        json["feature_image"] = site.AbsoluteImage(post.FeaturedImage);
        json["featured"] = post.Featured;
        json["visibility"] = post.Visibility;
        json["created_at"] = Date(post.CreatedAt);
        json["updated_at"] = Date(post.UpdatedAt);
        json["published_at"] = Date(post.PublishedAt);
        json["custom_excerpt"] = post.Dek;
        json["codeinjection_head"] = null;
        json["codeinjection_foot"] = null;
        json["custom_template"] = null;
        json["canonical_url"] = WebAddress.HttpOrNull(post.CanonicalUrl);
        if (options.Includes("tags")) json["tags"] = new JsonArray([.. post.Tags.Select(t => (JsonNode)Tag(t, null))]);
        if (options.Includes("authors")) json["authors"] = new JsonArray([.. post.Authors.Select(a => (JsonNode)Author(a, null))]);
        if (options.Includes("authors")) json["primary_author"] = post.Authors.Count > 0 ? Author(post.Authors[0], null) : null;
        if (options.Includes("tags")) json["primary_tag"] = post.Tags.Count > 0 ? Tag(post.Tags[0], null) : null;
        json["url"] = site.Absolute(SiteRoutes.Article(post.Slug));
        json["excerpt"] = post.Dek ?? Excerpt(post.BodyText);
        json["reading_time"] = ReadingTime(post.BodyHtml, post.FeaturedImage is not null);
        json["access"] = true;
        // Ghost's flag: whether readers may comment on the post now.
        json["comments"] = Comments.CommentThreads.Effective(post.CommentsMode, site, post.PublishedAt, DateTime.UtcNow).Mode != Comments.CommentsMode.Closed;
        foreach (var field in NullPostFields) json[field] = null;
        if (post.FeaturedImage is not null) (json["feature_image_alt"], json["feature_image_caption"]) = (post.FeaturedImageAlt, post.FeaturedImageCaption);
        return Select(json, options.Fields);
    }

    public static JsonObject Tag(GhostTag tag, int? posts, IReadOnlySet<string>? fields = null)
    {
        var json = new JsonObject
        {
            ["id"] = tag.Id, ["name"] = tag.Name, ["slug"] = tag.Slug, ["description"] = null, ["feature_image"] = null,
            ["visibility"] = "public",
        };
        foreach (var field in NullTagFields) json[field] = null;
        if (posts is { } count) json["count"] = new JsonObject { ["posts"] = count };
        json["url"] = tag.Url;
        json["vocabulary"] = new JsonObject { ["slug"] = tag.VocabularySlug, ["name"] = tag.VocabularyName };
        return Select(json, fields);
    }

    public static JsonObject Author(GhostAuthor author, int? posts, IReadOnlySet<string>? fields = null)
    {
        var json = new JsonObject
        {
            ["id"] = author.Id, ["name"] = author.Name, ["slug"] = author.Slug, ["profile_image"] = author.ProfileImage,
        };
        json["cover_image"] = null;
        json["bio"] = author.Bio;
        foreach (var field in NullAuthorFields.Skip(1)) json[field] = null;
        if (posts is { } count) json["count"] = new JsonObject { ["posts"] = count };
        json["url"] = author.Url;
        return Select(json, fields);
    }

    /// <summary>Ghost's excerpt: the plain text's first 500 characters.</summary>
    public static string Excerpt(string plainText) => plainText.Length <= 500 ? plainText : plainText[..500];

    /// <summary>
    /// Ghost's reading time: words (runs of letters and digits in the HTML's text, as Ghost counts them) at 275 a minute,
    /// plus 12 seconds for the first image, 11 for the second… down to 3 seconds; rounded to whole minutes.
    /// </summary>
    public static int ReadingTime(string html, bool featureImage = false)
    {
        var words = Word().Count(Tag().Replace(html, " "));
        var images = ImageTag().Count(html) + (featureImage ? 1 : 0);
        var seconds = words / (275.0 / 60);
        for (var i = 0; i < images; i++) seconds += Math.Max(12 - i, 3);
        return (int)Math.Round(seconds / 60, MidpointRounding.AwayFromZero);
    }

    /// <summary>The <c>fields</c> parameter: only the fields asked for, in Ghost's order.</summary>
    private static JsonObject Select(JsonObject json, IReadOnlySet<string>? fields)
    {
        if (fields is null) return json;
        foreach (var name in json.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList()) json.Remove(name);
        return json;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("[a-zA-Z\u00C0-\u00FF0-9_\u0392-\u03C9\u0410-\u04F9]+|[\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF\u3040-\u309F\uAC00-\uD7AF]+")]
    private static partial Regex Word();

    [GeneratedRegex("<img\\b", RegexOptions.IgnoreCase)]
    private static partial Regex ImageTag();
}

/// <summary>One published article with what the Content API shows of it, tags and authors in their order.</summary>
public sealed record ContentPost(
    int Id, Guid Uuid, string Slug, string Headline, string? Dek, string BodyHtml, string BodyText, string? FeaturedImage,
    bool Featured, DateTime CreatedAt, DateTime UpdatedAt, DateTime PublishedAt, string? CanonicalUrl,
    IReadOnlyList<GhostTag> Tags, IReadOnlyList<GhostAuthor> Authors, string Visibility = "public", Comments.CommentsMode? CommentsMode = null)
{
    /// <summary>The article's own, else the media library's for that picture.</summary>
    public string? FeaturedImageAlt { get; init; }
    public string? FeaturedImageCaption { get; init; }
}
