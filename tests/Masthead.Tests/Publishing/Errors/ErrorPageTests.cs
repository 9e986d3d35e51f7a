using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Publishing.Errors;

/// <summary>Errors are pages: the theme's for readers (with a request id that is in the log), the back office's for staff.</summary>
public sealed class ErrorPageTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly ConcurrentQueue<string> log = new();
    private readonly MastheadApp app;

    public ErrorPageTests() => app = new MastheadApp { ConfigureHost = host => host.ConfigureLogging(logging => logging.AddProvider(new QueueLogger(log))) };

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private sealed class QueueLogger(ConcurrentQueue<string> log) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }

    [Fact]
    public async Task A_public_error_renders_the_themes_500_page_with_a_request_id_that_is_in_the_log()
    {
        await File.WriteAllTextAsync(Path.Combine(app.ThemeFolder, "home.liquid"), "{% for %}", Cancel); // a theme mistake
        using var reader = app.CreateClient();
        using var response = await reader.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Something went wrong", page.QuerySelector("h1")!.TextContent);
        var id = page.QuerySelector("code.request-id")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.Contains(log, line => line.Contains(id, StringComparison.Ordinal) && line.Contains("GET /", StringComparison.Ordinal));

        // A program asking for JSON gets RFC 9457 problem details with the same kind of id.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("application/json");
        using var json = await reader.SendAsync(request, Cancel);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Contains(log, line => line.Contains(problem.GetProperty("requestId").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Back_office_403_404_and_500_render_in_the_admin_layout_with_a_way_back()
    {
        using var contributor = await StaffClient.AsAsync(app, StaffRole.Contributor);
        var forbidden = await contributor.GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var page = await StaffClient.ParseAsync(forbidden);
        Assert.Equal("Not allowed", page.QuerySelector("main h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("header.admin-header nav"));
        Assert.Equal("/admin/articles", page.QuerySelector("main a.button")!.GetAttribute("href"));

        var missing = await contributor.GetAsync("/admin/articles/edit/987654");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not found", (await StaffClient.ParseAsync(missing)).QuerySelector("main h1")!.TextContent);

        // A used or unknown invitation link, for someone not signed in.
        using var stranger = new StaffClient(StaffClient.Anonymous(app));
        var invitation = await stranger.GetAsync("/admin/invite/0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, invitation.StatusCode);
        var invitationPage = await StaffClient.ParseAsync(invitation);
        Assert.Equal("Not found", invitationPage.QuerySelector("main h1")!.TextContent);
        Assert.Equal("/admin/login", invitationPage.QuerySelector("main a.button")!.GetAttribute("href"));

        // A revision whose stored snapshot is damaged: the comparison fails, the page says so, the log has the id.
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Damaged history", "One.");
        await BackOffice.PostArticleAsync(editor, id, "Save", new() { ["Form.Headline"] = "Damaged history", ["Form.BodyMarkdown"] = "Two." });
        await app.WithDbAsync(async db =>
        {
            var revision = db.Revisions.Single(r => r.ArticleId == id && r.Number == 1);
            revision.Snapshot = "{ not json";
            await db.SaveChangesAsync(Cancel);
        });
        var failed = await editor.GetAsync($"/admin/articles/revisions/{id}?from=1&to=2");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var failedPage = await StaffClient.ParseAsync(failed);
        Assert.Equal("Something went wrong", failedPage.QuerySelector("main h1")!.TextContent);
        Assert.NotNull(failedPage.QuerySelector("header.admin-header"));
        var requestId = failedPage.QuerySelector("code.request-id")!.TextContent;
        Assert.Contains(log, line => line.Contains(requestId, StringComparison.Ordinal));
    }
}
