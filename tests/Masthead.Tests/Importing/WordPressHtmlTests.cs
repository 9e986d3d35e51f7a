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
    public void A_caption_shortcode_becomes_a_figure_with_its_text_or_its_caption_attribute_as_the_figcaption()
    {
        var page = Rendered("[caption id=\"attachment_1\" width=\"300\"]<a href=\"https://example.org/a.jpg\"><img src=\"https://example.org/a.jpg\" alt=\"Boat\"></a> A boat <a href=\"https://example.org/\">at dawn</a>[/caption]\n\n" +
                            "Between. [caption id=\"attachment_2\" caption=\"Chunk of husk, Clarkson\"]<img src=\"https://example.org/b.jpg\" alt=\"husk\">[/caption]\n\n" +
                            "[caption]no picture here[/caption] [caption]<img src=\"https://example.org/c.jpg\" alt=\"\">");
        var figures = page.QuerySelectorAll("figure");
        Assert.Equal(2, figures.Length);
        Assert.Equal(("Boat", "https://example.org/a.jpg", "A boat at dawn"), (figures[0].QuerySelector("a > img")!.GetAttribute("alt"),
            figures[0].QuerySelector("a")!.GetAttribute("href"), figures[0].QuerySelector("figcaption")!.TextContent));
        Assert.Equal(("husk", "Chunk of husk, Clarkson"), (figures[1].QuerySelector("img")!.GetAttribute("alt"), figures[1].QuerySelector("figcaption")!.TextContent));
        // What is not a picture with its caption keeps its text, as other shortcodes do.
        Assert.Contains("no picture here", page.Body!.Text());
        Assert.Equal("https://example.org/c.jpg", page.QuerySelectorAll("img")[2].GetAttribute("src"));
    }

    [Fact]
    public void Many_unclosed_caption_shortcodes_take_linear_time()
    {
        var content = string.Concat(Enumerable.Repeat("[caption]<img src=\"https://example.org/x.jpg\"> x ", 50_000)) + "[/caption]";
        var page = Rendered(content);
        Assert.Single(page.QuerySelectorAll("figure"));
        Assert.Equal(50_000, page.QuerySelectorAll("img").Length);
    }

    [Fact]
    public void Unsafe_markup_is_sanitized_on_the_way_in()
    {
        var page = Rendered("<p onclick=\"steal()\">Hello</p>\n\n<script>alert(1)</script>\n\n<iframe src=\"https://evil.example\"></iframe>");
        Assert.Equal("Hello", page.Body!.Text());
        Assert.Empty(page.QuerySelectorAll("script, iframe, [onclick]"));
    }
}
