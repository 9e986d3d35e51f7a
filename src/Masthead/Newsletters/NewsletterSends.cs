using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters;

/// <summary>Where a send stands: the counts the back office shows, and the recipients that need a look.</summary>
public sealed record SendReport(int Id, string Subject, string Newsletter, Audience Audience, DateTime RequestedAt,
    int Total, int Accepted, int Failed, int Pending, int Unconfirmed, IReadOnlyList<SendRecipient> Problems, bool Planned = false)
{
    public bool Finished => Pending == 0;
}

/// <summary>Wakes the dispatcher when a send is asked for in this process (others find it by polling).</summary>
public sealed class SendSignal
{
    private readonly SemaphoreSlim pulses = new(0, 1);

    public void Pulse()
    {
        try { if (pulses.CurrentCount == 0) pulses.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation) => pulses.WaitAsync(timeout, cancellation);
}

/// <summary>
/// The one owner of newsletter sends: asking for one writes the send and one recipient row per subscriber in the same
/// transaction (so a send is all there or not at all), retrying puts failed rows back in the queue.
/// </summary>
public sealed class NewsletterSends(MastheadDb db, TimeProvider clock, SendSignal signal, Publishing.Theme.ThemeRenderer theme, Mail.MailQueue mail)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<SendReport>> RequestAsync(int articleId, int newsletterId, Audience audience, int? staffId, string siteUrl,
        CancellationToken cancellation = default)
    {
        var article = await ArticleQueries.PublishedPosts(db).Where(a => a.Id == articleId).Select(a => new { a.Headline, a.Visibility }).SingleOrDefaultAsync(cancellation);
        if (article is null) return Refusal.Invalid("ArticleId", "Choose a published article: only those can be sent.");
        if (!await db.Newsletters.AnyAsync(n => n.Id == newsletterId && n.Active, cancellation))
            return Refusal.Invalid("NewsletterId", "Choose a newsletter that is still running.");

        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var send = new NewsletterSend { ArticleId = articleId, NewsletterId = newsletterId, Audience = audience, Subject = article.Headline, RequestedAt = now, RequestedById = staffId,
            SiteUrl = siteUrl };
        db.Add(send);
        await db.SaveChangesAsync(cancellation);
        await WriteRecipientsAsync(send, article.Visibility, cancellation);
        await transaction.CommitAsync(cancellation);
        signal.Pulse();
        return (await ReportAsync(send.Id, cancellation))!;
    }

    /// <summary>
    /// "Publish and email": the article goes to the newsletter when it is published — now, if it already is, else when the
    /// schedule fires or an editor publishes it (<see cref="PlannedSends"/> follows the publication events). Null takes the plan back.
    /// </summary>
    public async Task<Outcome<Done>> PlanAsync(int articleId, int? newsletterId, Audience audience, int? staffId, string siteUrl, CancellationToken cancellation = default)
    {
        if (newsletterId is { } chosen && !await db.Newsletters.AnyAsync(n => n.Id == chosen && n.Active, cancellation))
            return Refusal.Invalid("EmailNewsletterId", "Choose a newsletter that is still running.");
        if (await db.NewsletterSends.AnyAsync(s => s.ArticleId == articleId && !s.Planned, cancellation))
            return newsletterId is null ? Done.Value : Refusal.Conflict("This article was emailed already; send it again from Newsletters if you mean to.");
        await db.NewsletterSends.Where(s => s.ArticleId == articleId && s.Planned).ExecuteDeleteAsync(cancellation);
        if (newsletterId is not { } id) return Done.Value;
        var headline = await db.Articles.Where(a => a.Id == articleId).Select(a => a.Headline).SingleAsync(cancellation);
        db.Add(new NewsletterSend { ArticleId = articleId, NewsletterId = id, Audience = audience, Subject = headline, RequestedAt = Now, RequestedById = staffId, SiteUrl = siteUrl, Planned = true });
        await db.SaveChangesAsync(cancellation);
        await SendPlannedAsync(articleId, cancellation);
        return Done.Value;
    }

    /// <summary>
    /// Writes the recipients of the article's planned send if the article is now published: the plan is taken by a
    /// conditional update in the same transaction, so a repeated event or two servers send it once.
    /// </summary>
    public async Task<bool> SendPlannedAsync(int articleId, CancellationToken cancellation = default)
    {
        var article = await ArticleQueries.PublishedPosts(db).Where(a => a.Id == articleId).Select(a => new { a.Headline, a.Visibility }).SingleOrDefaultAsync(cancellation);
        if (article is null) return false;
        var send = await db.NewsletterSends.AsNoTracking().SingleOrDefaultAsync(s => s.ArticleId == articleId && s.Planned, cancellation);
        if (send is null) return false;
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var taken = await db.NewsletterSends.Where(s => s.Id == send.Id && s.Planned).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Planned, false).SetProperty(x => x.Subject, article.Headline).SetProperty(x => x.RequestedAt, now), cancellation);
        if (taken == 0) return false;
        await WriteRecipientsAsync(send, article.Visibility, cancellation);
        await transaction.CommitAsync(cancellation);
        signal.Pulse();
        return true;
    }

    /// <summary>One set-based statement, whatever the list's size; the same SQL on SQLite and PostgreSQL.</summary>
    private async Task WriteRecipientsAsync(NewsletterSend send, Visibility visibility, CancellationToken cancellation)
    {
        // A paid article goes whole to paid tiers and as a preview to the rest; anything else goes whole.
        var paidOnly = visibility == Visibility.Paid;
        var everyone = send.Audience == Audience.Everyone;
        var paid = send.Audience == Audience.Paid;
        var now = Now;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SendRecipients" ("SendId", "MemberId", "Email", "Full", "State", "Attempts", "DueAt")
            SELECT {send.Id}, m."Id", m."Email", (NOT {paidOnly} OR COALESCE(t."IsFree", TRUE) = FALSE), 0, 0, {now}
            FROM "Members" m
            JOIN "NewsletterSubscriptions" s ON s."MemberId" = m."Id" AND s."NewslettersId" = {send.NewsletterId}
            LEFT JOIN "Tiers" t ON t."Id" = m."TierId"
            WHERE m."BouncedAt" IS NULL AND ({everyone} OR (COALESCE(t."IsFree", TRUE) = FALSE) = {paid})
            ORDER BY m."Id"
            """, cancellation);
    }

    /// <summary>The issue as subscribers would get it (whole), mailed to one address; nothing is recorded.</summary>
    public async Task<Outcome<Done>> SendTestAsync(int articleId, int newsletterId, string? address, string siteUrl, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(address) || !MimeKit.MailboxAddress.TryParse(address.Trim(), out _))
            return Refusal.Invalid("TestAddress", "Give the address to send the test to.");
        if (!await ArticleQueries.PublishedPosts(db).AnyAsync(a => a.Id == articleId, cancellation))
            return Refusal.Invalid("ArticleId", "Choose a published article: only those can be sent.");
        var newsletter = await db.Newsletters.AsNoTracking().SingleOrDefaultAsync(n => n.Id == newsletterId, cancellation);
        if (newsletter is null) return Refusal.Invalid("NewsletterId", "Choose a newsletter.");
        var headline = await db.Articles.Where(a => a.Id == articleId).Select(a => a.Headline).SingleAsync(cancellation);
        var send = new NewsletterSend { ArticleId = articleId, NewsletterId = newsletterId, Newsletter = newsletter, Subject = "[Test] " + headline, SiteUrl = siteUrl };
        var issue = await NewsletterIssue.PrepareAsync(db, theme, send, mail.Sender, cancellation);
        mail.Enqueue(issue.Compose(new SendRecipient { Email = address.Trim(), Full = true }, siteUrl.TrimEnd('/') + "/account/"));
        return Done.Value;
    }

    public async Task<SendReport?> ReportAsync(int sendId, CancellationToken cancellation = default)
    {
        var send = await db.Set<NewsletterSend>().AsNoTracking().Include(s => s.Newsletter).SingleOrDefaultAsync(s => s.Id == sendId, cancellation);
        if (send is null) return null;
        var counts = await db.Set<SendRecipient>().Where(r => r.SendId == sendId).GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.State, g => g.Count, cancellation);
        int Count(params DeliveryState[] states) => states.Sum(s => counts.GetValueOrDefault(s));
        var problems = await db.Set<SendRecipient>().AsNoTracking()
            .Where(r => r.SendId == sendId && (r.State == DeliveryState.Failed || r.State == DeliveryState.Unconfirmed))
            .OrderBy(r => r.Id).Take(200).ToListAsync(cancellation);
        return new SendReport(send.Id, send.Subject, send.Newsletter.Name, send.Audience, send.RequestedAt, counts.Values.Sum(),
            Count(DeliveryState.Accepted), Count(DeliveryState.Failed), Count(DeliveryState.Pending, DeliveryState.Sending), Count(DeliveryState.Unconfirmed), problems, send.Planned);
    }

    public async Task<IReadOnlyList<SendReport>> RecentAsync(int count = 20, CancellationToken cancellation = default)
    {
        var ids = await db.Set<NewsletterSend>().OrderByDescending(s => s.Id).Select(s => s.Id).Take(count).ToListAsync(cancellation);
        var reports = new List<SendReport>();
        foreach (var id in ids) reports.Add((await ReportAsync(id, cancellation))!);
        return reports;
    }

    /// <summary>Puts the failed recipients of a send back in the queue, except addresses that bounce; never the accepted or unconfirmed.</summary>
    public async Task<Outcome<int>> RetryFailedAsync(int sendId, CancellationToken cancellation = default)
    {
        if (!await db.Set<NewsletterSend>().AnyAsync(s => s.Id == sendId, cancellation)) return Refusal.NotFound("That send no longer exists.");
        var now = Now;
        var bouncing = db.Members.Where(m => m.BouncedAt != null).Select(m => (int?)m.Id);
        var retried = await db.Set<SendRecipient>()
            .Where(r => r.SendId == sendId && r.State == DeliveryState.Failed && !bouncing.Contains(r.MemberId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, DeliveryState.Pending).SetProperty(r => r.DueAt, now)
                .SetProperty(r => r.Attempts, 0).SetProperty(r => r.ClaimedUntil, (DateTime?)null), cancellation);
        signal.Pulse();
        return retried;
    }
}
