using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Authors;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Masthead.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Importing;

/// <summary>
/// Writes an <see cref="IncomingArticle"/> into the store: finds or creates its people, vocabularies and terms, and
/// creates or updates the article by its source id. It only stages changes; the caller saves and owns the transaction.
/// One instance serves one import run, so people and terms are looked up once per run, not once per article.
/// </summary>
public sealed class ArticleUpsert(MastheadDb db, BodyRenderer renderer, TaxonomyEditor taxonomy, PeopleEditor people, TimeProvider clock)
{
    private readonly Dictionary<string, Person> peopleByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Vocabulary> vocabularies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(Vocabulary, string), Term> terms = [];
    private readonly HashSet<string> slugsTaken = new(StringComparer.Ordinal);

    /// <returns>true when the article is new, false when an earlier import of the same source was updated.</returns>
    public async Task<bool> UpsertAsync(IncomingArticle incoming, CancellationToken cancellation = default)
    {
        // Each importer refuses these with its file and line; this is the last word for any that did not.
        if (incoming.Origin?.Url is { } url && !WebAddress.IsHttp(url))
            throw new ImportError(incoming.SourceId, 0, $"origin url {WebAddress.HttpRule}");
        if (incoming.FeaturedImage is { } image && !WebAddress.IsImage(image))
            throw new ImportError(incoming.SourceId, 0, $"featured image {WebAddress.ImageRule}");
        var article = await db.Articles.Include(a => a.Bylines).Include(a => a.Terms)
            .SingleOrDefaultAsync(a => a.SourceId == incoming.SourceId, cancellation);
        var now = clock.GetUtcNow().UtcDateTime;
        var isNew = article is null;
        if (article is null)
        {
            article = new Article
            {
                Slug = await Slugs.UniqueArticleSlugAsync(db, incoming.Slug, 0, slugsTaken, cancellation),
                Headline = incoming.Headline,
                SourceId = incoming.SourceId,
                CreatedAt = now,
            };
            db.Articles.Add(article);
        }

        article.Headline = PlainText.Storable(incoming.Headline);
        article.Dek = incoming.Dek is null ? null : PlainText.Storable(incoming.Dek);
        article.Visibility = incoming.Visibility;
        renderer.RenderInto(article, incoming.BodyMarkdown);
        ArticleEditor.TakeStatus(article, incoming.Status, incoming.PublishedAt);
        article.UpdatedAt = incoming.UpdatedAt ?? incoming.PublishedAt ?? now;
        article.Dateline = incoming.Dateline;
        article.Origin = incoming.Origin;
        article.ReaderNote = incoming.ReaderNote;
        article.Featured = incoming.Featured;
        article.IsPage = incoming.IsPage;
        if (incoming.FeaturedImage is not null)
            (article.FeaturedImage, article.FeaturedImageAlt, article.FeaturedImageCaption) = (incoming.FeaturedImage,
                Media.MediaLibrary.Describing(incoming.FeaturedImageAlt, Media.MediaLibrary.MaxAlt), Media.MediaLibrary.Describing(incoming.FeaturedImageCaption, Media.MediaLibrary.MaxCaption));

        article.Bylines.Clear();
        var position = 0;
        foreach (var name in incoming.Bylines)
        {
            var person = await PersonAsync(PlainText.Storable(name), cancellation);
            if (article.Bylines.All(b => b.Person != person))
                article.Bylines.Add(new Byline { Person = person, Position = position++ });
        }

        article.Terms.Clear();
        position = 0;
        var seen = new HashSet<Term>();
        foreach (var (vocabularyName, termNames) in incoming.Terms)
        {
            var vocabulary = await VocabularyAsync(vocabularyName, cancellation);
            foreach (var termName in termNames)
            {
                var term = await TermAsync(vocabulary, PlainText.Storable(termName), cancellation);
                if (seen.Add(term)) article.Terms.Add(new ArticleTerm { Term = term, Position = position++ });
            }
        }
        return isNew;
    }

    /// <summary>A person is known by the slug of their name: "Tony  Cartalucci" is Tony Cartalucci.</summary>
    public async Task<Person> PersonAsync(string name, CancellationToken cancellation = default)
    {
        name = PlainText.Fold(name);
        if (peopleByName.TryGetValue(name, out var known)) return known;
        return peopleByName[name] = await people.FindOrCreateAsync(name, cancellation: cancellation);
    }

    /// <summary>Forgets every entity this run has seen: after a batch is saved, or after a failed one was rolled back.</summary>
    public void Reset()
    {
        peopleByName.Clear();
        vocabularies.Clear();
        terms.Clear();
        slugsTaken.Clear();
        db.ChangeTracker.Clear();
    }

    public void SetBio(Person person, string bioMarkdown) => people.SetBio(person, bioMarkdown);

    public async Task<Vocabulary> VocabularyAsync(string nameOrSlug, CancellationToken cancellation = default)
    {
        nameOrSlug = nameOrSlug.Trim();
        if (vocabularies.TryGetValue(nameOrSlug, out var known)) return known;
        return vocabularies[nameOrSlug] = await taxonomy.FindOrCreateVocabularyAsync(nameOrSlug, cancellation: cancellation);
    }

    private async Task<Term> TermAsync(Vocabulary vocabulary, string name, CancellationToken cancellation)
    {
        var slug = Slugs.From(name);
        var key = (vocabulary, slug);
        if (slug.Length > 0 && terms.TryGetValue(key, out var known)) return known;
        // A name without letters or digits still names a term in an import: it gets an address of its own.
        var term = await taxonomy.FindOrCreateTermAsync(vocabulary, name, cancellation: cancellation)
                   ?? db.Terms.Add(new Term { Name = name.Trim(), Slug = "term-" + Guid.NewGuid().ToString("N")[..8], Vocabulary = vocabulary }).Entity;
        return terms[key] = term;
    }
}
