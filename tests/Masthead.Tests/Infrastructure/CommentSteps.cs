using System.Net;
using Masthead.Comments;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Infrastructure;

/// <summary>What the comment tests do on a site: publish, set the rules, post the form as a browser does.</summary>
public static class CommentSteps
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<(int Id, string Slug)> PublishAsync(MastheadApp app, string headline, StaffClient? by = null)
    {
        using var editor = by is null ? await StaffClient.AsAsync(app, StaffRole.Editor) : null;
        var saved = await (by ?? editor!).PostFormAsync("/admin/articles/edit",
            new() { ["action"] = "Publish", ["Form.Headline"] = headline, ["Form.BodyMarkdown"] = "The harbour board met on Tuesday." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries).Last(), System.Globalization.CultureInfo.InvariantCulture);
        return (id, await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync(Cancel)));
    }

    public static Task SettingsAsync(MastheadApp app, CommentsMode mode, bool holdFirst = false, int maxLinks = 2, string? blocked = null, int closeAfterDays = 0) =>
        app.WithDbAsync(db => db.SiteSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.CommentsMode, mode).SetProperty(x => x.CommentsHoldFirst, holdFirst)
            .SetProperty(x => x.CommentsMaxLinks, maxLinks).SetProperty(x => x.CommentsBlockedWords, blocked).SetProperty(x => x.CommentsCloseAfterDays, closeAfterDays), Cancel));

    /// <summary>Posts the form as a browser does: from its own page, with every hidden field it carries.</summary>
    public static async Task<HttpResponseMessage> PostAsync(StaffClient reader, string slug, Dictionary<string, string> fields, int? replyTo = null,
        bool json = false)
    {
        var page = await reader.GetPageAsync($"/{slug}/comments/new" + (replyTo is { } r ? $"?replyto={r}" : ""));
        var form = page.QuerySelector("form.comment-form") ?? throw new InvalidOperationException("no comment form on the page");
        var values = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(fields).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(values) };
        if (json) request.Headers.Accept.ParseAdd("application/json");
        return await reader.Http.SendAsync(request, Cancel);
    }

    public static Dictionary<string, string> Stranger(string body, string name = "Rosa Reader", string? email = null) =>
        new() { ["body"] = body, ["name"] = name, ["email"] = email ?? Mailbox.NewAddress() };
}
