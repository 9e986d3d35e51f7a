using System.Text.Json;
using Masthead.Archive;
using Masthead.ContentApi;
using Masthead.Importing;
using Masthead.Importing.Ghost;
using Masthead.Importing.Markdown;
using Masthead.Importing.Pages;
using Masthead.Importing.WordPress;
using Masthead.Publishing.Body;
using Masthead.Members;
using Masthead.Search;

namespace Masthead.Fuzz;

/// <summary>The parsers fuzzed, by name: fuzz/run.sh runs one under afl++, and the suite replays every finding kept in
/// tests/Masthead.Tests/Fixtures/fuzz/{name}/ through the same entry.</summary>
public static class FuzzTargets
{
    // One target per parser. A refusal the parser is meant to give (ImportError, NqlError, the importer's per-record
    // catches) is the input refused cleanly; any other exception, a stack overflow or a hang is a finding.
    public static readonly IReadOnlyDictionary<string, Action<string>> All = new Dictionary<string, Action<string>>
    {
        ["page"] = text => Refused(() => PageParser.Parse(text, "fuzz.txt")),
        ["frontmatter"] = text => Refused(() => FrontMatter.Read(text, "fuzz.md", TimeZoneInfo.Utc)),
        ["markdown"] = text => new BodyRenderer().RenderMarkdown(text),
        ["sanitizer"] = text =>
        {
            var renderer = new BodyRenderer();
            var once = renderer.SanitizeHtml(text);
            if (renderer.SanitizeHtml(once) != once) throw new InvalidOperationException("the sanitizer's output is not a fixed point");
        },
        ["wxr"] = text =>
        {
            var file = Temporary(text, "xml");
            Refused(() => WxrReader.Read(file).ToList());
        },
        ["lexical"] = text => Document(() => GhostDocuments.LexicalToHtml(text)),
        ["mobiledoc"] = text => Document(() => GhostDocuments.MobiledocToHtml(text)),
        ["nql"] = text =>
        {
            try { Nql.Parse(text); }
            catch (NqlError) { }
        },
        ["search"] = text => SearchQuery.Parse(text),
        ["members"] = text => MemberCsv.ReadAsync(new StringReader(text)).ToBlockingEnumerable().ToList(),
        ["ghost"] = text =>
        {
            var file = Temporary(text, "json");
            Refused(() =>
            {
                var export = GhostExport.Open(file);
                foreach (var post in export.Rows("posts")) GhostPosts.ToIncoming(post, file, new ImportSummary(), [], [], "Tags");
                foreach (var table in new[] { "users", "tags", "posts_tags", "posts_authors", "settings", "members" }) export.Rows(table).ToList();
            });
        },
        // Each of the archive's JSON files; what the restore checks against the store is the archive tests' business.
        ["archive"] = text =>
        {
            var file = Temporary(text, "json");
            Refused(() => ArchiveFormat.ReadAsync<ArchiveSite>(file).GetAwaiter().GetResult());
            Refused(() => ArchiveFormat.ReadAsync<ArchiveArticle>(file).GetAwaiter().GetResult());
            Refused(() => ArchiveFormat.ReadAsync<List<ArchiveComment>>(file).GetAwaiter().GetResult());
            Refused(() => ArchiveFormat.ReadAsync<List<ArchiveMedia>>(file).GetAwaiter().GetResult());
            Refused(() => ArchiveFormat.ReadAsync<ArchiveMembership>(file).GetAwaiter().GetResult());
        },
    };

    private static string Temporary(string text, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"masthead-fuzz-{Environment.ProcessId}.{extension}");
        File.WriteAllText(file, text);
        return file;
    }

    private static void Refused(Action parse)
    {
        try { parse(); }
        catch (ImportError) { }
    }

    // What GhostImporter catches per post: such a document is refused with its post, not a crash.
    private static void Document(Action convert)
    {
        try { convert(); }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException
                                          or ArgumentOutOfRangeException or KeyNotFoundException) { }
    }
}
