using System.Globalization;
using System.Text.RegularExpressions;

namespace Masthead.Importing.Pages;

/// <summary>
/// Reads an article page as text (see shared/reference/README.md for its anatomy): headline, byline, dateline,
/// taxonomy lines, the body up to a line holding only '*', then bio and publication boilerplate.
/// Pure: it touches no store, so a refused page cannot have written anything.
/// </summary>
public static partial class PageParser
{
    private const string DatelineShape = "expected 'Publication, Month D, YYYY', e.g. 'Global Research, January 16, 2020'";
    private static readonly string[] DateFormats = ["MMMM d, yyyy", "MMM d, yyyy", "MMM. d, yyyy", "d MMMM yyyy", "d MMM yyyy", "yyyy-MM-dd"];

    public static ParsedPage Parse(string text, string file)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var at = NextNonEmpty(lines, 0);
        if (at < 0) throw new ImportError(file, 1, "no headline: the page is empty");

        var headline = lines[at].Trim();
        if (headline.StartsWith("By ", StringComparison.Ordinal) || IsDatelineShaped(headline))
            throw new ImportError(file, at + 1, $"no headline: the page starts with '{Shorten(headline)}'");

        at = NextNonEmpty(lines, at + 1);
        IReadOnlyList<PageLink> bylines = [];
        // Trimmed first: "By " with nothing after it is not a byline line (found by fuzzing: it indexed past the end).
        if (at >= 0 && lines[at].Trim() is var bylineLine && bylineLine.StartsWith("By ", StringComparison.Ordinal))
        {
            bylines = ParseBylines(bylineLine[3..]);
            if (bylines.FirstOrDefault(b => b.Text.Length > MaxNameLength || b.Text.Length == 0) is { } odd)
                throw new ImportError(file, at + 1, $"a byline of {odd.Text.Length} characters; a byline names people: By [Name](address), [Other Name](address)");
            at = NextNonEmpty(lines, at + 1);
        }

        if (at < 0) throw new ImportError(file, lines.Length, $"no dateline ({DatelineShape})");
        var (dateline, date) = ParseDateline(lines[at].Trim(), file, at + 1);

        var taxonomy = new List<VocabularyLine>();
        for (at = NextNonEmpty(lines, at + 1); at >= 0 && TryParseVocabularyLine(lines[at], at + 1, file) is { } line; at = NextNonEmpty(lines, at + 1))
            taxonomy.Add(line);

        var bodyStart = at < 0 ? lines.Length : at;
        var separator = Array.FindIndex(lines, bodyStart, l => l.Trim() == "*");
        var bodyEnd = separator < 0 ? lines.Length : separator;
        var body = string.Join('\n', lines[bodyStart..bodyEnd].Select(l => l.TrimEnd())).Trim('\n');
        if (body.Length == 0)
            throw new ImportError(file, bodyStart + 1, "no body: nothing between the dateline or taxonomy lines and the '*' line");

        var afterword = PageAfterword.Read(separator < 0 ? [] : Paragraphs(lines, separator + 1), bylines);
        return new ParsedPage(headline, bylines, dateline, date, taxonomy, body,
            afterword.Bios, afterword.Origin, afterword.Notices, afterword.ArticleNote);
    }

    private static (string Publication, DateOnly Date) ParseDateline(string line, string file, int lineNumber)
    {
        var match = DatelinePattern().Match(line);
        if (!match.Success)
            throw new ImportError(file, lineNumber, $"no dateline ({DatelineShape}), found '{Shorten(line)}'");
        var dateText = match.Groups["date"].Value.Trim();
        if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
            throw new ImportError(file, lineNumber, $"unparseable date '{dateText}' (expected 'Month D, YYYY', e.g. 'January 16, 2020')");
        return (match.Groups["publication"].Value.Trim(), date);
    }

    private static bool IsDatelineShaped(string line) => DatelinePattern().IsMatch(line);

    private const int MaxNameLength = 200;

    private static IReadOnlyList<PageLink> ParseBylines(string names)
    {
        var links = Links(names);
        if (links.Count > 0) return links;
        return BylineSeparator().Split(names)
            .Select(n => n.Trim())
            .Where(n => n.Length > 0)
            .Select(n => new PageLink(n, ""))
            .ToList();
    }

    private static VocabularyLine? TryParseVocabularyLine(string line, int lineNumber, string file)
    {
        var match = VocabularyLinePattern().Match(line.Trim());
        if (!match.Success) return null;
        var terms = match.Groups["terms"].Value;
        // A vocabulary line is nothing but links and commas; a body sentence that starts "Note: [x](y) says…" is not one.
        if (MarkdownLink().Replace(terms, "").Any(c => c != ',' && !char.IsWhiteSpace(c))) return null;
        var vocabulary = match.Groups["vocabulary"].Value.Trim();
        if (Publishing.Addresses.SiteRoutes.VocabularyNameProblem(vocabulary) is { } problem)
            throw new ImportError(file, lineNumber, problem);
        return new VocabularyLine(vocabulary, Links(terms), lineNumber);
    }

    internal static IReadOnlyList<PageLink> Links(string text) =>
        MarkdownLink().Matches(text)
            .Select(m => new PageLink(Unescape(m.Groups["text"].Value).Trim(), m.Groups["target"].Value.Trim()))
            .ToList();

    internal static string Unescape(string markdown) => MarkdownEscape().Replace(markdown, "$1");

    private static int NextNonEmpty(string[] lines, int from)
    {
        for (var i = from; i < lines.Length; i++)
            if (!string.IsNullOrWhiteSpace(lines[i])) return i;
        return -1;
    }

    private static List<string> Paragraphs(string[] lines, int from)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        for (var i = from; i <= lines.Length; i++)
        {
            if (i < lines.Length && !string.IsNullOrWhiteSpace(lines[i])) { current.Add(lines[i].Trim()); continue; }
            if (current.Count > 0) paragraphs.Add(string.Join(' ', current));
            current.Clear();
        }
        return paragraphs;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    [GeneratedRegex(@"^(?<publication>[^\[\]]{1,100}?),\s+(?<date>[^,\[\]]{1,30}(?:,\s*)?\d{4})\s*$")]
    private static partial Regex DatelinePattern();

    [GeneratedRegex(@"^(?<vocabulary>\p{L}[^:\[\]]{0,59}):\s*(?<terms>\[.*)$")]
    private static partial Regex VocabularyLinePattern();

    // Linear time (no backtracking): a line of 200,000 "[" took minutes with the backtracking engine.
    [GeneratedRegex(@"\[(?<text>(?:\\.|[^\]\\])*)\]\((?<target>[^)\s]*)\)", RegexOptions.NonBacktracking)]
    internal static partial Regex MarkdownLink();

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex MarkdownEscape();

    [GeneratedRegex(@"\s*(?:,\s*and\s+|,|\s+and\s+|&)\s*", RegexOptions.NonBacktracking)]
    private static partial Regex BylineSeparator();
}
