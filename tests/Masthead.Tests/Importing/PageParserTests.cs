using Masthead.Importing;
using Masthead.Importing.Pages;
using Masthead.Publishing.Body;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Importing;

public class PageParserTests
{
    private static readonly ParsedPage Reference = PageParser.Parse(Pages.Reference, "article-page.txt");

    [Fact]
    public void Reads_the_reference_header_exactly()
    {
        Assert.Equal("US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General", Reference.Headline);
        Assert.Equal(["Tony Cartalucci"], Reference.Bylines.Select(b => b.Text));
        Assert.Equal("Global Research", Reference.Dateline);
        Assert.Equal(new DateOnly(2020, 1, 16), Reference.Date);
    }

    [Fact]
    public void Reads_each_vocabulary_line_including_two_adjacent_lines()
    {
        Assert.Equal(["Region", "Theme", "In-depth Report"], Reference.Taxonomy.Select(l => l.Vocabulary));
        Assert.Equal(["Middle East & North Africa"], Reference.Taxonomy[0].Terms.Select(t => t.Text));
        Assert.Equal(["Law and Justice", "Media Disinformation", "US NATO War Agenda"], Reference.Taxonomy[1].Terms.Select(t => t.Text));
        Assert.Equal(["IRAN: THE NEXT WAR?"], Reference.Taxonomy[2].Terms.Select(t => t.Text));
        Assert.Equal([9, 11, 12], Reference.Taxonomy.Select(l => l.Line));
    }

    [Fact]
    public void Keeps_the_body_up_to_the_star_line_with_its_paragraphs_bold_and_links()
    {
        var body = Html.Parse(BodyRenderer.ToRawHtml(Reference.BodyMarkdown)).Body!;
        Assert.Equal(30, body.QuerySelectorAll("p").Length);
        Assert.StartsWith("The US has eagerly taken credit", body.QuerySelector("p")!.Text());
        Assert.Equal("US provocations come too little and too late.", body.QuerySelectorAll("p")[^2].Text());
        Assert.Equal(["of establishing a declared or"], body.QuerySelectorAll("strong").Select(s => s.Text()));
        Assert.Equal(
            ["Qasem Soleimani: Strike was to 'stop war', says Trump", "leaked 2012 report (.pdf)", "has been forced repeatedly to admit and attempt to cover up"],
            body.QuerySelectorAll("a").Select(a => a.Text()));
        Assert.Contains(body.QuerySelectorAll("p"), p => p.Text() == "The leaked 2012 report (.pdf) states (emphasis added):");
        Assert.DoesNotContain("Note to readers", Reference.BodyMarkdown);
    }

    [Fact]
    public void Takes_the_bio_and_the_origin_outlet_from_the_bio()
    {
        var bio = Assert.Single(Reference.Bios);
        Assert.Equal("Tony Cartalucci", bio.Name);
        Assert.StartsWith("Tony Cartalucci is a Bangkok-based geopolitical researcher", bio.Bio);
        Assert.EndsWith("He is a frequent contributor to Global Research.", bio.Bio);
        Assert.Equal(new PageOrigin("New Eastern Outlook", null), Reference.Origin);
        Assert.Null(Reference.ArticleNote);
    }

    [Fact]
    public void Sends_the_boilerplate_to_site_notices()
    {
        var notices = Reference.Notices;
        Assert.Equal("please click the share buttons above or below. Forward this article to your email lists. Crosspost on your blog site, internet forums. etc.", notices.ReaderNote);
        Assert.Equal("Comment on Global Research Articles on our Facebook page", notices.CommentCall);
        Assert.Equal("Become a Member of Global Research", notices.MembershipCall);
        Assert.Equal("The contents of this article are of sole responsibility of the author(s). The Centre for Research on Globalization will not be responsible for any inaccurate or incorrect statement in this article.", notices.Disclaimer);
        Assert.StartsWith("The Centre of Research on Globalization grants permission to cross-post Global Research articles", notices.RepublicationPolicy);
        Assert.EndsWith("contact: publications@globalresearch.ca", notices.RepublicationPolicy);
        Assert.StartsWith("www.globalresearch.ca contains copyrighted material", notices.CopyrightNotice);
        Assert.Equal("publications@globalresearch.ca", notices.MediaContact);
    }

    [Fact]
    public void Reads_two_bylines_and_no_in_depth_report()
    {
        var page = PageParser.Parse(Pages.TwoBylines, "two.txt");
        Assert.Equal(["Ana Müller", "Søren Ødegård"], page.Bylines.Select(b => b.Text));
        Assert.Equal(["Region", "Theme"], page.Taxonomy.Select(l => l.Vocabulary));
        Assert.Equal(new DateOnly(2021, 3, 3), page.Date);
        Assert.Equal(new PageOrigin("Berlin Review", "https://berlin-review.example/rearmament"), page.Origin);
        Assert.Equal(["Ana Müller", "Søren Ødegård"], page.Bios.Select(b => b.Name));
        Assert.Equal(new PageNotices(), page.Notices);
    }

    [Theory]
    [InlineData("By [A](#), [B](#) and [C](#)", new[] { "A", "B", "C" })]
    [InlineData("By Jane Roe and John Doe", new[] { "Jane Roe", "John Doe" })]
    [InlineData("By Jane Roe, John Doe & Ann Poe", new[] { "Jane Roe", "John Doe", "Ann Poe" })]
    public void Splits_bylines_joined_with_commas_and_and(string byline, string[] expected)
    {
        var page = PageParser.Parse($"Headline\n\n{byline}\n\nGlobal Research, January 16, 2020\n\nBody.\n", "p.txt");
        Assert.Equal(expected, page.Bylines.Select(b => b.Text));
    }

    [Theory]
    [InlineData("", 1, "no headline: the page is empty")]
    [InlineData("\n\nBy [A](#)\n\nGlobal Research, January 16, 2020\n\nBody\n", 3, "no headline")]
    [InlineData("Headline\n\nBy [A](#)\n\nThe body starts here without a dateline.\n", 5, "no dateline (expected 'Publication, Month D, YYYY'")]
    [InlineData("Headline\n\nBy [A](#)\n\nGlobal Research, Janury 16, 2020\n\nBody\n", 5, "unparseable date 'Janury 16, 2020'")]
    [InlineData("Headline\n\nGlobal Research, February 30, 2020\n\nBody\n", 3, "unparseable date 'February 30, 2020'")]
    [InlineData("Headline\n\nBy [A](#)\n\nGlobal Research, January 16, 2020\n\nRegion: [Asia](#)\n\n*\n", 9, "no body")]
    [InlineData("Headline\n\nGlobal Research, January 16, 2020\n\nAuthor: [Asia](#)\n\nBody\n", 5, "'Author' cannot name a vocabulary")]
    public void Refuses_a_malformed_page_with_line_and_reason(string text, int line, string reason)
    {
        var error = Assert.Throws<ImportError>(() => PageParser.Parse(text, "bad.txt"));
        Assert.Equal("bad.txt", error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith(reason, error.Reason);
        Assert.StartsWith($"bad.txt, line {line}: ", error.Message);
    }
}
