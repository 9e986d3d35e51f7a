using System.Text.Json;
using Masthead.Importing;
using Masthead.Importing.Markdown;
using Masthead.Publishing.Addresses;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Security;

/// <summary>The audit's `javascript:` links: one address rule for origins, canonicals, featured images and photos, on every
/// way in (editor, Markdown, Ghost, archive) and again on every way out (page, JSON-LD, Content API).</summary>
public sealed class UnsafeAddressTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Hostile => new()
    {
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "   javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
        "javascript%3Aalert(1)", "javascript://x.com/%0aalert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
        "//evil.example/x", "https://ok.example/\u0000x", "https://ok.example/ x", "photo.jpg",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void The_rule_refuses_every_form_of_the_audits_vectors(string address) =>
        Assert.Equal((false, false), (WebAddress.IsHttp(address), WebAddress.IsImage(address)));

    [Theory]
    [InlineData("https://journal-neo.org/2020/01/x/", true, true)]
    [InlineData("http://example.com", true, true)]
    [InlineData("/media/ab12.jpg", false, true)]
    public void Web_addresses_and_site_paths_pass(string address, bool http, bool image) =>
        Assert.Equal((http, image), (WebAddress.IsHttp(address), WebAddress.IsImage(address)));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Markdown_front_matter_refuses_an_origin_url_with_its_line(string address)
    {
        var text = $"---\ntitle: x\ndate: 2020-01-01\norigin:\n  outlet: Elsewhere\n  url: {JsonSerializer.Serialize(address)}\n  canonical: true\n---\n\nbody\n";
        var error = Assert.Throws<ImportError>(() => FrontMatter.Read(text, "bad.md", TimeZoneInfo.Utc));
        Assert.Equal((6, true), (error.Line, error.Reason.StartsWith("origin.url must be a full address starting with http:// or https://", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_editor_refuses_them_and_keeps_what_was_typed()
    {
        using var editor = await StaffClient.AsAsync(app, Masthead.Staff.StaffRole.Editor);
        var refused = await Admin.BackOffice.PostArticleAsync(editor, null, "Publish", new()
        {
            ["Form.Headline"] = "Hostile", ["Form.BodyMarkdown"] = "A body I must not lose.", ["Form.OriginOutlet"] = "Elsewhere",
            ["Form.OriginUrl"] = " java\tscript:alert(1)", ["Form.FeaturedImage"] = "javascript:alert(2)",
        });
        var form = await StaffClient.ParseAsync(refused);
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("http:// or https://", form.QuerySelector("[data-valmsg-for='Form.OriginUrl']")!.TextContent);
        Assert.Contains("media library", form.QuerySelector("[data-valmsg-for='Form.FeaturedImage']")!.TextContent);
        Assert.Equal("A body I must not lose.", form.QuerySelector("#Form_BodyMarkdown")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_Ghost_post_with_a_script_canonical_is_refused_and_the_rest_imported()
    {
        var export = new
        {
            db = new[]
            {
                new
                {
                    meta = new { version = "6.0.0" },
                    data = new
                    {
                        posts = new object[]
                        {
                            new { id = "1", title = "Hostile", slug = "hostile", html = "<p>x</p>", status = "published", canonical_url = "javascript://x.com/%0aalert(document.domain)" },
                            new { id = "2", title = "Lead image", slug = "lead-image", html = "<p>x</p>", status = "published", feature_image = "java\tscript:alert(1)" },
                            new { id = "3", title = "Fine", slug = "fine", html = "<p>x</p>", status = "published", canonical_url = "https://original.example/fine" },
                        },
                        users = Array.Empty<object>(),
                    },
                },
            },
        };
        var file = Path.Combine(TestFolders.NewFolder("ghost-hostile"), "export.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(export), Cancel);

        var (exit, lines) = await app.RunCliAsync("import", "ghost", file);

        Assert.Equal(1, exit);
        Assert.Contains(lines, l => l.Contains("post 'Hostile' (1): canonical_url must be a full address", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("post 'Lead image' (2): feature_image must be", StringComparison.Ordinal));
        var stored = await app.WithDbAsync(db => db.Articles.AsNoTracking().Select(a => new { a.Slug, a.Origin!.Url }).ToListAsync(Cancel));
        Assert.Equal([("fine", "https://original.example/fine")], stored.Select(a => (a.Slug, a.Url)));
    }

    [Fact]
    public async Task An_address_stored_before_the_rule_never_becomes_a_link_a_canonical_or_an_api_field()
    {
        await app.ImportPageAsync(Pages.Reference);
        var slug = await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(Cancel);
            article.Origin = new Masthead.Articles.Origin { Outlet = "Elsewhere", Url = "javascript:alert(1)", IsCanonical = true };
            article.FeaturedImage = "javascript:alert(2)";
            await db.SaveChangesAsync(Cancel);
            return article.Slug;
        });
        var key = (await app.RunCliAsync("content-key", "create", "audit")).Lines[^1];
        using var reader = app.CreateClient();

        var page = Html.Parse(await reader.GetStringAsync($"/{slug}/", Cancel));
        Assert.DoesNotContain(page.QuerySelectorAll("[href], [src], [content]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? e.GetAttribute("content") ?? ""),
            v => v.Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Equal($"http://localhost/{slug}/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var origin = page.QuerySelector("p.origin")!;
        Assert.Equal(("Elsewhere", 0), (origin.QuerySelector("cite")!.TextContent, origin.QuerySelectorAll("a").Length));
        foreach (var script in page.QuerySelectorAll("script[type='application/ld+json']"))
            Assert.DoesNotContain("javascript", JsonDocument.Parse(script.TextContent).RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);

        using var api = JsonDocument.Parse(await reader.GetStringAsync($"/ghost/api/content/posts/slug/{slug}/?key={key}", Cancel));
        var post = api.RootElement.GetProperty("posts")[0];
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (post.GetProperty("canonical_url").ValueKind, post.GetProperty("feature_image").ValueKind));
    }
}
