using System.Net;
using System.Text.Json;
using CsCheck;
using Masthead.Archive;
using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Comments;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Archive;

/// <summary>
/// Export∘import is the identity on generated sites: a generated archive restored into an empty store exports with what it
/// said (headlines, bodies, bylines, terms, notes, comments, members), and that export restored into another empty store
/// exports again byte for byte.
/// </summary>
public sealed class ArchivePropertyTests
{
    private const string Letters = "abcXYZ éü中文ąß “”‘’«»";
    private const string Tricky = ":#-'\"[]{}!&*|>%@`,?\\/<";
    private static readonly Gen<string> Word = Gen.Char[Letters + Letters + Tricky].Array[1, 10].Select(c => new string(c));
    private static readonly Gen<string> Text = Word.Array[1, 5].Select(words => string.Join(' ', words).Trim()).Where(t => t.Length > 0);
    private static readonly Gen<string> Body = Gen.OneOf(Text, Text.Select(t => "> " + t), Text.Select(t => "*" + t.Trim('*', ' ') + "*"))
        .Array[1, 4].Select(paragraphs => string.Join("\n\n", paragraphs));
    private static readonly Gen<DateTime> Moment = Gen.Int[0, 300_000_000].Select(s => new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(s));
    private static readonly Gen<DateTime> Future = Gen.Int[0, 300_000_000].Select(s => new DateTime(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(s));

    private sealed record Generated(ArchiveSite Site, List<(ArchiveArticle Article, string Body)> Articles, List<ArchiveComment> Comments, ArchiveMembership Members);

    private static readonly Gen<ArchiveSettings> Settings =
        Gen.Select(Text, Text.Null(), Gen.OneOf("UTC", "Europe/Berlin", "America/Sao_Paulo"), Gen.Int[1, 50], Text.Null(), Text.Null(), Gen.Bool, Gen.Guid,
            Gen.Enum<CommentsMode>(), Gen.Int[0, 90], Gen.Bool, Gen.Int[0, 5],
            (name, tagline, zone, pageSize, disclaimer, copyright, strict, uuid, mode, days, hold, links) => new ArchiveSettings(
                name, tagline, zone, pageSize, disclaimer, copyright, disclaimer, null, copyright, null, null, 20, strict, !strict, uuid,
                mode, days, hold, links, hold ? "casino" : null));

    private static Gen<ArchiveArticle> Article(int index, List<string> people, List<ArchiveTermRef> terms) =>
        Gen.Select(Text, Text.Null(), Gen.OneOf(ArticleStatus.Draft, ArticleStatus.Published, ArticleStatus.Scheduled, ArticleStatus.Unpublished),
                Moment, Future, Text.Null(), Gen.Bool, Gen.Enum<Visibility>(),
                Gen.Int[0, 1 << 10], Gen.Select(Gen.Enum<NoteKind>(), Text, Moment, Gen.Bool).Array[0, 2], Text.Null(), Gen.Bool,
                (headline, dek, status, at, later, dateline, page, visibility, subset, notes, outlet, canonical) =>
            {
                var published = status switch { ArticleStatus.Draft => (DateTime?)null, ArticleStatus.Scheduled => later, _ => at };
                // In the order the exporter writes them: by time, then kind.
                List<ArchiveNote> archived = notes.Select((n, i) => new ArchiveNote(n.Item1, n.Item2, n.Item3.AddMinutes(i), n.Item4 ? n.Item3.AddDays(1) : null))
                    .OrderBy(n => n.At).ThenBy(n => n.Kind).ToList();
                var bylines = people.Where((_, i) => (subset >> i & 1) == 1).ToList();
                var named = terms.Where((_, i) => (subset >> (i + 4) & 1) == 1).ToList();
                var revision = new ArchiveRevision(1, at, "Ed", "Saved", new ArchiveSnapshot(headline, dek, $"story-{index}", dateline, "Earlier words.",
                    ArticleStatus.Draft, null, bylines.Select(b => new ArchiveSnapshotByline(b, b)).ToList(), [], outlet, null, null, null, null, [], false));
                return new ArchiveArticle(Guid.NewGuid(), $"story-{index}", headline, dek, status, published, at, at.AddHours(2), dateline,
                    outlet is null ? null : new ArchiveOrigin(outlet, "https://original.example/a?b=c&d=e", DateOnly.FromDateTime(at), canonical),
                    dek, null, page ? "/media/0a1b.png" : null, !page, bylines, named, archived, subset % 3 == 0 ? [revision] : [], page, visibility,
                    subset % 5 == 0 ? CommentsMode.Members : null);
            });

    private static readonly Gen<Generated> Sites =
        Gen.SelectMany(Settings, Text.Array[1, 3], Text.Array[1, 2], Text.Array[0, 4], Gen.Int[1, 3], Gen.Int[0, 3], Gen.Int[0, 2],
            (settings, personNames, vocabularyNames, termNames, articleCount, commentCount, memberCount) =>
        {
            var people = personNames.Select((name, i) => new ArchivePerson($"person-{i}", name, i % 2 == 0 ? name + " writes." : null,
                i == 1 ? "https://example.org/photo.jpg" : null)).ToList();
            // Names are found again by name within a site, so the generator keeps them apart as an editor would have to.
            var vocabularies = vocabularyNames.Select((name, v) => new ArchiveVocabulary($"v{v}", $"{name} {v}", v,
                termNames.Select((t, i) => new ArchiveTerm($"v{v}-t{i}", $"{t} {i}", i > 0 && i % 2 == 0 ? $"v{v}-t{i - 1}" : null)).ToList())).ToList();
            var terms = vocabularies.SelectMany(v => v.Terms.Select(t => new ArchiveTermRef(v.Slug, t.Slug))).ToList();
            var site = new ArchiveSite(ArchiveFormat.Name, ArchiveFormat.Version, settings, vocabularies, people,
                [new ArchiveRedirect("/old-story/", "/story-0/")]);
            var bylines = people.Select(p => p.Slug).ToList();
            var articles = Gen.Select(Article(0, bylines, terms), Article(1, bylines, terms), Article(2, bylines, terms), Body, Body, Body,
                (a0, a1, a2, b0, b1, b2) => new List<(ArchiveArticle, string)> { (a0, b0), (a1, b1), (a2, b2) }.Take(articleCount).ToList());
            var comments = Gen.Select(Text, Text, Moment, Gen.Enum<CommentStatus>(), Gen.Bool).Array[commentCount];
            var members = Gen.Select(Text.Null(), Moment, Gen.Bool).Array[memberCount];
            return Gen.Select(articles, comments, members, (list, c, m) =>
            {
                var thread = c.Select((x, i) => new ArchiveComment("story-0", i > 0 && x.Item5 ? 0 : null, x.Item1, x.Item5 ? "reader@example.org" : null, null,
                    "<p>" + WebUtility.HtmlEncode(x.Item2) + "</p>", c[0].Item3.AddMinutes(i), x.Item4, null)).ToList();
                var membership = new ArchiveMembership(
                    [new ArchiveTier("free", "Free", null, true, 0, 0, "USD", true, 0), new ArchiveTier("patron", "Patron", "Pays", false, 500, 5000, "EUR", true, 1)],
                    [new ArchiveNewsletter(Guid.NewGuid(), "weekly", "Weekly", null, "The Desk", "desk@example.org", true, true, 0)],
                    [new ArchiveLabel("press", "Press")],
                    m.Select((x, i) => new ArchiveMember(Guid.NewGuid(), $"reader{i}@example.org", x.Item1, null, x.Item2, x.Item3 ? "patron" : "free",
                        false, null, null, null, x.Item3 ? ["press"] : [], ["weekly"])).ToList());
                return new Generated(site, list, thread, membership);
            });
        });

    private static string Write(Generated site)
    {
        var folder = TestFolders.NewFolder("generated-archive");
        Directory.CreateDirectory(Path.Combine(folder, "articles"));
        Directory.CreateDirectory(Path.Combine(folder, "media"));
        void Json<T>(string file, T value) => File.WriteAllText(Path.Combine(folder, file), JsonSerializer.Serialize(value, ArchiveFormat.Json));
        Json("site.json", site.Site);
        foreach (var (article, body) in site.Articles)
        {
            Json($"articles/{article.Slug}.json", article);
            File.WriteAllText(Path.Combine(folder, "articles", article.Slug + ".md"), body);
        }
        Json("comments.json", site.Comments);
        Json("media.json", new List<ArchiveMedia>());
        Json("members.json", site.Members);
        return folder;
    }

    private static async Task<string> RestoreAndExportAsync(string archive)
    {
        await using var app = new MastheadApp();
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("archive-again");
        await app.WithScopeAsync(async services =>
        {
            var archiving = services.GetRequiredService<SiteArchive>();
            await archiving.ImportAsync(archive, TestContext.Current.CancellationToken);
            return await archiving.ExportAsync(folder, TestContext.Current.CancellationToken);
        });
        return folder;
    }

    [Fact]
    public Task Restoring_an_archive_and_exporting_it_gives_it_back() =>
        Sites.SampleAsync(async site =>
        {
            var first = await RestoreAndExportAsync(Write(site));
            foreach (var (article, body) in site.Articles)
            {
                var exported = await ArchiveFormat.ReadAsync<ArchiveArticle>(Path.Combine(first, "articles", article.Slug + ".json"));
                Assert.Equal(body, await File.ReadAllTextAsync(Path.Combine(first, "articles", article.Slug + ".md")));
                Assert.Equal((article.Uuid, article.Headline, article.Dek, article.Status, article.PublishedAt, article.CreatedAt, article.Dateline, article.Visibility, article.IsPage, article.CommentsMode),
                    (exported.Uuid, exported.Headline, exported.Dek, exported.Status, exported.PublishedAt, exported.CreatedAt, exported.Dateline, exported.Visibility, exported.IsPage, exported.CommentsMode));
                Assert.Equal(article.Origin, exported.Origin);
                Assert.Equal(article.Bylines, exported.Bylines);
                Assert.Equal(article.Terms, exported.Terms);
                Assert.Equal(article.Notes, exported.Notes);
                Assert.Equal(article.Revisions.Select(r => (r.Number, r.Snapshot.Headline, r.Snapshot.BodyMarkdown, string.Join(",", r.Snapshot.Bylines.Select(b => b.Person)))),
                    exported.Revisions.Select(r => (r.Number, r.Snapshot.Headline, r.Snapshot.BodyMarkdown, string.Join(",", r.Snapshot.Bylines.Select(b => b.Person)))));
            }
            var exportedSite = await ArchiveFormat.ReadAsync<ArchiveSite>(Path.Combine(first, "site.json"));
            Assert.Equal(site.Site.Settings, exportedSite.Settings);
            Assert.Equal(site.Site.People, exportedSite.People);
            Assert.Equal(site.Site.Vocabularies.Select(v => (v.Slug, v.Name, string.Join("|", v.Terms))),
                exportedSite.Vocabularies.Select(v => (v.Slug, v.Name, string.Join("|", v.Terms))));
            var comments = await ArchiveFormat.ReadAsync<List<ArchiveComment>>(Path.Combine(first, "comments.json"));
            Assert.Equal(site.Comments.Select(c => (c.AuthorName, c.BodyHtml, c.Status, c.Parent)), comments.Select(c => (c.AuthorName, c.BodyHtml, c.Status, c.Parent)));
            var members = await ArchiveFormat.ReadAsync<ArchiveMembership>(Path.Combine(first, "members.json"));
            Assert.Equal(site.Members.Members.Select(m => (m.Email, m.Name, m.Tier, string.Join(",", m.Labels))), members.Members.Select(m => (m.Email, m.Name, m.Tier, string.Join(",", m.Labels))));

            SiteArchiveTests.AssertSameArchive(first, await RestoreAndExportAsync(first));
        }, iter: 8, threads: 1);
}
