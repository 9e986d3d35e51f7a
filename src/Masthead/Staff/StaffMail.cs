using Masthead.Data;
using Masthead.Mail;
using Masthead.Publishing.Addresses;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

/// <summary>The mail staff accounts send: invitations and password resets. Without mail configured, nothing is sent and the caller shows the link.</summary>
public sealed class StaffMail(MailQueue mail, MastheadDb db, SiteAddress address)
{
    public bool CanSend => mail.IsConfigured;

    public string InvitationLink(string token) => address.Absolute("/admin/invite/" + token);

    /// <summary>Mails the invitation; false (nothing sent) when there is no mail server.</summary>
    public async Task<bool> InviteAsync(StaffMember member, string token, string invitedBy, CancellationToken cancellation = default)
    {
        if (!mail.IsConfigured) return false;
        var site = await SiteNameAsync(cancellation);
        mail.Enqueue(Letters.WithLink(member.Email, member.Name, $"You are invited to {site}", site,
            [$"Hello {member.Name},", $"{invitedBy} has invited you to join {site} as {Article(member.Role)} {member.Role}.",
             $"Follow the link to choose your password. It works once, for {StaffAccounts.InvitationLifetime.TotalDays:0} days."],
            "Accept the invitation", InvitationLink(token)));
        return true;
    }

    public async Task ResetAsync(StaffMember member, string token, CancellationToken cancellation = default)
    {
        var site = await SiteNameAsync(cancellation);
        mail.Enqueue(Letters.WithLink(member.Email, member.Name, $"Reset your password for {site}", site,
            [$"Hello {member.Name},", $"Someone asked to reset the password of your {site} account. Follow the link to choose a new one; " +
             $"it works once, for {StaffAccounts.ResetLifetime.TotalMinutes:0} minutes, and signs you out everywhere else."],
            "Choose a new password", address.Absolute("/admin/reset/" + token),
            "If you did not ask for this, ignore this message: your password stays as it is."));
    }

    private async Task<string> SiteNameAsync(CancellationToken cancellation) =>
        await db.SiteSettings.AsNoTracking().Select(s => s.Name).SingleOrDefaultAsync(cancellation) ?? "Masthead";

    private static string Article(StaffRole role) => role is StaffRole.Editor or StaffRole.Author or StaffRole.Administrator ? "an" : "a";
}
