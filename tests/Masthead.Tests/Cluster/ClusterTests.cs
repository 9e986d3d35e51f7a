using System.Diagnostics;
using System.Net;
using Masthead.Tests.Infrastructure;
using Npgsql;

namespace Masthead.Tests.Cluster;

/// <summary>
/// Two real Masthead servers on one PostgreSQL behind Debian's nginx (README's configuration), round robin. Whatever
/// store the suite runs on, a cluster is PostgreSQL's: the test makes a database of its own there.
/// </summary>
public class ClusterTests : IAsyncLifetime
{
    private readonly string media = TestFolders.NewFolder("cluster-data");
    private TestDatabase database = null!;
    private MastheadProcess first = null!, second = null!;
    private Nginx balancer = null!;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(postgres: true);
        var (exit, said) = await MastheadProcess.RunAsync("migrate", "--database", database.Setting);
        Assert.True(exit == 0, said);
        // Both start on the empty store at once, each wanting to import the demo article.
        first = Node();
        second = Node();
        await first.ReadyAsync();
        await second.ReadyAsync();
        balancer = await Nginx.StartAsync([Port(first), Port(second)]);
    }

    private MastheadProcess Node() => MastheadProcess.Start(
        "--Masthead:Database=" + database.Setting, "--Masthead:Demo=true", "--Masthead:DataFolder=" + media,
        "--Masthead:LinkChecker:Enabled=false", "--Masthead:SchedulerIntervalMs=200", "--ForwardedHeaders_Enabled=true");

    private static int Port(MastheadProcess node) => new Uri(node.BaseUrl).Port;

    public async ValueTask DisposeAsync()
    {
        balancer?.Dispose();
        first?.Dispose();
        second?.Dispose();
        await database.DisposeAsync();
    }

    private async Task<T> SqlAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.Setting);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private static StaffClient Browser(string baseUrl, CookieContainer cookies) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) });

    private static string Upstream(HttpResponseMessage response) => response.Headers.GetValues("X-Upstream").Single();

    [Fact(Timeout = 180_000)]
    public async Task Two_servers_behind_nginx_share_logins_forms_changes_and_schedules_and_survive_losing_one()
    {
        // The demo import ran once although both servers started on the empty store.
        Assert.Equal(1L, await SqlAsync<long>("""SELECT count(*) FROM "Articles" """));

        // Set up and sign in through the balancer: the form comes from one server, the post goes to the other.
        var cookies = new CookieContainer();
        using var owner = Browser(balancer.BaseUrl, cookies);
        using var setupPage = await owner.GetAsync("/admin/setup");
        var token = (await StaffClient.ParseAsync(setupPage)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var setUp = await owner.PostRawAsync("/admin/setup",
            [new("Name", "Ada Owner"), new("Email", "ada@gazette.example"), new("Password", "tidal basin lighthouse keeper"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, setUp.StatusCode);
        Assert.NotEqual(Upstream(setupPage), Upstream(setUp));

        using var editor = Browser(balancer.BaseUrl, new CookieContainer());
        using var loginPage = await editor.GetAsync("/admin/login");
        token = (await StaffClient.ParseAsync(loginPage)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var loggedIn = await editor.PostRawAsync("/admin/login",
            [new("Email", "ada@gazette.example"), new("Password", "tidal basin lighthouse keeper"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.NotEqual(Upstream(loginPage), Upstream(loggedIn));

        // Work for a while: every request lands on the other server, and the cookie is good on both.
        var servers = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            using var page = await editor.GetAsync(i % 2 == 0 ? "/admin/articles" : "/admin/settings");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            servers.Add(Upstream(page));
        }
        Assert.Equal(2, servers.Distinct().Count());
        Assert.All(servers.Zip(servers.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        var saved = await editor.PostFormAsync("/admin/articles/edit", new()
        {
            ["action"] = "Publish", ["Form.Headline"] = "Harbour pilots strike", ["Form.BodyMarkdown"] = "The pilots stopped work at dawn.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Publish on one server, read on the other: its output cache had the home page.
        using var onFirst = Browser(first.BaseUrl, cookies);
        using var onSecond = Browser(second.BaseUrl, new CookieContainer());
        await onSecond.GetAsync("/");
        using (var kept = await onSecond.GetAsync("/")) Assert.NotNull(kept.Headers.Age);
        var published = await onFirst.PostFormAsync("/admin/articles/edit", new()
        {
            ["action"] = "Publish", ["Form.Headline"] = "Ferry fares frozen", ["Form.BodyMarkdown"] = "For another year.",
        });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var clock = Stopwatch.StartNew();
        while (Html.Headlines(await onSecond.GetPageAsync("/"))[0] != "Ferry fares frozen" && clock.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(20, Cancel);
        var seenAfter = clock.Elapsed;
        TestContext.Current.SendDiagnosticMessage($"published on one server, seen on the other after {seenAfter.TotalMilliseconds:F0} ms");
        Assert.Equal("Ferry fares frozen", Html.Headlines(await onSecond.GetPageAsync("/"))[0]);
        // The follow interval is 500 ms; a second is the promise, with room for a loaded test machine.
        Assert.True(seenAfter < TimeSpan.FromSeconds(2), $"seen after {seenAfter}");

        // Schedule through the balancer: both servers' schedulers look every 200 ms; it is published once.
        var at = DateTime.UtcNow.AddSeconds(3).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var scheduled = await editor.PostFormAsync("/admin/articles/edit", new()
        {
            ["action"] = "Schedule", ["Form.Headline"] = "Lock gates reopen", ["Form.BodyMarkdown"] = "After repairs.", ["Form.PublishAt"] = at,
        });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        for (var i = 0; i < 150 && await SqlAsync<long>("""SELECT count(*) FROM "Articles" WHERE "Slug" = 'lock-gates-reopen' AND "Status" = 1""") == 0; i++)
            await Task.Delay(100, Cancel);
        await Task.Delay(1000, Cancel); // time for a second publication, were there to be one
        Assert.Equal(1L, await SqlAsync<long>("""SELECT count(*) FROM "PublicationEvents" WHERE "Summary" = 'published “Lock gates reopen”'"""));
        Assert.Equal(1L, await SqlAsync<long>("""SELECT count(*) FROM "Revisions" r JOIN "Articles" a ON a."Id" = r."ArticleId" WHERE a."Slug" = 'lock-gates-reopen' AND r."Action" = 'Published on schedule'"""));

        // One server dies (SIGKILL): the balancer keeps serving from the other.
        first.Kill();
        using var reader = new HttpClient { BaseAddress = new Uri(balancer.BaseUrl) };
        for (var i = 0; i < 10; i++)
        {
            using var page = await reader.GetAsync(i % 2 == 0 ? "/" : "/lock-gates-reopen/", Cancel);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using var stillSignedIn = await editor.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }
}
