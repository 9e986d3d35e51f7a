using Masthead.Importing;
using Masthead.Importing.Markdown;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Importing;

public class MarkdownRoundTripTests : IAsyncLifetime
{
    private readonly MastheadApp source = new();
    private readonly MastheadApp copy = new();

    public async ValueTask InitializeAsync()
    {
        await source.InitializeAsync();
        await copy.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await source.DisposeAsync();
        await copy.DisposeAsync();
    }

    [Fact]
    public async Task Export_then_import_then_export_gives_the_same_files_and_the_same_articles()
    {
        await source.ImportPageAsync(Pages.Reference);
        await source.ImportPageAsync(Pages.TwoBylines, "two.txt");
        var first = TestFolders.NewFolder("export1");
        Assert.Equal(2, await source.ExportMarkdownAsync(first));

        var summary = await copy.ImportMarkdownAsync(first);
        Assert.Equal((2, 0, 0), (summary.Created, summary.Updated, summary.Refused.Count));
        var second = TestFolders.NewFolder("export2");
        await copy.ExportMarkdownAsync(second);

        var names = Directory.GetFiles(first).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(names, Directory.GetFiles(second).Select(Path.GetFileName).Order().ToList());
        foreach (var name in names)
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, name!), TestContext.Current.CancellationToken), await File.ReadAllTextAsync(Path.Combine(second, name!), TestContext.Current.CancellationToken));

        Assert.Equal(await SnapshotAsync(source), await SnapshotAsync(copy));
    }

    [Fact]
    public async Task Front_matter_follows_the_hugo_convention()
    {
        await source.ImportPageAsync(Pages.Reference);
        var folder = TestFolders.NewFolder("export");
        await source.ExportMarkdownAsync(folder);
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "us-war-of-terror-continues-assassinating-irans-top-anti-isis-general.md"), TestContext.Current.CancellationToken);

        var article = FrontMatter.Read(text, "x.md", TimeZoneInfo.Utc);
        Assert.Equal("US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General", article.Headline);
        Assert.Equal(new DateTime(2020, 1, 16, 0, 0, 0, DateTimeKind.Utc), article.PublishedAt);
        Assert.Equal(["Tony Cartalucci"], article.Bylines);
        Assert.Equal(["region", "theme", "in-depth-report"], article.Terms.Select(t => t.Key));
        Assert.Equal(["IRAN: THE NEXT WAR?"], article.Terms[2].Value);
        Assert.Equal("New Eastern Outlook", article.Origin?.Outlet);
        Assert.StartsWith("---\ntitle: ", text);
        Assert.Contains("\ndate: 2020-01-16T00:00:00Z\n", text);
    }

    [Fact]
    public async Task Hand_written_files_import_with_dates_drafts_and_new_vocabularies()
    {
        var folder = TestFolders.NewFolder("md");
        await File.WriteAllTextAsync(Path.Combine(folder, "one.md"), """
            ---
            title: "Sanctions: who pays?"
            date: 2023-05-02
            authors:
              - Jane Roe
              - John Doe
            description: A short dek.
            tags: [Economy, Sanctions]
            origin: { outlet: The Outlet, url: "https://outlet.example/a", date: 2023-05-01 }
            ---

            First paragraph with a [link](https://example.org).
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "two.md"), "---\ntitle: Unfinished\ndraft: true\n---\n\nDraft body.\n", TestContext.Current.CancellationToken);

        var summary = await source.ImportMarkdownAsync(folder);
        Assert.Equal(2, summary.Created);
        await source.WithDbAsync(async db =>
        {
            var one = await db.Articles.Include(a => a.Bylines).ThenInclude(b => b.Person).SingleAsync(a => a.Slug == "sanctions-who-pays");
            Assert.Equal(new DateTime(2023, 5, 2, 0, 0, 0, DateTimeKind.Utc), one.PublishedAt);
            Assert.Equal(["Jane Roe", "John Doe"], one.Bylines.OrderBy(b => b.Position).Select(b => b.Person.Name));
            Assert.Equal("A short dek.", one.Dek);
            Assert.Equal(new DateOnly(2023, 5, 1), one.Origin?.OriginalDate);
            Assert.Equal("Tags", (await db.Vocabularies.SingleAsync()).Name);
            Assert.Equal(Masthead.Articles.ArticleStatus.Draft, (await db.Articles.SingleAsync(a => a.Slug == "unfinished")).Status);
        });
    }

    [Theory]
    [InlineData("title: x\ndate: 2020-01-01\n", 1, "no front matter")]
    [InlineData("---\ntitle: x\ndate: 2020-01-01\n\nbody\n", 1, "front matter is not closed")]
    [InlineData("---\ntitle: x\ndate: [2020\n---\n\nbody\n", 4, "invalid YAML")]
    [InlineData("---\ntitle: x\ndate: 2020-13-45\n---\n\nbody\n", 3, "date '2020-13-45' is not a date")]
    [InlineData("---\ntitle: x\ndate: 2020-01-01\ntitel: y\n---\n\nbody\n", 4, "unknown key 'titel'")]
    [InlineData("---\ndate: 2020-01-01\n---\n\nbody\n", 2, "no title")]
    [InlineData("---\ntitle: x\ndate: 2020-01-01\nadmin: [a]\n---\n\nbody\n", 4, "'admin' cannot name a vocabulary")]
    public void Refuses_bad_front_matter_with_line_and_reason(string text, int line, string reason)
    {
        var error = Assert.Throws<ImportError>(() => FrontMatter.Read(text, "bad.md", TimeZoneInfo.Utc));
        Assert.Equal((line, true), (error.Line, error.Reason.StartsWith(reason, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_bad_file_is_reported_and_the_good_ones_still_import()
    {
        var folder = TestFolders.NewFolder("mixed");
        await File.WriteAllTextAsync(Path.Combine(folder, "good.md"), "---\ntitle: Good\ndate: 2020-01-01\n---\n\nBody.\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.md"), "---\ntitle: Bad\n---\n\nBody.\n", TestContext.Current.CancellationToken);
        var summary = await source.ImportMarkdownAsync(folder);
        Assert.Equal(1, summary.Created);
        var refused = Assert.Single(summary.Refused);
        Assert.Equal(("bad.md", 2), (Path.GetFileName(refused.File), refused.Line));
    }

    private static Task<List<string>> SnapshotAsync(MastheadApp app) => app.WithDbAsync(async db =>
        (await db.Articles.AsNoTracking().OrderBy(a => a.Slug)
            .Include(a => a.Bylines).ThenInclude(b => b.Person)
            .Include(a => a.Terms).ThenInclude(t => t.Term).ThenInclude(t => t.Vocabulary)
            .ToListAsync())
        .Select(a => string.Join("|", a.Slug, a.Headline, a.Dek, a.BodyMarkdown, a.BodyHtml, a.Excerpt, a.Status, a.PublishedAt, a.UpdatedAt,
            a.Dateline, a.Origin?.Outlet, a.Origin?.Url, a.Origin?.OriginalDate, a.ReaderNote, a.SourceId,
            string.Join(",", a.Bylines.OrderBy(b => b.Position).Select(b => $"{b.Person.Name}/{b.Person.Slug}/{b.Person.Bio}")),
            string.Join(",", a.Terms.OrderBy(t => t.Position).Select(t => $"{t.Term.Vocabulary.Name}/{t.Term.Vocabulary.Slug}/{t.Term.Name}"))))
        .ToList());
}
