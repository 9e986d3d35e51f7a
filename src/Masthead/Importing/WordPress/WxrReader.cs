using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Masthead.Importing.WordPress;

public sealed record WxrAuthor(string Login, string DisplayName);

/// <summary>A category (<c>category</c>) or tag (<c>post_tag</c>) declared at the top of the export.</summary>
public sealed record WxrTerm(string Taxonomy, string Slug, string Name, string? ParentSlug);

public sealed record WxrComment(int Id, int ParentId, string Author, string? Email, string? Url, DateTime At, string Content, string Approved);

public sealed record WxrItem(
    int Line, string Title, string Creator, string Content, string Excerpt, int PostId, DateTime? DateGmt, DateTime? DateLocal,
    string Slug, string Status, string PostType, string? Password, bool Sticky, string? AttachmentUrl,
    IReadOnlyList<(string Taxonomy, string Slug, string Name)> Terms, IReadOnlyDictionary<string, string> Meta,
    IReadOnlyList<WxrComment> Comments);

/// <summary>
/// Reads a WordPress eXtended RSS export as a stream: one &lt;item&gt; in memory at a time, so a 1 GB export costs what
/// its largest post costs. Any WXR version (1.0–1.2) and either spelling of its namespace (http or https). Malformed XML
/// stops with the file, line, position and the parser's reason.
/// </summary>
public static class WxrReader
{
    private const string Content = "http://purl.org/rss/1.0/modules/content/";
    private const string Dc = "http://purl.org/dc/elements/1.1/";

    public static IEnumerable<object> Read(string file)
    {
        if (new FileInfo(file).Length == 0) throw new ImportError(file, 1, "the file is empty: a WordPress export is an <rss> document");
        CheckDepth(file);
        using var stream = File.OpenRead(file);
        using var reader = XmlReader.Create(stream, Settings);
        var lines = (IXmlLineInfo)reader;
        ImportError Error(string reason) => new(file, lines.LineNumber, reason);

        bool Advance()
        {
            try { return reader.Read(); }
            catch (Exception error) when (error is XmlException or ArgumentException) { throw Malformed(file, error, lines); }
        }

        XElement Element()
        {
            try { return (XElement)XNode.ReadFrom(reader); }
            catch (Exception error) when (error is XmlException or ArgumentException) { throw Malformed(file, error, lines); }
        }

        while (Advance() && reader.NodeType != XmlNodeType.Element) { }
        if (reader.NodeType != XmlNodeType.Element) throw Error("the file is empty: a WordPress export is an <rss> document");
        if (reader.LocalName != "rss")
            throw Error($"not a WordPress export: the root element is <{reader.Name}>, where WordPress writes <rss> with a <channel>");

        var sawChannel = false;
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element) { if (!Advance()) break; continue; }
            var wp = IsWp(reader.NamespaceURI);
            switch (reader.LocalName)
            {
                case "channel": sawChannel = true; Advance(); continue;
                case "rss": Advance(); continue;
                case "author" when wp:
                {
                    var e = Element();
                    yield return new WxrAuthor(Wp(e, "author_login"), NonEmpty(Wp(e, "author_display_name")) ?? Wp(e, "author_login"));
                    continue;
                }
                case "category" when wp:
                {
                    var e = Element();
                    yield return new WxrTerm("category", Wp(e, "category_nicename"), Wp(e, "cat_name"), NonEmpty(Wp(e, "category_parent")));
                    continue;
                }
                case "tag" when wp:
                {
                    var e = Element();
                    yield return new WxrTerm("post_tag", Wp(e, "tag_slug"), NonEmpty(Wp(e, "tag_name")) ?? Wp(e, "tag_slug"), null);
                    continue;
                }
                case "item":
                {
                    var line = lines.LineNumber;
                    yield return Item(Element(), line, file);
                    continue;
                }
                default:
                    // Channel metadata (title, link, wp:term for other taxonomies…) is read past whole.
                    if (reader.Depth >= 2) { Element(); continue; }
                    Advance();
                    continue;
            }
        }
        if (!sawChannel) throw new ImportError(file, lines.LineNumber, "not a WordPress export: <rss> has no <channel>");
    }

    /// <summary>A WordPress export nests a few levels; a file nested thousands deep is refused in one streaming pass,
    /// before any element is built into a tree.</summary>
    public const int MaxDepth = 32;

    private static void CheckDepth(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = XmlReader.Create(stream, Settings);
        try
        {
            while (reader.Read())
                if (reader.Depth > MaxDepth)
                    throw new ImportError(file, ((IXmlLineInfo)reader).LineNumber, $"elements nested more than {MaxDepth} levels deep; a WordPress export nests a few");
        }
        catch (Exception error) when (error is XmlException or ArgumentException) { throw Malformed(file, error, (IXmlLineInfo)reader); }
    }

    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true };

    /// <summary>The reader's error as a refusal. .NET's XML reader throws ArgumentOutOfRangeException, not XmlException,
    /// on some broken encoding declarations (found by fuzzing): the same refusal.</summary>
    private static ImportError Malformed(string file, Exception error, IXmlLineInfo at) => error is XmlException xml
        ? new(file, xml.LineNumber, $"malformed XML at position {xml.LinePosition}: {xml.Message}")
        : new(file, at.LineNumber, "malformed XML: the declaration or the bytes after it cannot be read; save the export again as UTF-8");

    private static WxrItem Item(XElement e, int line, string file)
    {
        string Plain(string name, string ns = "") => e.Element(XName.Get(name, ns))?.Value ?? "";
        var postId = int.TryParse(Wp(e, "post_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
            : throw new ImportError(file, line, "an <item> without a numeric <wp:post_id>");
        var meta = e.Elements().Where(x => x.Name.LocalName == "postmeta" && IsWp(x.Name.NamespaceName))
            .Select(x => (Key: Wp(x, "meta_key"), Value: Wp(x, "meta_value")))
            .GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var comments = e.Elements().Where(x => x.Name.LocalName == "comment" && IsWp(x.Name.NamespaceName))
            .Select(x => new WxrComment(
                // Not a number: -1, and the importer skips the comment with a warning.
                int.TryParse(Wp(x, "comment_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var commentId) ? commentId : -1,
                int.TryParse(Wp(x, "comment_parent"), out var parent) ? parent : 0,
                Wp(x, "comment_author"), NonEmpty(Wp(x, "comment_author_email")), NonEmpty(Wp(x, "comment_author_url")),
                Date(Wp(x, "comment_date_gmt")) ?? Date(Wp(x, "comment_date")) ?? DateTime.UnixEpoch,
                Wp(x, "comment_content"), Wp(x, "comment_approved")))
            .ToList();
        var terms = e.Elements("category")
            .Select(c => ((string?)c.Attribute("domain") ?? "category", (string?)c.Attribute("nicename") ?? "", c.Value.Trim()))
            .Where(t => t.Item3.Length > 0).ToList();
        return new WxrItem(line, Plain("title").Trim(), Plain("creator", Dc), e.Elements().FirstOrDefault(x => x.Name == XName.Get("encoded", Content))?.Value ?? "",
            e.Elements().FirstOrDefault(x => x.Name.LocalName == "encoded" && x.Name.NamespaceName.Contains("/excerpt/"))?.Value ?? "",
            postId, Date(Wp(e, "post_date_gmt")), Date(Wp(e, "post_date")), Wp(e, "post_name"), Wp(e, "status"), Wp(e, "post_type"),
            NonEmpty(Wp(e, "post_password")), Wp(e, "is_sticky") == "1", NonEmpty(Wp(e, "attachment_url")), terms, meta, comments);
    }

    private static bool IsWp(string ns) => ns.Contains("wordpress.org/export/", StringComparison.Ordinal);

    private static string Wp(XElement e, string name) =>
        e.Elements().FirstOrDefault(x => x.Name.LocalName == name && IsWp(x.Name.NamespaceName))?.Value.Trim() ?? "";

    private static string? NonEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>WordPress writes "2015-01-27 14:56:57", and "0000-00-00 00:00:00" for never.</summary>
    private static DateTime? Date(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var when) && when.Year > 1
            ? when : null;
}
