using System.Net;
using Masthead.Articles;
using Masthead.Authors;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Admin;

/// <summary>Shared helpers for back-office tests: people, a vocabulary, saving articles through the editor form.</summary>
public static class BackOffice
{
    public static async Task<Person> PersonAsync(MastheadApp app, string name)
    {
        var person = new Person { Name = name, Slug = global::Masthead.Publishing.Addresses.Slugs.From(name) };
        await app.WithDbAsync(async db => { db.People.Add(person); await db.SaveChangesAsync(); });
        return person;
    }

    /// <summary>Posts the editor form; returns the response (302 to the editor on success).</summary>
    /// <remarks>Like a browser, it sends the version the editor page was opened on, unless the test gives one.</remarks>
    public static async Task<HttpResponseMessage> PostArticleAsync(StaffClient client, int? id, string action, Dictionary<string, string> fields,
        bool confirmed = false)
    {
        var editor = "/admin/articles/edit" + (id is null ? "" : "/" + id);
        var form = new Dictionary<string, string>(fields) { ["action"] = action };
        if (id is not null && !form.ContainsKey("Form.Version"))
        {
            var page = await StaffClient.ParseAsync(await client.GetAsync(editor));
            foreach (var name in new[] { "Form.Version", "Form.BaseRevision" })
                if (page.QuerySelector($"input[name='{name}']")?.GetAttribute("value") is { } value) form[name] = value;
        }
        return await client.PostFormAsync(editor + (confirmed ? "?confirmed=true" : ""), form);
    }

    /// <summary>Saves through the form and returns the new article's id, read from the redirect.</summary>
    public static async Task<int> SaveNewAsync(StaffClient client, string headline, string body = "Body text.", string action = "Save",
        Dictionary<string, string>? more = null)
    {
        var response = await PostArticleAsync(client, null, action, new(more ?? []) { ["Form.Headline"] = headline, ["Form.BodyMarkdown"] = body });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return EditedId(response);
    }

    public static int EditedId(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries).Last());

    public static Task<Article> ArticleAsync(MastheadApp app, int id) =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<global::Masthead.Articles.Editing.ArticleEditor>().LoadAsync(id))!);

    public static async Task<int> PublishedByOtherAsync(MastheadApp app, Person byline)
    {
        var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        return await SaveNewAsync(editor, "Someone else's story " + Guid.NewGuid().ToString("N")[..6], "Text.", "Publish",
            new() { ["Form.Bylines[0]"] = byline.Id.ToString() });
    }
}
