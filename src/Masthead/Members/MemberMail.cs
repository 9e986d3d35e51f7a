using Masthead.Mail;
using Masthead.Publishing.Addresses;

namespace Masthead.Members;

/// <summary>The links members are mailed: confirm a sign-up, sign in, confirm a new address.</summary>
public sealed class MemberMail(MailQueue mail, SiteAddress address)
{
    public bool CanSend => mail.IsConfigured;

    public void Send(PendingLink link, string siteName)
    {
        var url = address.Absolute("/members/link/" + link.Token);
        var minutes = $"It works once, for {MemberAccounts.LinkLifetime.TotalMinutes:0} minutes.";
        mail.Enqueue(link.Purpose switch
        {
            LinkPurpose.SignUp => Letters.WithLink(link.Email, link.Name, $"Confirm your membership of {siteName}", siteName,
                [$"Thank you for joining {siteName}. Follow the link to confirm your address and finish signing up.", minutes],
                "Confirm and sign in", url, "If you did not ask for this, ignore this message: no account is made until the link is followed."),
            LinkPurpose.SignIn => Letters.WithLink(link.Email, link.Name, $"Sign in to {siteName}", siteName,
                [$"Follow the link to sign in to {siteName}.", minutes],
                "Sign in", url, "If you did not ask for this, ignore this message."),
            _ => Letters.WithLink(link.Email, link.Name, $"Confirm your new address for {siteName}", siteName,
                [$"Follow the link to make this your address for {siteName}.", minutes],
                "Confirm this address", url, "If you did not ask for this, ignore this message: nothing changes."),
        });
    }
}
