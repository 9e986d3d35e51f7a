using System.Net;
using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>What a reader asked for, as it arrives in the address: /search?q=…&amp;author=…&amp;term=region/asia&amp;from=…</summary>
public sealed record SearchRequest(string? Q, string? Author, string? Term, DateOnly? From, DateOnly? To, int Page, bool NewestFirst);

public sealed record SearchHit(ArticleCard Card, string HeadlineHtml, string SnippetHtml);

public sealed record SearchResults(
    string Query, string? Notice, string? Author, string? Term, string? From, string? To, string Sort,
    int Page, int Pages, int Total, IReadOnlyList<SearchHit> Hits, string? NewerUrl, string? OlderUrl);

/// <summary>Full-text search of published articles, the same on both stores: parse, filter, rank, highlight.</summary>
public sealed class ArticleSearch(MastheadDb db, DatabaseLocation location)
{
    public async Task<SearchResults> SearchAsync(SearchRequest request, int pageSize, TimeZoneInfo zone, CancellationToken cancellation)
    {
        var query = SearchQuery.Parse(request.Q);
        var page = Math.Max(1, request.Page);
        var (filter, filterProblem) = await FilterAsync(request, zone, cancellation);
        var notice = filterProblem ?? query.Notice;
        if (query.IsEmpty || filterProblem is not null) return Results(request, query, notice, page, 0, [], pageSize);

        var engine = SearchEngine.For(location);
        var (total, ids) = await engine.RankAsync(db, query, filter, request.NewestFirst, (page - 1) * pageSize, pageSize, cancellation);
        if (ids.Count == 0)
            return Results(request, query, notice ?? (total == 0 ? "No articles match your search." : null), page, total, [], pageSize);

        var cards = (await ArticleQueries.CardsInOrderAsync(db, db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)), zone, cancellation))
            .ToDictionary(c => c.Id);
        var highlights = (await engine.HighlightAsync(db, query, ids, cancellation)).ToDictionary(h => h.Id);
        var hits = ids.Where(cards.ContainsKey).Select(id => new SearchHit(cards[id],
            Marked(highlights.GetValueOrDefault(id)?.Headline ?? cards[id].Headline),
            Marked(highlights.GetValueOrDefault(id)?.Snippet ?? cards[id].Excerpt))).ToList();
        return Results(request, query, notice, page, total, hits, pageSize);
    }

    /// <summary>Encodes the engine's text, then turns its match markers into &lt;mark&gt;: no article text is ever markup.</summary>
    public static string Marked(string text) =>
        WebUtility.HtmlEncode(text).Replace(SearchEngine.MarkStart.ToString(), "<mark>").Replace(SearchEngine.MarkEnd.ToString(), "</mark>");

    private async Task<(SearchFilter Filter, string? Problem)> FilterAsync(SearchRequest request, TimeZoneInfo zone, CancellationToken cancellation)
    {
        int? personId = null, termId = null;
        if (!string.IsNullOrWhiteSpace(request.Author))
        {
            personId = await db.People.Where(p => p.Slug == request.Author).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellation);
            if (personId is null) return (null!, $"There is no author '{request.Author}' to search within.");
        }
        if (!string.IsNullOrWhiteSpace(request.Term))
        {
            var parts = request.Term.Split('/', 2);
            var (vocabulary, term) = (parts[0], parts.Length == 2 ? parts[1] : "");
            termId = await db.Terms.Where(t => t.Slug == term && t.Vocabulary.Slug == vocabulary).Select(t => (int?)t.Id)
                .SingleOrDefaultAsync(cancellation);
            if (termId is null) return (null!, $"There is no topic '{request.Term}' to search within.");
        }
        if (request.From is { } f && request.To is { } t && t < f)
            return (null!, "The end of the date range comes before its start.");
        return (new SearchFilter(personId, termId, StartOfDay(request.From, zone), StartOfDay(request.To?.AddDays(1), zone)), null);
    }

    private static DateTime? StartOfDay(DateOnly? date, TimeZoneInfo zone) =>
        date is { } d ? TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), zone) : null;

    private static SearchResults Results(SearchRequest request, SearchQuery query, string? notice, int page, int total,
        IReadOnlyList<SearchHit> hits, int pageSize)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return new SearchResults(query.ToString(), notice, request.Author, request.Term, request.From?.ToString("yyyy-MM-dd"),
            request.To?.ToString("yyyy-MM-dd"), request.NewestFirst ? "date" : "relevance", page, pages, total, hits,
            page > 1 && page <= pages ? PageUrl(request, page - 1) : null, page < pages ? PageUrl(request, page + 1) : null);
    }

    public static string PageUrl(SearchRequest request, int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("q", request.Q);
        Add("author", request.Author);
        Add("term", request.Term);
        Add("from", request.From?.ToString("yyyy-MM-dd"));
        Add("to", request.To?.ToString("yyyy-MM-dd"));
        if (request.NewestFirst) Add("sort", "date");
        if (page > 1) Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/search?" + string.Join('&', parts);
    }
}
