using System.Text.Json.Nodes;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Members;

/// <summary>Members that come from Ghost: its members CSV from the command line, and the members of a JSON export.</summary>
public sealed class MemberImportTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_members_csv_imports_from_the_command_line_naming_refused_lines()
    {
        var file = Path.Combine(TestFolders.NewFolder("csv"), "members.csv");
        await File.WriteAllTextAsync(file, "email,name,labels\nzoe@example.org,Zoe,vip\nnope,Bad,\n", Cancel);
        var (exit, lines) = await app.RunCliAsync("import", "members", file);
        Assert.Equal(1, exit);
        Assert.Contains("refused: members.csv, line 3: \"nope\" is not an email address", lines);
        Assert.Contains("1 created, 0 updated, 1 refused", lines);
        Assert.Equal("Zoe", await app.WithDbAsync(db => db.Members.Where(m => m.Email == "zoe@example.org").Select(m => m.Name).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task A_ghost_json_export_brings_its_members_with_newsletters_labels_and_comped_tiers()
    {
        var export = new JsonObject
        {
            ["db"] = new JsonArray(new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["posts"] = new JsonArray(),
                    ["newsletters"] = new JsonArray(
                        new JsonObject { ["id"] = "n1", ["name"] = "Weekly", ["slug"] = "weekly", ["sender_reply_to"] = "desk@example.org", ["subscribe_on_signup"] = true, ["status"] = "active" }),
                    ["labels"] = new JsonArray(new JsonObject { ["id"] = "l1", ["name"] = "Founding reader", ["slug"] = "founding-reader" }),
                    ["products"] = new JsonArray(
                        new JsonObject { ["id"] = "p0", ["name"] = "Free", ["type"] = "free" },
                        new JsonObject { ["id"] = "p1", ["name"] = "Supporter", ["type"] = "paid" }),
                    ["members"] = new JsonArray(
                        new JsonObject { ["id"] = "m1", ["email"] = "Ola@Example.org", ["name"] = "Ola", ["status"] = "comped", ["created_at"] = "2022-03-04T05:06:07.000Z" },
                        new JsonObject { ["id"] = "m2", ["email"] = "pia@example.org", ["status"] = "free" },
                        new JsonObject { ["id"] = "m3", ["email"] = "broken" }),
                    ["members_newsletters"] = new JsonArray(new JsonObject { ["member_id"] = "m1", ["newsletter_id"] = "n1" }),
                    ["members_labels"] = new JsonArray(new JsonObject { ["member_id"] = "m1", ["label_id"] = "l1" }),
                    ["members_products"] = new JsonArray(new JsonObject { ["member_id"] = "m1", ["product_id"] = "p1" }, new JsonObject { ["member_id"] = "m2", ["product_id"] = "p0" }),
                },
            }),
        };
        var file = Path.Combine(TestFolders.NewFolder("ghost"), "ghost.json");
        await File.WriteAllTextAsync(file, export.ToJsonString(), Cancel);
        var (exit, lines) = await app.RunCliAsync("import", "ghost", file);
        Assert.Equal(0, exit);
        Assert.Contains("2 members created or updated", lines);
        Assert.Contains(lines, l => l.StartsWith("warning: member m3", StringComparison.Ordinal));

        var ola = await app.WithDbAsync(db => db.Members.Include(m => m.Tier).Include(m => m.Labels).Include(m => m.Newsletters).SingleAsync(m => m.Email == "ola@example.org", Cancel));
        Assert.Equal(("Supporter", true), (ola.Tier!.Name, ola.Complimentary));
        Assert.Equal("Founding reader", Assert.Single(ola.Labels).Name);
        Assert.Equal("Weekly", Assert.Single(ola.Newsletters).Name);
        Assert.Equal(new DateTime(2022, 3, 4, 5, 6, 7, DateTimeKind.Utc), ola.CreatedAt);
        var pia = await app.WithDbAsync(db => db.Members.Include(m => m.Tier).Include(m => m.Newsletters).SingleAsync(m => m.Email == "pia@example.org", Cancel));
        Assert.Null(pia.Tier);
        Assert.Empty(pia.Newsletters);
        Assert.Equal("desk@example.org", await app.WithDbAsync(db => db.Newsletters.Where(n => n.Slug == "weekly").Select(n => n.ReplyTo).SingleAsync(Cancel)));
    }
}
