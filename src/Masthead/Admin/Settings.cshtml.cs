using System.ComponentModel.DataAnnotations;
using Masthead.Data;
using Masthead.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Admin;

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
}

public sealed class SettingsModel(MastheadDb db) : BackOfficePage(db)
{
    [BindProperty] public SettingsForm Form { get; set; } = new();

    public async Task OnGetAsync()
    {
        var s = await Db.SiteSettings.FindAsync(SiteSettings.SingletonId) ?? new SiteSettings();
        Form = new SettingsForm
        {
            Name = s.Name, Tagline = s.Tagline, TimeZone = s.TimeZone, PageSize = s.PageSize, Disclaimer = s.Disclaimer,
            CopyrightNotice = s.CopyrightNotice, RepublicationPolicy = s.RepublicationPolicy, ReaderNote = s.ReaderNote,
            MediaContact = s.MediaContact, MembershipCall = s.MembershipCall, CommentCall = s.CommentCall,
            MaxUploadMegabytes = s.MaxUploadMegabytes, RefuseBrokenLinks = s.RefuseBrokenLinks,
            FeedFullContent = s.FeedFullContent,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Form.TimeZone ?? "", out _))
            ModelState.AddModelError("Form.TimeZone", "Use an IANA time zone such as Europe/Paris or America/Montreal.");
        if (!ModelState.IsValid) return Page();
        var s = await Db.SiteSettings.FindAsync(SiteSettings.SingletonId);
        if (s is null) Db.SiteSettings.Add(s = new SiteSettings());
        (s.Name, s.Tagline, s.TimeZone, s.PageSize) = (Form.Name.Trim(), PlainText.TrimmedOrNull(Form.Tagline), Form.TimeZone!, Form.PageSize);
        (s.Disclaimer, s.CopyrightNotice, s.RepublicationPolicy) = (PlainText.TrimmedOrNull(Form.Disclaimer), PlainText.TrimmedOrNull(Form.CopyrightNotice), PlainText.TrimmedOrNull(Form.RepublicationPolicy));
        (s.ReaderNote, s.MediaContact, s.MembershipCall, s.CommentCall) = (PlainText.TrimmedOrNull(Form.ReaderNote), PlainText.TrimmedOrNull(Form.MediaContact), PlainText.TrimmedOrNull(Form.MembershipCall), PlainText.TrimmedOrNull(Form.CommentCall));
        (s.MaxUploadMegabytes, s.RefuseBrokenLinks, s.FeedFullContent) = (Form.MaxUploadMegabytes, Form.RefuseBrokenLinks, Form.FeedFullContent);
        await Db.SaveChangesAsync();
        Flash = "Settings saved.";
        return Redirect("/admin/settings");
    }

}
