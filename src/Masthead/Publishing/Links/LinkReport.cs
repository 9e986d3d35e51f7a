using Masthead.Data;
using Masthead.Publishing.Body;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Links;

/// <summary>One link of a body as the editor sees it: its text, its target and what is known about it.</summary>
public sealed record LinkState(string Text, string? Target, string State, bool IsBroken);

/// <summary>
/// The links of a body with their state: placeholder or malformed (decided here), and for http(s) links the last answer
/// of <see cref="LinkChecker"/>. Links not yet checked are queued for it.
/// </summary>
public static class LinkReport
{
    public static Task<IReadOnlyList<LinkState>> ForMarkdownAsync(MastheadDb db, string markdown, CancellationToken cancellation = default) =>
        ForRawHtmlAsync(db, BodyRenderer.ToRawHtml(markdown), cancellation);

    /// <param name="rawHtml">The body as <see cref="BodyRenderer.ToRawHtml"/> gives it, when the caller has it already.</param>
    public static async Task<IReadOnlyList<LinkState>> ForRawHtmlAsync(MastheadDb db, string rawHtml, CancellationToken cancellation = default)
    {
        var links = CitationLinks.Find(rawHtml);
        var urls = links.Where(l => !l.IsBroken && LinkChecker.IsCheckable(l.Target)).Select(l => l.Target!.Trim()).Distinct().ToList();
        var checks = await db.LinkChecks.AsNoTracking().Where(c => urls.Contains(c.Url)).ToDictionaryAsync(c => c.Url, cancellation);
        return links.Select(link =>
        {
            if (link.IsBroken)
                return new LinkState(link.Text, link.Target, link.Target is null or "" or "#" ? "placeholder" : "malformed", true);
            var target = link.Target!.Trim();
            if (!checks.TryGetValue(target, out var check) || check.CheckedAt is null)
                return new LinkState(link.Text, target, LinkChecker.IsCheckable(target) ? "not checked yet" : "ok", false);
            return new LinkState(link.Text, target, Describe(check), check.IsBroken);
        }).ToList();
    }

    /// <summary>Queues the body's http(s) links the checker has never seen.</summary>
    public static async Task QueueAsync(MastheadDb db, string markdown, CancellationToken cancellation = default)
    {
        var urls = CitationLinks.Find(BodyRenderer.ToRawHtml(markdown))
            .Where(l => !l.IsBroken && LinkChecker.IsCheckable(l.Target)).Select(l => l.Target!.Trim()).Distinct().ToList();
        var known = await db.LinkChecks.Where(c => urls.Contains(c.Url)).Select(c => c.Url).ToListAsync(cancellation);
        foreach (var url in urls.Except(known).Where(u => u.Length <= 2000))
            db.LinkChecks.Add(new LinkCheck { Url = url, Host = new Uri(url).Host });
    }

    private static string Describe(LinkCheck check) => check switch
    {
        { Error: { } error } => "failed: " + error,
        { RedirectTo: { } to } => $"{check.StatusCode} → {to}",
        _ => check.StatusCode.ToString()!,
    };
}
