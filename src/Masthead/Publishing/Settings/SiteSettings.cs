using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Publishing.Settings;

/// <summary>The one row of publication-wide settings: identity and the notices every page carries.</summary>
public sealed class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string Name { get; set; } = "";
    public string? Tagline { get; set; }
    /// <summary>IANA zone in which datelines are shown and date-only imports are read.</summary>
    public string TimeZone { get; set; } = "UTC";
    public int PageSize { get; set; } = 10;
    public string? Disclaimer { get; set; }
    public string? CopyrightNotice { get; set; }
    public string? RepublicationPolicy { get; set; }
    public string? ReaderNote { get; set; }
    public string? MediaContact { get; set; }
    public string? MembershipCall { get; set; }
    public string? CommentCall { get; set; }
    /// <summary>Who may comment, unless an article says otherwise.</summary>
    public Comments.CommentsMode CommentsMode { get; set; }
    /// <summary>Comments close this many days after publication (0: never).</summary>
    public int CommentsCloseAfterDays { get; set; }
    /// <summary>Hold a commenter's first comment for a moderator (WordPress's "previously approved comment").</summary>
    public bool CommentsHoldFirst { get; set; } = true;
    /// <summary>Hold a comment with more links than this.</summary>
    public int CommentsMaxLinks { get; set; } = 2;
    /// <summary>Words or phrases, one a line, that send a comment to the queue.</summary>
    public string? CommentsBlockedWords { get; set; }
    public int MaxUploadMegabytes { get; set; } = 20;
    /// <summary>The publication's logo (a media library picture), shown in the masthead and named to search engines.</summary>
    public string? Logo { get; set; }
    /// <summary>A square picture from the media library that the favicon, app icons and manifest are made from.</summary>
    public string? Icon { get; set; }
    /// <summary>When set, an article whose body has broken links cannot be published at all, not even after confirming.</summary>
    public bool RefuseBrokenLinks { get; set; }
    /// <summary>Feeds carry each article's whole body (WordPress's "Full text"); otherwise the excerpt only.</summary>
    public bool FeedFullContent { get; set; } = true;
    /// <summary>When anything readers can see last changed: the public pages' Last-Modified. Kept by <see cref="ContentStamp"/>.</summary>
    public DateTime? ContentChangedAt { get; set; }
    /// <summary>Names this site to the outside (the Content API's <c>site_uuid</c>); made with the row.</summary>
    public Guid SiteUuid { get; set; } = Guid.NewGuid();
    /// <summary>Moves on every save; a save made from an older one is refused (<see cref="Data.ConcurrencyVersions"/>).</summary>
    public uint Version { get; set; }
}

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Name).HasMaxLength(200);
        settings.Property(s => s.TimeZone).HasMaxLength(100);
        settings.Property(s => s.Logo).HasMaxLength(300);
        settings.Property(s => s.Icon).HasMaxLength(300);
    }
}
