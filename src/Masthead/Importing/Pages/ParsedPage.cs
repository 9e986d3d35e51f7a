namespace Masthead.Importing.Pages;

/// <summary>A Markdown-style link as the page wrote it: <c>[text](target)</c>.</summary>
public sealed record PageLink(string Text, string Target);

public sealed record VocabularyLine(string Vocabulary, IReadOnlyList<PageLink> Terms, int Line);

public sealed record PersonBio(string Name, string Bio);

public sealed record PageOrigin(string Outlet, string? Url);

/// <summary>The publication-wide boilerplate under the '*' line; it goes to site settings, not into the article.</summary>
public sealed record PageNotices
{
    public string? ReaderNote { get; init; }
    public string? CommentCall { get; init; }
    public string? MembershipCall { get; init; }
    public string? Disclaimer { get; init; }
    public string? RepublicationPolicy { get; init; }
    public string? CopyrightNotice { get; init; }
    public string? MediaContact { get; init; }
}

public sealed record ParsedPage(
    string Headline,
    IReadOnlyList<PageLink> Bylines,
    string Dateline,
    DateOnly Date,
    IReadOnlyList<VocabularyLine> Taxonomy,
    string BodyMarkdown,
    IReadOnlyList<PersonBio> Bios,
    PageOrigin? Origin,
    PageNotices Notices,
    string? ArticleNote);
