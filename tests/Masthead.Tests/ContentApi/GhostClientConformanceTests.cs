using System.Text.Json;
using Masthead.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.ContentApi;

/// <summary>
/// Ghost's own client, @tryghost/content-api from npm, against a live Masthead: what a Next.js or Gatsby front end
/// receives, compared field by field with the store.
/// </summary>
public class GhostClientConformanceTests(ContentApiSite site) : IClassFixture<ContentApiSite>
{
    [Fact]
    public async Task The_official_client_reads_posts_authors_tags_and_settings_as_they_are_stored()
    {
        var result = await Conformance.RunAsync("ghost-client.mjs", JsonSerializer.Serialize(new
        {
            url = site.BaseUrl, key = site.Key, filter = "tag:asia+authors.slug:[jane-roe,ann-other]", slug = ContentApiSite.ReferenceSlug,
        }));

        var expected = await site.DbAsync(db => ArticleQueries.PublishedPosts(db)
            .Where(a => a.Terms.Any(t => t.Term.Slug == "asia") && a.Bylines.Any(b => b.Person.Slug == "jane-roe" || b.Person.Slug == "ann-other"))
            .OrderByDescending(a => a.PublishedAt)
            .Select(a => new
            {
                a.Slug, a.Headline, a.PublishedAt, a.UpdatedAt,
                Authors = a.Bylines.OrderBy(b => b.Position).Select(b => b.Person.Name).ToList(),
                Tags = a.Terms.OrderBy(t => t.Term.Vocabulary.Position).ThenBy(t => t.Position).Select(t => t.Term.Name).ToList(),
            }).ToListAsync());
        var posts = result.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected.Count, posts.Count);
        Assert.Equal(expected.Count, result.GetProperty("postsMeta").GetProperty("pagination").GetProperty("total").GetInt32());
        foreach (var (stored, post) in expected.Zip(posts))
        {
            Assert.Equal(stored.Slug, post.GetProperty("slug").GetString());
            Assert.Equal(stored.Headline, post.GetProperty("title").GetString());
            Assert.Equal(stored.PublishedAt, DateTimeOffset.Parse(post.GetProperty("published_at").GetString()!).UtcDateTime);
            Assert.Equal(stored.UpdatedAt, DateTimeOffset.Parse(post.GetProperty("updated_at").GetString()!).UtcDateTime, TimeSpan.FromMilliseconds(1));
            Assert.Equal($"{site.BaseUrl}/{stored.Slug}/", post.GetProperty("url").GetString());
            Assert.Equal(stored.Authors, post.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()!));
            Assert.Equal(stored.Tags, post.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!));
        }

        var post1 = result.GetProperty("post");
        var reference = await site.DbAsync(db => db.Articles.Include(a => a.Bylines).ThenInclude(b => b.Person).SingleAsync(a => a.Slug == ContentApiSite.ReferenceSlug));
        Assert.Equal((reference.Headline, reference.Uuid.ToString(), reference.BodyText.Trim()),
            (post1.GetProperty("title").GetString(), post1.GetProperty("uuid").GetString(), post1.GetProperty("plaintext").GetString()));
        Assert.Equal("Tony Cartalucci", post1.GetProperty("primary_author").GetProperty("name").GetString());

        var people = await site.DbAsync(db => db.People.OrderBy(p => p.Name).Select(p => new
        {
            p.Slug, Posts = db.Set<Byline>().Count(b => b.PersonId == p.Id && ArticleQueries.PublishedPosts(db).Any(a => a.Id == b.ArticleId)),
        }).ToListAsync());
        Assert.Equal(people.Select(p => (p.Slug, p.Posts)),
            result.GetProperty("authors").EnumerateArray().Select(a => (a.GetProperty("slug").GetString()!, a.GetProperty("count").GetProperty("posts").GetInt32())));

        var terms = await site.DbAsync(db => db.Terms.Select(t => new
        {
            t.Name, Posts = db.Set<ArticleTerm>().Count(at => at.TermId == t.Id && ArticleQueries.PublishedPosts(db).Any(a => a.Id == at.ArticleId)),
        }).ToListAsync());
        Assert.Equal(terms.Select(t => (t.Name, t.Posts)).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Posts),
            result.GetProperty("tags").EnumerateArray().Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("count").GetProperty("posts").GetInt32()))
                .OrderBy(t => t.Item1, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Item2));

        var settings = result.GetProperty("settings");
        var stored1 = await site.DbAsync(db => db.SiteSettings.SingleAsync());
        Assert.Equal((stored1.Name, stored1.TimeZone), (settings.GetProperty("title").GetString(), settings.GetProperty("timezone").GetString()));
    }
}
