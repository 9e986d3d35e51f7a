using System.Threading.RateLimiting;
using MailKit.Net.Smtp;
using Masthead.Data;
using Masthead.Mail;
using Masthead.Publishing.Theme;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Newsletters;

/// <summary>
/// Sends what the recipient table holds, over <see cref="MailOptions.Connections"/> SMTP connections. A worker reserves
/// a batch with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL, so servers share a send), then for each ten marks them
/// "sending" (only while the batch still holds them), hands them to the server and records each answer: accepted (never sent again), refused for good (failed,
/// and the address bounces), or "try later" (back in the queue, the wait doubling). Rows left "sending" by a server that
/// died are marked unconfirmed when their lease runs out — never sent again: at most one copy per recipient.
/// </summary>
public sealed class NewsletterDispatcher(IServiceScopeFactory scopes, Mailer mailer, ThemeRenderer theme, IDataProtectionProvider protection,
    SendSignal signal, IOptions<MailOptions> options, TimeProvider clock, ILogger<NewsletterDispatcher> log) : BackgroundService
{
    /// <summary>Messages marked "sending" at once on one connection: what a kill can leave unconfirmed.</summary>
    public const int InFlight = 10;

    private readonly MailOptions settings = options.Value;
    private readonly IDataProtector unsubscribe = NewsletterEndpoints.Protector(protection);
    /// <summary>
    /// The workers write one at a time: SQLite has one writer, and a second one waiting in its busy handler sleeps in
    /// steps of 150 ms (half the send's time went there).
    /// </summary>
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly Dictionary<int, NewsletterIssue> issues = [];
    private readonly RateLimiter? pace = options.Value.MessagesPerSecond > 0
        ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.MessagesPerSecond, TokensPerPeriod = options.Value.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = int.MaxValue, AutoReplenishment = true,
        })
        : null;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!settings.Dispatch || !mailer.IsConfigured) return;
        while (!stopping.IsCancellationRequested)
        {
            try { await SendDueAsync(stopping); }
            catch (Exception e) when (!stopping.IsCancellationRequested) { log.LogWarning(e, "Sending newsletters failed"); }
            await signal.WaitAsync(TimeSpan.FromMilliseconds(settings.PollIntervalMs), stopping);
        }
    }

    /// <summary>Marks what dead servers left, then sends everything due; returns how many messages were handed over.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellation)
    {
        await MarkUnconfirmedAsync(cancellation);
        var workers = Enumerable.Range(0, settings.Connections).Select(_ => WorkAsync(cancellation)).ToList();
        return (await Task.WhenAll(workers)).Sum();
    }

    private async Task MarkUnconfirmedAsync(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var now = Now;
        if (!await db.SendRecipients.AnyAsync(r => r.State == DeliveryState.Sending && r.ClaimedUntil < now, cancellation)) return;
        var marked = await db.SendRecipients.Where(r => r.State == DeliveryState.Sending && r.ClaimedUntil < now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, DeliveryState.Unconfirmed).SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Response, "The server sending it stopped before it recorded the answer: not sent again."), cancellation);
        if (marked > 0) log.LogWarning("{Count} newsletter message(s) left unconfirmed by a server that stopped", marked);
    }

    /// <summary>One connection's work: batches until the queue is empty.</summary>
    private async Task<int> WorkAsync(CancellationToken cancellation)
    {
        var sent = 0;
        SmtpClient? client = null;
        try
        {
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
                var batch = await ClaimAsync(db, cancellation);
                if (batch.Count == 0) return sent;
                var claim = batch[0].ClaimId;
                var lease = new Lease(Now + TimeSpan.FromSeconds(settings.LeaseSeconds));
                var chunk = batch.Take(InFlight).ToList();
                List<SendRecipient> held;
                await writing.WaitAsync(cancellation);
                try
                {
                    await using var holding = await db.Database.BeginTransactionAsync(cancellation);
                    held = await HoldAsync(db, claim, chunk, [], lease, cancellation);
                    await holding.CommitAsync(cancellation);
                }
                finally { writing.Release(); }
                for (var start = 0; start < batch.Count; start += InFlight)
                {
                    var results = new List<(SendRecipient Recipient, Answer Answer)>();
                    foreach (var recipient in held)
                    {
                        Answer answer;
                        try
                        {
                            client ??= await mailer.ConnectAsync(cancellation);
                            var issue = await IssueAsync(db, recipient.SendId, cancellation);
                            if (pace is not null) using (await pace.AcquireAsync(1, cancellation)) { }
                            var response = await client.SendAsync(issue.Compose(recipient, issue.UnsubscribeUrl(unsubscribe, recipient)), cancellation);
                            answer = Answer.Accepted(response);
                            sent++;
                        }
                        catch (SmtpCommandException refused)
                        {
                            answer = Answer.Refused((int)refused.StatusCode, refused.Message);
                        }
                        catch (Exception broken) when (broken is not OperationCanceledException)
                        {
                            // The connection or the server failed, not the address: try again later on a new connection.
                            client?.Dispose();
                            client = null;
                            answer = Answer.Refused(421, $"{broken.GetType().Name}: {broken.Message}");
                        }
                        results.Add((recipient, answer));
                    }
                    // One commit a chunk: these answers, and the next chunk marked "sending".
                    var lost = held.Count < chunk.Count;
                    chunk = lost ? [] : batch.Skip(start + InFlight).Take(InFlight).ToList();
                    await writing.WaitAsync(CancellationToken.None); // the answers are written even when stopping
                    try
                    {
                        await using var recording = await db.Database.BeginTransactionAsync(CancellationToken.None);
                        await RecordAsync(db, results, CancellationToken.None);
                        held = chunk.Count > 0 ? await HoldAsync(db, claim, chunk, batch.Skip(start + 2 * InFlight).Select(r => r.Id).ToList(), lease, CancellationToken.None) : [];
                        await recording.CommitAsync(CancellationToken.None);
                    }
                    finally { writing.Release(); }
                    if (lost || chunk.Count == 0) break; // a lease ran out and another worker took rows over: leave the rest to it
                }
            }
        }
        finally
        {
            if (client is not null)
            {
                try { await client.DisconnectAsync(quit: true, CancellationToken.None); } catch (Exception) { } // going anyway
                client.Dispose();
            }
        }
    }

    private async Task<List<SendRecipient>> ClaimAsync(MastheadDb db, CancellationToken cancellation)
    {
        await writing.WaitAsync(cancellation);
        try
        {
            var now = Now;
            // A read first: an idle poll takes no writer's lock.
            if (!await db.SendRecipients.AnyAsync(r => r.State == DeliveryState.Pending && r.DueAt <= now && (r.ClaimedUntil == null || r.ClaimedUntil < now), cancellation))
                return [];
            var locking = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            var due = $$"""
                SELECT * FROM "SendRecipients"
                WHERE "State" = 0 AND "DueAt" <= {0} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {0})
                ORDER BY "Id" LIMIT {1} {{locking}}
                """;
            var batch = await db.SendRecipients.FromSqlRaw(due, now, settings.BatchSize).ToListAsync(cancellation);
            var claim = Guid.NewGuid();
            foreach (var recipient in batch)
            {
                recipient.ClaimId = claim;
                recipient.ClaimedUntil = now + TimeSpan.FromSeconds(settings.LeaseSeconds);
                recipient.Attempts++;
            }
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            db.ChangeTracker.Clear();
            return batch;
        }
        finally { writing.Release(); }
    }

    /// <summary>
    /// Marks the next chunk "sending" (only rows this batch still holds), in the caller's transaction.
    /// Returns the rows marked; fewer than asked when a lease ran out and another worker took some over.
    /// </summary>
    private async Task<List<SendRecipient>> HoldAsync(MastheadDb db, Guid? claim, List<SendRecipient> chunk, List<long> rest, Lease lease,
        CancellationToken cancellation)
    {
        var until = Now + TimeSpan.FromSeconds(settings.LeaseSeconds);
        var ids = chunk.Select(r => r.Id).ToList();
        var marked = await db.SendRecipients.Where(r => ids.Contains(r.Id) && r.ClaimId == claim && r.State == DeliveryState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, DeliveryState.Sending).SetProperty(r => r.ClaimedUntil, until), cancellation);
        // The rest of the batch keeps its lease; renewed once half of it is spent (a slow or rate-limited server).
        if (rest.Count > 0 && Now > lease.Until - TimeSpan.FromSeconds(settings.LeaseSeconds / 2.0))
        {
            await db.SendRecipients.Where(r => rest.Contains(r.Id) && r.ClaimId == claim && r.State == DeliveryState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedUntil, until), cancellation);
            lease.Until = until;
        }
        if (marked == chunk.Count) return chunk;
        var mine = await db.SendRecipients.Where(r => ids.Contains(r.Id) && r.ClaimId == claim && r.State == DeliveryState.Sending)
            .Select(r => r.Id).ToListAsync(cancellation);
        return chunk.Where(r => mine.Contains(r.Id)).ToList();
    }

    /// <summary>Writes each answer, in the caller's transaction.</summary>
    private async Task RecordAsync(MastheadDb db, List<(SendRecipient Recipient, Answer Answer)> results, CancellationToken cancellation)
    {
        var now = Now;
        var accepted = results.Where(r => r.Answer.Code < 400).Select(r => r.Recipient.Id).ToList();
        if (accepted.Count > 0)
            await db.SendRecipients.Where(r => accepted.Contains(r.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, DeliveryState.Accepted).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.ClaimedUntil, (DateTime?)null), cancellation);
        foreach (var (recipient, answer) in results.Where(r => r.Answer.Code >= 400))
        {
            var permanent = answer.Code >= 500;
            var giveUp = permanent || recipient.Attempts >= settings.MaxAttempts;
            var due = now + TimeSpan.FromMinutes(Math.Pow(2, Math.Min(recipient.Attempts - 1, 10)));
            await db.SendRecipients.Where(r => r.Id == recipient.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, giveUp ? DeliveryState.Failed : DeliveryState.Pending)
                .SetProperty(r => r.FinishedAt, giveUp ? now : (DateTime?)null)
                .SetProperty(r => r.DueAt, giveUp ? recipient.DueAt : due)
                .SetProperty(r => r.ClaimedUntil, (DateTime?)null)
                .SetProperty(r => r.Response, answer.Text), cancellation);
            if (permanent && recipient.MemberId is { } member)
                await db.Members.Where(m => m.Id == member).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.BouncedAt, now).SetProperty(m => m.BounceReason, answer.Text), cancellation);
        }
    }

    /// <summary>Until when the rows of a batch not yet sent are held.</summary>
    private sealed class Lease(DateTime until)
    {
        public DateTime Until { get; set; } = until;
    }

    private async Task<NewsletterIssue> IssueAsync(MastheadDb db, int sendId, CancellationToken cancellation)
    {
        lock (issues) { if (issues.TryGetValue(sendId, out var ready)) return ready; }
        var send = await db.NewsletterSends.AsNoTracking().Include(s => s.Newsletter).SingleAsync(s => s.Id == sendId, cancellation);
        var issue = await NewsletterIssue.PrepareAsync(db, theme, send, mailer.Options.Sender, cancellation);
        lock (issues)
        {
            if (issues.Count > 50) issues.Clear();
            return issues.TryAdd(sendId, issue) ? issue : issues[sendId];
        }
    }

    private readonly record struct Answer(int Code, string Text)
    {
        public static Answer Accepted(string response) => new(250, Shorten(response));
        public static Answer Refused(int code, string text) => new(code, Shorten($"{code} {text}"));
        private static string Shorten(string text) => text.Length <= 1000 ? text : text[..1000];
    }
}
