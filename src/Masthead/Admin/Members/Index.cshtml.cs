using Masthead.Data;
using Masthead.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Members;

public sealed record MemberRow(int Id, string Email, string? Name, string Tier, bool Complimentary, IReadOnlyList<string> Labels,
    IReadOnlyList<string> Newsletters, DateTime CreatedAt, bool Bouncing);

/// <summary>Members with search and filters (tier, newsletter, status, label, bouncing), the Ghost CSV export of what is shown, and the CSV import.</summary>
public sealed class IndexModel(MastheadDb db, MembersEditor members, MemberCsv csv) : BackOfficePage(db)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public int? Newsletter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Label { get; set; }
    [BindProperty(SupportsGet = true)] public bool Bouncing { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<MemberRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<Tier> Tiers { get; private set; } = [];
    public IReadOnlyList<Masthead.Newsletters.Newsletter> Newsletters { get; private set; } = [];
    public IReadOnlyList<Label> Labels { get; private set; } = [];
    public CsvImportSummary? Imported { get; private set; }

    private MemberFilter Filter => new(Q, Tier, Newsletter, Status, Label, Bouncing);

    public async Task OnGetAsync()
    {
        var filtered = members.Filtered(Filter);
        Total = await filtered.CountAsync();
        PageNumber = Math.Max(1, PageNumber);
        Rows = await filtered.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(m => new MemberRow(m.Id, m.Email, m.Name, m.Tier == null ? "Free" : m.Tier.Name, m.Complimentary,
                m.Labels.Select(l => l.Name).ToList(), m.Newsletters.Select(n => n.Name).ToList(), m.CreatedAt, m.BouncedAt != null))
            .ToListAsync();
        Tiers = await Db.Tiers.AsNoTracking().OrderBy(t => t.Position).ToListAsync();
        Newsletters = await Db.Newsletters.AsNoTracking().OrderBy(n => n.Position).ToListAsync();
        Labels = await Db.Labels.AsNoTracking().OrderBy(l => l.Name).ToListAsync();
    }

    /// <summary>What the list shows, every page of it, in Ghost's members CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"members.csv\"";
        await using var writer = new StreamWriter(Response.Body, new System.Text.UTF8Encoding(false));
        await csv.ExportAsync(members.Filtered(Filter), writer, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0) ModelState.AddModelError("file", "Choose a members CSV file to import.");
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            Imported = await csv.ImportAsync(reader, HttpContext.RequestAborted);
        }
        await OnGetAsync();
        return Page();
    }

    public string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["tier"] = Tier, ["newsletter"] = Newsletter?.ToString(), ["status"] = Status, ["label"] = Label,
        ["bouncing"] = Bouncing ? "true" : null, ["page"] = page.ToString(),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
