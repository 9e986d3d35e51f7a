using System.ComponentModel.DataAnnotations;
using Masthead.Data;
using Masthead.Publishing.Body;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Settings;

public sealed class SettingsForm
{
    [Required, StringLength(200)] public string Name { get; set; } = "";
    public string? Tagline { get; set; }
    [Required] public string TimeZone { get; set; } = "UTC";
    [Range(1, 100)] public int PageSize { get; set; } = 10;
    public string? Disclaimer { get; set; }
    public string? CopyrightNotice { get; set; }
    public string? RepublicationPolicy { get; set; }
    public string? ReaderNote { get; set; }
    public string? MediaContact { get; set; }
    public string? MembershipCall { get; set; }
    public string? CommentCall { get; set; }
    [Range(1, 1024)] public int MaxUploadMegabytes { get; set; } = 20;
    public bool RefuseBrokenLinks { get; set; }
    public bool FeedFullContent { get; set; } = true;
    public Comments.CommentsMode CommentsMode { get; set; }
    [Range(0, 36_500)] public int CommentsCloseAfterDays { get; set; }
    public bool CommentsHoldFirst { get; set; } = true;
    [Range(0, 100)] public int CommentsMaxLinks { get; set; } = 2;
    public string? CommentsBlockedWords { get; set; }
    /// <summary>A picture of the media library (its /media/ address), or empty for none.</summary>
    public string? Logo { get; set; }
    public string? Icon { get; set; }
    /// <summary>The settings' version when the form was opened.</summary>
    public uint Version { get; set; }

    public static SettingsForm From(SiteSettings s) => new()
    {
        Name = s.Name, Tagline = s.Tagline, TimeZone = s.TimeZone, PageSize = s.PageSize, Disclaimer = s.Disclaimer,
        CopyrightNotice = s.CopyrightNotice, RepublicationPolicy = s.RepublicationPolicy, ReaderNote = s.ReaderNote,
        MediaContact = s.MediaContact, MembershipCall = s.MembershipCall, CommentCall = s.CommentCall,
        MaxUploadMegabytes = s.MaxUploadMegabytes, RefuseBrokenLinks = s.RefuseBrokenLinks, FeedFullContent = s.FeedFullContent,
        CommentsMode = s.CommentsMode, CommentsCloseAfterDays = s.CommentsCloseAfterDays, CommentsHoldFirst = s.CommentsHoldFirst,
        CommentsMaxLinks = s.CommentsMaxLinks, CommentsBlockedWords = s.CommentsBlockedWords, Logo = s.Logo, Icon = s.Icon,
        Version = s.Version,
    };
}

/// <summary>The one writer of the site settings row (the content stamp aside): checks the zone and refuses a stale form.</summary>
public sealed class SettingsEditor(MastheadDb db)
{
    /// <summary>An import's name, description and zone for the site (Ghost's settings); what is missing or unknown stays as it is.</summary>
    public async Task TakeIdentityAsync(string? name, string? tagline, string? timeZone, CancellationToken cancellation = default)
    {
        var s = await db.SiteSettings.SingleAsync(x => x.Id == SiteSettings.SingletonId, cancellation);
        if (name is { Length: > 0 }) s.Name = name.Trim();
        if (tagline is { Length: > 0 }) s.Tagline = tagline.Trim();
        if (timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)) s.TimeZone = timeZone;
        await db.SaveChangesAsync(cancellation);
    }

    /// <summary>The archive restore's settings, with the site's own uuid, into a site that is being restored.</summary>
    public async Task RestoreAsync(SettingsForm form, Guid siteUuid, CancellationToken cancellation = default)
    {
        var s = await db.SiteSettings.SingleAsync(x => x.Id == SiteSettings.SingletonId, cancellation);
        Apply(s, form);
        s.SiteUuid = siteUuid;
        await db.SaveChangesAsync(cancellation);
    }

    private static void Apply(SiteSettings s, SettingsForm form)
    {
        (s.Name, s.Tagline, s.TimeZone, s.PageSize) = (form.Name.Trim(), PlainText.TrimmedOrNull(form.Tagline), form.TimeZone, form.PageSize);
        (s.Disclaimer, s.CopyrightNotice, s.RepublicationPolicy) = (PlainText.TrimmedOrNull(form.Disclaimer), PlainText.TrimmedOrNull(form.CopyrightNotice), PlainText.TrimmedOrNull(form.RepublicationPolicy));
        (s.ReaderNote, s.MediaContact, s.MembershipCall, s.CommentCall) = (PlainText.TrimmedOrNull(form.ReaderNote), PlainText.TrimmedOrNull(form.MediaContact), PlainText.TrimmedOrNull(form.MembershipCall), PlainText.TrimmedOrNull(form.CommentCall));
        (s.MaxUploadMegabytes, s.RefuseBrokenLinks, s.FeedFullContent) = (form.MaxUploadMegabytes, form.RefuseBrokenLinks, form.FeedFullContent);
        (s.CommentsMode, s.CommentsCloseAfterDays, s.CommentsHoldFirst, s.CommentsMaxLinks, s.CommentsBlockedWords) =
            (form.CommentsMode, form.CommentsCloseAfterDays, form.CommentsHoldFirst, form.CommentsMaxLinks, PlainText.TrimmedOrNull(form.CommentsBlockedWords));
        (s.Logo, s.Icon) = (PlainText.TrimmedOrNull(form.Logo), PlainText.TrimmedOrNull(form.Icon));
    }

    /// <summary>The logo and the icon are pictures of the media library: the icons are made from its file.</summary>
    private async Task<Dictionary<string, string>> PicturesProblemsAsync(SettingsForm form, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string>();
        var media = await Media.ResponsiveImages.PicturesInAsync(db, [form.Logo, form.Icon], cancellation);
        foreach (var (field, address, what) in new[] { (nameof(SettingsForm.Logo), form.Logo, "logo"), (nameof(SettingsForm.Icon), form.Icon, "icon") })
            if (PlainText.TrimmedOrNull(address) is { } chosen && Media.ResponsiveImages.Item(chosen, media) is not { IsImage: true, Width: > 0 })
                errors[field] = $"Choose the {what} from the media library's pictures (upload it on the Media page first).";
        if (Media.ResponsiveImages.Item(PlainText.TrimmedOrNull(form.Icon), media) is { Width: { } w, Height: { } h } icon && !errors.ContainsKey(nameof(SettingsForm.Icon)) && Math.Min(w, h) < 512)
            errors[nameof(SettingsForm.Icon)] = $"The icon must be at least 512 × 512 px (app icons are made at that size); “{icon.OriginalName}” is {w} × {h}.";
        return errors;
    }

    public async Task<Outcome<SiteSettings>> SaveAsync(SettingsForm form, CancellationToken cancellation = default)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(form.TimeZone ?? "", out _))
            return Refusal.Invalid(nameof(SettingsForm.TimeZone), "Use an IANA time zone such as Europe/Paris or America/Montreal.");
        if (await PicturesProblemsAsync(form, cancellation) is { Count: > 0 } problems) return Refusal.Invalid(problems);
        var s = await db.SiteSettings.SingleAsync(x => x.Id == SiteSettings.SingletonId, cancellation);
        if (s.Version != form.Version)
            return Refusal.Conflict("Someone saved the settings after you opened this page. Your values are still in the form; the saved ones are listed above it.", s);
        db.Entry(s).Property(x => x.Version).OriginalValue = form.Version;
        Apply(s, form);
        try
        {
            await db.SaveChangesAsync(cancellation);
            return s;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict("Someone saved the settings while you were saving. Your values are still in the form.",
                await db.SiteSettings.AsNoTracking().SingleAsync(cancellation));
        }
    }
}
