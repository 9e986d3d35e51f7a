using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Members;

/// <summary>A link to mail: where it goes, why, and the token that its address carries.</summary>
public sealed record PendingLink(LinkPurpose Purpose, string Email, string? Name, string Token, string? ReturnPath);

/// <summary>
/// The one owner of members' own writes: sign-up and sign-in by one-time links, the account page's changes, deleting
/// an account. Requests for links answer alike for known and unknown addresses; the caller mails what comes back.
/// </summary>
public sealed class MemberAccounts(MastheadDb db, TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);
    /// <summary>Links one address may be sent in an hour; past it, requests are answered as usual and nothing is mailed.</summary>
    public const int LinksPerAddressPerHour = 5;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static string? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) || email.Length > 320 || !new EmailAddressAttribute().IsValid(email.Trim()) || email.Contains(' ')
            ? "Give an email address such as name@example.org." : null;

    /// <summary>
    /// A sign-up link for a new address, a sign-in link for a member's own (they are already one); null when the
    /// address has had its share of links this hour.
    /// </summary>
    public async Task<Outcome<PendingLink?>> RequestSignUpAsync(string? email, string? name, IReadOnlyCollection<int> newsletterIds,
        string? returnPath, CancellationToken cancellation = default)
    {
        if (EmailProblem(email) is { } problem) return Refusal.Invalid("email", problem);
        if (name?.Length > 300) return Refusal.Invalid("name", "Keep the name under 300 characters.");
        var address = Normalize(email!);
        var member = await db.Members.AsNoTracking().Where(m => m.Email == address).Select(m => (int?)m.Id).SingleOrDefaultAsync(cancellation);
        return member is { } id
            ? await IssueAsync(LinkPurpose.SignIn, address, null, null, id, returnPath, cancellation)
            : await IssueAsync(LinkPurpose.SignUp, address, Clean(name), string.Join(' ', newsletterIds), null, returnPath, cancellation);
    }

    /// <summary>A sign-in link for a member; for an unknown address, a link that creates the account (the reader asked to be let in).</summary>
    public Task<Outcome<PendingLink?>> RequestSignInAsync(string? email, string? returnPath, CancellationToken cancellation = default) =>
        RequestSignUpAsync(email, null, [], returnPath, cancellation);

    public async Task<Outcome<PendingLink?>> RequestEmailChangeAsync(int memberId, string? email, CancellationToken cancellation = default)
    {
        if (EmailProblem(email) is { } problem) return Refusal.Invalid("email", problem);
        var address = Normalize(email!);
        // Taken or not, the answer is the same: the link is mailed to the new address, and a taken one fails when followed.
        return await IssueAsync(LinkPurpose.EmailChange, address, null, null, memberId, "/account/", cancellation);
    }

    private async Task<Outcome<PendingLink?>> IssueAsync(LinkPurpose purpose, string email, string? name, string? newsletters, int? memberId,
        string? returnPath, CancellationToken cancellation)
    {
        var hourAgo = Now.AddHours(-1);
        if (await db.MemberLinks.CountAsync(l => l.Email == email && l.CreatedAt > hourAgo, cancellation) >= LinksPerAddressPerHour)
            return (PendingLink?)null;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var path = LocalPath(returnPath);
        db.MemberLinks.Add(new MemberLink
        {
            TokenHash = Hash(token), Purpose = purpose, Email = email, Name = name, NewsletterIds = newsletters, MemberId = memberId,
            CreatedAt = Now, ExpiresAt = Now + LinkLifetime, ReturnPath = path,
        });
        await db.SaveChangesAsync(cancellation);
        return new PendingLink(purpose, email, name, token, path);
    }

    /// <summary>The link behind a token while it may still be followed, for the page that asks to confirm.</summary>
    public Task<MemberLink?> FindLinkAsync(string token, CancellationToken cancellation = default)
    {
        var hash = Hash(token);
        var now = Now;
        return db.MemberLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, cancellation);
    }

    /// <summary>Follows a link, once: the member it signs in (made now for a sign-up), or why not.</summary>
    public async Task<Outcome<(Member Member, string? ReturnPath)>> RedeemAsync(string token, CancellationToken cancellation = default)
    {
        var hash = Hash(token);
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        // Spending the link and checking it are one statement: two clicks at once cannot both get in.
        var spent = await db.MemberLinks.Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellation);
        if (spent == 0) return Refusal.NotFound("That link has been used or has run out. Ask for a new one.");
        var link = await db.MemberLinks.AsNoTracking().SingleAsync(l => l.TokenHash == hash, cancellation);

        Member? member;
        switch (link.Purpose)
        {
            case LinkPurpose.EmailChange:
                member = await db.Members.SingleOrDefaultAsync(m => m.Id == link.MemberId, cancellation);
                if (member is null) return Refusal.NotFound("That account no longer exists.");
                if (await db.Members.AnyAsync(m => m.Email == link.Email && m.Id != member.Id, cancellation))
                    return Refusal.Conflict($"{link.Email} already belongs to another account.");
                member.Email = link.Email;
                member.SecurityStamp = Guid.NewGuid().ToString("N");
                break;
            default:
                member = await db.Members.SingleOrDefaultAsync(m => m.Email == link.Email, cancellation);
                if (member is null)
                {
                    member = new Member { Email = link.Email, Name = link.Name, CreatedAt = now };
                    var chosen = (link.NewsletterIds ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
                    member.Newsletters.AddRange(await db.Newsletters.Where(n => n.Active && chosen.Contains(n.Id)).ToListAsync(cancellation));
                    db.Members.Add(member);
                }
                break;
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return (member, link.ReturnPath);
    }

    public Task<Member?> FindAsync(int id, CancellationToken cancellation = default) =>
        db.Members.Include(m => m.Tier).Include(m => m.Newsletters).Include(m => m.Labels).AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == id, cancellation);

    /// <summary>The account page's save: the name and the newsletters chosen.</summary>
    public async Task<Outcome<Member>> UpdateAsync(int memberId, string? name, IReadOnlyCollection<int> newsletterIds, CancellationToken cancellation = default)
    {
        if (name?.Length > 300) return Refusal.Invalid("name", "Keep the name under 300 characters.");
        var member = await db.Members.Include(m => m.Newsletters).SingleOrDefaultAsync(m => m.Id == memberId, cancellation);
        if (member is null) return Refusal.NotFound("That account no longer exists.");
        member.Name = Clean(name);
        member.Newsletters.Clear();
        member.Newsletters.AddRange(await db.Newsletters.Where(n => n.Active && newsletterIds.Contains(n.Id)).ToListAsync(cancellation));
        await db.SaveChangesAsync(cancellation);
        return member;
    }

    /// <summary>Unsubscribes from one newsletter, or from all when <paramref name="newsletterId"/> is null: the signed unsubscribe link's work.</summary>
    public async Task<Outcome<Member>> UnsubscribeAsync(int memberId, int? newsletterId, CancellationToken cancellation = default)
    {
        var member = await db.Members.Include(m => m.Newsletters).SingleOrDefaultAsync(m => m.Id == memberId, cancellation);
        if (member is null) return Refusal.NotFound("That subscription no longer exists.");
        member.Newsletters.RemoveAll(n => newsletterId is null || n.Id == newsletterId);
        await db.SaveChangesAsync(cancellation);
        return member;
    }

    /// <summary>Deletes the account and everything kept about it; its links go with it.</summary>
    public async Task<Outcome<Done>> DeleteAsync(int memberId, CancellationToken cancellation = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        // Subscriptions and labels are join rows that the store deletes with the member (ON DELETE CASCADE).
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, cancellation);
        if (member is null) return Refusal.NotFound("That account no longer exists.");
        await db.MemberLinks.Where(l => l.MemberId == memberId || l.Email == member.Email).ExecuteDeleteAsync(cancellation);
        db.Members.Remove(member);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return Done.Value;
    }

    private static string? Clean(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    /// <summary>Only a path on this site: a link never sends the reader elsewhere.</summary>
    private static string? LocalPath(string? path) =>
        path is { Length: > 0 and <= 500 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) ? path : null;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
