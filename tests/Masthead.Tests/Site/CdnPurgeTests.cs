using System.Text.Json;
using System.Threading.Channels;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>The purge request reaches a real HTTP endpoint on loopback: at start, after each change, again after a failure.</summary>
public class CdnPurgeTests : IAsyncLifetime
{
    private sealed record Purge(string Method, string Path, string? Authorization, string? ContentType, string Body);

    /// <summary>Stands in for the CDN's purge API: records every request, and fails the next <see cref="Failures"/> with 503.</summary>
    private sealed class PurgeApi : IAsyncDisposable
    {
        private readonly WebApplication web;
        public Channel<Purge> Received { get; } = Channel.CreateUnbounded<Purge>();
        public int Failures;
        public string Url => web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/client/v4/zones/z1/purge_cache";

        private PurgeApi()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            web = builder.Build();
            web.Run(async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                await Received.Writer.WriteAsync(new Purge(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization,
                    context.Request.ContentType, body));
                context.Response.StatusCode = Interlocked.Decrement(ref Failures) >= 0 ? 503 : 200;
            });
        }

        public static async Task<PurgeApi> StartAsync()
        {
            var api = new PurgeApi();
            await api.web.StartAsync();
            return api;
        }

        public async Task<Purge> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            return await Received.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync() => await web.DisposeAsync();
    }

    private sealed class PurgingApp(string purgeUrl) : MastheadApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Masthead:Cdn:PurgeUrl", purgeUrl);
            builder.UseSetting("Masthead:Cdn:PurgeIntervalSeconds", "0.1");
            builder.UseSetting("Masthead:Cdn:PurgeHeaders:Authorization", "Bearer zone-token");
        }
    }

    private PurgeApi api = null!;
    private PurgingApp app = null!;

    public async ValueTask InitializeAsync()
    {
        api = await PurgeApi.StartAsync();
        app = new PurgingApp(api.Url);
        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await api.DisposeAsync();
    }

    private async Task ChangeContentAsync(string title)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var folder = TestFolders.NewFolder("purge");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), $"---\ntitle: {title}\ndate: 2024-02-03T17:05:09Z\nauthors: [Jane Roe]\n---\n\nBody.\n");
        await app.ImportMarkdownAsync(folder);
    }

    [Fact]
    public async Task The_CDN_is_purged_at_start_and_after_each_change_with_the_configured_request()
    {
        var atStart = await api.NextAsync();
        Assert.Equal(("POST", "/client/v4/zones/z1/purge_cache", "Bearer zone-token", "application/json"),
            (atStart.Method, atStart.Path, atStart.Authorization, atStart.ContentType));
        Assert.True(JsonDocument.Parse(atStart.Body).RootElement.GetProperty("purge_everything").GetBoolean());

        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // ten ticks with nothing changed
        Assert.False(api.Received.Reader.TryRead(out _), "no change, no purge");

        await ChangeContentAsync("Tide tables");
        Assert.Equal("/client/v4/zones/z1/purge_cache", (await api.NextAsync()).Path);
    }

    [Fact]
    public async Task A_failed_purge_is_sent_again()
    {
        await api.NextAsync();
        Interlocked.Exchange(ref api.Failures, 1);
        await ChangeContentAsync("Storm warning");
        await api.NextAsync(); // answered 503
        var retried = await api.NextAsync();
        Assert.Equal("POST", retried.Method);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.False(api.Received.Reader.TryRead(out _), "once a purge went through, it is not sent again");
    }
}
