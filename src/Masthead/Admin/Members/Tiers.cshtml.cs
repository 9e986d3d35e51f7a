using Masthead.Data;
using Masthead.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Members;

public sealed record TierRow(Tier Tier, int Members);

/// <summary>The free tier and the paid tiers, with their prices as the sign-up page shows them; a new paid tier.</summary>
public sealed class TiersModel(MastheadDb db, MembersEditor members) : BackOfficePage(db)
{
    public IReadOnlyList<TierRow> Tiers { get; private set; } = [];
    [BindProperty] public string? TierName { get; set; }
    [BindProperty] public string? TierDescription { get; set; }
    [BindProperty] public decimal? TierMonthly { get; set; }
    [BindProperty] public decimal? TierYearly { get; set; }
    [BindProperty] public string? TierCurrency { get; set; } = "USD";

    public async Task OnGetAsync() => Tiers = await Db.Tiers.AsNoTracking().OrderBy(t => t.Position)
        .Select(t => new TierRow(t, t.IsFree ? Db.Members.Count(m => m.TierId == null || m.TierId == t.Id) : Db.Members.Count(m => m.TierId == t.Id)))
        .ToListAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await members.CreateTierAsync(TierName, TierDescription, TierMonthly, TierYearly, TierCurrency);
        if (outcome.Value is { } tier)
        {
            Flash = $"Tier \"{tier.Name}\" created.";
            return Redirect("/admin/members/tiers");
        }
        ShowErrors(outcome.Refusal!.Errors);
        await OnGetAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
