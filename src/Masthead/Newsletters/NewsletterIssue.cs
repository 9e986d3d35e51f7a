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
/// plain text, kept as UTF-8 pieces around the unsubscribe address. Each message is these pieces read in turn with the
/// recipient's own address between them: nothing the size of the body is made per message.
/// </summary>
public sealed class NewsletterIssue
{
    /// <summary>Stands in the rendered text for each recipient's unsubscribe address.</summary>
    private const string UnsubscribeSlot = "https://unsubscribe.invalid/slot";

    private Rendering whole = null!, preview = null!;
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

    /// <summary>An issue's HTML and text, each cut at the unsubscribe address.</summary>
    private sealed record Rendering(byte[][] Html, byte[][] Text);

    private static async Task<Rendering> RenderAsync(ThemeRenderer theme, SiteView site, ArticleView article, NewsletterView newsletter)
    {
        var body = InlineStyles(site.AbsoluteLinks(article.BodyHtml));
        var html = await theme.RenderAsync("email", new Dictionary<string, object?>
        {
            ["site"] = site, ["article"] = article with { BodyHtml = body }, ["newsletter"] = newsletter,
            ["view_url"] = site.Absolute(article.Url), ["membership_url"] = site.Absolute(site.MembershipUrl), ["unsubscribe_url"] = UnsubscribeSlot,
        });
        return new Rendering(Pieces(html), Pieces(Text(site, article, body, newsletter)));
    }

    private static byte[][] Pieces(string rendered) => rendered.Split(UnsubscribeSlot).Select(Encoding.UTF8.GetBytes).ToArray();

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

    private static TextPart Part(string subtype, byte[][] pieces, string unsubscribeUrl)
    {
        var slot = Encoding.UTF8.GetBytes(unsubscribeUrl);
        var content = new MimeKit.IO.ChainedStream();
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0) content.Add(new MemoryStream(slot, writable: false));
            content.Add(new MemoryStream(pieces[i], writable: false));
        }
        var part = new TextPart(subtype) { Content = new MimeContent(content) };
        part.ContentType.Charset = "utf-8";
        return part;
    }

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
        message.Body = new Multipart("alternative")
        {
            Part("plain", text, unsubscribeUrl),
            Part("html", html, WebUtility.HtmlEncode(unsubscribeUrl)),
        };
        return message;
    }
}
