using System.Net;
using System.Text.Json;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.ContentApi;

/// <summary>`masthead content-key create|list|revoke`, and what a key opens; and Ghost's limit cap.</summary>
public class ContentKeyTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("limit");
        for (var i = 0; i < 102; i++)
            await File.WriteAllTextAsync(Path.Combine(folder, $"a{i}.md"), $"---\ntitle: Story {i}\ndate: 2024-01-01T{i / 60:00}:{i % 60:00}:00Z\nauthors: [Jane Roe]\n---\n\nText {i}.\n");
        await app.ImportMarkdownAsync(folder);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string query)
    {
        using var response = await app.CreateClient().GetAsync("/ghost/api/content/posts/?" + query, TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (response.StatusCode, json.RootElement.Clone());
    }

    [Fact]
    public async Task A_key_is_made_listed_used_and_revoked_from_the_command_line()
    {
        var (exit, created) = await app.RunCliAsync("content-key", "create", "Next.js front end");
        Assert.Equal(0, exit);
        var key = Assert.Single(created);
        Assert.Matches("^[0-9a-f]{26}$", key);
        Assert.Equal(1, (await app.RunCliAsync("content-key", "create", "Next.js front end")).Exit); // names are unique

        var (_, listed) = await app.RunCliAsync("content-key", "list");
        var fields = Assert.Single(listed).Split('\t');
        Assert.Equal(("Next.js front end", key), (fields[0], fields[1]));

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("key=" + key)).Status);
        Assert.Equal(0, (await app.RunCliAsync("content-key", "revoke", "Next.js front end")).Exit);
        // The server kept the answer; the revocation is an event the command wrote. SQLite: the next request sees the
        // file changed and reads it. PostgreSQL: every server reads others' events each FollowIntervalMs (500 ms).
        var status = (await GetAsync("key=" + key)).Status;
        for (var i = 0; TestDatabase.IsPostgres && status == HttpStatusCode.OK && i < 20; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            status = (await GetAsync("key=" + key)).Status;
        }
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(1, (await app.RunCliAsync("content-key", "revoke", key)).Exit);
        Assert.Equal(["No Content API keys."], (await app.RunCliAsync("content-key", "list")).Lines);
    }

    [Fact]
    public async Task Administrators_manage_keys_in_the_back_office_and_editors_may_not()
    {
        using var admin = await StaffClient.AsAsync(app, StaffRole.Administrator);
        var created = await admin.PostFormAsync("/admin/contentkeys?handler=Create", new() { ["Name"] = "Astro site" }, "/admin/contentkeys");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await admin.GetPageAsync("/admin/contentkeys");
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Equal("Astro site", row.QuerySelector("td")!.TextContent);
        var key = row.QuerySelector("code.content-key")!.TextContent;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("key=" + key)).Status);

        var duplicate = await admin.PostFormAsync("/admin/contentkeys?handler=Create", new() { ["Name"] = "Astro site" }, "/admin/contentkeys");
        var refused = await StaffClient.ParseAsync(duplicate);
        Assert.Equal("There is already a key named 'Astro site'.", refused.QuerySelector("[data-valmsg-for=Name]")!.TextContent);
        Assert.Equal("Astro site", refused.QuerySelector("input#Name")!.GetAttribute("value"));

        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/contentkeys")).StatusCode);
        var action = row.QuerySelector("form")!.GetAttribute("action")!;
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync(action, [], "/admin/articles/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("key=" + key)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(action, [], "/admin/contentkeys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("key=" + key)).Status);
    }

    [Theory]
    [InlineData("limit=all", 100, 2)]
    [InlineData("limit=500", 100, 2)]
    [InlineData("limit=100&page=2", 100, 2)]
    [InlineData("", 15, 7)]
    public async Task Limit_is_capped_at_100_as_in_Ghost(string query, int limit, int pages)
    {
        var key = (await app.RunCliAsync("content-key", "create", "cap " + query)).Lines.Single();
        var (status, body) = await GetAsync($"key={key}&{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        var pagination = body.GetProperty("meta").GetProperty("pagination");
        Assert.Equal((limit, pages, 102), (pagination.GetProperty("limit").GetInt32(), pagination.GetProperty("pages").GetInt32(), pagination.GetProperty("total").GetInt32()));
        var page = query.Contains("page=2") ? 2 : 1;
        Assert.Equal(Math.Min(limit, 102 - (page - 1) * limit), body.GetProperty("posts").GetArrayLength());
    }
}
