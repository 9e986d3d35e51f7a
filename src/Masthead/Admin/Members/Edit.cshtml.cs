using Masthead.Data;
using Masthead.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Members;

/// <summary>Add or edit a member: address, name, staff note, labels, a paid tier granted by hand (complimentary), newsletters.</summary>
public sealed class EditModel(MastheadDb db, MembersEditor members) : BackOfficePage(db)
{
    [BindProperty] public MemberEditForm Form { get; set; } = new();
    public int? Id { get; private set; }
    public Member? Existing { get; private set; }
    public Member? Saved { get; private set; }
    public string? ConflictMessage { get; private set; }
    public IReadOnlyList<Tier> Tiers { get; private set; } = [];
    public IReadOnlyList<Masthead.Newsletters.Newsletter> Newsletters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            Existing = await Db.Members.AsNoTracking().Include(m => m.Labels).Include(m => m.Newsletters).SingleOrDefaultAsync(m => m.Id == existing);
            if (Existing is null) return NotFound();
            Id = existing;
            Form = new MemberEditForm
            {
                Email = Existing.Email, Name = Existing.Name, Note = Existing.Note, Labels = string.Join(", ", Existing.Labels.Select(l => l.Name)),
                TierId = Existing.TierId, NewsletterIds = Existing.Newsletters.Select(n => n.Id).ToList(), Version = Existing.Version,
            };
        }
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        var outcome = await members.SaveAsync(id, Form);
        if (outcome.Value is { } member)
        {
            Flash = $"{member.Email} saved.";
            return Redirect("/admin/members");
        }
        var refusal = outcome.Refusal!;
        if (refusal.Kind == RefusalKind.NotFound) return NotFound();
        if (refusal is { Kind: RefusalKind.Conflict, Detail: Member saved })
        {
            (Saved, ConflictMessage) = (saved, refusal.Message);
            Form.Version = saved.Version; // saving again keeps what is in the form
            ModelState.Remove("Form.Version");
        }
        ShowErrors(refusal.Errors, "Form.");
        if (id is { } existing) Existing = await Db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == existing);
        await LoadChoicesAsync();
        Response.StatusCode = refusal.Kind == RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var outcome = await members.DeleteAsync(id);
        if (outcome.Refusal is not null) return NotFound();
        Flash = "Member deleted, with everything kept about them.";
        return Redirect("/admin/members");
    }

    private async Task LoadChoicesAsync()
    {
        Tiers = await Db.Tiers.AsNoTracking().Where(t => !t.IsFree && (t.Active || t.Id == Form.TierId)).OrderBy(t => t.Position).ToListAsync();
        Newsletters = await Db.Newsletters.AsNoTracking().OrderBy(n => n.Position).ToListAsync();
    }
}
