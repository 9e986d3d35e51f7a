using System.Net;
using System.Net.Http.Headers;
using CsvHelper;
using Masthead.Members;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Members;

/// <summary>Members in the back office: the list and its filters, the edit form with complimentary tiers, and Ghost's members CSV.</summary>
public sealed class MembersAdminTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static IReadOnlyList<string> Listed(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("table.members tbody tr").Select(r => r.GetAttribute("data-email")!).Order().ToList();

    private async Task<int> TierAsync(StaffClient owner, string name)
    {
        var created = await owner.PostFormAsync("/admin/members/tiers", new() { ["TierName"] = name, ["TierMonthly"] = "5", ["TierYearly"] = "50", ["TierCurrency"] = "EUR" }, "/admin/members/tiers");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return await app.WithDbAsync(db => db.Tiers.Where(t => t.Name == name).Select(t => t.Id).SingleAsync(Cancel));
    }

    [Fact]
    public async Task Staff_add_members_grant_a_paid_tier_by_hand_and_filter_the_list()
    {
        using var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        var patron = await TierAsync(owner, "Patron");
        var tiers = await StaffClient.ParseAsync(await owner.GetAsync("/membership/"));
        Assert.Contains("€5/month or €50/year", tiers.QuerySelectorAll(".tier .price").Select(p => p.TextContent));

        var (paid, free) = ("paid.reader@example.org", "free.reader@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/admin/members/edit", new()
        {
            ["Form.Email"] = paid, ["Form.Name"] = "Pat Patron", ["Form.Labels"] = "Donor 2025, press", ["Form.TierId"] = patron.ToString(),
        }, "/admin/members/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/admin/members/edit", new() { ["Form.Email"] = free, ["Form.Labels"] = "press" }, "/admin/members/edit")).StatusCode);
        var saved = await app.WithDbAsync(db => db.Members.Include(m => m.Tier).SingleAsync(m => m.Email == paid, Cancel));
        Assert.True(saved.Complimentary);
        Assert.Equal("Patron", saved.Tier!.Name);
        Assert.True(Readers.MayRead(saved, Masthead.Articles.Visibility.Paid));

        Assert.Equal([free, paid], Listed(await owner.GetPageAsync("/admin/members")));
        Assert.Equal([paid], Listed(await owner.GetPageAsync("/admin/members?status=paid")));
        Assert.Equal([paid], Listed(await owner.GetPageAsync("/admin/members?status=comped")));
        Assert.Equal([free], Listed(await owner.GetPageAsync("/admin/members?status=free")));
        Assert.Equal([paid], Listed(await owner.GetPageAsync("/admin/members?label=donor-2025")));
        Assert.Equal([free, paid], Listed(await owner.GetPageAsync("/admin/members?label=press")));
        Assert.Equal([paid], Listed(await owner.GetPageAsync("/admin/members?q=PATRON")));
        Assert.Equal([paid], Listed(await owner.GetPageAsync("/admin/members?tier=patron")));
        await app.WithDbAsync(db => db.Members.Where(m => m.Email == free).ExecuteUpdateAsync(s => s.SetProperty(m => m.BouncedAt, DateTime.UtcNow), Cancel));
        Assert.Equal([free], Listed(await owner.GetPageAsync("/admin/members?bouncing=true")));

        // A refused save keeps what was typed.
        var refused = await owner.PostFormAsync("/admin/members/edit", new() { ["Form.Email"] = paid, ["Form.Name"] = "Twin" }, "/admin/members/edit");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var form = await StaffClient.ParseAsync(refused);
        Assert.Equal("Twin", form.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Contains("Another member", form.QuerySelector("[data-valmsg-for='Form.Email']")!.TextContent);

        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/members")).StatusCode);
    }

    [Fact]
    public async Task A_staff_save_from_a_form_opened_before_the_member_changed_their_name_is_refused_with_the_form_kept()
    {
        using var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        var email = Mailbox.NewAddress();
        using var reader = await MemberAccountTests.SignUpAsync(app, email);
        var id = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync(Cancel));
        var version = await owner.HiddenValueAsync($"/admin/members/edit/{id}", "input[name='Form.Version']");

        await reader.PostFormAsync("/account/", new() { ["name"] = "Chosen By Member" }, "/account/");
        var stale = await owner.PostFormAsync($"/admin/members/edit/{id}", new() { ["Form.Email"] = email, ["Form.Name"] = "Typed By Staff", ["Form.Version"] = version }, $"/admin/members/edit/{id}");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = await StaffClient.ParseAsync(stale);
        Assert.Equal("Typed By Staff", page.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Contains("Chosen By Member", page.QuerySelector(".conflict .saved-version")!.TextContent);
        Assert.Equal("Chosen By Member", await app.WithDbAsync(db => db.Members.Where(m => m.Id == id).Select(m => m.Name).SingleAsync(Cancel)));
    }

    private async Task<IReadOnlyList<(int Line, string Reason)>> ImportAsync(StaffClient owner, string csv, Dictionary<string, int>? counts = null)
    {
        var token = await owner.HiddenValueAsync("/admin/members", "form[enctype] input[name=__RequestVerificationToken]");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "members.csv" },
        };
        var response = await owner.Http.PostAsync("/admin/members?handler=Import", content, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffClient.ParseAsync(response);
        foreach (var count in page.QuerySelectorAll(".import-summary [data-count]"))
            counts?.Add(count.GetAttribute("data-count")!, int.Parse(count.TextContent));
        return page.QuerySelectorAll(".refused li").Select(li => (int.Parse(li.GetAttribute("data-line")!), li.TextContent)).ToList();
    }

    [Fact]
    public async Task Ghost_members_csv_imports_the_good_rows_names_each_refused_line_and_exports_escaped()
    {
        using var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        await app.WithDbAsync(async db => { db.Newsletters.Add(new Masthead.Newsletters.Newsletter { Name = "Daily", Slug = "daily" }); await db.SaveChangesAsync(Cancel); });
        const string csv = """
            id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers
            5f1a,ana@example.org,Ana Writer,met at the fair,true,false,,2023-04-01T10:00:00.000Z,,"press,donor",
            5f1b,not-an-address,Bad Row,,true,false,,,,,
            5f1c,ben@example.org,"=HYPERLINK(""http://evil.example"",""click"")",,false,true,cus_123,2024-01-05T08:00:00.000Z,,,Gold
            5f1d,ANA@example.org,Twin,,true,false,,,,,
            5f1e,cat@example.org,Cat,,maybe,false,,,,,
            5f1f,dan@example.org,Dan,,true,false,,yesterday,,,
            5f20,eve@example.org,Eve,,true,false,,,2024-02-01T00:00:00.000Z,,
            """;
        var counts = new Dictionary<string, int>();
        var refused = await ImportAsync(owner, csv, counts);
        Assert.Equal([3, 5, 6, 7, 8], refused.Select(r => r.Line));
        Assert.Contains("not an email address", refused[0].Reason);
        Assert.Contains("line 2 already", refused[1].Reason);
        Assert.Contains("subscribed_to_emails", refused[2].Reason);
        Assert.Contains("created_at", refused[3].Reason);
        Assert.Contains("deleted", refused[4].Reason);
        Assert.Equal(2, counts["created"]);

        var ana = await app.WithDbAsync(db => db.Members.Include(m => m.Labels).Include(m => m.Newsletters).SingleAsync(m => m.Email == "ana@example.org", Cancel));
        Assert.Equal(["donor", "press"], ana.Labels.Select(l => l.Name).Order());
        Assert.Equal("Daily", Assert.Single(ana.Newsletters).Name);
        Assert.Equal(new DateTime(2023, 4, 1, 10, 0, 0, DateTimeKind.Utc), ana.CreatedAt);
        var ben = await app.WithDbAsync(db => db.Members.Include(m => m.Tier).Include(m => m.Newsletters).SingleAsync(m => m.Email == "ben@example.org", Cancel));
        Assert.Equal("Gold", ben.Tier!.Name);
        Assert.True(ben.Complimentary);
        Assert.Empty(ben.Newsletters);
        Assert.Equal("cus_123", ben.PaymentCustomerId);

        // Export: Ghost's columns, and a name that a spreadsheet would run as a formula comes out escaped.
        var exported = await owner.Http.GetStringAsync("/admin/members?handler=Export", Cancel);
        using var reader = CsvReader.Create(new StringReader(exported), new CsvReaderOptions { HasHeader = true }, false);
        var rows = new Dictionary<string, (string? Name, string? Comped, string? Tiers, string? Labels)>();
        while (await reader.ReadAsync(Cancel))
            rows[reader.GetString("email")] = (reader.GetStringOrNull("name"), reader.GetStringOrNull("complimentary_plan"), reader.GetStringOrNull("tiers"), reader.GetStringOrNull("labels"));
        Assert.Equal(MemberCsv.Columns, reader.Headers);
        Assert.StartsWith("'=HYPERLINK", rows["ben@example.org"].Name);
        Assert.Equal(("true", "Gold"), (rows["ben@example.org"].Comped, rows["ben@example.org"].Tiers));
        Assert.Equal("donor,press", string.Join(",", rows["ana@example.org"].Labels!.Split(',').Order()));

        // Importing the export again changes nothing but counts them as updated.
        var again = new Dictionary<string, int>();
        Assert.Empty(await ImportAsync(owner, exported, again));
        Assert.Equal((0, 2), (again["created"], again["updated"]));
        Assert.Equal(2, await app.WithDbAsync(db => db.Members.CountAsync(Cancel)));
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"click\")", await app.WithDbAsync(db => db.Members.Where(m => m.Email == "ben@example.org").Select(m => m.Name).SingleAsync(Cancel)));
    }
}
