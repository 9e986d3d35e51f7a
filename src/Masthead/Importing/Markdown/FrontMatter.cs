using Masthead.Publishing.Addresses;
using System.Globalization;
using Masthead.Articles;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Masthead.Importing.Markdown;

/// <summary>
/// One Markdown file with YAML front matter, Hugo/Jekyll style. Known keys: title, slug, date, lastmod, draft, featured, page,
/// description (the dek), authors, dateline, origin {outlet, url, date}, reader_note, source_id. Every other key whose
/// value is a list names a vocabulary by its slug (region: [...], theme: [...]); any other unknown key is an error.
/// </summary>
public static class FrontMatter
{
    public const string Fence = "---";

    public static IncomingArticle Read(string text, string file, TimeZoneInfo zone)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != Fence)
            throw new ImportError(file, 1, "no front matter: the file must start with a '---' line");
        var close = Array.FindIndex(lines, 1, l => l.Trim() == Fence);
        if (close < 0)
            throw new ImportError(file, 1, "front matter is not closed: no second '---' line");

        var mapping = LoadMapping(string.Join('\n', lines[1..close]), file);
        var body = string.Join('\n', lines[(close + 1)..]).TrimStart('\n').TrimEnd();
        if (Publishing.Body.BodyRenderer.NestingProblem(body) is { } problem) throw new ImportError(file, close + 2, problem);
        return ToArticle(mapping, body, file, zone, close + 1);
    }

    private static YamlMappingNode LoadMapping(string yaml, string file)
    {
        // The YAML starts on the file's second line, after the opening fence.
        var stream = YamlInput.Load(yaml, file, firstLine: 2);
        if (stream.Documents.Count == 0) return new YamlMappingNode();
        return stream.Documents[0].RootNode as YamlMappingNode
               ?? throw new ImportError(file, 2, "front matter must be a mapping of keys to values");
    }

    private static IncomingArticle ToArticle(YamlMappingNode mapping, string body, string file, TimeZoneInfo zone, int closingLine)
    {
        string? title = null, slug = null, description = null, dateline = null, readerNote = null, sourceId = null;
        DateTime? date = null, lastmod = null;
        bool draft = false, featured = false, page = false;
        Origin? origin = null;
        var authors = new List<string>();
        var terms = new List<KeyValuePair<string, IReadOnlyList<string>>>();

        foreach (var (keyNode, value) in mapping.Children)
        {
            var line = Line(keyNode);
            // A list or mapping used as a key (found by fuzzing) is not a key the format knows.
            if (keyNode is not YamlScalarNode { Value: var key } || key is null)
                throw new ImportError(file, line, "a key must be a plain word (title, date, authors…), not a list or a mapping");
            switch (key)
            {
                case "title": title = Scalar(value, file, key); break;
                case "slug": slug = Scalar(value, file, key); break;
                case "description": description = Scalar(value, file, key); break;
                case "dateline": dateline = Scalar(value, file, key); break;
                case "reader_note": readerNote = Scalar(value, file, key); break;
                case "source_id": sourceId = Scalar(value, file, key); break;
                case "date": date = Date(value, file, key, zone); break;
                case "lastmod": lastmod = Date(value, file, key, zone); break;
                case "draft": draft = Boolean(value, file, key); break;
                case "featured": featured = Boolean(value, file, key); break;
                case "page": page = Boolean(value, file, key); break;
                case "authors" or "author": authors.AddRange(List(value)); break;
                case "origin": origin = ReadOrigin(value, file); break;
                default:
                    if (value is not YamlSequenceNode)
                        throw new ImportError(file, line, $"unknown key '{key}' (known: title, slug, date, lastmod, draft, featured, page, description, authors, dateline, origin, reader_note, source_id; a vocabulary takes a list of terms)");
                    if (Publishing.Addresses.SiteRoutes.VocabularyNameProblem(key) is { } problem)
                        throw new ImportError(file, line, problem);
                    terms.Add(KeyValuePair.Create(key, (IReadOnlyList<string>)List(value)));
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(title)) throw new ImportError(file, 2, "no title");
        if (date is null && !draft) throw new ImportError(file, 2, "no date: a published article needs one (or say draft: true)");
        if (body.Length == 0) throw new ImportError(file, closingLine + 1, "no body after the front matter");

        var articleSlug = string.IsNullOrWhiteSpace(slug) ? Publishing.Addresses.Slugs.From(title) : slug.Trim();
        return new IncomingArticle
        {
            SourceId = sourceId ?? "md:" + articleSlug,
            Slug = articleSlug,
            Headline = title.Trim(),
            Dek = description,
            BodyMarkdown = body,
            Status = draft ? ArticleStatus.Draft : ArticleStatus.Published,
            PublishedAt = date,
            UpdatedAt = lastmod,
            Dateline = dateline,
            Origin = origin,
            ReaderNote = readerNote,
            Featured = featured,
            IsPage = page,
            Bylines = authors,
            Terms = terms,
        };
    }

    private static Origin ReadOrigin(YamlNode node, string file)
    {
        if (node is not YamlMappingNode origin)
            throw new ImportError(file, Line(node), "origin must be a mapping: { outlet: …, url: …, date: YYYY-MM-DD, canonical: true|false }");
        string? Get(string key) => origin.Children.TryGetValue(new YamlScalarNode(key), out var v) ? Scalar(v, file, "origin." + key) : null;
        var outlet = Get("outlet") ?? throw new ImportError(file, Line(node), "origin has no outlet");
        var dateText = Get("date");
        DateOnly? date = null;
        if (dateText is not null)
            date = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new ImportError(file, Line(node), $"origin.date '{dateText}' is not a date (expected YYYY-MM-DD)");
        var canonical = Get("canonical") switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw new ImportError(file, Line(node), $"origin.canonical '{other}' must be true or false"),
        };
        if (canonical && Get("url") is null) throw new ImportError(file, Line(node), "origin.canonical needs origin.url: the address of the canonical copy");
        if (Get("url") is { } url && !WebAddress.IsHttp(url))
            throw new ImportError(file, Line(origin.Children[new YamlScalarNode("url")]), $"origin.url {WebAddress.HttpRule} (got '{ImportError.Shown(url)}')");
        return new Origin { Outlet = outlet, Url = Get("url"), OriginalDate = date, IsCanonical = canonical };
    }

    private static string Scalar(YamlNode node, string file, string key) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw new ImportError(file, Line(node), $"{key} must be a single value");

    private static List<string> List(YamlNode node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList(),
        YamlScalarNode { Value: { Length: > 0 } single } => [single],
        _ => [],
    };

    private static bool Boolean(YamlNode node, string file, string key) =>
        bool.TryParse(Scalar(node, file, key), out var value) ? value
            : throw new ImportError(file, Line(node), $"{key} must be true or false");

    private static DateTime Date(YamlNode node, string file, string key, TimeZoneInfo zone)
    {
        var text = Scalar(node, file, key).Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Publishing.Settings.SiteTime.StartOfDayUtc(day, zone);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            return moment.UtcDateTime;
        throw new ImportError(file, Line(node), $"{key} '{text}' is not a date (expected YYYY-MM-DD or ISO 8601 with offset)");
    }

    // +1: the opening fence is line 1 of the file, and YamlDotNet counts from the line after it.
    private static int Line(YamlNode node) => (int)node.Start.Line + 1;
}
