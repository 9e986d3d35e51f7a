using System.CommandLine;
using Masthead.Cli;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>`masthead search rebuild`.</summary>
public static class SearchCommands
{
    public static Command Build(WithServices withServices, TextWriter output)
    {
        var rebuild = new Command("rebuild", "Build the full-text index again from the articles and say how long it took");
        rebuild.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var articles = await db.Articles.CountAsync(cancellation);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await SearchIndexSql.RebuildAsync(db, cancellation);
            output.WriteLine($"Search index rebuilt over {articles} articles in {watch.Elapsed.TotalSeconds:0.00} s");
            return 0;
        }, cancellation));

        return new Command("search", "Look after the full-text index") { rebuild };
    }
}
