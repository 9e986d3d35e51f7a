using System.Web;
using AngleSharp.Dom;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Publishing.Sharing;

public class ShareLinkTests : IAsyncLifetime
{
    private const string Url = "http://localhost/rice-prices-the-monsoon/";
    private const string Title = "Rice prices & the monsoon";
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("share");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), $"---\ntitle: {Title}\ndate: 2024-02-03T17:05:09Z\nauthors: [John Doe]\n---\n\nBody.\n");
        await app.ImportMarkdownAsync(folder);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<IDocument> ArticleAsync()
    {
        var (status, page) = await Html.GetAsync(app.CreateClient(), "/rice-prices-the-monsoon/");
        Assert.Equal(200, status);
        return page;
    }

    public static TheoryData<string, string, string, string?> Networks() => new()
    {
        // network, address before the query, parameter carrying the page address, parameter carrying the title
        { "x", "https://x.com/intent/post", "url", "text" },
        { "facebook", "https://www.facebook.com/sharer/sharer.php", "u", null },
        { "linkedin", "https://www.linkedin.com/sharing/share-offsite/", "url", null },
        { "reddit", "https://www.reddit.com/submit", "url", "title" },
        { "telegram", "https://t.me/share/url", "url", "text" },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Each_network_gets_its_own_share_address_with_the_page_and_title(string network, string address, string urlParameter, string? titleParameter)
    {
        var link = (await ArticleAsync()).QuerySelector($".share a.share-{network}")!;
        var href = new Uri(link.GetAttribute("href")!);
        Assert.Equal(address, href.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(href.Query);
        Assert.Equal(Url, query[urlParameter]);
        if (titleParameter is not null) Assert.Equal(Title, query[titleParameter]);
        Assert.Contains("noopener", link.GetAttribute("rel"));
    }

    [Fact]
    public async Task Email_and_whatsapp_carry_title_and_address_in_their_text()
    {
        var page = await ArticleAsync();
        var mail = new Uri(page.QuerySelector(".share a.share-email")!.GetAttribute("href")!);
        Assert.Equal("mailto", mail.Scheme);
        var mailQuery = HttpUtility.ParseQueryString(mail.Query);
        Assert.Equal((Title, $"{Title} {Url}"), (mailQuery["subject"], mailQuery["body"]));
        var whatsapp = new Uri(page.QuerySelector(".share a.share-whatsapp")!.GetAttribute("href")!);
        Assert.Equal(("wa.me", $"{Title} {Url}"), (whatsapp.Host, HttpUtility.ParseQueryString(whatsapp.Query)["text"]));
    }

    [Fact]
    public async Task The_page_loads_nothing_from_another_site()
    {
        var page = await ArticleAsync();
        var loaded = page.QuerySelectorAll("script[src], img[src], iframe, link[rel=stylesheet], link[rel=preload], embed, object")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href") ?? e.GetAttribute("data") ?? "")
            .ToList();
        Assert.NotEmpty(loaded);
        Assert.All(loaded, address => Assert.StartsWith("/", address));
        Assert.All(loaded, address => Assert.False(address.StartsWith("//")));
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])"));
    }

    [Fact]
    public async Task Web_share_and_copy_link_wait_hidden_for_javascript()
    {
        var page = await ArticleAsync();
        var native = page.QuerySelector(".share button.share-native")!;
        var copy = page.QuerySelector(".share button.copy-link")!;
        Assert.Equal(Url, native.GetAttribute("data-url"));
        Assert.Equal(Url, copy.GetAttribute("data-url"));
        Assert.True(native.ParentElement!.HasAttribute("hidden"));
        Assert.True(copy.ParentElement!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task Mastodon_asks_for_the_instance_then_sends_the_reader_there()
    {
        var link = (await ArticleAsync()).QuerySelector(".share a.share-mastodon")!.GetAttribute("href")!;
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var (status, form) = await Html.GetAsync(client, link);
        Assert.Equal(200, status);
        Assert.Equal($"{Title} {Url}", form.QuerySelector("form input[name=text]")!.GetAttribute("value"));

        using var sent = await client.GetAsync($"{link}&instance=https://mastodon.social/", TestContext.Current.CancellationToken);
        Assert.Equal(302, (int)sent.StatusCode);
        var target = sent.Headers.Location!;
        Assert.Equal("https://mastodon.social/share", target.GetLeftPart(UriPartial.Path));
        Assert.Equal($"{Title} {Url}", HttpUtility.ParseQueryString(target.Query)["text"]);
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://plain.example")]
    [InlineData("evil.example/path?x=1")]
    [InlineData("user@evil.example")]
    public async Task A_bad_instance_is_explained_and_kept(string instance)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var (status, page) = await Html.GetAsync(client, "/share/mastodon?text=hello&instance=" + Uri.EscapeDataString(instance));
        Assert.Equal(422, status);
        Assert.Equal(instance, page.QuerySelector("input[name=instance]")!.GetAttribute("value"));
        Assert.Contains(instance, page.QuerySelector("#mastodon-problem")!.TextContent);
    }
}
