using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.ContentApi;

/// <summary>
/// A term as a Ghost tag. Its slug is the term's own, unless an earlier vocabulary (by position) has a term of that
/// slug: then "{term}-{vocabulary}". The vocabulary rides along as Masthead's own <c>vocabulary</c> field (README).
/// </summary>
public sealed record GhostTag(int TermId, string Id, string Slug, string Name, string VocabularySlug, string VocabularyName,
    int VocabularyPosition, string Url);

public sealed record GhostAuthor(int PersonId, string Id, string Slug, string Name, string? Bio, string? ProfileImage, string Url);

/// <summary>Every tag and author of the site, loaded once per request: sites have hundreds of terms, not millions.</summary>
public sealed class GhostCatalog
{
    public required IReadOnlyList<GhostTag> Tags { get; init; }
    public required IReadOnlyList<GhostAuthor> Authors { get; init; }
    public required IReadOnlyDictionary<int, GhostTag> TagsByTermId { get; init; }
    public required IReadOnlyDictionary<int, GhostAuthor> AuthorsByPersonId { get; init; }

    public static async Task<GhostCatalog> LoadAsync(MastheadDb db, SiteView site, CancellationToken cancellation)
    {
        var terms = await db.Terms.AsNoTracking()
            .OrderBy(t => t.Vocabulary.Position).ThenBy(t => t.VocabularyId).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Slug, t.Name, Vocabulary = t.Vocabulary.Slug, VocabularyName = t.Vocabulary.Name, t.Vocabulary.Position })
            .ToListAsync(cancellation);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var tags = new List<GhostTag>();
        foreach (var term in terms)
        {
            var slug = term.Slug;
            if (!taken.Add(slug))
            {
                slug = $"{term.Slug}-{term.Vocabulary}";
                for (var n = 2; !taken.Add(slug); n++) slug = $"{term.Slug}-{term.Vocabulary}-{n}";
            }
            tags.Add(new GhostTag(term.Id, GhostIds.For(GhostIds.Kind.Tag, term.Id), slug, term.Name, term.Vocabulary, term.VocabularyName,
                term.Position, site.Absolute(SiteRoutes.Term(term.Vocabulary, term.Slug))));
        }

        var authors = (await db.People.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Slug, p.Name, p.Bio, p.Photo }).ToListAsync(cancellation))
            .Select(p => new GhostAuthor(p.Id, GhostIds.For(GhostIds.Kind.Author, p.Id), p.Slug, p.Name,
                string.IsNullOrWhiteSpace(p.Bio) ? null : p.Bio, site.AbsoluteImage(p.Photo), site.Absolute(SiteRoutes.Author(p.Slug))))
            .ToList();

        return new GhostCatalog
        {
            Tags = tags, Authors = authors,
            TagsByTermId = tags.ToDictionary(t => t.TermId), AuthorsByPersonId = authors.ToDictionary(a => a.PersonId),
        };
    }

    /// <summary>Term ids of the tags a filter names by slug (or by name, for <c>tags.name</c>); unknown slugs name nothing.</summary>
    public List<int> TermIds(IEnumerable<string?> values, bool byName = false) =>
        Tags.Where(t => values.Any(v => v is not null && string.Equals(byName ? t.Name : t.Slug, v, StringComparison.OrdinalIgnoreCase)))
            .Select(t => t.TermId).ToList();

    /// <summary>Published articles per term and per person, for <c>include=count.posts</c>.</summary>
    public static async Task<Dictionary<int, int>> PostsPerTermAsync(MastheadDb db, CancellationToken cancellation) =>
        await db.Set<ArticleTerm>()
            .Where(t => ArticleQueries.PublishedPosts(db).Select(a => a.Id).Contains(t.ArticleId))
            .GroupBy(t => t.TermId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellation);

    public static async Task<Dictionary<int, int>> PostsPerPersonAsync(MastheadDb db, CancellationToken cancellation) =>
        await db.Set<Byline>()
            .Where(b => ArticleQueries.PublishedPosts(db).Select(a => a.Id).Contains(b.ArticleId))
            .GroupBy(b => b.PersonId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellation);
}
