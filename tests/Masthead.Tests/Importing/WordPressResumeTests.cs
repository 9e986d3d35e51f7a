using System.Diagnostics;
using System.Text;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Importing;

/// <summary>An import killed with SIGKILL halfway, then run again: complete, nothing twice, nothing half-written.</summary>
public class WordPressResumeTests : IAsyncLifetime
{
    private const int Posts = 1500;
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>A WXR file of <paramref name="posts"/> posts, each with two categories, a tag and a comment.</summary>
    public static string Generate(int posts)
    {
        var file = Path.Combine(TestFolders.NewFolder("wxr"), "big.xml");
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        writer.Write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
            <channel><title>Generated</title><wp:wxr_version>1.2</wp:wxr_version>
            <wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>
            <wp:category><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
            <wp:category><wp:category_nicename>local</wp:category_nicename><wp:category_parent>news</wp:category_parent><wp:cat_name><![CDATA[Local]]></wp:cat_name></wp:category>

            """);
        for (var i = 1; i <= posts; i++)
            writer.Write($"""
                <item><title>Post number {i}</title><dc:creator><![CDATA[ed]]></dc:creator>
                <content:encoded><![CDATA[First paragraph of post {i}.

                Second paragraph, with <strong>markup</strong>.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
                <wp:post_id>{i}</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
                <wp:post_name>post-number-{i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>
                <category domain="category" nicename="news"><![CDATA[News]]></category><category domain="category" nicename="local"><![CDATA[Local]]></category>
                <category domain="post_tag" nicename="tag-{i % 7}"><![CDATA[Tag {i % 7}]]></category>
                <wp:comment><wp:comment_id>{i}</wp:comment_id><wp:comment_author><![CDATA[Reader {i}]]></wp:comment_author><wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Nice.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
                </item>

                """);
        writer.Write("</channel></rss>\n");
        return file;
    }

    [Fact]
    public async Task A_killed_import_is_completed_by_the_next_run()
    {
        var file = Generate(Posts);
        var masthead = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [masthead, "import", "wordpress", file, "--database", app.DatabaseSetting])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var child = Process.Start(start)!;
        child.OutputDataReceived += (_, _) => { }; // drained, so that a full pipe never stalls the child
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var imported = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (imported < 200 && !child.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            imported = await app.WithDbAsync(db => db.Articles.CountAsync());
        }
        child.Kill(entireProcessTree: true); // SIGKILL: no finally block runs, no transaction is committed on the way out
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);

        var atKill = await app.WithDbAsync(async db => (Articles: await db.Articles.CountAsync(), Comments: await db.Comments.CountAsync(),
            Terms: await db.Set<global::Masthead.Articles.ArticleTerm>().CountAsync()));
        Assert.InRange(atKill.Articles, 200, Posts - 1);
        Assert.Equal(0, atKill.Articles % 100); // whole batches only: each is one transaction
        Assert.Equal((atKill.Articles, atKill.Articles * 3), (atKill.Comments, atKill.Terms));

        var (exit, lines) = await app.RunCliAsync("import", "wordpress", file);
        Assert.True(exit == 0, string.Join('\n', lines));
        Assert.Equal($"{Posts - atKill.Articles} created, {atKill.Articles} updated, 0 skipped, 0 refused", lines[^1]);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(Posts, await db.Articles.CountAsync());
            Assert.Equal(Posts, await db.Articles.Select(a => a.SourceId).Distinct().CountAsync());
            Assert.Equal(Posts, await db.Comments.CountAsync());
            Assert.Equal(Posts * 3, await db.Set<global::Masthead.Articles.ArticleTerm>().CountAsync());
            Assert.Equal(Posts, await db.Set<global::Masthead.Articles.Byline>().CountAsync());
            Assert.Equal(2 + 7, await db.Terms.CountAsync());
            return 0;
        });
    }
}
