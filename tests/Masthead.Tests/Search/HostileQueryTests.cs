using Masthead.Tests.Infrastructure;
using static Masthead.Tests.Search.SearchCorpus;

namespace Masthead.Tests.Search;

public class HostileQueryTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        await ImportAsync(app);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    public static TheoryData<string> Absurd() =>
    [
        "", "   ", "!!!???...", "\"", "\"\"\"", "()", "*", "-", "&|!:<->", "'); DROP TABLE \"Articles\"; --",
        "(*)", "AND OR NOT", "^", "\u0000\u0001\u0002", "{}[]", "!(a & b", ":*",
    ];

    [Theory]
    [MemberData(nameof(Absurd))]
    public async Task Absurd_queries_get_an_empty_result_with_a_helpful_notice(string query)
    {
        var results = await SearchAsync(app.CreateClient(), Q(query));
        Assert.Equal(0, results.GetProperty("total").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(results.GetProperty("notice").GetString()));
    }

    [Theory]
    [InlineData("missile*", "missile")]
    [InlineData("NEAR(missile border)", "near missile border")]
    [InlineData("\"missile strike", "\"missile strike\"")]
    [InlineData("missile & !weather | (calm:*)", "missile weather calm")]
    [InlineData("-missile +weather", "missile weather")]
    [InlineData("missile OR weather", "missile weather")]
    [InlineData("Missile AND NOT weather", "missile weather")]
    public async Task Engine_operators_are_read_as_plain_words(string hostile, string plain)
    {
        var client = app.CreateClient();
        var expected = Headlines(await SearchAsync(client, Q(plain)));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Headlines(await SearchAsync(client, Q(hostile))));
    }

    [Fact]
    public async Task A_ten_kilobyte_query_is_cut_short_and_says_so()
    {
        var huge = string.Join(' ', Enumerable.Repeat("missile", 1500));
        Assert.True(huge.Length > 10_000);
        var results = await SearchAsync(app.CreateClient(), Q(huge));
        Assert.Equal(2, results.GetProperty("total").GetInt32());
        Assert.Contains("first", results.GetProperty("notice").GetString());
    }

    [Theory]
    [InlineData("from=yesterday", true)]
    [InlineData("to=2024-13-45", true)]
    [InlineData("author=nobody", true)]
    [InlineData("term=region", true)]
    [InlineData("term=../../etc", true)]
    [InlineData("from=2024-05-01&to=2024-01-01", true)]
    [InlineData("from=9999-12-31", true)]
    [InlineData("to=9999-12-31", true)]
    [InlineData("from=0001-01-01&to=0001-01-01", true)]
    [InlineData("page=-3", false)]
    [InlineData("page=99999999999999", false)]
    public async Task Bad_parameters_are_explained_not_failed(string parameters, bool explained)
    {
        var client = app.CreateClient();
        var results = await SearchAsync(client, Q("missile") + "&" + parameters);
        Assert.Equal(explained, results.GetProperty("notice").GetString() is { Length: > 0 });
        var (status, page) = await Html.GetAsync(client, "/search?" + Q("missile") + "&" + parameters);
        Assert.Equal(200, status);
        Assert.NotNull(page.QuerySelector("form[role=search]"));
    }
}
