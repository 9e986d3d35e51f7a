using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Infrastructure;

public sealed record Purge(string Method, string Path, string? Authorization, string? ContentType, string Body);

/// <summary>Stands in for the CDN's purge API: records every request, and fails the next <see cref="Failures"/> with 503.</summary>
public sealed class PurgeApi : IAsyncDisposable
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
