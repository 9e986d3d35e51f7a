using Masthead.Importing.WordPress;
using Masthead.Publishing.Body;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Importing;

public class WordPressHtmlTests
{
    private static readonly BodyRenderer Renderer = new();

    private static AngleSharp.Dom.IDocument Rendered(string content) => Html.Parse(Renderer.RenderMarkdown(WordPressHtml.ToBody(content)));

    [Fact]
    public void Blank_lines_become_paragraphs_and_single_breaks_line_breaks_as_in_wpautop()
    {
        var page = Rendered("First *line*\nsecond line\n\nSecond paragraph with <em>emphasis</em>.\n\n<ul>\n<li>one</li>\n\n<li>two</li>\n</ul>");
        var paragraphs = page.QuerySelectorAll("body > p");
        Assert.Equal(["First *line* second line", "Second paragraph with emphasis."], paragraphs.Select(p => p.Text()));
        Assert.Single(paragraphs[0].QuerySelectorAll("br"));
        Assert.Empty(paragraphs[0].QuerySelectorAll("em")); // the asterisks are the author's text, not Markdown
        Assert.Equal(["one", "two"], page.QuerySelectorAll("ul > li").Select(li => li.TextContent));
    }

    [Fact]
    public void Block_comments_and_WordPress_shortcodes_go_and_their_text_stays()
    {
        var page = Rendered("<!-- wp:paragraph -->\n<p>Before [sic] the storm.</p>\n<!-- /wp:paragraph -->\n\n" +
                            "[caption id=\"attachment_1\" align=\"alignnone\" width=\"300\"]<img src=\"https://example.org/a.jpg\" alt=\"Boat\"> A boat at dawn[/caption]\n\n" +
                            "[gallery ids=\"1,2,3\"]\n\nAfter.");
        Assert.Equal("Before [sic] the storm. A boat at dawn After.", page.Body!.Text());
        Assert.Equal("https://example.org/a.jpg", page.QuerySelector("img")!.GetAttribute("src"));
        Assert.DoesNotContain("wp:paragraph", page.Body!.InnerHtml);
    }

    [Fact]
    public void Unsafe_markup_is_sanitized_on_the_way_in()
    {
        var page = Rendered("<p onclick=\"steal()\">Hello</p>\n\n<script>alert(1)</script>\n\n<iframe src=\"https://evil.example\"></iframe>");
        Assert.Equal("Hello", page.Body!.Text());
        Assert.Empty(page.QuerySelectorAll("script, iframe, [onclick]"));
    }
}
