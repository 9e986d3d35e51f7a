using System.Net;
using MimeKit;

namespace Masthead.Mail;

/// <summary>The short messages Masthead writes to one person: a few paragraphs and one link, as plain text and as HTML.</summary>
public static class Letters
{
    public static MimeMessage WithLink(string to, string? name, string subject, string siteName, IEnumerable<string> paragraphs,
        string linkText, string url, string? closing = null)
    {
        var message = new MimeMessage { Subject = subject };
        message.To.Add(new MailboxAddress(name ?? "", to));
        var lines = paragraphs.ToList();
        var text = string.Join("\n\n", lines) + $"\n\n{linkText}:\n{url}\n" + (closing is null ? "" : $"\n{closing}\n") + $"\n— {siteName}\n";
        var html = $"""
            <!doctype html><html><body style="font-family:Georgia,serif;font-size:17px;line-height:1.5;color:#1a1a1a;max-width:36em;margin:0 auto;padding:1em">
            {string.Concat(lines.Select(p => $"<p>{Encode(p)}</p>"))}
            <p><a href="{Encode(url)}" style="display:inline-block;background:#1a1a1a;color:#fff;padding:.6em 1.2em;text-decoration:none;border-radius:4px">{Encode(linkText)}</a></p>
            <p style="font-size:14px;color:#555">Or paste this address into your browser: {Encode(url)}</p>
            {(closing is null ? "" : $"<p style=\"font-size:14px;color:#555\">{Encode(closing)}</p>")}
            <p style="font-size:14px;color:#555">— {Encode(siteName)}</p>
            </body></html>
            """;
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
