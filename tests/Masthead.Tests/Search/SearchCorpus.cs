using System.Text.Json;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Search;

/// <summary>A small fixed corpus, imported once per class, and a helper that reads /search.json.</summary>
public static class SearchCorpus
{
    public static readonly (string File, string FrontMatter, string Body)[] Articles =
    [
        ("headline-match.md", "title: Missile strike hits base\ndate: 2024-03-01T10:00:00Z\nauthors: [Jane Roe]\nregion: [Europe]", "Weather was calm over the coast."),
        ("body-match.md", "title: Weekly news roundup\ndate: 2024-03-02T10:00:00Z\nauthors: [John Doe]\nregion: [Asia]", "Reports of a missile near the border, and of rain."),
        ("plural.md", "title: Workers walk out\ndate: 2024-03-03T10:00:00Z\nauthors: [Jane Roe]\nregion: [Asia]", "Dockers announced strikes across the ports."),
        ("phrase.md", "title: Tariffs again\ndate: 2024-03-04T10:00:00Z\nauthors: [John Doe]\nregion: [Europe]", "The trade war began in spring, economists said."),
        ("words-apart.md", "title: Old routes\ndate: 2024-03-05T10:00:00Z\nauthors: [John Doe]\nregion: [Europe]", "A war broke out over trade routes in the north."),
        ("markup.md", "title: Angle brackets & ampersands\ndate: 2024-03-06T10:00:00Z\nauthors: [Jane Roe]", "Compare 5 < 6 & 7 > 3 in the harbour **ledger**."),
        ("draft.md", "title: Unpublished missile plans\ndate: 2024-03-07T10:00:00Z\ndraft: true\nauthors: [Jane Roe]", "A missile that nobody may see yet."),
    ];

    public static async Task ImportAsync(MastheadApp app)
    {
        var folder = TestFolders.NewFolder("search-corpus");
        foreach (var (file, frontMatter, body) in Articles)
            await File.WriteAllTextAsync(Path.Combine(folder, file), $"---\n{frontMatter}\n---\n\n{body}\n");
        var summary = await app.ImportMarkdownAsync(folder);
        Assert.Equal(Articles.Length, summary.Created);
    }

    public static async Task<JsonElement> SearchAsync(HttpClient client, string queryString)
    {
        using var response = await client.GetAsync("/search.json?" + queryString, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.Clone();
    }

    public static List<string> Headlines(JsonElement results) =>
        results.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("card").GetProperty("headline").GetString()!).ToList();

    public static string Q(string text) => "q=" + Uri.EscapeDataString(text);
}
