using Masthead.Data;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Staff;

public sealed class IndexModel(MastheadDb db, StaffAccounts accounts) : BackOfficePage(db)
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

    /// <summary>An invitation makes the account; the invited member chooses their own password from the link.</summary>
    public async Task<IActionResult> OnPostInviteAsync()
    {
        var me = await MeAsync();
        if (string.IsNullOrWhiteSpace(Name)) ModelState.AddModelError(nameof(Name), "A name is required.");
        if (string.IsNullOrWhiteSpace(Email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(Email))
            ModelState.AddModelError(nameof(Email), "A valid email address is required.");
        else if (await Db.Staff.AnyAsync(s => s.Email == StaffAccounts.Normalize(Email)))
            ModelState.AddModelError(nameof(Email), "Someone on the staff already has that email.");
        if (Role == StaffRole.Owner || (Role == StaffRole.Administrator && me.Role != StaffRole.Owner))
            ModelState.AddModelError(nameof(Role), "Only the owner can make administrators, and there is one owner.");
        if (ModelState.IsValid)
        {
            var token = await accounts.InviteAsync(new StaffMember { Name = Name!.Trim(), Email = Email!, Role = Role, PersonId = PersonId });
            InvitationLink = $"{Request.Scheme}://{Request.Host}/admin/invite/{token}";
            (Name, Email, PersonId) = (null, null, null);
            ModelState.Clear();
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(int staffId, StaffRole role, int? personId)
    {
        var me = await MeAsync();
        var member = await Db.Staff.FindAsync(staffId);
        if (member is null) return NotFound();
        if (!MayManage(me, member) || role == StaffRole.Owner || (role == StaffRole.Administrator && me.Role != StaffRole.Owner)) return Forbid();
        if (member.Role != role) member.SecurityStamp = Guid.NewGuid().ToString("N");
        (member.Role, member.PersonId) = (role, personId);
        await Db.SaveChangesAsync();
        Flash = $"{member.Name} is now {role}.";
        return Redirect("/admin/staff");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int staffId)
    {
        var me = await MeAsync();
        var member = await Db.Staff.FindAsync(staffId);
        if (member is null) return NotFound();
        if (!MayManage(me, member) || member.Id == me.Id) return Forbid();
        Db.Staff.Remove(member);
        await Db.SaveChangesAsync();
        Flash = $"{member.Name} removed; their articles stay.";
        return Redirect("/admin/staff");
    }

    /// <summary>The owner manages everyone else; administrators manage everyone below them.</summary>
    public static bool MayManage(StaffMember me, StaffMember member) =>
        member.Role != StaffRole.Owner && (me.Role == StaffRole.Owner || member.Role > me.Role);
}
