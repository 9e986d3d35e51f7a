using Masthead.Articles;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Admin;

public sealed class ArticleListTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task The_list_pages_by_the_page_in_its_address()
    {
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 30; i++)
                db.Articles.Add(new Article { Slug = $"story-{i:00}", Headline = $"Story {i:00}", Status = ArticleStatus.Draft,
                    CreatedAt = DateTime.UtcNow, UpdatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i) });
            await db.SaveChangesAsync();
        });
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);

        var first = await editor.GetPageAsync("/admin/articles");
        var second = await editor.GetPageAsync("/admin/articles?page=2");

        Assert.Equal(IndexModelPageSize, first.QuerySelectorAll("table.articles tbody tr").Length);
        var rows = second.QuerySelectorAll("table.articles tbody tr").Select(r => r.QuerySelector("td a")!.TextContent.Trim()).ToList();
        Assert.Equal(30 - IndexModelPageSize, rows.Count);
        Assert.DoesNotContain(rows, h => first.QuerySelectorAll("table.articles tbody tr td a").Any(a => a.TextContent.Trim() == h));
    }

    private const int IndexModelPageSize = Masthead.Admin.Articles.IndexModel.PageSize;
}
