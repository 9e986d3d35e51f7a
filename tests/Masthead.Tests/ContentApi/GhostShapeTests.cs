using System.Text.Json;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.ContentApi;

/// <summary>
/// Masthead's answers against what a real Ghost 6.65 answered for the reference article (../shared/fixtures/ghost/
/// content-api): every field Ghost sends is there, with the same JSON type and nesting; and the values agree where both
/// hold the same thing.
/// </summary>
public class GhostShapeTests(ContentApiSite site) : IClassFixture<ContentApiSite>
{
    private static JsonElement Fixture(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestFolders.Shared("fixtures", "ghost", "content-api", name)));
        return json.RootElement.Clone();
    }

    /// <summary>
    /// Every property of <paramref name="ghost"/> is in <paramref name="ours"/> with the same kind, recursively; null on
    /// either side stands for "nullable" (Ghost's fixture site had no cover image where Masthead has a bio, and so on).
    /// </summary>
    private static void AssertSameShape(JsonElement ghost, JsonElement ours, string path)
    {
        if (ghost.ValueKind == JsonValueKind.Null || ours.ValueKind == JsonValueKind.Null) return;
        if (path == ".settings.labs") return; // Ghost's own feature flags, by name: an object either way, with nothing to share
        var kinds = (Normalize(ghost.ValueKind), Normalize(ours.ValueKind));
        Assert.True(kinds.Item1 == kinds.Item2, $"{path}: Ghost has {ghost.ValueKind}, Masthead {ours.ValueKind}");
        if (ghost.ValueKind == JsonValueKind.Object)
            foreach (var property in ghost.EnumerateObject())
            {
                Assert.True(ours.TryGetProperty(property.Name, out var mine), $"{path}.{property.Name} is missing");
                AssertSameShape(property.Value, mine, $"{path}.{property.Name}");
            }
        else if (ghost.ValueKind == JsonValueKind.Array && ghost.GetArrayLength() > 0 && ours.GetArrayLength() > 0)
            AssertSameShape(ghost[0], ours[0], path + "[0]");
    }

    private static JsonValueKind Normalize(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    [Fact]
    public async Task The_reference_article_by_slug_has_Ghosts_shape_and_agrees_with_Ghost()
    {
        var ghost = Fixture("post-by-slug.json");
        var ours = await site.OkAsync($"posts/slug/{ContentApiSite.ReferenceSlug}/", "include=tags,authors&formats=html,plaintext");
        AssertSameShape(ghost, ours, "");
        Assert.Equal(ghost.GetProperty("posts")[0].EnumerateObject().Select(p => p.Name), ours.GetProperty("posts")[0].EnumerateObject().Select(p => p.Name));

        var (g, m) = (ghost.GetProperty("posts")[0], ours.GetProperty("posts")[0]);
        Assert.Equal(g.GetProperty("title").GetString(), m.GetProperty("title").GetString());
        Assert.Equal(g.GetProperty("slug").GetString(), m.GetProperty("slug").GetString());
        // The page gives a date, not a time: Ghost's importer put it at 09:00, Masthead at midnight in the site's zone.
        Assert.Equal(DateTimeOffset.Parse(g.GetProperty("published_at").GetString()!).Date, DateTimeOffset.Parse(m.GetProperty("published_at").GetString()!).Date);
        Assert.Equal(Names(g, "authors"), Names(m, "authors"));
        Assert.Equal(Names(g, "primary_author"), Names(m, "primary_author"));
        // Ghost's copy carries the Region and Theme terms; Masthead also has the In-depth Report, which comes last.
        var tags = m.GetProperty("tags").EnumerateArray()
            .Where(t => t.GetProperty("vocabulary").GetProperty("slug").GetString() != "in-depth-report").Select(t => t.GetProperty("name").GetString());
        Assert.Equal(Names(g, "tags"), tags);
        Assert.Equal(g.GetProperty("primary_tag").GetProperty("slug").GetString(), m.GetProperty("primary_tag").GetProperty("slug").GetString());
    }

    private static IEnumerable<string?> Names(JsonElement post, string property) =>
        post.GetProperty(property) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(e => e.GetProperty("name").GetString())
            : [post.GetProperty(property).GetProperty("name").GetString()];

    [Theory]
    [InlineData("posts-browse-limit2.json", "posts/", "limit=2&include=tags,authors")]
    [InlineData("authors-browse.json", "authors/", "include=count.posts&limit=all")]
    [InlineData("tags-browse.json", "tags/", "include=count.posts&limit=all")]
    [InlineData("settings.json", "settings/", "")]
    public async Task Browse_answers_have_Ghosts_shape(string fixture, string resource, string query)
    {
        var ghost = Fixture(fixture);
        var ours = await site.OkAsync(resource, query);
        AssertSameShape(ghost, ours, "");
        if (ghost.GetProperty("meta").TryGetProperty("pagination", out var pagination))
            Assert.Equal(pagination.GetProperty("limit").GetInt32(), ours.GetProperty("meta").GetProperty("pagination").GetProperty("limit").GetInt32());
    }

    [Theory]
    [InlineData("error-unknown-key.json", "posts/", "", "0123456789abcdef0123456789", 401)]
    [InlineData("error-bad-filter.json", "posts/", "filter=tag:%5Bx", null, 400)]
    public async Task Errors_have_Ghosts_shape_type_message_and_context(string fixture, string resource, string query, string? key, int status)
    {
        var ghost = Fixture(fixture);
        var (actual, ours, _) = await site.GetAsync(resource, query, key);
        Assert.Equal(status, actual);
        AssertSameShape(ghost, ours, "");
        var (g, m) = (ghost.GetProperty("errors")[0], ours.GetProperty("errors")[0]);
        foreach (var field in new[] { "type", "message", "context", "code" })
            Assert.Equal(g.GetProperty(field).GetString(), m.GetProperty(field).GetString());
        Assert.Equal(g.EnumerateObject().Select(p => p.Name), m.EnumerateObject().Select(p => p.Name));
    }
}
