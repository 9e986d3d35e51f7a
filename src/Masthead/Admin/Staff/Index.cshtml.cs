using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Staff;

public sealed class IndexModel(MastheadDb db, StaffAccounts accounts, StaffMail mail) : BackOfficePage(db)
{
    public List<StaffMember> Members { get; private set; } = [];
    public List<Authors.Person> People { get; private set; } = [];
    public string? InvitationLink { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public StaffRole Role { get; set; } = StaffRole.Author;
    [BindProperty] public int? PersonId { get; set; }

    public async Task OnGetAsync()
    {
        Members = await Db.Staff.AsNoTracking().Include(s => s.Person).OrderBy(s => s.Role).ThenBy(s => s.Name).ToListAsync();
        People = await Db.People.AsNoTracking().OrderBy(p => p.Name).ToListAsync();
    }

    /// <summary>An invitation makes the account and is mailed; the invited member chooses their own password from the link.
    /// Without a mail server the link is shown here, once.</summary>
    public async Task<IActionResult> OnPostInviteAsync()
    {
        var me = await MeAsync();
        var outcome = await accounts.InviteAsync(me, Name, Email, Role, PersonId);
        if (outcome.Succeeded)
        {
            var (invited, token) = outcome.Value;
            if (await mail.InviteAsync(invited, token, me.Name))
            {
                Flash = $"Invitation sent to {invited.Email}.";
                return Redirect("/admin/staff");
            }
            InvitationLink = mail.InvitationLink(token);
            (Name, Email, PersonId) = (null, null, null);
            ModelState.Clear();
        }
        else ShowErrors(outcome.Refusal!.Errors);
        await OnGetAsync();
        return Page();
    }

    /// <summary>A fresh link for an invitation that was lost or ran out; the old one stops working.</summary>
    public async Task<IActionResult> OnPostResendAsync(int staffId)
    {
        var me = await MeAsync();
        var outcome = await accounts.RenewInvitationAsync(me, staffId);
        if (outcome.Refusal is { } refusal)
        {
            if (refusal.Kind == RefusalKind.NotFound) return NotFound();
            if (refusal.Kind == RefusalKind.Forbidden) return Forbid();
            Flash = refusal.Message;
            return Redirect("/admin/staff");
        }
        var (member, token) = outcome.Value;
        if (await mail.InviteAsync(member, token, me.Name))
        {
            Flash = $"Invitation sent again to {member.Email}.";
            return Redirect("/admin/staff");
        }
        InvitationLink = mail.InvitationLink(token);
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(int staffId, StaffRole role, int? personId)
    {
        var outcome = await accounts.ChangeRoleAsync(await MeAsync(), staffId, role, personId);
        if (outcome.Refusal is { } refusal) return refusal.Kind == RefusalKind.NotFound ? NotFound() : Forbid();
        Flash = $"{outcome.Value!.Name} is now {role}.";
        return Redirect("/admin/staff");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int staffId)
    {
        var outcome = await accounts.RemoveAsync(await MeAsync(), staffId);
        if (outcome.Refusal is { } refusal) return refusal.Kind == RefusalKind.NotFound ? NotFound() : Forbid();
        Flash = $"{outcome.Value!.Name} removed; their articles stay.";
        return Redirect("/admin/staff");
    }
}
