using System.Net;
using System.Text.Json;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events;

/// <summary>
/// The real executable publishes an article and is killed (SIGKILL) after the publish committed and before its purge
/// went out; started again, it sends that purge, once.
/// </summary>
public class PurgeAfterKillTests : IAsyncLifetime
{
    /// <summary>The test's own view of the store: it must not take the events itself.</summary>
    private readonly MastheadApp store = new() { Settings = { ["Masthead:Events:Dispatch"] = "false" } };
    private PurgeApi api = null!;

    public async ValueTask InitializeAsync()
    {
        await store.InitializeAsync();
        api = await PurgeApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        await store.DisposeAsync();
    }

    private static List<string> Tags(Purge purge) =>
        JsonDocument.Parse(purge.Body).RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();

    private async Task<MastheadProcess> StartAsync(int settleMs)
    {
        var server = MastheadProcess.Start(
            "--Masthead:Database=" + store.DatabaseSetting, "--Masthead:Demo=false", "--Masthead:DataFolder=" + store.DataFolder,
            "--Masthead:LinkChecker:Enabled=false", "--Masthead:Cdn:PurgeUrl=" + api.Url,
            "--Masthead:Events:PollIntervalMs=100", $"--Masthead:Events:SettleMs={settleMs}");
        // Every server purges the whole site at start, perhaps before it listens.
        Assert.Equal(["masthead"], Tags(await api.NextAsync()));
        using var probe = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/robots.txt", TestContext.Current.CancellationToken)).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (attempt < 200) { }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return server;
    }

    [Fact]
    public async Task A_purge_pending_at_a_kill_is_sent_exactly_once_after_restart()
    {
        var member = await StaffClient.CreateAsync(store, StaffRole.Editor);
        using (var first = await StartAsync(settleMs: 600_000)) // commits now, purges in ten minutes: the kill comes first
        {
            using var editor = new StaffClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
                { BaseAddress = new Uri(first.BaseUrl) });
            var login = await editor.PostFormAsync("/admin/login", new() { ["Email"] = member.Email, ["Password"] = StaffClient.Password }, "/admin/login");
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var id = await BackOffice.SaveNewAsync(editor, "Harbour strike ends", "Dockers return on Monday.", "Publish");

            var pending = await store.WithDbAsync(db => db.EventDeliveries.Where(d => d.Consumer == "cdn-purge" && d.DoneAt == null).CountAsync());
            Assert.Equal(1, pending);
            Assert.Equal(global::Masthead.Articles.ArticleStatus.Published, (await BackOffice.ArticleAsync(store, id)).Status);
            first.Kill();
        }
        Assert.False(api.Received.Reader.TryRead(out _), "nothing was purged before the kill");

        using var second = await StartAsync(settleMs: 0);
        var purge = Tags(await api.NextAsync());
        Assert.Contains("masthead-home", purge);
        Assert.Contains("masthead-feeds", purge);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // twenty polls
        Assert.False(api.Received.Reader.TryRead(out var again), $"sent once only, but again: {again?.Body}");
        var delivery = await store.WithDbAsync(db => db.EventDeliveries.SingleAsync(d => d.Consumer == "cdn-purge"));
        Assert.NotNull(delivery.DoneAt);
        Assert.Equal(1, delivery.Attempts);
    }
}
