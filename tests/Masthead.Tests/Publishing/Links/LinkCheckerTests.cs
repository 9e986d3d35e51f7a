using System.Collections.Concurrent;
using Masthead.Publishing.Links;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Publishing.Links;

/// <summary>The checker against a real HTTP server on loopback that answers 200, 404, 301, refuses HEAD, or hangs.</summary>
public sealed class LinkCheckerTests : IAsyncLifetime
{
    private readonly MastheadApp app = new() { Settings = { ["Masthead:LinkChecker:HostIntervalMs"] = "50" } };
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private WebApplication? target;
    private readonly ConcurrentQueue<string> requests = new();

    public async ValueTask InitializeAsync()
    {
        var server = WebApplication.CreateSlimBuilder();
        server.WebHost.UseUrls("http://127.0.0.1:0");
        target = server.Build();
        target.Use(async (context, next) => { requests.Enqueue(context.Request.Path.Value!); await next(); });
        target.MapMethods("/ok", ["GET", "HEAD"], () => Results.Ok());
        target.MapGet("/get-only", () => Results.Ok());
        target.MapMethods("/get-only", ["HEAD"], () => Results.StatusCode(405));
        target.MapMethods("/moved", ["GET", "HEAD"], () => Results.Redirect("/ok", permanent: true));
        await target.StartAsync(Cancel);
        await app.InitializeAsync();
    }

    private string Url(string path) =>
        target!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + path;

    [Fact]
    public async Task Records_status_redirect_target_and_failure_and_the_editor_shows_them()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var body = $"[fine]({Url("/ok")}), [gone]({Url("/missing")}), [moved]({Url("/moved")}), [head refused]({Url("/get-only")}), " +
                   "[nowhere](http://127.0.0.1:1/closed) and [placeholder](#).";
        var id = await BackOffice.SaveNewAsync(editor, "Links", body);

        var checker = app.Services.GetRequiredService<LinkChecker>();
        Assert.Equal(5, await checker.CheckDueAsync(cancellation: Cancel));
        Assert.Equal(0, await checker.CheckDueAsync(cancellation: Cancel));

        var page = await editor.GetPageAsync($"/admin/articles/edit/{id}");
        var states = page.QuerySelectorAll("ul.links li").ToDictionary(
            li => li.QuerySelector(".link-text")!.TextContent, li => (li.ClassName, li.QuerySelector(".link-state")!.TextContent));
        Assert.Equal(("ok", "200"), states["fine"]);
        Assert.Equal(("broken", "404"), states["gone"]);
        Assert.Equal(("ok", $"301 → {Url("/ok")}"), states["moved"]);
        Assert.Equal(("ok", "200"), states["head refused"]);
        Assert.Equal("broken", states["nowhere"].ClassName);
        Assert.StartsWith("failed: ", states["nowhere"].Item2);
        Assert.Equal(("broken", "placeholder"), states["placeholder"]);

        // The redirect was recorded, not followed.
        Assert.Single(requests, path => path == "/ok");
    }

    [Fact]
    public void The_throttle_spaces_requests_to_one_host_and_leaves_other_hosts_alone()
    {
        var throttle = new HostThrottle(TimeSpan.FromMilliseconds(300));
        var t0 = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, throttle.Reserve("example.org", t0));
        Assert.Equal(TimeSpan.FromMilliseconds(200), throttle.Reserve("EXAMPLE.org", t0.AddMilliseconds(100)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), throttle.Reserve("example.org", t0.AddMilliseconds(100)));
        Assert.Equal(TimeSpan.Zero, throttle.Reserve("other.org", t0.AddMilliseconds(100)));
        Assert.Equal(TimeSpan.Zero, throttle.Reserve("example.org", t0.AddSeconds(5)));
    }

    public async ValueTask DisposeAsync()
    {
        if (target is not null) await target.DisposeAsync();
        await app.DisposeAsync();
    }
}
