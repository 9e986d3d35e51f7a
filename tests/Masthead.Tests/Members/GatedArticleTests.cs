using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Masthead.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Members;

/// <summary>Articles for members and for paying members: what each reader gets, and where the rest never goes.</summary>
public sealed class GatedArticleTests : IAsyncLifetime
{
    private const string Secret = "Zanzibarian ledger entries";
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task PublishAsync(string slug, Visibility visibility)
    {
        using var editor = await StaffClient.AsAsync(app, Masthead.Staff.StaffRole.Editor);
        await Admin.BackOffice.SaveNewAsync(editor, "Harbour audit " + slug,
            $"The opening paragraph anyone may read.\n\nA second open paragraph.\n\n{Masthead.Publishing.Body.Previews.Marker}\n\nThe {Secret} show the money.\n\nThe end.",
            "Publish", new() { ["Form.Slug"] = slug, ["Form.Visibility"] = visibility.ToString() });
    }

    private static IReadOnlyList<string> Paragraphs(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll(".article-body p").Select(p => p.TextContent).ToList();

    [Fact]
    public async Task Anonymous_readers_get_the_opening_and_a_sign_up_box_members_get_it_all_privately()
    {
        await PublishAsync("members-piece", Visibility.Members);
        using var anonymous = new StaffClient(StaffClient.Anonymous(app));
        var response = await anonymous.GetAsync("/members-piece/");
        var source = await response.Content.ReadAsStringAsync(Cancel);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(source);
        Assert.Equal(["The opening paragraph anyone may read.", "A second open paragraph."], Paragraphs(page));
        Assert.DoesNotContain("Zanzibarian", source);
        Assert.NotNull(page.QuerySelector(".paywall a.membership-signup"));
        Assert.True(response.Headers.CacheControl is { Public: true, SharedMaxAge: not null });
        Assert.Contains("Cookie", response.Headers.Vary);

        using var member = await MemberAccountTests.SignUpAsync(app, Mailbox.NewAddress());
        var full = await member.GetAsync("/members-piece/");
        Assert.True(full.Headers.CacheControl is { Private: true, NoCache: true, Public: false });
        Assert.False(full.Headers.Contains("Surrogate-Key"));
        var fullPage = await StaffClient.ParseAsync(full);
        Assert.Contains($"The {Secret} show the money.", Paragraphs(fullPage));
        Assert.Null(fullPage.QuerySelector(".paywall"));
        Assert.DoesNotContain(fullPage.QuerySelectorAll(".article-body p"), p => p.TextContent.Contains("members-only"));
    }

    [Fact]
    public async Task Paid_articles_open_to_a_paid_tier_granted_by_staff_and_not_to_free_members()
    {
        await PublishAsync("paid-piece", Visibility.Paid);
        var email = Mailbox.NewAddress();
        using var member = await MemberAccountTests.SignUpAsync(app, email);
        var free = await member.GetPageAsync("/paid-piece/");
        Assert.DoesNotContain(Paragraphs(free), p => p.Contains("Zanzibarian"));
        Assert.Contains("does not include it", free.QuerySelector(".paywall")!.TextContent);

        // The "complimentary" provider takes no payment: the tiers page says how to join, and a checkout is refused with the reason.
        using var owner = await StaffClient.AsAsync(app, Masthead.Staff.StaffRole.Owner);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/admin/members/tiers",
            new() { ["TierName"] = "Supporter", ["TierMonthly"] = "5", ["TierCurrency"] = "EUR" }, "/admin/members/tiers")).StatusCode);
        var tiers = await member.GetPageAsync("/membership/");
        Assert.Equal(["Free", "Supporter"], tiers.QuerySelectorAll(".tier h3").Select(h => h.TextContent));
        Assert.Empty(tiers.QuerySelectorAll("form[action='/membership/checkout']"));
        Assert.Contains("granted by the publication", tiers.QuerySelector(".tier-note")!.TextContent);
        var checkout = await member.PostFormAsync("/membership/checkout", new() { ["tier"] = "supporter" }, "/membership/");
        Assert.Equal(HttpStatusCode.Conflict, checkout.StatusCode);
        Assert.Contains("Supporter cannot be bought on this site", (await StaffClient.ParseAsync(checkout)).QuerySelector(".form-errors")!.TextContent);
        Assert.DoesNotContain(Paragraphs(await member.GetPageAsync("/paid-piece/")), p => p.Contains("Zanzibarian"));

        // Staff grant the tier by hand on the member's form.
        var held = await app.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Email == email, Cancel));
        var (id, version) = (held.Id, held.Version);
        var tierId = await app.WithDbAsync(db => db.Tiers.Where(t => t.Slug == "supporter").Select(t => t.Id).SingleAsync(Cancel));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync($"/admin/members/edit/{id}",
            new() { ["Form.Email"] = email, ["Form.TierId"] = tierId.ToString(), ["Form.Version"] = version.ToString() }, $"/admin/members/edit/{id}")).StatusCode);
        var paid = await member.GetPageAsync("/paid-piece/");
        Assert.Contains($"The {Secret} show the money.", Paragraphs(paid));
    }

    [Fact]
    public async Task The_rest_of_a_gated_body_is_in_no_feed_search_result_or_api_answer()
    {
        await PublishAsync("members-feed", Visibility.Members);
        using var anonymous = new StaffClient(StaffClient.Anonymous(app));

        var rss = XDocument.Parse(await (await anonymous.GetAsync("/feed/")).Content.ReadAsStringAsync(Cancel));
        XNamespace content = "http://purl.org/rss/1.0/modules/content/";
        var item = Assert.Single(rss.Descendants("item"));
        Assert.Contains("The opening paragraph", item.Element(content + "encoded")!.Value);
        Assert.DoesNotContain("Zanzibarian", item.ToString());

        var search = JsonDocument.Parse(await (await anonymous.GetAsync("/search.json?q=Zanzibarian")).Content.ReadAsStringAsync(Cancel));
        Assert.Equal(0, search.RootElement.GetProperty("total").GetInt32());
        var opening = JsonDocument.Parse(await (await anonymous.GetAsync("/search.json?q=opening")).Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, opening.RootElement.GetProperty("total").GetInt32());

        var (_, lines) = await app.RunCliAsync("content-key", "create", "gated-test");
        var key = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, "[0-9a-f]{26}")).First(m => m.Success).Value;
        var api = JsonDocument.Parse(await (await anonymous.GetAsync($"/ghost/api/content/posts/slug/members-feed/?key={key}")).Content.ReadAsStringAsync(Cancel));
        var post = api.RootElement.GetProperty("posts")[0];
        Assert.Equal("members", post.GetProperty("visibility").GetString());
        Assert.Contains("The opening paragraph", post.GetProperty("html").GetString());
        Assert.DoesNotContain("Zanzibarian", post.GetRawText());
    }

    [Fact]
    public async Task A_restart_never_fills_a_gated_articles_preview_or_search_text_from_its_whole_body()
    {
        // The marker on the first line: nothing is open, so the preview and the search text are empty.
        using var editor = await StaffClient.AsAsync(app, Masthead.Staff.StaffRole.Editor);
        await Admin.BackOffice.SaveNewAsync(editor, "Locked from the first word", $"{Masthead.Publishing.Body.Previews.Marker}\n\nThe {Secret} stay locked.",
            "Publish", new() { ["Form.Slug"] = "locked", ["Form.Visibility"] = "Members" });

        await Masthead.Data.DatabaseSetup.MigrateAsync(app.Services, Cancel); // what every start runs

        var stored = await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == "locked").Select(a => new { a.PreviewHtml, a.BodyText }).SingleAsync(Cancel));
        Assert.Equal("", stored.PreviewHtml.Trim());
        Assert.DoesNotContain("Zanzibarian", stored.BodyText);
        using var anonymous = new StaffClient(StaffClient.Anonymous(app));
        var search = JsonDocument.Parse(await (await anonymous.GetAsync("/search.json?q=Zanzibarian")).Content.ReadAsStringAsync(Cancel));
        Assert.Equal(0, search.RootElement.GetProperty("total").GetInt32());
        Assert.DoesNotContain("Zanzibarian", await (await anonymous.GetAsync("/locked/")).Content.ReadAsStringAsync(Cancel));
    }
}
