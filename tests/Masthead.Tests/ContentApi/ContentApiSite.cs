using System.Text.Json;
using Masthead.Data;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>
/// One live site for the read-only Content API tests: the reference article, five Markdown articles (one featured, one
/// with two authors, one whose origin is canonical, one whose Theme term shares the slug of a Region term), a draft and a page.
/// </summary>
public sealed class ContentApiSite : LiveApp
{
    public const string ReferenceSlug = "us-war-of-terror-continues-assassinating-irans-top-anti-isis-general";
    public string Key { get; private set; } = "";
    public HttpClient Http { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage));
        var folder = TestFolders.NewFolder("content-api");
        void Write(string name, string front, string body = "Harbour workers walked out at dawn.") =>
            File.WriteAllText(Path.Combine(folder, name), $"---\n{front}\n---\n\n{body}\n");
        Write("b.md", "title: Harbour strike ends\ndate: 2021-03-04T10:00:00Z\nauthors: [Jane Roe]\nregion: [Europe]\ntheme: [Economy]\nfeatured: true");
        Write("c.md", "title: Second harbour report\ndate: 2019-05-06T08:30:00Z\nauthors: [Jane Roe, John Doe]\nregion: [Asia]\ntheme: [Law and Justice]",
            "A report with an image: ![crane](/media/crane.png) and [a link](/harbour-strike-ends/).");
        Write("d.md", "title: Europe as a theme\ndate: 2022-01-01T00:00:00Z\nauthors: [John Doe]\ntheme: [Europe]");
        Write("e.md", "title: Reprinted from the Port Gazette\ndate: 2018-01-01T12:00:00Z\nauthors: [Ann Other]\nregion: [Asia]\n" +
                      "origin: { outlet: Port Gazette, url: 'https://gazette.example/original', canonical: true }");
        Write("f.md", "title: Not yet\ndraft: true\nauthors: [Jane Roe]\nregion: [Asia]");
        Write("about.md", "title: About the Harbour Desk\ndate: 2017-01-01T00:00:00Z\nauthors: [Jane Roe]\npage: true", "Who we are.");
        await ImportMarkdownAsync(folder);
        Key = await WithDbAsync(async db => (await global::Masthead.ContentApi.ContentKeys.CreateAsync(db, "tests", DateTime.UtcNow)).Value!.Secret);
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>GETs a Content API address with the key first (as the official client sends it) and parses the answer.</summary>
    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string resource, string query = "", string? key = null)
    {
        var url = $"/ghost/api/content/{resource}?key={key ?? Key}" + (query.Length > 0 ? "&" + query : "");
        var response = await Http.GetAsync(url, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return ((int)response.StatusCode, json.RootElement.Clone(), response);
    }

    public async Task<JsonElement> OkAsync(string resource, string query = "")
    {
        var (status, body, _) = await GetAsync(resource, query);
        Assert.True(status == 200, $"{resource}?{query}: {status} {body}");
        return body;
    }

    public Task<T> DbAsync<T>(Func<MastheadDb, Task<T>> work) => WithScopeAsync(s => work(s.GetRequiredService<MastheadDb>()));

    public override async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await base.DisposeAsync();
    }
}
