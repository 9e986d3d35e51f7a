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
        text = Shortcodes(Captions(text));
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
    /// [caption …]&lt;img&gt; Text[/caption] (the picture possibly inside a link; the text possibly in a caption="…"
    /// attribute instead, as older WordPress wrote it) becomes the figure WordPress shows: the picture, then the text as
    /// its &lt;figcaption&gt;. Only an opening tag followed by its own closing one, with no other tag between, is one;
    /// anything else is left to the next step. Each part of the body is looked at once, so the time is linear.
    /// </summary>
    private static string Captions(string text)
    {
        if (!text.Contains("caption]", StringComparison.OrdinalIgnoreCase)) return text;
        var tags = new List<(int At, bool Open, bool Wp)>();
        foreach (var (name, open, wp) in new[] { ("[caption", true, false), ("[wp_caption", true, true), ("[/caption]", false, false), ("[/wp_caption]", false, true) })
            for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.OrdinalIgnoreCase))
                tags.Add((at, open, wp));
        tags.Sort((a, b) => a.At.CompareTo(b.At));
        var output = new StringBuilder();
        var done = 0;
        for (var i = 0; i + 1 < tags.Count; i++)
        {
            var (open, close) = (tags[i], tags[i + 1]);
            if (!open.Open || close.Open || open.Wp != close.Wp || open.At < done) continue;
            var tagEnd = text.IndexOf(']', open.At);
            if (tagEnd < 0 || tagEnd > close.At || CaptionedPicture().Match(text, tagEnd + 1, close.At - tagEnd - 1) is not { Success: true } picture) continue;
            var caption = picture.Groups["text"].Value.Trim() is { Length: > 0 } written ? written
                : CaptionAttribute().Match(text, open.At, tagEnd - open.At) is { Success: true } attribute ? attribute.Groups[1].Value.Trim() : "";
            output.Append(text, done, open.At - done).Append("\n\n<figure class=\"wp-caption\">").Append(picture.Groups["picture"].Value);
            if (caption.Length > 0) output.Append("<figcaption>").Append(caption.Replace('\n', ' ')).Append("</figcaption>");
            output.Append("</figure>\n\n");
            done = close.At + (close.Wp ? "[/wp_caption]" : "[/caption]").Length;
        }
        return output.Append(text, done, text.Length - done).ToString();
    }

    [GeneratedRegex(@"^\s*(?<picture>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?<text>.*)$", RegexOptions.Singleline | RegexOptions.NonBacktracking | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionedPicture();

    [GeneratedRegex("\\bcaption=\"([^\"]*)\"", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionAttribute();

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
