using AngleSharp.Html.Parser;

namespace Masthead.Publishing.Body;

/// <summary>
/// The part of a body that readers without access get: everything above the editor's marker line
/// (<c>&lt;!--members-only--&gt;</c>, like Ghost's public-preview divider), or else the opening paragraphs up to
/// <see cref="OpeningWords"/> words. The rest never leaves the server for them.
/// </summary>
public static class Previews
{
    public const string Marker = "<!--members-only-->";
    public const int OpeningWords = 100;

    /// <summary>The Markdown above the marker line, or null when there is none; and the body without the marker.</summary>
    public static (string? Preview, string Whole) Split(string markdown)
    {
        var lines = markdown.Split('\n');
        var at = Array.FindIndex(lines, l => l.Trim() == Marker);
        if (at < 0) return (null, markdown);
        return (string.Join('\n', lines[..at]), string.Join('\n', lines.Where((_, i) => i != at)));
    }

    /// <summary>The body's top-level blocks, whole, until <paramref name="words"/> words are reached.</summary>
    public static string Opening(string html, int words = OpeningWords)
    {
        var body = new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!;
        var taken = new System.Text.StringBuilder();
        var count = 0;
        foreach (var node in body.ChildNodes)
        {
            if (count >= words) break;
            taken.Append(node is AngleSharp.Dom.IElement element ? element.OuterHtml : System.Net.WebUtility.HtmlEncode(node.TextContent));
            count += node.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        }
        return taken.ToString();
    }
}
