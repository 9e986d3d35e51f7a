using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Theme;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Masthead.Newsletters;

/// <summary>What the email template sees of the newsletter.</summary>
public sealed record NewsletterView(string Name, string? Description, string SenderName);

/// <summary>
/// One send, rendered once: the whole article and its preview, each as HTML (the theme's <c>email.liquid</c>) and as
/// plain text. Each message is then these strings with the recipient's own unsubscribe address put in.
/// </summary>
public sealed class NewsletterIssue
{
    /// <summary>Stands in the rendered text for each recipient's unsubscribe address.</summary>
    private const string UnsubscribeSlot = "https://unsubscribe.invalid/slot";

    private (string Html, string Text) whole, preview;
    private MailboxAddress from = null!;
    private string? replyTo;
    private string listId = "";
    private string siteUrl = "";
    private int newsletterId;

    public required NewsletterSend Send { get; init; }

    public static async Task<NewsletterIssue> PrepareAsync(MastheadDb db, ThemeRenderer theme, NewsletterSend send, MailboxAddress sender,
        CancellationToken cancellation)
    {
        var newsletter = send.Newsletter ?? await db.Newsletters.AsNoTracking().SingleAsync(n => n.Id == send.NewsletterId, cancellation);
        var site = await SiteView.LoadAsync(db, cancellation) with { BaseUrl = send.SiteUrl.TrimEnd('/') };
        var slug = await db.Articles.AsNoTracking().Where(a => a.Id == send.ArticleId).Select(a => a.Slug).SingleAsync(cancellation);
        var full = await ArticleQueries.PublishedBySlugAsync(db, slug, site.Zone, _ => Task.FromResult(true), cancellation)
            ?? throw new InvalidOperationException($"article {send.ArticleId} is no longer published");
        var opening = await ArticleQueries.PublishedBySlugAsync(db, slug, site.Zone, _ => Task.FromResult(false), cancellation);
        var view = new NewsletterView(newsletter.Name, newsletter.Description, newsletter.SenderName ?? site.Name);
        var issue = new NewsletterIssue
        {
            Send = send,
            from = new MailboxAddress(view.SenderName, sender.Address),
            replyTo = newsletter.ReplyTo,
            listId = $"{newsletter.Name} <{newsletter.Slug}.{new Uri(site.BaseUrl).Host}>",
            siteUrl = site.BaseUrl,
            newsletterId = newsletter.Id,
        };
        issue.whole = await RenderAsync(theme, site, full, view);
        issue.preview = await RenderAsync(theme, site, opening!, view);
        return issue;
    }

    private static async Task<(string Html, string Text)> RenderAsync(ThemeRenderer theme, SiteView site, ArticleView article, NewsletterView newsletter)
    {
        var body = InlineStyles(site.AbsoluteLinks(article.BodyHtml));
        var html = await theme.RenderAsync("email", new Dictionary<string, object?>
        {
            ["site"] = site, ["article"] = article with { BodyHtml = body }, ["newsletter"] = newsletter,
            ["view_url"] = site.Absolute(article.Url), ["membership_url"] = site.Absolute(site.MembershipUrl), ["unsubscribe_url"] = UnsubscribeSlot,
        });
        return (html, Text(site, article, body, newsletter));
    }

    /// <summary>Mail programs drop style sheets: the body's elements carry their looks themselves.</summary>
    private static string InlineStyles(string body)
    {
        var document = new HtmlParser().ParseDocument("<body>" + body + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("p, blockquote, a, img, h2, h3, ul, ol, figure, figcaption"))
            element.SetAttribute("style", element.LocalName switch
            {
                "p" => "margin:0 0 16px 0;",
                "blockquote" => "margin:0 0 16px 0;padding:0 0 0 16px;border-left:3px solid #cccccc;color:#444444;font-style:italic;",
                "a" => "color:#1a1a1a;text-decoration:underline;",
                "img" => "max-width:100%;height:auto;",
                "figcaption" => "font-size:14px;color:#555555;",
                "h2" or "h3" => "margin:24px 0 12px 0;line-height:1.3;",
                _ => "margin:0 0 16px 0;",
            });
        return document.Body.InnerHtml;
    }

    /// <summary>The plain-text part: headline, byline, each block of the body as a paragraph with its links written out, the notices.</summary>
    private static string Text(SiteView site, ArticleView article, string body, NewsletterView newsletter)
    {
        var text = new StringBuilder();
        text.Append(article.Headline).Append("\n\n");
        if (article.Bylines.Count > 0) text.Append("By ").AppendJoin(", ", article.Bylines.Select(b => b.Name)).Append("\n\n");
        foreach (var block in new HtmlParser().ParseDocument("<body>" + body + "</body>").Body!.Children)
        {
            foreach (var link in block.QuerySelectorAll("a[href]").ToList())
                link.TextContent = $"{link.TextContent} ({link.GetAttribute("href")})";
            var paragraph = Publishing.Body.PlainText.Fold(block.TextContent);
            if (paragraph.Length > 0) text.Append(block.LocalName == "blockquote" ? "> " + paragraph : paragraph).Append("\n\n");
        }
        if (article.Gated) text.Append("The rest of this article is for members: ").Append(site.Absolute(site.MembershipUrl)).Append("\n\n");
        text.Append("Read it on the site: ").Append(site.Absolute(article.Url)).Append("\n\n");
        text.Append("-- \n").Append(newsletter.SenderName).Append(" · ").Append(newsletter.Name).Append('\n');
        text.Append("Unsubscribe: ").Append(UnsubscribeSlot).Append('\n');
        return text.ToString();
    }

    /// <summary>The signed address that unsubscribes this recipient without signing in.</summary>
    public string UnsubscribeUrl(IDataProtector protector, SendRecipient recipient) =>
        $"{siteUrl}/newsletters/unsubscribe/{protector.Protect(recipient.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    public MimeMessage Compose(SendRecipient recipient, string unsubscribeUrl)
    {
        var (html, text) = recipient.Full ? whole : preview;
        var message = new MimeMessage { Subject = Send.Subject };
        // A new address each time: MimeKit's address lists listen to their addresses' changes, so one shared address
        // would keep every message ever sent alive through its event handlers.
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        if (replyTo is { Length: > 0 } && MailboxAddress.TryParse(replyTo, out var reply)) message.ReplyTo.Add(reply);
        message.To.Add(MailboxAddress.Parse(recipient.Email));
        // One id per recipient row: a message that is somehow handed over twice is the same message to the receiving side.
        message.MessageId = $"send-{Send.Id}-{recipient.Id}@{new Uri(siteUrl).Host}";
        message.Headers.Add("List-Id", listId);
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("X-Masthead-Newsletter", newsletterId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Body = new BodyBuilder
        {
            HtmlBody = html.Replace(UnsubscribeSlot, WebUtility.HtmlEncode(unsubscribeUrl), StringComparison.Ordinal),
            TextBody = text.Replace(UnsubscribeSlot, unsubscribeUrl, StringComparison.Ordinal),
        }.ToMessageBody();
        return message;
    }
}
