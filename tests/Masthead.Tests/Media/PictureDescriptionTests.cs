using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Media;

/// <summary>
/// Alt text and captions: kept per picture in the media library, overridden per article for the featured image, written
/// into the Markdown on insertion, shown to readers and the Content API, asked for before publishing.
/// </summary>
public sealed class PictureDescriptionTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static async Task<HttpResponseMessage> DescribeAsync(StaffClient client, int id, string alt, string caption, string version) =>
        await client.PostFormAsync($"/admin/media/edit/{id}", new() { ["Alt"] = alt, ["Caption"] = caption, ["Version"] = version }, $"/admin/media/edit/{id}");

    private static async Task<IHtmlDocument> PublicPageAsync(HttpClient reader, string path)
    {
        using var response = await reader.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await StaffClient.ParseAsync(response);
    }

    [Fact]
    public async Task Alt_text_and_caption_are_edited_in_the_library_and_a_stale_save_is_shown_the_conflict_with_its_text_kept()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var item = await MediaSteps.PictureAsync(app, author, "gate.jpg");
        var page = $"/admin/media/edit/{item.Id}";
        var opened = await editor.HiddenValueAsync(page, "input[name=Version]");
        Assert.Equal(opened, await author.HiddenValueAsync(page, "input[name=Version]"));

        Assert.Equal(HttpStatusCode.Redirect, (await DescribeAsync(author, item.Id, "Dock workers  at the\ngate", "Photo: Ana Díaz", opened)).StatusCode);
        var row = (await author.GetPageAsync("/admin/media")).QuerySelector($"tr[data-hash='{item.Hash}']")!;
        Assert.Equal(("Dock workers at the gate", "Photo: Ana Díaz"), (row.QuerySelector(".alt")!.TextContent, row.QuerySelector(".caption")!.TextContent));

        // The editor opened the form before that save: theirs is refused, shown beside the saved one, and kept in the form.
        var stale = await DescribeAsync(editor, item.Id, "Workers at the gate", "", opened);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var conflict = await StaffClient.ParseAsync(stale);
        Assert.Equal("Dock workers at the gate", conflict.QuerySelector("section.conflict .saved-alt")!.TextContent);
        Assert.Equal("Workers at the gate", conflict.QuerySelector("textarea[name=Alt]")!.TextContent.Trim());
        var now = conflict.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        Assert.NotEqual(opened, now);
        Assert.Equal("Dock workers at the gate", (await app.WithDbAsync(db => db.Media.SingleAsync(m => m.Id == item.Id, Cancel))).Alt);

        Assert.Equal(HttpStatusCode.Redirect, (await DescribeAsync(editor, item.Id, "Workers at the gate", "", now)).StatusCode);
        var saved = await app.WithDbAsync(db => db.Media.SingleAsync(m => m.Id == item.Id, Cancel));
        Assert.Equal(("Workers at the gate", null), (saved.Alt, saved.Caption));

        var tooLong = new string('a', 1001);
        var refused = await DescribeAsync(editor, item.Id, tooLong, "", saved.Version.ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var form = await StaffClient.ParseAsync(refused);
        Assert.Equal("#Alt", form.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal(tooLong, form.QuerySelector("textarea[name=Alt]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_featured_image_takes_the_librarys_description_unless_the_article_has_its_own_and_the_content_api_says_which()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var item = await MediaSteps.PictureAsync(app, editor, "strike.jpg");
        Assert.Equal(HttpStatusCode.Redirect, (await DescribeAsync(editor, item.Id, "Pickets at the harbour gate", "Photo: Ana Díaz", item.Version.ToString())).StatusCode);
        var id = await BackOffice.SaveNewAsync(editor, "Harbour strike", "The strike entered its second week.", "Publish",
            new() { ["Form.FeaturedImage"] = item.Url });
        using var reader = app.CreateClient();

        var figure = (await PublicPageAsync(reader, "/harbour-strike/")).QuerySelector("figure.featured-image")!;
        Assert.Equal("Pickets at the harbour gate", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("Photo: Ana Díaz", figure.QuerySelector("figcaption")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await BackOffice.PostArticleAsync(editor, id, "Publish", new()
        {
            ["Form.Headline"] = "Harbour strike", ["Form.Slug"] = "harbour-strike", ["Form.BodyMarkdown"] = "The strike entered its second week.",
            ["Form.FeaturedImage"] = item.Url, ["Form.FeaturedImageAlt"] = "A picket line of <b>dockers</b>", ["Form.FeaturedImageCaption"] = "Photo: the union",
        })).StatusCode);
        figure = (await PublicPageAsync(reader, "/harbour-strike/")).QuerySelector("figure.featured-image")!;
        Assert.Equal("A picket line of <b>dockers</b>", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal(("Photo: the union", 0), (figure.QuerySelector("figcaption")!.TextContent, figure.QuerySelectorAll("figcaption b").Length));

        var key = await app.WithDbAsync(async db => (await global::Masthead.ContentApi.ContentKeys.CreateAsync(db, "tests", DateTime.UtcNow)).Value!.Secret);
        using var json = JsonDocument.Parse(await reader.GetStringAsync($"/ghost/api/content/posts/?key={key}", Cancel));
        var post = json.RootElement.GetProperty("posts")[0];
        Assert.Equal(("A picket line of <b>dockers</b>", "Photo: the union"),
            (post.GetProperty("feature_image_alt").GetString(), post.GetProperty("feature_image_caption").GetString()));
    }

    [Fact]
    public async Task Inserting_a_captioned_picture_writes_a_figure_and_the_reader_gets_its_alt_and_caption()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var item = await MediaSteps.PictureAsync(app, editor, "quay.jpg");
        Assert.Equal(HttpStatusCode.Redirect, (await DescribeAsync(editor, item.Id, "The [old] quay", "Photo: *archive*", item.Version.ToString())).StatusCode);
        var insert = (await editor.GetPageAsync("/admin/articles/edit")).QuerySelector($"button.insert[data-insert*='{item.Hash}']")!.GetAttribute("data-insert")!;
        Assert.Equal($"^^^\n![The \\[old\\] quay]({item.Url})\n^^^ Photo: \\*archive\\*\n", insert);

        await BackOffice.SaveNewAsync(editor, "The quay", "Before.\n\n" + insert + "\nAfter.", "Publish");
        using var reader = app.CreateClient();
        var figure = (await PublicPageAsync(reader, "/the-quay/")).QuerySelector(".article-body figure, article figure:not(.featured-image)")!;
        Assert.Equal("The [old] quay", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.NotNull(figure.QuerySelector("img")!.GetAttribute("srcset"));
        Assert.Equal("Photo: *archive*", figure.QuerySelector("figcaption")!.TextContent);
    }

    [Fact]
    public async Task Publishing_asks_about_pictures_without_alt_text_and_describing_them_in_the_library_answers_it()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var item = await MediaSteps.PictureAsync(app, editor, "crane.jpg");
        var fields = new Dictionary<string, string>
        {
            ["Form.Headline"] = "Cranes", ["Form.BodyMarkdown"] = $"Text.\n\n![]({item.Url})\n\n![Described here](https://example.org/x.jpg)\n\n![](https://example.org/y.jpg)",
            ["Form.FeaturedImage"] = item.Url,
        };
        var asked = await BackOffice.PostArticleAsync(editor, null, "Publish", fields);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var section = (await StaffClient.ParseAsync(asked)).QuerySelector("section.confirm")!;
        Assert.Equal([$"{item.Url} (the featured image)", item.Url, "https://example.org/y.jpg"],
            section.QuerySelectorAll(".images-without-alt li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Publish anyway", section.QuerySelector("button")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(Cancel)));
        // The text typed is still in the form.
        Assert.Contains("https://example.org/y.jpg", (await StaffClient.ParseAsync(await BackOffice.PostArticleAsync(editor, null, "Publish", fields)))
            .QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await DescribeAsync(editor, item.Id, "A crane over the dock", "", item.Version.ToString())).StatusCode);
        var still = await StaffClient.ParseAsync(await BackOffice.PostArticleAsync(editor, null, "Publish", fields));
        Assert.Equal(["https://example.org/y.jpg"], still.QuerySelectorAll(".images-without-alt li").Select(li => li.TextContent.Trim()));

        var published = await BackOffice.PostArticleAsync(editor, null, "Publish", fields, confirmed: true);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        using var reader = app.CreateClient();
        var images = (await PublicPageAsync(reader, "/cranes/")).QuerySelectorAll("article img, main img").Select(i => i.GetAttribute("alt")).ToList();
        Assert.Equal(["A crane over the dock", "A crane over the dock", "Described here", ""], images);
    }

    [Fact]
    public async Task Describing_a_picture_is_seen_by_anonymous_readers_on_the_next_request()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var item = await MediaSteps.PictureAsync(app, editor, "tug.jpg");
        Assert.Equal(HttpStatusCode.Redirect, (await BackOffice.PostArticleAsync(editor, null, "Publish",
            new() { ["Form.Headline"] = "Tugs", ["Form.BodyMarkdown"] = $"![]({item.Url})" }, confirmed: true)).StatusCode);
        using var reader = app.CreateClient();
        async Task<string?> AltAsync()
        {
            using var response = await reader.GetAsync("/tugs/", Cancel);
            return (await StaffClient.ParseAsync(response)).QuerySelector("main img")!.GetAttribute("alt");
        }
        Assert.Equal("", await AltAsync());
        Assert.Equal("", await AltAsync()); // kept by the output cache now
        Assert.Equal(HttpStatusCode.Redirect, (await DescribeAsync(editor, item.Id, "A tug pushing a barge", "", item.Version.ToString())).StatusCode);
        Assert.Equal("A tug pushing a barge", await AltAsync());
    }
}
