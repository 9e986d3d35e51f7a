using AngleSharp.Html.Parser;
using MimeKit;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// What the real SMTP server that test.sh starts (tests/smtp/sink.py, Debian's aiosmtpd) has accepted: one folder per
/// recipient, one .eml file per message, read back with MimeKit.
/// </summary>
public static class Mailbox
{
    public static string? Server => Environment.GetEnvironmentVariable("MASTHEAD_TEST_SMTP");

    public static string Folder => Environment.GetEnvironmentVariable("MASTHEAD_TEST_MAIL_FOLDER")
        ?? throw new InvalidOperationException("mail tests need the SMTP server that ./test.sh starts (MASTHEAD_TEST_SMTP, MASTHEAD_TEST_MAIL_FOLDER)");

    /// <summary>A fresh address no other test writes to; the prefix picks the server's behaviour (reject-, defer-, flaky-).</summary>
    public static string NewAddress(string prefix = "reader") => $"{prefix}-{Guid.NewGuid():N}@example.org";

    public static IReadOnlyList<MimeMessage> Messages(string address)
    {
        var box = Path.Combine(Folder, address.ToLowerInvariant());
        return Directory.Exists(box)
            ? Directory.GetFiles(box, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    /// <summary>Waits (up to ten seconds) until the address has <paramref name="count"/> messages; returns the last of them.</summary>
    public static async Task<MimeMessage> WaitForAsync(string address, int count = 1)
    {
        for (var waited = 0; waited < 10_000; waited += 50)
        {
            var messages = Messages(address);
            if (messages.Count >= count) return messages[count - 1];
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"{address} got {Messages(address).Count} messages, not {count}");
    }

    /// <summary>The path of the first link in the message's HTML part whose address contains <paramref name="contains"/>.</summary>
    public static string LinkPath(MimeMessage message, string contains)
    {
        var html = new HtmlParser().ParseDocument(message.HtmlBody ?? throw new InvalidOperationException("no HTML part"));
        var href = html.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).First(h => h.Contains(contains, StringComparison.Ordinal));
        return new Uri(href).PathAndQuery;
    }
}
