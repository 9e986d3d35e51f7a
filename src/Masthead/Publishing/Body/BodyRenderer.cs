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
        // ^^^ fences: a picture with its caption (what "Insert" writes for a captioned picture), as <figure>.
        .UseFigures()
        .Build();

    private static readonly string[] FormTags = ["form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "keygen"];
    private static readonly string[] OverlayProperties = ["position", "z-index", "inset", "top", "right", "bottom", "left"];
    private static readonly string[] UrlAttributes = ["href", "src", "cite", "poster"];

    private readonly HtmlSanitizer sanitizer;

    public BodyRenderer()
    {
        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        // A body is read, never filled in: a form in it can only be a fake one (a login that posts elsewhere).
        foreach (var tag in FormTags) sanitizer.AllowedTags.Remove(tag);
        // Nor may it leave its column: a fixed or absolute box can cover the page it is shown in, the editor's included.
        foreach (var property in OverlayProperties) sanitizer.AllowedCssProperties.Remove(property);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { } element)
            {
                // Styles may not load from elsewhere (a tracking background), and "//host/x" names another site as if it were a path.
                if (element.GetAttribute("style") is { } style && style.Contains("url(", StringComparison.OrdinalIgnoreCase))
                    element.RemoveAttribute("style");
                foreach (var name in UrlAttributes)
                    if (element.GetAttribute(name) is { } value && value.StartsWith("//", StringComparison.Ordinal))
                        element.SetAttribute(name, "https:" + value);
            }
            if (e.Node is not IHtmlAnchorElement anchor) return;
            var href = anchor.GetAttribute("href");
            if (CitationLinks.IsBroken(href))
                foreach (var child in anchor.ChildNodes.ToArray()) e.ReplacementNodes.Add(child);
            else if (IsExternal(href!))
                anchor.SetAttribute("rel", "noopener");
        };
    }

    /// <summary>Markdown as written, before sanitizing: what the links report reads. A body nested past Markdig's limit
    /// (refused on every way in, <see cref="NestingProblem"/>) renders as that refusal, not as an error page.</summary>
    public static string ToRawHtml(string markdown)
    {
        try { return Markdown.ToHtml(markdown, Pipeline); }
        catch (ArgumentException) when (NestingProblem(markdown) is { } problem) { return $"<p>{System.Net.WebUtility.HtmlEncode(problem)}</p>"; }
    }

    /// <summary>Why Markdown cannot read this body (quotes, lists or brackets nested past Markdig's limit), or null.</summary>
    public static string? NestingProblem(string markdown)
    {
        try
        {
            Markdown.Parse(markdown, Pipeline);
            return null;
        }
        catch (ArgumentException error) when (error.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            return "the body nests quotes, lists or brackets deeper than Markdown can read; undo the nesting";
        }
    }

    public string RenderMarkdown(string markdown) => SanitizeHtml(ToRawHtml(markdown));

    /// <summary>
    /// Sets the body and what is derived from it on save: the HTML, the preview for readers without access, the excerpt
    /// and the text search indexes. Call again when the visibility changes: a gated article's search text is its preview,
    /// so search finds and shows nothing that readers without access may not read.
    /// </summary>
    public void RenderInto(Articles.Article article, string markdown)
    {
        markdown = PlainText.Storable(markdown);
        var (preview, whole) = Previews.Split(markdown);
        article.BodyMarkdown = markdown;
        article.BodyHtml = RenderMarkdown(whole);
        article.PreviewHtml = preview is null ? Previews.Opening(article.BodyHtml) : RenderMarkdown(preview);
        article.Excerpt = Excerpts.FromHtml(article.OpenHtml);
        article.BodyText = PlainText.FromHtml(article.OpenHtml);
    }

    /// <summary>For HTML that came from a person or an import: sanitized, with broken citations unlinked.</summary>
    /// <remarks>Parsing the output again can move what the first pass left (a table row outside its table, found by the
    /// property test), so it is sanitized again until it stays put: what is stored is what any later parse gives.</remarks>
    public string SanitizeHtml(string html)
    {
        var sanitized = sanitizer.Sanitize(html);
        for (var pass = 0; pass < 3; pass++)
        {
            var again = sanitizer.Sanitize(sanitized);
            if (again == sanitized) break;
            sanitized = again;
        }
        return sanitized;
    }

    private static bool IsExternal(string href) =>
        href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
