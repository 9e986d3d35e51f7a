using Masthead.Tests.Infrastructure;
using static Masthead.Tests.Search.SearchCorpus;

namespace Masthead.Tests.Search;

/// <summary>Runs on whichever store the suite runs on: FTS5 on SQLite, tsvector on PostgreSQL.</summary>
public class SearchRelevanceTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        await ImportAsync(app);
        client = app.CreateClient();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_headline_match_outranks_a_body_only_match()
    {
        var results = await SearchAsync(client, Q("missile"));
        Assert.Equal(["Missile strike hits base", "Weekly news roundup"], Headlines(results));
    }

    [Fact]
    public async Task Drafts_are_never_found()
    {
        var results = await SearchAsync(client, Q("unpublished plans"));
        Assert.Equal(0, results.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("strike", new[] { "Missile strike hits base", "Workers walk out" })]
    [InlineData("strikes", new[] { "Missile strike hits base", "Workers walk out" })]
    [InlineData("announcing", new[] { "Workers walk out" })]
    public async Task English_stemming_finds_other_forms_of_a_word(string word, string[] expected)
    {
        var results = await SearchAsync(client, Q(word));
        Assert.Equal(expected.Order(), Headlines(results).Order());
    }

    [Fact]
    public async Task A_quoted_phrase_matches_only_the_words_together_in_order()
    {
        Assert.Equal(["Tariffs again"], Headlines(await SearchAsync(client, Q("\"trade war\""))));
        Assert.Equal(["Old routes", "Tariffs again"], Headlines(await SearchAsync(client, Q("trade war"))).Order());
    }

    [Theory]
    [InlineData("author=jane-roe", new[] { "Missile strike hits base" })]
    [InlineData("author=john-doe", new[] { "Weekly news roundup" })]
    [InlineData("term=region/asia", new[] { "Weekly news roundup" })]
    [InlineData("term=region/europe", new[] { "Missile strike hits base" })]
    [InlineData("from=2024-03-02", new[] { "Weekly news roundup" })]
    [InlineData("to=2024-03-01", new[] { "Missile strike hits base" })]
    [InlineData("from=2024-03-01&to=2024-03-02", new[] { "Missile strike hits base", "Weekly news roundup" })]
    [InlineData("from=2024-03-03", new string[0])]
    public async Task Filters_narrow_the_matches(string filter, string[] expected)
    {
        var results = await SearchAsync(client, Q("missile") + "&" + filter);
        Assert.Equal(expected.Order(), Headlines(results).Order());
    }

    [Fact]
    public async Task Snippets_mark_the_matches_and_encode_the_text()
    {
        var results = await SearchAsync(client, Q("harbour ampersands"));
        var hit = Assert.Single(results.GetProperty("hits").EnumerateArray());
        var headline = Html.Parse("<p>" + hit.GetProperty("headline_html").GetString() + "</p>").QuerySelector("p")!;
        Assert.Equal("Angle brackets & ampersands", headline.TextContent);
        Assert.Equal(["ampersands"], headline.QuerySelectorAll("mark").Select(m => m.TextContent));
        var snippet = Html.Parse("<p>" + hit.GetProperty("snippet_html").GetString() + "</p>").QuerySelector("p")!;
        Assert.Contains("5 < 6 & 7 > 3", snippet.TextContent);
        Assert.Equal(["mark"], snippet.Children.Select(c => c.LocalName).Distinct());
        Assert.Equal(["harbour"], snippet.QuerySelectorAll("mark").Select(m => m.TextContent));
    }

    [Fact]
    public async Task The_search_page_shows_the_hits_and_keeps_what_was_typed()
    {
        var (status, page) = await Html.GetAsync(client, "/search?" + Q("missile") + "&sort=date");
        Assert.Equal(200, status);
        Assert.Equal("missile", page.QuerySelector("#search-q")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("select[name=sort] option[value=date][selected]"));
        Assert.Equal(["Weekly news roundup", "Missile strike hits base"],
            page.QuerySelectorAll(".search-hit h2 a").Select(a => a.TextContent));
        Assert.Equal(["Missile"], page.QuerySelectorAll(".search-hit h2 a mark").Select(m => m.TextContent));
    }
}
