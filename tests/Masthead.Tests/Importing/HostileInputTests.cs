using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Importing;

/// <summary>
/// The audit's malformed inputs, each given to the command in a process of its own (a stack overflow cannot be caught,
/// and must be seen as the exit code it is) with 30 seconds to answer: a refusal naming the file, its line where there
/// is one, and the reason; never a stack trace; the good records beside a bad one imported.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly object GoodPost = new { id = "9", title = "Fine", slug = "fine", html = "<p>x</p>", status = "published" };

    private static string Ghost(object[] posts, object[]? users = null) =>
        JsonSerializer.Serialize(new { db = new[] { new { meta = new { version = "5.0.0" }, data = new { posts, users = users ?? [] } } } });

    private static string Mobiledoc(object document) => JsonSerializer.Serialize(document);

    private const string WxrHead = """<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>""";

    private static string WxrItem(string extra, int id = 1) =>
        $"<item><title>Post {id}</title><wp:post_id>{id}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>" +
        $"<wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt><content:encoded><![CDATA[<p>x</p>]]></content:encoded>{extra}</item>";

    private async Task<(int Exit, string Output, bool Finished)> RunAsync(params string[] args)
    {
        var location = app.Services.GetRequiredService<Masthead.Data.DatabaseLocation>();
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. args, "--database",
            location.IsSqlite ? "sqlite:" + location.SqliteFile : location.ConnectionString, "--data-folder", app.DataFolder])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = process.StandardError.ReadToEndAsync(Cancel);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", false);
        }
        return (process.ExitCode, await output + await errors, true);
    }

    private static string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(TestFolders.NewFolder("hostile"), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private async Task RefusedAsync(string[] command, string file, string reason, int? line = null, int imported = 0)
    {
        var (exit, output, finished) = await RunAsync(command);
        Assert.True(finished, $"{string.Join(' ', command)} did not answer within 30 s");
        Assert.True(exit == 1, $"exit {exit}: {output}");
        Assert.DoesNotContain(output.Split('\n'), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        var refusal = output.Split('\n').FirstOrDefault(l => l.Contains(reason, StringComparison.Ordinal));
        Assert.True(refusal is not null, $"no line saying '{reason}' in: {output}");
        Assert.Contains(file, refusal);
        if (line is not null) Assert.Contains($"line {line}", refusal);
        Assert.Equal(imported, await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)));
    }

    [Fact]
    public Task Ghost_export_that_is_not_utf8() =>
        RefusedAsync(["import", "ghost", Write("export.json", [.. Encoding.UTF8.GetBytes("{\"db\":[{\"data\":{\"posts\":[{\"id\":\"1\",\"title\":\"T"), 0xFF, 0xFE,
            .. Encoding.UTF8.GetBytes("\"}]}}]}")])], "export.json", "not UTF-8 text", line: 1);

    [Fact]
    public Task Ghost_lexical_that_is_not_json() =>
        RefusedAsync(["import", "ghost", Write("export.json", Ghost([new { id = "1", title = "T", lexical = "{not json", status = "published" }, GoodPost]))],
            "export.json", "post 'T' (1): its lexical document cannot be read", imported: 1);

    [Theory]
    [InlineData("types")]
    [InlineData("index")]
    public Task Ghost_mobiledoc_with_wrong_types_or_a_markup_index_out_of_range(string kind) =>
        RefusedAsync(["import", "ghost", Write("export.json", Ghost([new
            {
                id = "1", title = "T", status = "published",
                mobiledoc = kind == "types"
                    ? Mobiledoc(new { version = "0.3.1", markups = "x", atoms = 5, cards = new { }, sections = "no" })
                    : Mobiledoc(new { version = "0.3.1", markups = Array.Empty<object>(), atoms = Array.Empty<object>(), cards = Array.Empty<object>(),
                        sections = new object[] { new object[] { 1, "p", new object[] { new object[] { 0, new[] { 7 }, 0, "x" } } } } }),
            }, GoodPost]))], "export.json", "post 'T' (1): its mobiledoc document cannot be read", imported: 1);

    [Fact]
    public async Task Ghost_users_without_an_id_or_with_one_id_twice_are_left_out_and_the_posts_imported()
    {
        var file = Write("export.json", Ghost([GoodPost], [new { name = "No Id" }, new { id = "1", name = "A" }, new { id = "1", name = "B" }]));
        var (exit, output, finished) = await RunAsync("import", "ghost", file);
        Assert.True(finished && exit == 0, output);
        Assert.Contains("a user without an id ('No Id')", output);
        Assert.Contains("a second user with the id 1 ('B')", output);
        Assert.Equal(1, await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)));
    }

    [Fact]
    public Task Ghost_post_without_an_id() =>
        RefusedAsync(["import", "ghost", Write("export.json", Ghost([new { title = "No id", html = "<p>x</p>" }, GoodPost]))],
            "export.json", "a post without an id ('No id')", imported: 1);

    [Fact]
    public async Task Wxr_comment_with_an_id_that_is_not_a_number_is_skipped_and_the_post_imported()
    {
        var file = Write("export.xml", WxrHead + WxrItem("<wp:comment><wp:comment_id>abc</wp:comment_id><wp:comment_content>hi</wp:comment_content></wp:comment>") + "</channel></rss>");
        var (exit, output, finished) = await RunAsync("import", "wordpress", file);
        Assert.True(finished && exit == 0, output);
        Assert.Contains("a comment without a numeric <wp:comment_id>", output);
        Assert.Equal(1, await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Wxr_nested_200000_deep(bool insideAnItem)
    {
        var nested = string.Concat(Enumerable.Repeat("<x>", 200_000)) + string.Concat(Enumerable.Repeat("</x>", 200_000));
        return RefusedAsync(["import", "wordpress", Write("export.xml", WxrHead + (insideAnItem ? WxrItem(nested) : nested) + "</channel></rss>")],
            "export.xml", "elements nested more than 32 levels deep", line: 1);
    }

    [Fact]
    public Task Markdown_front_matter_that_is_not_yaml() =>
        RefusedAsync(["import", "markdown", Path.GetDirectoryName(Write("site/bad.md", "---\ntitle: [unclosed\ndate: 2020-01-01\n---\n\nbody\n"))!],
            "bad.md", "invalid YAML");

    [Fact]
    public Task Markdown_front_matter_nested_100000_deep() =>
        RefusedAsync(["import", "markdown", Path.GetDirectoryName(Write("site/deep.md",
            "---\ntitle: x\ndate: 2020-01-01\ntags: " + new string('[', 100_000) + new string(']', 100_000) + "\n---\n\nbody\n"))!],
            "deep.md", "YAML nested more than 64 levels deep", line: 4);

    [Fact]
    public async Task Markdown_authors_file_nested_100000_deep()
    {
        var article = Write("site/a.md", "---\ntitle: x\ndate: 2020-01-01\n---\n\nbody\n");
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(article)!, "_authors.yml"),
            "- name: " + new string('[', 100_000) + new string(']', 100_000) + "\n", Cancel);
        await RefusedAsync(["import", "markdown", Path.GetDirectoryName(article)!], "_authors.yml", "YAML nested more than 64 levels deep", line: 1);
    }

    [Theory]
    [InlineData("> ")]
    [InlineData("[")]
    public async Task Markdown_body_nested_100000_deep_is_refused_and_the_other_file_imported(string opener)
    {
        var bad = Write("site/deep.md", "---\ntitle: x\ndate: 2020-01-01\n---\n\n" + string.Concat(Enumerable.Repeat(opener, 100_000)) + "x\n");
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(bad)!, "good.md"), "---\ntitle: Good\ndate: 2020-01-01\n---\n\nBody.\n", Cancel);
        await RefusedAsync(["import", "markdown", Path.GetDirectoryName(bad)!], "deep.md", "deeper than Markdown can read", line: 5, imported: 1);
    }

    [Fact]
    public Task Page_with_a_byline_of_200000_brackets_is_refused_in_time() =>
        RefusedAsync(["import", "page", Write("page.txt", Pages.Reference.Replace("By [Tony Cartalucci](#)", "By " + new string('[', 200_000), StringComparison.Ordinal))],
            "page.txt", "a byline of 200000 characters", line: 5);

    [Fact]
    public async Task Page_with_a_vocabulary_line_of_200000_brackets_answers_in_time()
    {
        var page = Pages.Reference.Replace("Region: [Middle East & North Africa](#)", "Region: " + new string('[', 200_000), StringComparison.Ordinal);
        var (exit, output, finished) = await RunAsync("import", "page", Write("page.txt", page));
        Assert.True(finished, "no answer within 30 s");
        Assert.True(exit == 0, output); // not a vocabulary line (no links): body text, as a reader would take it
        Assert.DoesNotContain(output.Split('\n'), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
