using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Masthead.Data;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Masthead.Tests.Infrastructure;

/// <summary>A browser-like client for the back office: keeps its cookies, does not follow redirects, posts forms with antiforgery.</summary>
public sealed class StaffClient(HttpClient http) : IDisposable
{
    public const string Password = "correct horse battery";

    public HttpClient Http => http;

    public static HttpClient Anonymous(MastheadApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true,
            // On a real port (LiveApp) the client goes over the socket; in memory the address is only a name.
            BaseAddress = app is LiveApp live ? new Uri(live.BaseUrl) : new Uri("http://localhost"),
        });

    /// <summary>Creates a member with <see cref="Password"/> straight in the store (the invitation flow has its own test).</summary>
    public static async Task<StaffMember> CreateAsync(MastheadApp app, StaffRole role, int? personId = null, string? email = null)
    {
        var member = new StaffMember
        {
            Name = role + " " + Guid.NewGuid().ToString("N")[..4], Email = email ?? $"{role}-{Guid.NewGuid():N}@example.org".ToLowerInvariant(),
            Role = role, PersonId = personId, CreatedAt = DateTime.UtcNow,
        };
        StaffAccounts.SetPassword(member, Password);
        await app.WithDbAsync(async db => { db.Staff.Add(member); await db.SaveChangesAsync(); });
        return member;
    }

    public static async Task<StaffClient> LogInAsync(MastheadApp app, StaffMember member)
    {
        var client = new StaffClient(Anonymous(app));
        var response = await client.PostFormAsync("/admin/login", new() { ["Email"] = member.Email, ["Password"] = Password }, "/admin/login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<StaffClient> AsAsync(MastheadApp app, StaffRole role, int? personId = null) =>
        await LogInAsync(app, await CreateAsync(app, role, personId));

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path, TestContext.Current.CancellationToken);

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>Posts a form as a browser would: with the antiforgery token of a page it may see (<paramref name="tokenFrom"/>).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string tokenFrom = "/admin/articles/edit")
    {
        var page = await ParseAsync(await GetAsync(tokenFrom));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException($"no antiforgery token on {tokenFrom}");
        return await PostRawAsync(path, [.. fields, new("__RequestVerificationToken", token)]);
    }

    /// <summary>The value of a hidden input on a page, as a browser would send it back (a version token, say).</summary>
    public async Task<string> HiddenValueAsync(string page, string selector) =>
        (await GetPageAsync(page)).QuerySelector(selector)?.GetAttribute("value")
        ?? throw new InvalidOperationException($"no {selector} on {page}");

    /// <summary>A form posted from the client at <paramref name="clientAddress"/> (through the loopback proxy tests run behind).</summary>
    public async Task<HttpResponseMessage> PostRawFormAsync(string path, Dictionary<string, string> fields, string clientAddress)
    {
        var page = await ParseAsync(await GetAsync(path));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException($"no antiforgery token on {path}");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]) };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostRawAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        http.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    public void Dispose() => http.Dispose();
}
