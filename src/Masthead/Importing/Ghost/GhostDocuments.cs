using System.Net;
using System.Text;
using System.Text.Json;

namespace Masthead.Importing.Ghost;

/// <summary>
/// Ghost posts saved without <c>html</c> keep their body as a Lexical (Ghost 5+) or Mobiledoc (Ghost 1–4) document.
/// These turn the common nodes and cards into HTML (paragraphs, headings, quotes, lists, links, emphasis, images, code,
/// HTML and Markdown cards); a node of an unknown kind still gives its text, so nothing written is lost.
/// </summary>
public static class GhostDocuments
{
    public static string LexicalToHtml(string json)
    {
        using var document = JsonDocument.Parse(json);
        var html = new StringBuilder();
        if (document.RootElement.TryGetProperty("root", out var root)) Children(root, html);
        return html.ToString();
    }

    private static void Children(JsonElement node, StringBuilder html)
    {
        if (node.TryGetProperty("children", out var children))
            foreach (var child in children.EnumerateArray()) Lexical(child, html);
    }

    private static string Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static void Lexical(JsonElement node, StringBuilder html)
    {
        void Wrap(string tag)
        {
            html.Append('<').Append(tag).Append('>');
            Children(node, html);
            html.Append("</").Append(tag).Append('>');
        }

        switch (Text(node, "type"))
        {
            case "paragraph": Wrap("p"); break;
            case "heading" or "extended-heading": Wrap(Text(node, "tag") is { Length: 2 } tag && tag[0] == 'h' ? tag : "h2"); break;
            case "quote" or "extended-quote" or "aside": Wrap("blockquote"); break;
            case "list": Wrap(Text(node, "listType") == "number" ? "ol" : "ul"); break;
            case "listitem": Wrap("li"); break;
            case "linebreak": html.Append("<br>"); break;
            case "horizontalrule": html.Append("<hr>"); break;
            case "link" or "autolink":
                html.Append("<a href=\"").Append(WebUtility.HtmlEncode(Text(node, "url"))).Append("\">");
                Children(node, html);
                html.Append("</a>");
                break;
            case "text" or "extended-text":
            {
                var format = node.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : 0;
                var text = WebUtility.HtmlEncode(Text(node, "text"));
                if ((format & 16) != 0) text = $"<code>{text}</code>";
                if ((format & 8) != 0) text = $"<u>{text}</u>";
                if ((format & 4) != 0) text = $"<s>{text}</s>";
                if ((format & 2) != 0) text = $"<em>{text}</em>";
                if ((format & 1) != 0) text = $"<strong>{text}</strong>";
                html.Append(text);
                break;
            }
            case "image":
                Figure(html, Text(node, "src"), Text(node, "alt"), Text(node, "caption"));
                break;
            case "codeblock":
                html.Append("<pre><code>").Append(WebUtility.HtmlEncode(Text(node, "code"))).Append("</code></pre>");
                break;
            case "html":
                html.Append(Text(node, "html"));
                break;
            case "markdown":
                html.Append(Markdig.Markdown.ToHtml(Text(node, "markdown")));
                break;
            default:
                // Cards Masthead has no equivalent for (bookmark, callout, toggle…): their words, as a paragraph.
                var words = new StringBuilder();
                Children(node, words);
                foreach (var key in new[] { "text", "title", "description", "content", "caption" })
                    if (Text(node, key) is { Length: > 0 } value) words.Append(WebUtility.HtmlEncode(value)).Append(' ');
                if (words.Length > 0) html.Append("<p>").Append(words.ToString().Trim()).Append("</p>");
                break;
        }
    }

    private static void Figure(StringBuilder html, string src, string alt, string caption)
    {
        html.Append("<figure><img src=\"").Append(WebUtility.HtmlEncode(src)).Append("\" alt=\"").Append(WebUtility.HtmlEncode(alt)).Append("\">");
        if (caption.Length > 0) html.Append("<figcaption>").Append(caption).Append("</figcaption>");
        html.Append("</figure>");
    }

    /// <summary>Mobiledoc: sections of markers (text with markups), and cards (image, html, markdown, code).</summary>
    public static string MobiledocToHtml(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var html = new StringBuilder();
        var markups = root.TryGetProperty("markups", out var m) ? m.EnumerateArray().ToList() : [];
        var cards = root.TryGetProperty("cards", out var c) ? c.EnumerateArray().ToList() : [];
        if (!root.TryGetProperty("sections", out var sections)) return "";
        foreach (var section in sections.EnumerateArray())
        {
            var kind = section[0].GetInt32();
            if (kind == 10 && section[1].GetInt32() is var index && index < cards.Count)
            {
                var card = cards[index];
                var name = card[0].GetString();
                var payload = card[1];
                html.Append(name switch
                {
                    "image" => FigureHtml(Text(payload, "src"), Text(payload, "alt"), Text(payload, "caption")),
                    "html" => Text(payload, "html"),
                    "markdown" or "card-markdown" => Markdig.Markdown.ToHtml(Text(payload, "markdown")),
                    "code" => $"<pre><code>{WebUtility.HtmlEncode(Text(payload, "code"))}</code></pre>",
                    "hr" => "<hr>",
                    _ => "",
                });
            }
            else if (kind == 1)
            {
                var tag = section[1].GetString()!.ToLowerInvariant();
                html.Append('<').Append(tag).Append('>').Append(Markers(section[2], markups)).Append("</").Append(tag).Append('>');
            }
            else if (kind == 3)
            {
                var tag = section[1].GetString()!.ToLowerInvariant();
                html.Append('<').Append(tag).Append('>');
                foreach (var item in section[2].EnumerateArray()) html.Append("<li>").Append(Markers(item, markups)).Append("</li>");
                html.Append("</").Append(tag).Append('>');
            }
        }
        return html.ToString();
    }

    private static string FigureHtml(string src, string alt, string caption)
    {
        var html = new StringBuilder();
        Figure(html, src, alt, caption);
        return html.ToString();
    }

    private static string Markers(JsonElement markers, List<JsonElement> markups)
    {
        var html = new StringBuilder();
        var open = new Stack<string>();
        foreach (var marker in markers.EnumerateArray())
        {
            foreach (var opened in marker[1].EnumerateArray())
            {
                var markup = markups[opened.GetInt32()];
                var tag = markup[0].GetString()!.ToLowerInvariant();
                var attributes = new StringBuilder();
                if (markup.GetArrayLength() > 1)
                    for (var i = 0; i + 1 < markup[1].GetArrayLength(); i += 2)
                        attributes.Append(' ').Append(markup[1][i].GetString()).Append("=\"").Append(WebUtility.HtmlEncode(markup[1][i + 1].GetString())).Append('"');
                html.Append('<').Append(tag).Append(attributes).Append('>');
                open.Push(tag);
            }
            var value = marker.GetArrayLength() > 3 ? marker[3].GetString() ?? "" : "";
            html.Append(WebUtility.HtmlEncode(value));
            for (var closed = marker[2].GetInt32(); closed > 0 && open.Count > 0; closed--) html.Append("</").Append(open.Pop()).Append('>');
        }
        while (open.Count > 0) html.Append("</").Append(open.Pop()).Append('>');
        return html.ToString();
    }
}
