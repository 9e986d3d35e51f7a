using Masthead.Data;
using Masthead.Publishing.Addresses;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Masthead.Newsletters;

/// <summary>The one owner of the newsletters themselves (name, sender, reply-to); sends are <see cref="NewsletterSends"/>'.</summary>
public sealed class NewsletterEditor(MastheadDb db)
{
    /// <summary>The one find-or-create by slug, for imports and the archive; staged with the caller's save.</summary>
    public async Task<Newsletter> FindOrCreateAsync(string name, string? slug, string? description, string? senderName, string? replyTo,
        bool subscribeOnSignUp, bool active, CancellationToken cancellation = default)
    {
        slug = Slugs.From(slug ?? name) is { Length: > 0 } made ? made : "newsletter-" + Guid.NewGuid().ToString("N")[..8];
        var newsletter = db.ChangeTracker.Entries<Newsletter>().Select(e => e.Entity).FirstOrDefault(n => n.Slug == slug)
                         ?? await db.Newsletters.SingleOrDefaultAsync(n => n.Slug == slug, cancellation);
        if (newsletter is not null) return newsletter;
        return db.Newsletters.Add(new Newsletter
        {
            Name = name.Length > 200 ? name[..200] : name, Slug = slug, Description = Publishing.Body.PlainText.TrimmedOrNull(description),
            SenderName = Publishing.Body.PlainText.TrimmedOrNull(senderName),
            ReplyTo = replyTo is { } address && MailboxAddress.TryParse(address, out _) ? address : null,
            SubscribeOnSignUp = subscribeOnSignUp, Active = active, Position = await db.Newsletters.CountAsync(cancellation),
        }).Entity;
    }

    public async Task<Outcome<Newsletter>> CreateAsync(string? name, string? description, string? senderName, string? replyTo, bool subscribeOnSignUp,
        CancellationToken cancellation = default)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors["NewName"] = "Give the newsletter a name (up to 200 characters).";
        if (!string.IsNullOrWhiteSpace(replyTo) && !MailboxAddress.TryParse(replyTo.Trim(), out _)) errors["NewReplyTo"] = "Give the reply-to as an address, such as letters@example.org.";
        if (senderName?.Length > 200) errors["NewSenderName"] = "Keep the sender name under 200 characters.";
        var slug = Slugs.From(name ?? "");
        if (errors.Count == 0 && slug.Length == 0) errors["NewName"] = "The name needs letters or digits.";
        if (errors.Count == 0 && await db.Newsletters.AnyAsync(n => n.Slug == slug, cancellation)) errors["NewName"] = "There is a newsletter of that name already.";
        if (errors.Count > 0) return Refusal.Invalid(errors);
        var newsletter = new Newsletter
        {
            Name = name!.Trim(), Slug = slug, Description = Publishing.Body.PlainText.TrimmedOrNull(description),
            SenderName = Publishing.Body.PlainText.TrimmedOrNull(senderName), ReplyTo = Publishing.Body.PlainText.TrimmedOrNull(replyTo),
            SubscribeOnSignUp = subscribeOnSignUp, Position = await db.Newsletters.CountAsync(cancellation),
        };
        db.Newsletters.Add(newsletter);
        await db.SaveChangesAsync(cancellation);
        return newsletter;
    }
}
