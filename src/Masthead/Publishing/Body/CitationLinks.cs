using AngleSharp.Html.Parser;

namespace Masthead.Publishing.Body;

public sealed record CitationLink(string Text, string? Target, bool IsBroken);

/// <summary>
/// A citation is a link in a body. It is broken when its target is "#", empty, or neither a valid absolute URL nor a
/// site-relative path: the reader would click it and go nowhere. Broken citations are rendered as plain text and
/// reported to editors (<c>masthead links --broken</c>).
/// </summary>
public static class CitationLinks
{
    private static readonly HashSet<string> AllowedSchemes = ["http", "https", "mailto", "tel", "ftp"];

    public static bool IsBroken(string? target)
    {
        if (string.IsNullOrWhiteSpace(target)) return true;
        target = target.Trim();
        if (target == "#") return true;
        if (target.Any(char.IsWhiteSpace)) return true;
        // An in-page anchor ("#notes") goes somewhere real: footnotes use it.
        if (target.StartsWith('#')) return false;
        if (target.StartsWith("//", StringComparison.Ordinal))
            return !Uri.TryCreate("https:" + target, UriKind.Absolute, out var protocolRelative) || string.IsNullOrEmpty(protocolRelative.Host);
        if (target.StartsWith('/'))
            return !Uri.TryCreate(target, UriKind.Relative, out _);
        if (!Uri.TryCreate(target, UriKind.Absolute, out var absolute)) return true;
        if (!AllowedSchemes.Contains(absolute.Scheme)) return true;
        return absolute.Scheme is "http" or "https" or "ftp" && string.IsNullOrEmpty(absolute.Host);
    }

    /// <summary>Every link of an HTML body, in document order, with its visible text.</summary>
    public static IReadOnlyList<CitationLink> Find(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return document.QuerySelectorAll("a")
            .Select(a => new CitationLink(PlainText.Fold(a.TextContent), a.GetAttribute("href"), IsBroken(a.GetAttribute("href"))))
            .ToList();
    }
}
