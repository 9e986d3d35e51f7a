using Masthead.Articles;
using Masthead.Importing;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Importing;

public class PageImporterTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();
    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Imports_the_reference_article_with_its_people_terms_origin_and_site_notices()
    {
        Assert.True(await app.ImportPageAsync(Pages.Reference));

        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Bylines).ThenInclude(b => b.Person)
                .Include(a => a.Terms).ThenInclude(t => t.Term).ThenInclude(t => t.Vocabulary).SingleAsync();
            Assert.Equal("US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General", article.Headline);
            Assert.Equal("us-war-of-terror-continues-assassinating-irans-top-anti-isis-general", article.Slug);
            Assert.Equal(ArticleStatus.Published, article.Status);
            Assert.Equal(new DateTime(2020, 1, 16, 0, 0, 0, DateTimeKind.Utc), article.PublishedAt);
            Assert.Equal(DateTimeKind.Utc, article.PublishedAt!.Value.Kind);
            Assert.Equal("Global Research", article.Dateline);
            Assert.Equal("New Eastern Outlook", article.Origin?.Outlet);
            Assert.Null(article.Origin?.Url);
            Assert.Equal(["Tony Cartalucci"], article.Bylines.Select(b => b.Person.Name));
            Assert.StartsWith("Tony Cartalucci is a Bangkok-based", article.Bylines[0].Person.Bio);
            Assert.Equal(
                ["Region/Middle East & North Africa", "Theme/Law and Justice", "Theme/Media Disinformation", "Theme/US NATO War Agenda", "In-depth Report/IRAN: THE NEXT WAR?"],
                article.Terms.OrderBy(t => t.Position).Select(t => $"{t.Term.Vocabulary.Name}/{t.Term.Name}"));
            Assert.Equal(["region", "theme", "in-depth-report"], await db.Vocabularies.OrderBy(v => v.Position).Select(v => v.Slug).ToListAsync());

            var settings = await db.SiteSettings.SingleAsync();
            Assert.Equal("Global Research", settings.Name);
            Assert.Equal("publications@globalresearch.ca", settings.MediaContact);
            Assert.Equal("Become a Member of Global Research", settings.MembershipCall);
            Assert.NotNull(settings.Disclaimer);
            Assert.NotNull(settings.RepublicationPolicy);
            Assert.NotNull(settings.CopyrightNotice);
            Assert.NotNull(settings.ReaderNote);
            Assert.DoesNotContain("Disclaimer", article.BodyMarkdown);
        });
    }

    [Fact]
    public async Task Reimporting_the_same_page_updates_instead_of_duplicating()
    {
        Assert.True(await app.ImportPageAsync(Pages.Reference));
        var edited = Pages.Reference.Replace("US provocations come too little and too late.", "US provocations come far too late.");
        Assert.False(await app.ImportPageAsync(edited));

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Articles.CountAsync());
            Assert.Equal(1, await db.People.CountAsync());
            Assert.Equal(5, await db.Terms.CountAsync());
            Assert.Equal(5, await db.Set<ArticleTerm>().CountAsync());
            Assert.Contains("far too late", (await db.Articles.SingleAsync()).BodyMarkdown);
        });
    }

    [Fact]
    public async Task A_second_page_shares_existing_people_and_terms()
    {
        await app.ImportPageAsync(Pages.Reference);
        await app.ImportPageAsync(Pages.TwoBylines, "two.txt");

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(2, await db.Articles.CountAsync());
            Assert.Equal(["ana-muller", "soren-odegard", "tony-cartalucci"], await db.People.OrderBy(p => p.Slug).Select(p => p.Slug).ToListAsync());
            var lawAndJustice = await db.Terms.SingleAsync(t => t.Slug == "law-and-justice");
            Assert.Equal(2, await db.Set<ArticleTerm>().CountAsync(t => t.TermId == lawAndJustice.Id));
            var second = await db.Articles.SingleAsync(a => a.Slug == "europes-quiet-rearmament");
            Assert.Equal("https://berlin-review.example/rearmament", second.Origin?.Url);
        });
    }

    [Fact]
    public async Task A_malformed_page_is_refused_and_writes_nothing()
    {
        var malformed = Pages.Reference.Replace("Global Research, January 16, 2020", "Global Research, Janvier 16, 2020");
        var error = await Assert.ThrowsAsync<ImportError>(() => app.ImportPageAsync(malformed, "bad.txt"));
        Assert.Equal(7, error.Line);

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Articles.CountAsync());
            Assert.Equal(0, await db.People.CountAsync());
            Assert.Equal(0, await db.Vocabularies.CountAsync());
            var settings = await db.SiteSettings.SingleAsync(); // the row every site starts with, as it was
            Assert.Equal(("", null), (settings.Name, settings.Disclaimer));
        });
    }

    [Fact]
    public async Task A_failure_while_writing_rolls_the_whole_page_back()
    {
        // The store itself refuses the article row, after settings, people and terms of the same page were written.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
            ? """
              CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER refuse_articles BEFORE INSERT ON "Articles" FOR EACH ROW EXECUTE FUNCTION refuse();
              """
            : "CREATE TRIGGER refuse_articles BEFORE INSERT ON Articles BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;"));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => app.ImportPageAsync(Pages.Reference));
        Assert.Contains("simulated crash", error.InnerException?.Message);

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Articles.CountAsync());
            Assert.Equal(0, await db.People.CountAsync());
            Assert.Equal(0, await db.Vocabularies.CountAsync());
            Assert.Equal(0, await db.Terms.CountAsync());
            var settings = await db.SiteSettings.SingleAsync(); // the row every site starts with, as it was
            Assert.Equal(("", null), (settings.Name, settings.Disclaimer));
        });
    }

    [Fact]
    public async Task Names_that_differ_only_in_spacing_are_one_person()
    {
        var page = Pages.Reference.Replace("By [Tony Cartalucci](#)", "By [Tony Cartalucci](#) and [Tony  Cartalucci](#)");
        await app.ImportPageAsync(page);
        await app.WithDbAsync(async db => Assert.Equal(["Tony Cartalucci"], await db.People.Select(p => p.Name).ToListAsync()));
    }
}
