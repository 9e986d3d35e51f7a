using System.CommandLine;
using Masthead.Cli;
using Masthead.Data;
using Masthead.Publishing.Body;

namespace Masthead.Publishing.Links;

/// <summary>`masthead links --broken`.</summary>
public static class LinkCommands
{
    public static Command Build(WithServices withServices, TextWriter output)
    {
        var brokenOnly = new Option<bool>("--broken") { Description = "list links that go nowhere ('#', empty, malformed)" };
        var links = new Command("links", "Report the links of article bodies") { brokenOnly };
        links.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var articles = 0;
            var count = 0;
            await foreach (var article in BrokenLinks.FindAsync(services.GetRequiredService<MastheadDb>(), cancellation))
            {
                articles++;
                output.WriteLine($"{article.Slug}: {article.Headline}");
                foreach (var link in article.Links)
                {
                    count++;
                    output.WriteLine($"  broken: \"{link.Text}\" -> '{link.Target ?? ""}'");
                }
            }
            output.WriteLine($"{count} broken links in {articles} articles");
            return 0;
        }, cancellation));

        return links;
    }
}
