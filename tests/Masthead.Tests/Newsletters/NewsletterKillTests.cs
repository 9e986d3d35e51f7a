using Masthead.Members;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// A 2,000-recipient send by the real executable, killed with SIGKILL at random points three times and started again:
/// the SMTP server holds at most one copy per recipient, and every recipient without one is reported unconfirmed or failed.
/// </summary>
public sealed class NewsletterKillTests : IAsyncLifetime
{
    private const int Recipients = 2_000;
    private const int Connections = 2;
    /// <summary>The test's own view of the store: it must not send anything itself.</summary>
    private readonly MastheadApp store = new() { Settings = { ["Masthead:Mail:Dispatch"] = "false" } };

    public ValueTask InitializeAsync() => store.InitializeAsync();

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private MastheadProcess Start() => MastheadProcess.Start(
        "--Masthead:Database=" + store.DatabaseSetting, "--Masthead:Demo=false", "--Masthead:DataFolder=" + store.DataFolder,
        "--Masthead:LinkChecker:Enabled=false", "--Masthead:Mail:Host=" + Mailbox.Server!.Split(':')[0], "--Masthead:Mail:Port=" + Mailbox.Server.Split(':')[1],
        "--Masthead:Mail:Security=None", "--Masthead:Mail:From=The Test Gazette <news@gazette.example>", $"--Masthead:Mail:Connections={Connections}",
        "--Masthead:Mail:BatchSize=40", "--Masthead:Mail:LeaseSeconds=1", "--Masthead:Mail:PollIntervalMs=100");

    private Task<int> CountAsync(int send, params DeliveryState[] states) =>
        store.WithDbAsync(db => db.SendRecipients.CountAsync(r => r.SendId == send && states.Contains(r.State), Cancel));

    [Fact]
    public async Task Killed_three_times_mid_send_every_recipient_gets_at_most_one_copy_and_the_rest_are_reported()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await store.ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage, Cancel));
        var (newsletter, article) = await store.WithDbAsync(async db =>
        {
            var daily = new Newsletter { Name = "Daily " + run, Slug = "daily-" + run };
            db.Newsletters.Add(daily);
            for (var i = 0; i < Recipients; i++)
            {
                var member = new Member { Email = $"kill-{run}-{i}@example.org", CreatedAt = DateTime.UtcNow };
                member.Newsletters.Add(daily);
                db.Members.Add(member);
            }
            await db.SaveChangesAsync(Cancel);
            return (daily.Id, await db.Articles.Select(a => a.Id).SingleAsync(Cancel));
        });
        var send = (await store.WithScopeAsync(s => s.GetRequiredService<NewsletterSends>()
            .RequestAsync(article, newsletter, Audience.Everyone, null, "http://news.example.org", Cancel))).Value!.Id;
        Assert.Equal(Recipients, await CountAsync(send, DeliveryState.Pending));

        var random = new Random();
        for (var kill = 0; kill < 3; kill++)
        {
            var before = await CountAsync(send, DeliveryState.Accepted);
            var target = before + random.Next(50, 400);
            using var server = Start();
            for (var waited = 0; await CountAsync(send, DeliveryState.Accepted) < target && waited < 60_000; waited += 10)
                await Task.Delay(10, Cancel);
            server.Kill();
            Assert.True(await CountAsync(send, DeliveryState.Accepted) > before, $"kill {kill + 1}: nothing was sent before it");
        }

        using (Start())
        {
            for (var waited = 0; await CountAsync(send, DeliveryState.Pending, DeliveryState.Sending) > 0 && waited < 120_000; waited += 100)
                await Task.Delay(100, Cancel);
        }
        Assert.Equal(0, await CountAsync(send, DeliveryState.Pending, DeliveryState.Sending));

        var rows = await store.WithDbAsync(db => db.SendRecipients.AsNoTracking().Where(r => r.SendId == send).ToListAsync(Cancel));
        var copies = rows.ToDictionary(r => r.Id, r => Mailbox.Messages(r.Email).Count);
        Assert.All(rows, r => Assert.True(copies[r.Id] <= 1, $"{r.Email} got {copies[r.Id]} copies"));
        Assert.All(rows.Where(r => r.State == DeliveryState.Accepted), r => Assert.Equal(1, copies[r.Id]));
        Assert.All(rows.Where(r => copies[r.Id] == 0), r => Assert.Contains(r.State, new[] { DeliveryState.Unconfirmed, DeliveryState.Failed }));
        // Unconfirmed: only what was marked "sending" at a kill, ten per connection.
        var unconfirmed = rows.Count(r => r.State == DeliveryState.Unconfirmed);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"accepted {rows.Count(r => r.State == DeliveryState.Accepted)}, unconfirmed {unconfirmed} (of which delivered {rows.Count(r => r.State == DeliveryState.Unconfirmed && copies[r.Id] == 1)}), failed {rows.Count(r => r.State == DeliveryState.Failed)}");
        Assert.InRange(unconfirmed, 0, 3 * Connections * NewsletterDispatcher.InFlight);
        Assert.True(rows.Count(r => r.State == DeliveryState.Accepted) >= Recipients - unconfirmed);
    }
}
