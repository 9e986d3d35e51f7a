using System.Net;
using Masthead.Articles;
using Masthead.Publishing.Body;

namespace Masthead.Importing.WordPress;

/// <summary>One WordPress post as an <see cref="IncomingArticle"/>: status, dates, slug, excerpt and body mapped.</summary>
public static class WordPressPosts
{
    public static IncomingArticle ToIncoming(WxrItem item, IReadOnlyDictionary<string, string> authors, TimeZoneInfo zone, DateTime now,
        ImportSummary summary)
    {
        var place = $"line {item.Line}";
        var headline = WebUtility.HtmlDecode(item.Title).Trim();
        if (headline.Length == 0)
        {
            headline = "(no title)";
            summary.Warnings.Add($"{place}: post {item.PostId} has no title; it is called \"(no title)\"");
        }
        var status = item.Status switch
        {
            "publish" => ArticleStatus.Published,
            "future" => ArticleStatus.Scheduled,
            "pending" => ArticleStatus.InReview,
            "private" => ArticleStatus.Unpublished,
            _ => ArticleStatus.Draft,
        };
        if (item.Password is not null && status == ArticleStatus.Published)
        {
            // Masthead cannot put a password on one article; publishing it would show what its author hid.
            status = ArticleStatus.Unpublished;
            summary.Warnings.Add($"{place}: '{headline}' is password-protected in WordPress; it is imported unpublished");
        }
        var published = item.DateGmt ?? (item.DateLocal is { } local ? TimeZoneInfo.ConvertTimeToUtc(local, zone) : null);
        if (status is ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Unpublished) published ??= now;
        else if (item.DateGmt is null) published = null; // a WordPress draft's date is only when it was last saved

        var slug = WebUtility.UrlDecode(item.Slug);
        var excerpt = PlainText.FromHtml(item.Excerpt).Trim();
        return new IncomingArticle
        {
            SourceId = $"wp:{item.PostId}",
            Slug = string.IsNullOrWhiteSpace(slug) ? headline : slug,
            Headline = headline,
            Dek = excerpt.Length > 0 ? excerpt : null,
            BodyMarkdown = WordPressHtml.ToBody(item.Content),
            Status = status,
            PublishedAt = published,
            UpdatedAt = published,
            Featured = item.Sticky,
            IsPage = item.PostType == "page",
            Bylines = Byline(item, authors, summary) is { } byline ? [byline] : [],
        };
    }

    /// <summary>
    /// The author's display name, from the login in dc:creator. Real exports carry stray brackets there
    /// ("themereviewteam&gt;"), which no login can contain: they are dropped, and a login still unknown is used as a name.
    /// </summary>
    private static string? Byline(WxrItem item, IReadOnlyDictionary<string, string> authors, ImportSummary summary)
    {
        var login = item.Creator.Trim().Trim('<', '>').Trim();
        if (login.Length == 0) return null;
        if (authors.TryGetValue(login, out var name))
        {
            if (login != item.Creator) summary.Warnings.Add($"line {item.Line}: author '{item.Creator}' read as '{login}'");
            return name;
        }
        summary.Warnings.Add($"line {item.Line}: author '{item.Creator}' is not among the export's authors; the login is used as the name");
        return login;
    }
}
