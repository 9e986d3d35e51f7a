using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Articles;

public class PaginationTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("paging");
        for (var i = 1; i <= 23; i++)
            await File.WriteAllTextAsync(Path.Combine(folder, $"a{i:00}.md"),
                $"---\ntitle: Article {i}\ndate: 2024-01-{i:00}T12:00:00Z\nauthors: [Jane Roe]\nregion: [Europe]\n---\n\nBody {i}.\n");
        var summary = await app.ImportMarkdownAsync(folder);
        Assert.Equal(23, summary.Created);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("/", 1, 10, "Article 23", null, "/?page=2")]
    [InlineData("/?page=2", 2, 10, "Article 13", "/", "/?page=3")]
    [InlineData("/?page=3", 3, 3, "Article 3", "/?page=2", null)]
    [InlineData("/author/jane-roe/?page=3", 3, 3, "Article 3", "/author/jane-roe/?page=2", null)]
    [InlineData("/region/europe/?page=2", 2, 10, "Article 13", "/region/europe/", "/region/europe/?page=3")]
    public async Task Archives_page_newest_first(string url, int page, int count, string first, string? newer, string? older)
    {
        var (status, document) = await Html.GetAsync(app.CreateClient(), url);
        Assert.Equal(200, status);
        var cards = document.QuerySelectorAll("main article.card h2 a").Select(a => a.Text()).ToList();
        Assert.Equal(count, cards.Count);
        Assert.Equal(first, cards[0]);
        Assert.Equal($"Page {page} of 3", document.QuerySelector(".pagination .page-number")!.Text());
        Assert.Equal(newer, document.QuerySelector(".pagination a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal(older, document.QuerySelector(".pagination a[rel=next]")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/?page=4")]
    [InlineData("/?page=0")]
    [InlineData("/region/europe/?page=9")]
    public async Task Pages_past_the_end_are_not_found(string url)
    {
        var (status, _) = await Html.GetAsync(app.CreateClient(), url);
        Assert.Equal(404, status);
    }
}
