using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace Masthead.Publishing.Body;

/// <summary>
/// The one pipeline from what a person wrote to what a reader gets: Markdown → HTML → sanitized HTML with broken
/// citations turned into plain text. The editor's preview and the public page both come through here.
/// </summary>
public sealed class BodyRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseFootnotes()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer sanitizer;

    public BodyRenderer()
    {
        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IHtmlAnchorElement anchor) return;
            var href = anchor.GetAttribute("href");
            if (CitationLinks.IsBroken(href))
                foreach (var child in anchor.ChildNodes.ToArray()) e.ReplacementNodes.Add(child);
            else if (IsExternal(href!))
                anchor.SetAttribute("rel", "noopener");
        };
    }

    /// <summary>Markdown as written, before sanitizing: what the links report reads.</summary>
    public static string ToRawHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    public string RenderMarkdown(string markdown) => SanitizeHtml(ToRawHtml(markdown));

    /// <summary>
    /// Sets the body and what is derived from it on save: the HTML, the preview for readers without access, the excerpt
    /// and the text search indexes. Call again when the visibility changes: a gated article's search text is its preview,
    /// so search finds and shows nothing that readers without access may not read.
    /// </summary>
    public void RenderInto(Articles.Article article, string markdown)
    {
        var (preview, whole) = Previews.Split(markdown);
        article.BodyMarkdown = markdown;
        article.BodyHtml = RenderMarkdown(whole);
        article.PreviewHtml = preview is null ? Previews.Opening(article.BodyHtml) : RenderMarkdown(preview);
        article.Excerpt = Excerpts.FromHtml(article.OpenHtml);
        article.BodyText = PlainText.FromHtml(article.OpenHtml);
    }

    /// <summary>For HTML that came from a person or an import: sanitized, with broken citations unlinked.</summary>
    public string SanitizeHtml(string html) => sanitizer.Sanitize(html);

    private static bool IsExternal(string href) =>
        href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
