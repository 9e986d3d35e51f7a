using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Importing;
using Masthead.Publishing.Addresses;

namespace Masthead.Archive;

/// <summary>
/// The full archive of a site (`masthead export all DIR`), documented in README "Full export": site.json (settings,
/// vocabularies and terms, people, redirects), articles/SLUG.md (the body as written) and articles/SLUG.json (everything
/// else, with revisions and notes), comments.json, members.json (tiers, newsletters, labels, members), media.json and
/// media/ (the files). Nothing refers to a database id:
/// people, terms and articles are named by slug, comments by their place in comments.json, so an archive made on one
/// store restores on another and exports again byte for byte.
/// </summary>
public static class ArchiveFormat
{
    public const string Name = "masthead-archive";
    public const int Version = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>One of the archive's files, or an <see cref="ImportError"/> with its line.</summary>
    public static async Task<T> ReadAsync<T>(string file, CancellationToken cancellation = default)
    {
        if (!File.Exists(file)) throw new ImportError(file, 0, "missing from the archive");
        await using var stream = File.OpenRead(file);
        try { return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellation) ?? throw new ImportError(file, 1, "empty"); }
        catch (JsonException error) { throw new ImportError(file, (int)(error.LineNumber ?? 0) + 1, "invalid: " + error.Message.Split(" Path:")[0]); }
    }
}

public sealed record ArchiveSite(string Format, int Version, ArchiveSettings Settings, List<ArchiveVocabulary> Vocabularies,
    List<ArchivePerson> People, List<ArchiveRedirect> Redirects);

public sealed record ArchiveSettings(string Name, string? Tagline, string TimeZone, int PageSize, string? Disclaimer, string? CopyrightNotice,
    string? RepublicationPolicy, string? ReaderNote, string? MediaContact, string? MembershipCall, string? CommentCall, int MaxUploadMegabytes,
    bool RefuseBrokenLinks, bool FeedFullContent, Guid SiteUuid, Comments.CommentsMode CommentsMode = Comments.CommentsMode.Closed,
    int CommentsCloseAfterDays = 0, bool CommentsHoldFirst = true, int CommentsMaxLinks = 2, string? CommentsBlockedWords = null,
    string? Logo = null, string? Icon = null);

public sealed record ArchiveVocabulary(string Slug, string Name, int Position, List<ArchiveTerm> Terms);

public sealed record ArchiveTerm(string Slug, string Name, string? Parent);

public sealed record ArchivePerson(string Slug, string Name, string? Bio, string? Photo);

public sealed record ArchiveRedirect(string From, string To);

public sealed record ArchiveArticle(
    Guid Uuid, string Slug, string Headline, string? Dek, Articles.ArticleStatus Status, DateTime? PublishedAt, DateTime CreatedAt,
    DateTime UpdatedAt, string? Dateline, ArchiveOrigin? Origin, string? ReaderNote, string? SourceId, string? FeaturedImage, bool Featured,
    List<string> Bylines, List<ArchiveTermRef> Terms, List<ArchiveNote> Notes, List<ArchiveRevision> Revisions, bool IsPage = false,
    Articles.Visibility Visibility = Articles.Visibility.Public, Comments.CommentsMode? CommentsMode = null,
    string? FeaturedImageAlt = null, string? FeaturedImageCaption = null);

public sealed record ArchiveOrigin(string Outlet, string? Url, DateOnly? Date, bool Canonical);

public sealed record ArchiveTermRef(string Vocabulary, string Term);

public sealed record ArchiveNote(Articles.Editing.NoteKind Kind, string Text, DateTime At, DateTime? AmendedAt);

/// <summary>A revision's snapshot with people, terms and notes named as in the archive, not by database id.</summary>
public sealed record ArchiveRevision(int Number, DateTime CreatedAt, string? StaffName, string Action, ArchiveSnapshot Snapshot);

public sealed record ArchiveSnapshot(
    string Headline, string? Dek, string Slug, string? Dateline, string BodyMarkdown, Articles.ArticleStatus Status, DateTime? PublishedAt,
    List<ArchiveSnapshotByline> Bylines, List<ArchiveSnapshotTerm> Terms, string? OriginOutlet, string? OriginUrl, DateOnly? OriginDate,
    string? ReaderNote, string? FeaturedImage, List<ArchiveNote> Notes, bool OriginIsCanonical,
    string? FeaturedImageAlt = null, string? FeaturedImageCaption = null);

public sealed record ArchiveSnapshotByline(string? Person, string Name);

public sealed record ArchiveSnapshotTerm(string? Vocabulary, string? Term, string VocabularyName, string Name);

/// <summary>
/// A comment; <see cref="Parent"/> is the index of its parent in comments.json, <see cref="Member"/> the uuid of the member
/// who wrote it. Staff accounts are not in the archive, so a staff reply comes back as a reader's comment in their name.
/// </summary>
public sealed record ArchiveComment(string Article, int? Parent, string AuthorName, string? AuthorEmail, string? AuthorUrl, string BodyHtml,
    DateTime CreatedAt, Comments.CommentStatus Status, string? SourceId, string? BodyText = null, string? HeldFor = null, int Flags = 0,
    bool NotifyReplies = false, DateTime? EditedAt = null, Guid? Member = null);

public sealed record ArchiveMedia(string Hash, string Extension, string ContentType, string OriginalName, long Size, int? Width, int? Height,
    string? Alt, DateTime UploadedAt, string? Caption = null, string? Variants = null);

/// <summary>members.json: tiers, newsletters, labels and members, named by slug and address; never sessions or sign-in links.</summary>
public sealed record ArchiveMembership(List<ArchiveTier> Tiers, List<ArchiveNewsletter> Newsletters, List<ArchiveLabel> Labels, List<ArchiveMember> Members)
{
    public static readonly ArchiveMembership Empty = new([], [], [], []);
}

public sealed record ArchiveTier(string Slug, string Name, string? Description, bool IsFree, int MonthlyPrice, int YearlyPrice, string Currency, bool Active, int Position);

public sealed record ArchiveNewsletter(Guid Uuid, string Slug, string Name, string? Description, string? SenderName, string? ReplyTo,
    bool SubscribeOnSignUp, bool Active, int Position);

public sealed record ArchiveLabel(string Slug, string Name);

public sealed record ArchiveMember(Guid Uuid, string Email, string? Name, string? Note, DateTime CreatedAt, string? Tier, bool Complimentary,
    string? PaymentCustomerId, DateTime? BouncedAt, string? BounceReason, List<string> Labels, List<string> Newsletters);
