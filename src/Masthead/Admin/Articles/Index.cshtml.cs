using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Articles;

public sealed record ArticleRow(int Id, string Headline, string Slug, ArticleStatus Status, DateTime UpdatedAt, DateTime? PublishedAt, string Bylines);

public sealed class IndexModel(MastheadDb db) : BackOfficePage(db)
{
    public const int PageSize = 25;

    public ArticleStatus? Status { get; set; }
    public int? Person { get; set; }
    public int? Term { get; set; }
    public string? Q { get; set; }
    public int PageNumber { get; set; } = 1;
    public int Total { get; private set; }
    public List<ArticleRow> Rows { get; private set; } = [];
    public List<(int Id, string Name)> People { get; private set; } = [];
    public List<(int Id, string Name)> Terms { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(ArticleStatus? status, int? person, int? term, string? q, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int pageNumber = 1)
    {
        (Status, Person, Term, Q, PageNumber) = (status, person, term, q?.Trim(), Math.Max(1, pageNumber));
        Zone = await ZoneAsync();
        var articles = Db.Articles.AsNoTracking();
        if (Status is { } s) articles = articles.Where(a => a.Status == s);
        if (Person is { } p) articles = articles.Where(a => a.Bylines.Any(b => b.PersonId == p));
        if (Term is { } t) articles = articles.Where(a => a.Terms.Any(x => x.TermId == t));
        if (!string.IsNullOrEmpty(Q))
        {
            var pattern = "%" + Q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").ToLowerInvariant() + "%";
            articles = articles.Where(a => EF.Functions.Like(a.Headline.ToLower(), pattern, "\\") || EF.Functions.Like(a.Slug, pattern, "\\"));
        }
        Total = await articles.CountAsync();
        var rows = await articles.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new { a.Id, a.Headline, a.Slug, a.Status, a.UpdatedAt, a.PublishedAt })
            .ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var bylines = (await Db.Set<Byline>().AsNoTracking().Where(b => ids.Contains(b.ArticleId)).OrderBy(b => b.Position)
            .Select(b => new { b.ArticleId, b.Person.Name }).ToListAsync()).ToLookup(b => b.ArticleId, b => b.Name);
        Rows = rows.Select(r => new ArticleRow(r.Id, r.Headline, r.Slug, r.Status, r.UpdatedAt, r.PublishedAt, string.Join(", ", bylines[r.Id]))).ToList();
        People = (await Db.People.AsNoTracking().OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).ToListAsync()).Select(x => (x.Id, x.Name)).ToList();
        Terms = (await Db.Terms.AsNoTracking().OrderBy(x => x.Vocabulary.Position).ThenBy(x => x.Name)
            .Select(x => new { x.Id, Name = x.Vocabulary.Name + ": " + x.Name }).ToListAsync()).Select(x => (x.Id, x.Name)).ToList();
    }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString(), ["person"] = Person?.ToString(), ["term"] = Term?.ToString(), ["q"] = Q, ["page"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent() is var query ? "/admin/articles" + query : "";
}
