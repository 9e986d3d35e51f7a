using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Comments;

/// <summary>
/// A comment is text: paragraphs, line breaks and web addresses made into links (rel="nofollow ugc noopener"). Every
/// character a commenter typed is encoded, so nothing in a comment becomes markup.
/// </summary>
public static class CommentText
{
    public const int MaxLength = 10_000;

    // Linear in the input: one character class, no nesting.
    private static readonly Regex Address = new(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
    private static readonly Regex Paragraphs = new(@"\n[ \t]*\n\s*", RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));

    /// <summary>Line endings made "\n", control characters dropped, blank lines at either end trimmed.</summary>
    public static string Normalize(string? text)
    {
        var builder = new StringBuilder((text ?? "").Length);
        foreach (var c in (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n'))
            if (c == '\n' || c == '\t' || !char.IsControl(c)) builder.Append(c);
        return builder.ToString().Trim();
    }

    public static int LinkCount(string text) => Address.Count(text);

    public static string ToHtml(string text)
    {
        var html = new StringBuilder(text.Length + 64);
        foreach (var paragraph in Paragraphs.Split(Normalize(text)))
        {
            if (paragraph.Length == 0) continue;
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) html.Append("<br>");
                AppendLine(html, lines[i]);
            }
            html.Append("</p>");
        }
        return html.ToString();
    }

    private static void AppendLine(StringBuilder html, string line)
    {
        var at = 0;
        foreach (Match match in Address.Matches(line))
        {
            // Punctuation that ends a sentence is not part of the address.
            var address = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'');
            html.Append(WebUtility.HtmlEncode(line[at..match.Index]));
            var encoded = WebUtility.HtmlEncode(address);
            html.Append("<a href=\"").Append(encoded).Append("\" rel=\"nofollow ugc noopener\">").Append(encoded).Append("</a>");
            at = match.Index + address.Length;
        }
        html.Append(WebUtility.HtmlEncode(line[at..]));
    }
}
