using Masthead.Data;
using Masthead.Publishing.Settings;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin;

/// <summary>What every back-office page needs: the store, the signed-in member, the site's zone, a flash message.</summary>
public abstract class BackOfficePage(MastheadDb db) : PageModel
{
    protected MastheadDb Db => db;
    private StaffMember? me;
    private TimeZoneInfo? zone;

    public const string FlashKey = "Flash";

    /// <summary>
    /// A message for the next page shown, after a redirect; the layout shows it and so spends it. Kept in TempData by hand
    /// rather than with [TempData], which loads and saves it on every handler: the editor's preview and autosave, which
    /// show no page, then deleted a message waiting for the page a save was redirecting to.
    /// </summary>
    public string? Flash
    {
        get => TempData.Peek(FlashKey) as string;
        set => TempData[FlashKey] = value;
    }

    public async Task<StaffMember> MeAsync()
    {
        if (me is not null) return me;
        var id = User.StaffId() ?? throw new InvalidOperationException("not signed in");
        return me = await db.Staff.SingleAsync(s => s.Id == id);
    }

    public async Task<TimeZoneInfo> ZoneAsync() =>
        zone ??= SiteTime.Zone(await db.SiteSettings.AsNoTracking().Select(s => s.TimeZone).SingleOrDefaultAsync());

    public static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id of the input a model-state key belongs to, for the error summary's links.</summary>
    public static string FieldId(string key) => key switch
    {
        "Form.Bylines" => "byline-0",
        "Note" => "note-text",
        _ when key.StartsWith("NoteTexts[", StringComparison.Ordinal) => "note-" + key["NoteTexts[".Length..].TrimEnd(']'),
        _ => key.Replace('.', '_').Replace('[', '_').Replace(']', '_'),
    };

    /// <summary>Copies errors by field into ModelState so the form shows them beside the fields.</summary>
    protected void ShowErrors(IReadOnlyDictionary<string, string> errors, string prefix = "")
    {
        foreach (var (field, message) in errors) ModelState.AddModelError(prefix + field, message);
    }
}
