using Masthead.Publishing.Body;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Publishing.Body;

public class BrokenLinksTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        await app.ImportPageAsync(Pages.Reference);
        await app.ImportPageAsync(Pages.TwoBylines, "two.txt");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static readonly string[] ReferenceCitations =
        ["Qasem Soleimani: Strike was to 'stop war', says Trump", "leaked 2012 report (.pdf)", "has been forced repeatedly to admit and attempt to cover up"];

    [Fact]
    public void The_reference_page_has_thirteen_placeholder_links()
    {
        var placeholders = Masthead.Importing.Pages.PageParser.MarkdownLink().Matches(Pages.Reference).Count(m => m.Groups["target"].Value == "#");
        Assert.Equal(13, placeholders);
    }

    [Fact]
    public async Task Report_lists_the_three_broken_citations_of_the_reference_body_with_their_text()
    {
        var report = await app.WithDbAsync(async db => await BrokenLinks.FindAsync(db).ToListAsync());
        var article = Assert.Single(report); // the second page's body links are all real
        Assert.Equal("us-war-of-terror-continues-assassinating-irans-top-anti-isis-general", article.Slug);
        Assert.Equal(ReferenceCitations, article.Links.Select(l => l.Text));
        Assert.All(article.Links, l => Assert.Equal("#", l.Target));
    }

    [Fact]
    public async Task Links_broken_command_prints_the_report()
    {
        var (exit, lines) = await app.RunCliAsync("links", "--broken");

        Assert.Equal(0, exit);
        Assert.Equal("us-war-of-terror-continues-assassinating-irans-top-anti-isis-general: US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General", lines[0]);
        Assert.Equal(ReferenceCitations.Select(t => $"broken: \"{t}\" -> '#'"), lines[1..4]);
        Assert.Equal("3 broken links in 1 articles", lines[^1]);
    }
}
