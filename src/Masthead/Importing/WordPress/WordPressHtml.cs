using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Importing.WordPress;

/// <summary>
/// WordPress's post_content as a Masthead body. WordPress stores paragraphs as blank lines (its wpautop adds the &lt;p&gt;
/// tags when it shows a post), block-editor comments (&lt;!-- wp:… --&gt;) and shortcodes ([caption], [gallery]…).
/// Out come <see cref="HtmlBlocks"/>. Shortcodes lose their brackets and keep their text; nothing a reader could read
/// is dropped.
/// </summary>
public static partial class WordPressHtml
{
    public static string ToBody(string content)
    {
        var text = BlockComment().Replace(content.Replace("\r\n", "\n"), "");
        text = Shortcodes(text);
        return HtmlBlocks.From(AutoParagraphs(text));
    }

    /// <summary>wpautop, in short: text separated by blank lines becomes paragraphs, a single line break a &lt;br&gt;.</summary>
    private static string AutoParagraphs(string text)
    {
        var chunks = HtmlBlocks.BlankLines().Split(text.Trim());
        var output = new StringBuilder();
        foreach (var raw in chunks)
        {
            var chunk = raw.Trim();
            if (chunk.Length == 0) continue;
            if (HtmlBlocks.StartsWithBlock(chunk)) output.Append(chunk);
            else output.Append("<p>").Append(chunk.Replace("\n", "<br>\n")).Append("</p>");
            output.Append('\n');
        }
        return output.ToString();
    }

    /// <summary>
    /// The brackets of WordPress's own shortcodes go ([caption …]&lt;img&gt; Text[/caption] keeps the image and the text;
    /// [gallery] leaves nothing). Other bracketed words ("[sic]") are the author's text and stay.
    /// </summary>
    private static string Shortcodes(string text) =>
        ShortcodeTag().Replace(text, m => KnownShortcodes.Contains(m.Groups["name"].Value.ToLowerInvariant()) ? "" : m.Value);

    private static readonly HashSet<string> KnownShortcodes =
    [
        "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "code", "sourcecode", "source", "youtube",
        "vimeo", "soundcloud", "googlemaps", "contact-form", "contact-form-7", "archives", "polldaddy", "tweet", "twitter",
        "instagram", "spotify", "dailymotion", "slideshare", "wpvideo", "scribd", "recipe",
    ];

    [GeneratedRegex(@"<!--\s*/?wp:[^>]*?-->")]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\[(?<close>/)?(?<name>[a-zA-Z_][\w-]*)(?:\s[^\]]*)?\]")]
    private static partial Regex ShortcodeTag();
}
