using Masthead.Publishing.Body;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Publishing.Body;

public class CitationLinksTests
{
    [Theory]
    [InlineData("#", true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData(null, true)]
    [InlineData("http://", true)]
    [InlineData("not a url", true)]
    [InlineData("report.pdf", true)]
    [InlineData("javascript:alert(1)", true)]
    [InlineData("https://www.bbc.com/news/world-middle-east-50979463", false)]
    [InlineData("/region/europe/", false)]
    [InlineData("//cdn.example.org/report.pdf", false)]
    [InlineData("mailto:publications@globalresearch.ca", false)]
    [InlineData("#footnote-1", false)]
    public void Classifies_targets(string? target, bool broken) => Assert.Equal(broken, CitationLinks.IsBroken(target));

    [Fact]
    public void Renders_broken_citations_as_plain_text_and_keeps_real_links()
    {
        var html = new BodyRenderer().RenderMarkdown("See [the report \\(.pdf\\)](#), [nothing]() and [the BBC](https://bbc.co.uk/x).");
        var paragraph = Html.Parse(html).QuerySelector("p")!;
        Assert.Equal("See the report (.pdf), nothing and the BBC.", paragraph.Text());
        var link = Assert.Single(paragraph.QuerySelectorAll("a"));
        Assert.Equal("https://bbc.co.uk/x", link.GetAttribute("href"));
        Assert.Equal("noopener", link.GetAttribute("rel"));
    }

    [Fact]
    public void Sanitizes_html_written_into_markdown()
    {
        var html = new BodyRenderer().RenderMarkdown("Hi <script>alert(1)</script><img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">click</a>");
        var document = Html.Parse(html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Null(document.QuerySelector("img")!.GetAttribute("onerror"));
        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.Contains("click", document.Body!.Text());
    }
}
