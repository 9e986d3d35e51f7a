using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Body;

public sealed record ArticleBrokenLinks(string Slug, string Headline, IReadOnlyList<CitationLink> Links);

/// <summary>`masthead links --broken`: every article whose body cites nowhere ("#", empty, malformed), with the link texts.</summary>
public static class BrokenLinks
{
    public static async IAsyncEnumerable<ArticleBrokenLinks> FindAsync(MastheadDb db,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var bodies = db.Articles.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new { a.Slug, a.Headline, a.BodyMarkdown })
            .AsAsyncEnumerable();
        await foreach (var article in bodies.WithCancellation(cancellation))
        {
            var broken = CitationLinks.Find(BodyRenderer.ToRawHtml(article.BodyMarkdown)).Where(l => l.IsBroken).ToList();
            if (broken.Count > 0) yield return new ArticleBrokenLinks(article.Slug, article.Headline, broken);
        }
    }
}
