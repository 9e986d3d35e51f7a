using System.Text.RegularExpressions;

namespace Masthead.Importing.Pages;

/// <summary>
/// What follows the '*' line: the author's bio (and with it, where the piece was originally published) and the
/// publication's boilerplate. Paragraphs that are neither are kept as the article's own note, never dropped.
/// </summary>
internal static partial class PageAfterword
{
    public sealed record Result(IReadOnlyList<PersonBio> Bios, PageOrigin? Origin, PageNotices Notices, string? ArticleNote);

    public static Result Read(IReadOnlyList<string> paragraphs, IReadOnlyList<PageLink> bylines)
    {
        var bios = new List<PersonBio>();
        var notices = new PageNotices();
        var leftovers = new List<string>();
        PageOrigin? origin = null;

        foreach (var paragraph in paragraphs)
        {
            if (Labelled(paragraph, "Note to readers") is { } readerNote)
                notices = notices with { ReaderNote = readerNote };
            else if (Labelled(paragraph, "Articles by") is not null)
                continue; // derived from the bylines
            else if (Labelled(paragraph, "Disclaimer") is { } disclaimer)
            {
                var (plain, policy) = SplitRepublicationPolicy(disclaimer);
                notices = notices with { Disclaimer = plain, RepublicationPolicy = policy };
            }
            else if (MediaContact().Match(paragraph) is { Success: true } media)
                notices = notices with { MediaContact = media.Groups["contact"].Value.Trim() };
            else if (CallToAction().Match(paragraph) is { Success: true } call && ClassifyCall(call.Groups["text"].Value) is { } kind)
                notices = kind == CallKind.Comment
                    ? notices with { CommentCall = call.Groups["text"].Value.Trim() }
                    : notices with { MembershipCall = call.Groups["text"].Value.Trim() };
            else if (paragraph.Contains("fair use", StringComparison.OrdinalIgnoreCase) || paragraph.Contains("copyrighted material", StringComparison.OrdinalIgnoreCase))
                notices = notices with { CopyrightNotice = paragraph };
            else if (bylines.FirstOrDefault(b => StartsWithName(paragraph, b.Text)) is { } person)
            {
                bios.Add(new PersonBio(person.Text, paragraph));
                origin ??= FindOrigin(paragraph);
            }
            else if (FindOrigin(paragraph) is { } stated && origin is null)
                origin = stated;
            else
                leftovers.Add(paragraph);
        }

        return new Result(bios, origin, notices, leftovers.Count == 0 ? null : string.Join("\n\n", leftovers));
    }

    /// <summary>
    /// "…for the online magazine [“New Eastern Outlook”](…) where this article was originally published" →
    /// New Eastern Outlook. The outlet is the link (or quoted name) nearest to the phrase, or the name after
    /// "originally published in/on/by".
    /// </summary>
    internal static PageOrigin? FindOrigin(string paragraph)
    {
        var phrase = OriginallyPublished().Match(paragraph);
        if (!phrase.Success) return null;
        var sentence = SentenceAround(paragraph, phrase.Index);
        var phraseAt = phrase.Index - sentence.Start;
        var text = paragraph.Substring(sentence.Start, sentence.Length);

        var link = PageParser.MarkdownLink().Matches(text).MinBy(m => Distance(m, phraseAt));
        if (link is not null)
        {
            var target = link.Groups["target"].Value;
            var outlet = TrimQuotes(PageParser.Unescape(link.Groups["text"].Value));
            return new PageOrigin(outlet, Publishing.Body.CitationLinks.IsBroken(target) ? null : target);
        }
        var quoted = QuotedName().Matches(text).MinBy(m => Distance(m, phraseAt));
        if (quoted is not null) return new PageOrigin(quoted.Groups["name"].Value.Trim(), null);
        var named = NamedAfterPhrase().Match(text, phraseAt);
        return named.Success ? new PageOrigin(named.Groups["name"].Value.Trim(), null) : null;
    }

    private static int Distance(Match match, int index) =>
        index >= match.Index + match.Length ? index - (match.Index + match.Length) : Math.Abs(match.Index - index);

    private static (int Start, int Length) SentenceAround(string text, int index)
    {
        var starts = SentenceBreak().Matches(text).Select(m => m.Index + m.Length).Prepend(0).ToList();
        var start = starts.Last(s => s <= index);
        var next = starts.FirstOrDefault(s => s > index, text.Length);
        return (start, next - start);
    }

    /// <summary>The sentences from the first that grants or withholds permission to republish are the policy.</summary>
    private static (string? Disclaimer, string? Policy) SplitRepublicationPolicy(string disclaimer)
    {
        var sentences = SentenceBreak().Split(disclaimer).Where(s => s.Length > 0).ToList();
        var first = sentences.FindIndex(s => RepublicationWords().IsMatch(s));
        if (first < 0) return (disclaimer, null);
        string? Join(IEnumerable<string> part) => part.Any() ? string.Join(' ', part) : null;
        return (Join(sentences.Take(first)), Join(sentences.Skip(first)));
    }

    private enum CallKind { Comment, Membership }

    private static CallKind? ClassifyCall(string text) =>
        text.Contains("comment", StringComparison.OrdinalIgnoreCase) ? CallKind.Comment
        : MembershipWords().IsMatch(text) ? CallKind.Membership
        : null;

    private static string? Labelled(string paragraph, string label) =>
        paragraph.StartsWith(label + ":", StringComparison.OrdinalIgnoreCase) ? paragraph[(label.Length + 1)..].Trim() : null;

    private static bool StartsWithName(string paragraph, string name) =>
        name.Length > 0 && paragraph.StartsWith(name, StringComparison.Ordinal)
        && (paragraph.Length == name.Length || !char.IsLetterOrDigit(paragraph[name.Length]));

    private static string TrimQuotes(string text) => text.Trim().Trim('“', '”', '"', '\'', '‘', '’', '«', '»').Trim();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}“""])", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"originally\s+(?:been\s+)?published", RegexOptions.IgnoreCase)]
    private static partial Regex OriginallyPublished();

    [GeneratedRegex(@"[“""](?<name>[^”""]{2,100})[”""]")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"originally\s+(?:been\s+)?published\s+(?:in|on|by|at)\s+(?:the\s+)?(?<name>\p{Lu}[\w&'.-]*(?:\s+(?:of\s+|the\s+)?\p{Lu}[\w&'.-]*)*)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedAfterPhrase();

    [GeneratedRegex(@"^(?:For\s+)?media\s+(?:inquiries|enquiries)\s*:\s*(?<contact>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex MediaContact();

    [GeneratedRegex(@"^\[(?:\*\*)?(?<text>.+?)(?:\*\*)?\]\([^)]*\)$", RegexOptions.NonBacktracking)]
    private static partial Regex CallToAction();

    [GeneratedRegex(@"\bmember|\bdonat|\bsubscri|\bsupport\b", RegexOptions.IgnoreCase)]
    private static partial Regex MembershipWords();

    [GeneratedRegex(@"permission|cross-?post|republish|repost|reprint", RegexOptions.IgnoreCase)]
    private static partial Regex RepublicationWords();
}
