using AngleSharp.Html.Parser;

namespace Masthead.Publishing.Body;

public static class PlainText
{
    /// <summary>Runs of white space folded to one space, ends trimmed: text as a reader sees it.</summary>
    public static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The text of an HTML fragment (text outside any element included), block elements separated by a space.</summary>
    public static string FromHtml(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return Fold(string.Concat(document.Body?.ChildNodes.Select(node =>
            node is AngleSharp.Dom.IElement element && !Inline.Contains(element.LocalName) ? $" {element.TextContent} " : node.TextContent) ?? []));
    }

    private static readonly HashSet<string> Inline =
        ["a", "abbr", "b", "cite", "code", "dfn", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var"];

    /// <summary>What a form field holds, without characters XML cannot carry, trimmed, or null when nothing was typed.</summary>
    public static string? TrimmedOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : Storable(text).Trim() is { Length: > 0 } kept ? kept : null;

    /// <summary>
    /// Text without the characters XML 1.0 cannot carry (controls other than tab and line breaks, U+FFFE, U+FFFF, lone
    /// surrogates): they mean nothing to a reader, and one of them in a headline would make every feed and sitemap that
    /// lists it invalid. Taken out where text enters (forms, importers) and again where XML is written.
    /// </summary>
    public static string Storable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (System.Xml.XmlConvert.IsXmlChar(text[i])) continue;
            if (i + 1 < text.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) { i++; continue; }
            return Strip(text);
        }
        return text;
    }

    private static string Strip(string text)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (System.Xml.XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
            else if (i + 1 < text.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) kept.Append(text, i++, 2);
        }
        return kept.ToString();
    }
}
