using AngleSharp.Html.Parser;

namespace Masthead.Publishing.Body;

public static class PlainText
{
    /// <summary>Runs of white space folded to one space, ends trimmed: text as a reader sees it.</summary>
    public static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What a form field holds, trimmed, or null when nothing was typed.</summary>
    /// <summary>The text of an HTML fragment, block elements separated by a space.</summary>
    public static string FromHtml(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return Fold(string.Join(' ', document.Body?.Children.Select(e => e.TextContent) ?? []));
    }

    public static string? TrimmedOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
