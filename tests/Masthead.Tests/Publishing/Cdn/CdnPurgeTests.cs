using System.Text.Json;
using System.Threading.Channels;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Publishing.Cdn;

/// <summary>The purge request reaches a real HTTP endpoint on loopback: at start, after each change, again after a failure.</summary>
public class CdnPurgeTests : IAsyncLifetime
{
    private PurgeApi api = null!;
    private MastheadApp app = null!;

    public async ValueTask InitializeAsync()
    {
        api = await PurgeApi.StartAsync();
        app = new MastheadApp
        {
            Settings =
            {
                ["Masthead:Cdn:PurgeUrl"] = api.Url, ["Masthead:Events:PollIntervalMs"] = "100",
                ["Masthead:Cdn:PurgeHeaders:Authorization"] = "Bearer zone-token",
            },
        };
        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await api.DisposeAsync();
    }

    private async Task ChangeContentAsync(string title, string body = "Body.")
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var folder = TestFolders.NewFolder("purge");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), $"---\ntitle: {title}\ndate: 2024-02-03T17:05:09Z\nauthors: [Jane Roe]\n---\n\n{body}\n");
        await app.ImportMarkdownAsync(folder);
    }

    private static List<string> Tags(Purge purge) =>
        JsonDocument.Parse(purge.Body).RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();

    [Fact]
    public async Task The_CDN_is_purged_whole_at_start_then_by_what_each_change_names()
    {
        var atStart = await api.NextAsync();
        Assert.Equal(("POST", "/client/v4/zones/z1/purge_cache", "Bearer zone-token", "application/json"),
            (atStart.Method, atStart.Path, atStart.Authorization, atStart.ContentType));
        Assert.Equal(["masthead"], Tags(atStart));

        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // ten polls with nothing changed
        Assert.False(api.Received.Reader.TryRead(out _), "no change, no purge");

        await ChangeContentAsync("Tide tables");
        var targeted = Tags(await api.NextAsync());
        Assert.DoesNotContain("masthead", targeted); // not the whole site
        Assert.Superset(new HashSet<string> { "masthead-home", "masthead-feeds", "masthead-sitemaps", "masthead-search" }, targeted.ToHashSet());

        var (articleId, personId) = await app.WithDbAsync(async db =>
            (await db.Articles.Select(a => a.Id).SingleAsync(), await db.People.Select(p => p.Id).SingleAsync()));
        await app.WithDbAsync(async db =>
        {
            var person = await db.People.SingleAsync();
            person.Name = "Jane Q. Roe";
            await db.SaveChangesAsync();
        });
        Assert.Contains($"masthead-person-{personId}", Tags(await api.NextAsync()));

        await ChangeContentAsync("Tide tables", "Body, revised.");
        var edited = Tags(await api.NextAsync());
        Assert.Contains($"masthead-article-{articleId}", edited);
        Assert.Contains($"masthead-person-{personId}", edited);
    }

    [Fact]
    public async Task A_failed_purge_is_sent_again_and_its_error_is_on_record()
    {
        await api.NextAsync();
        Interlocked.Exchange(ref api.Failures, 1);
        await ChangeContentAsync("Storm warning");
        var failed = await api.NextAsync(); // answered 503
        var retried = await api.NextAsync();
        Assert.Equal(failed.Body, retried.Body);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(api.Received.Reader.TryRead(out _), "once a purge went through, it is not sent again");
        var delivery = await app.WithDbAsync(db => db.EventDeliveries.SingleAsync(d => d.Consumer == "cdn-purge"));
        Assert.Equal(2, delivery.Attempts);
        Assert.NotNull(delivery.DoneAt);
    }
}
