using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Importing;

/// <summary>
/// HTML from another system as a Masthead body: top-level blocks separated by blank lines, with no blank line inside
/// (except in &lt;pre&gt;). Markdown passes such blocks through untouched, so the body stays exactly this HTML and is
/// sanitized like any other body; loose inline content is wrapped in paragraphs and HTML comments go.
/// </summary>
public static partial class HtmlBlocks
{
    private static readonly HashSet<string> BlockTags =
    [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "ul", "video", "audio", "iframe", "object", "embed", "dd", "dt", "thead", "tbody", "tr", "td", "th", "caption", "style", "script",
    ];

    private static readonly HtmlParser Parser = new();

    /// <summary>Whether text starts with the opening tag of a block element (`&lt;ul&gt;`, `&lt;h2 id=…&gt;`).</summary>
    public static bool StartsWithBlock(string text) =>
        OpeningTag().Match(text) is { Success: true } tag && BlockTags.Contains(tag.Groups[1].Value.ToLowerInvariant());

    public static string From(string html)
    {
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        foreach (var comment in document.Body!.Descendants<IComment>().ToList()) comment.Remove();

        var blocks = new List<string>();
        var loose = new StringBuilder();
        void FlushLoose()
        {
            var inline = loose.ToString().Trim();
            if (inline.Length > 0) blocks.Add("<p>" + inline + "</p>");
            loose.Clear();
        }
        foreach (var node in document.Body!.ChildNodes)
        {
            if (node is IElement element && BlockTags.Contains(element.LocalName))
            {
                FlushLoose();
                if (element.LocalName == "p" && element.TextContent.Trim().Length == 0 && element.QuerySelector("img,iframe,video,audio") is null) continue;
                blocks.Add(element.LocalName == "pre" ? element.OuterHtml : BlankLines().Replace(element.OuterHtml, "\n"));
            }
            else loose.Append(node is IElement inline ? inline.OuterHtml : System.Net.WebUtility.HtmlEncode(node.TextContent));
        }
        FlushLoose();
        return string.Join("\n\n", blocks);
    }

    [GeneratedRegex(@"\n[ \t]*\n(?:[ \t]*\n)*")]
    internal static partial Regex BlankLines();

    [GeneratedRegex(@"^<([a-zA-Z][a-zA-Z0-9]*)\b")]
    private static partial Regex OpeningTag();
}
