using System.Security.Cryptography;
using System.Text;
using Masthead.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

public enum LoginOutcome { Success, Invalid, TooManyAttempts }

/// <summary>Accounts: the one-time owner setup, logins with lockout, invitations. Passwords only ever as PasswordHasher hashes.</summary>
public sealed class StaffAccounts(MastheadDb db, TimeProvider clock, LoginThrottle throttle)
{
    /// <summary>A session ends 7 days after the last visit (the cookie's sliding expiry), and at the latest after this.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    private static readonly PasswordHasher<StaffMember> Hasher = new();
    /// <summary>What an unknown address is checked against, so that it costs the same hashing as a known one.</summary>
    private static readonly string StandInHash = Hasher.HashPassword(new StaffMember { Email = "", Name = "" }, Guid.NewGuid().ToString());

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<bool> AnyAsync(CancellationToken cancellation = default) => db.Staff.AnyAsync(cancellation);

    /// <summary>Why this password will not do for the account of <paramref name="name"/> at <paramref name="email"/>, or null.</summary>
    public async Task<string?> PasswordProblemAsync(string? password, string? name, string? email, CancellationToken cancellation = default)
    {
        var siteName = await db.SiteSettings.AsNoTracking().Select(s => s.Name).SingleOrDefaultAsync(cancellation);
        return PasswordRules.Problem(password, name, email, siteName);
    }

    /// <summary>Creates the owner, only while there is no staff at all; returns null when setup is already done.</summary>
    public async Task<StaffMember?> SetUpOwnerAsync(string name, string email, string password, CancellationToken cancellation = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellation);
        if (await db.Staff.AnyAsync(cancellation)) return null;
        var owner = new StaffMember { Name = name.Trim(), Email = Normalize(email), Role = StaffRole.Owner, CreatedAt = Now };
        owner.PasswordHash = Hasher.HashPassword(owner, password);
        db.Staff.Add(owner);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return owner;
    }

    /// <summary>Checks a password from <paramref name="client"/>; see <see cref="LoginThrottle"/> for who waits and why.</summary>
    public async Task<(LoginOutcome Outcome, StaffMember? Staff, TimeSpan Wait)> LogInAsync(string? email, string? password, string client,
        CancellationToken cancellation = default)
    {
        password ??= "";
        var normalized = Normalize(email ?? "");
        if (await throttle.WaitAsync(client, normalized, cancellation) is { } wait) return (LoginOutcome.TooManyAttempts, null, wait);
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Email == normalized, cancellation);
        // Unknown addresses and invitations not yet accepted hash too: the time taken tells nothing.
        var verdict = Hasher.VerifyHashedPassword(staff ?? new StaffMember { Email = "", Name = "" }, staff?.PasswordHash ?? StandInHash, password);
        if (staff?.PasswordHash is null || verdict == PasswordVerificationResult.Failed)
        {
            await throttle.FailedAsync(client, normalized, cancellation);
            return (LoginOutcome.Invalid, null, TimeSpan.Zero);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) staff.PasswordHash = Hasher.HashPassword(staff, password);
        await db.SaveChangesAsync(cancellation);
        await throttle.SucceededAsync(client, normalized, cancellation);
        return (LoginOutcome.Success, staff, TimeSpan.Zero);
    }

    /// <summary>A new session for this browser: the row the cookie's token names (and older ones of theirs pruned).</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> StartSessionAsync(StaffMember staff, CancellationToken cancellation = default)
    {
        var stale = Now - SessionLifetime;
        await db.StaffSessions.Where(s => s.StaffId == staff.Id && s.CreatedAt < stale).ExecuteDeleteAsync(cancellation);
        var token = RandomNumberGenerator.GetHexString(40, lowercase: true);
        db.StaffSessions.Add(new StaffSession { StaffId = staff.Id, TokenHash = Hash(token), CreatedAt = Now });
        await db.SaveChangesAsync(cancellation);
        return StaffAuthentication.Principal(staff, token);
    }

    /// <summary>Logging out: the session's row goes, so its cookie is refused from now on, wherever it is.</summary>
    public async Task EndSessionAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellation = default)
    {
        if (user.FindFirst(StaffAuthentication.SessionClaim)?.Value is not { } token) return;
        var hash = Hash(token);
        await db.StaffSessions.Where(s => s.TokenHash == hash).ExecuteDeleteAsync(cancellation);
    }

    /// <summary>The session's member when the cookie's token still names a session of theirs, else null.</summary>
    public static Task<StaffMember?> SessionMemberAsync(MastheadDb db, int staffId, string? token, CancellationToken cancellation = default)
    {
        var hash = token is null ? "" : Hash(token);
        return db.StaffSessions.AsNoTracking().Where(s => s.TokenHash == hash && s.StaffId == staffId).Select(s => s.Staff)
            .SingleOrDefaultAsync(cancellation);
    }

    /// <summary>The owner manages everyone else; administrators manage everyone below them.</summary>
    public static bool MayManage(StaffMember me, StaffMember member) =>
        member.Role != StaffRole.Owner && (me.Role == StaffRole.Owner || member.Role > me.Role);

    /// <summary>Only the owner makes administrators, and nobody makes a second owner.</summary>
    public static bool MayGrant(StaffMember me, StaffRole role) =>
        role != StaffRole.Owner && (role != StaffRole.Administrator || me.Role == StaffRole.Owner);

    /// <summary>Invites a new member on behalf of <paramref name="me"/>; the outcome is the account and the one-time token of its invitation link.</summary>
    public async Task<Outcome<(StaffMember Member, string Token)>> InviteAsync(StaffMember me, string? name, string? email, StaffRole role, int? personId,
        CancellationToken cancellation = default)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name)) errors["Name"] = "A name is required.";
        if (string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
            errors["Email"] = "A valid email address is required.";
        else if (await db.Staff.AnyAsync(s => s.Email == Normalize(email), cancellation))
            errors["Email"] = "Someone on the staff already has that email.";
        if (!MayGrant(me, role)) errors["Role"] = "Only the owner can make administrators, and there is one owner.";
        if (errors.Count > 0) return Refusal.Invalid(errors);
        var invited = new StaffMember { Name = name!.Trim(), Email = email!, Role = role, PersonId = personId };
        return (invited, await InviteAsync(invited, cancellation));
    }

    public async Task<Outcome<StaffMember>> ChangeRoleAsync(StaffMember me, int staffId, StaffRole role, int? personId, CancellationToken cancellation = default)
    {
        var member = await db.Staff.FindAsync([staffId], cancellation);
        if (member is null) return Refusal.NotFound("That member no longer exists.");
        if (!MayManage(me, member) || !MayGrant(me, role)) return Refusal.Forbidden();
        // A new role signs out every session the member has: their cookies carry the old one.
        if (member.Role != role) member.SecurityStamp = Guid.NewGuid().ToString("N");
        (member.Role, member.PersonId) = (role, personId);
        await db.SaveChangesAsync(cancellation);
        return member;
    }

    public async Task<Outcome<StaffMember>> RemoveAsync(StaffMember me, int staffId, CancellationToken cancellation = default)
    {
        var member = await db.Staff.FindAsync([staffId], cancellation);
        if (member is null) return Refusal.NotFound("That member no longer exists.");
        if (!MayManage(me, member) || member.Id == me.Id) return Refusal.Forbidden();
        db.Staff.Remove(member);
        await db.SaveChangesAsync(cancellation);
        return member;
    }

    /// <summary>Creates an account without a password and returns the one-time token of its invitation link.</summary>
    public async Task<string> InviteAsync(StaffMember staff, CancellationToken cancellation = default)
    {
        var token = NewToken();
        staff.Email = Normalize(staff.Email);
        staff.InviteTokenHash = Hash(token);
        staff.InviteExpiresAt = Now + InvitationLifetime;
        staff.CreatedAt = Now;
        db.Staff.Add(staff);
        await db.SaveChangesAsync(cancellation);
        return token;
    }

    /// <summary>A new link for an invitation not yet accepted (the old link stops working); the outcome is its token.</summary>
    public async Task<Outcome<(StaffMember Member, string Token)>> RenewInvitationAsync(StaffMember me, int staffId, CancellationToken cancellation = default)
    {
        var member = await db.Staff.FindAsync([staffId], cancellation);
        if (member is null) return Refusal.NotFound("That member no longer exists.");
        if (!MayManage(me, member)) return Refusal.Forbidden();
        if (member.PasswordHash is not null) return Refusal.Conflict($"{member.Name} has already accepted the invitation.");
        var token = NewToken();
        member.InviteTokenHash = Hash(token);
        member.InviteExpiresAt = Now + InvitationLifetime;
        await db.SaveChangesAsync(cancellation);
        return (member, token);
    }

    /// <summary>Starts a password reset for an account that has a password; null for any other address (the caller says the same either way).</summary>
    public async Task<(StaffMember Member, string Token)?> StartResetAsync(string? email, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var normalized = Normalize(email);
        var member = await db.Staff.SingleOrDefaultAsync(s => s.Email == normalized && s.PasswordHash != null, cancellation);
        if (member is null) return null;
        var token = NewToken();
        member.ResetTokenHash = Hash(token);
        member.ResetExpiresAt = Now + ResetLifetime;
        await db.SaveChangesAsync(cancellation);
        return (member, token);
    }

    public Task<StaffMember?> FindResetAsync(string token, CancellationToken cancellation = default)
    {
        var hash = Hash(token);
        var now = Now;
        return db.Staff.SingleOrDefaultAsync(s => s.ResetTokenHash == hash && s.ResetExpiresAt > now, cancellation);
    }

    /// <summary>Sets the new password; the link is spent and every session the member had ends (their security stamp moves).</summary>
    public async Task ResetPasswordAsync(StaffMember staff, string password, CancellationToken cancellation = default)
    {
        SetPassword(staff, password);
        staff.ResetTokenHash = null;
        staff.ResetExpiresAt = null;
        await db.SaveChangesAsync(cancellation);
    }

    public Task<StaffMember?> FindInvitationAsync(string token, CancellationToken cancellation = default)
    {
        var hash = Hash(token);
        var now = Now;
        return db.Staff.SingleOrDefaultAsync(s => s.InviteTokenHash == hash && s.InviteExpiresAt > now, cancellation);
    }

    public async Task AcceptInvitationAsync(StaffMember staff, string password, CancellationToken cancellation = default)
    {
        SetPassword(staff, password);
        staff.InviteTokenHash = null;
        staff.InviteExpiresAt = null;
        await db.SaveChangesAsync(cancellation);
    }

    public static void SetPassword(StaffMember staff, string password)
    {
        staff.PasswordHash = Hasher.HashPassword(staff, password);
        staff.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
