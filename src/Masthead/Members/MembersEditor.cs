using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Members;

/// <summary>What the back office's member form posts; kept as typed when a save is refused.</summary>
public sealed class MemberEditForm
{
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Note { get; set; }
    /// <summary>Label names, separated by commas.</summary>
    public string? Labels { get; set; }
    /// <summary>Null: the free tier. A paid tier chosen here is complimentary (granted by staff).</summary>
    public int? TierId { get; set; }
    public List<int> NewsletterIds { get; set; } = [];
    public bool ClearBounce { get; set; }
    public uint Version { get; set; }
}

/// <summary>
/// One member as an import brings them (a row of Ghost's members CSV, or a member of a Ghost JSON export). Newsletters by
/// slug; null: the newsletters ticked on the sign-up form. A complimentary member without a tier gets the first paid tier.
/// </summary>
public sealed record GhostMember(string Email, string? Name, string? Note, DateTime? CreatedAt, string? CustomerId, bool Complimentary,
    IReadOnlyList<string> Labels, string? Tier, IReadOnlyList<string>? Newsletters);

/// <summary>Which members a list, an export or a send takes (Ghost's member filters).</summary>
public sealed record MemberFilter(string? Search = null, string? Tier = null, int? Newsletter = null, string? Status = null, string? Label = null, bool Bouncing = false);

/// <summary>
/// The staff's writes on members: add and edit (with a version, so two people never overwrite each other), tiers, labels
/// and the complimentary grant of a paid tier. Deleting goes through <see cref="MemberAccounts"/>, as a member's own.
/// </summary>
public sealed class MembersEditor(MastheadDb db, MemberAccounts accounts, TimeProvider clock)
{
    public IQueryable<Member> Filtered(MemberFilter filter)
    {
        var members = db.Members.AsNoTracking();
        if (PlainText.TrimmedOrNull(filter.Search) is { } search)
        {
            var pattern = "%" + search.ToLowerInvariant().Replace("%", "").Replace("_", "") + "%";
            members = members.Where(m => EF.Functions.Like(m.Email, pattern) || (m.Name != null && EF.Functions.Like(m.Name.ToLower(), pattern)));
        }
        members = filter.Status switch
        {
            "free" => members.Where(m => m.Tier == null || m.Tier.IsFree),
            "paid" => members.Where(m => m.Tier != null && !m.Tier.IsFree),
            "comped" => members.Where(m => m.Complimentary && m.Tier != null && !m.Tier.IsFree),
            _ => members,
        };
        if (PlainText.TrimmedOrNull(filter.Tier) is { } tier) members = members.Where(m => m.Tier != null && m.Tier.Slug == tier);
        if (filter.Newsletter is { } newsletter) members = members.Where(m => m.Newsletters.Any(n => n.Id == newsletter));
        if (PlainText.TrimmedOrNull(filter.Label) is { } label) members = members.Where(m => m.Labels.Any(l => l.Slug == label));
        if (filter.Bouncing) members = members.Where(m => m.BouncedAt != null);
        return members;
    }

    public async Task<Outcome<Member>> SaveAsync(int? id, MemberEditForm form, CancellationToken cancellation = default)
    {
        var member = id is { } existing
            ? await db.Members.Include(m => m.Labels).Include(m => m.Newsletters).SingleOrDefaultAsync(m => m.Id == existing, cancellation)
            : null;
        if (id is not null && member is null) return Refusal.NotFound("That member no longer exists.");
        if (member is not null && member.Version != form.Version)
            return Refusal.Conflict($"Someone changed {member.Email} after you opened the form (staff, or the member on their account page). Your changes are still in the form.", member);

        var errors = new Dictionary<string, string>();
        if (MemberAccounts.EmailProblem(form.Email) is { } problem) errors[nameof(form.Email)] = problem;
        else if (await db.Members.AnyAsync(m => m.Email == MemberAccounts.Normalize(form.Email!) && m.Id != id, cancellation))
            errors[nameof(form.Email)] = "Another member has that address.";
        if (form.Name?.Length > 300) errors[nameof(form.Name)] = "Keep the name under 300 characters.";
        var tier = form.TierId is { } tierId ? await db.Tiers.SingleOrDefaultAsync(t => t.Id == tierId, cancellation) : null;
        if (form.TierId is not null && tier is null) errors[nameof(form.TierId)] = "That tier no longer exists.";
        if (errors.Count > 0) return Refusal.Invalid(errors);

        try
        {
            member ??= db.Members.Add(new Member { Email = "", CreatedAt = clock.GetUtcNow().UtcDateTime }).Entity;
            if (id is not null) db.Entry(member).Property(m => m.Version).OriginalValue = form.Version;
            var email = MemberAccounts.Normalize(form.Email!);
            if (member.Email != email && member.Email != "") member.SecurityStamp = Guid.NewGuid().ToString("N");
            member.Email = email;
            member.Name = PlainText.TrimmedOrNull(form.Name);
            member.Note = PlainText.TrimmedOrNull(form.Note);
            // A tier chosen here is granted by staff; a member's tier left as it was keeps how they came to hold it.
            if (member.TierId != (tier is { IsFree: false } ? tier.Id : null)) Memberships.Hold(member, tier, ComplimentaryPayments.Key);
            if (form.ClearBounce) (member.BouncedAt, member.BounceReason) = (null, null);
            member.Newsletters.Clear();
            member.Newsletters.AddRange(await db.Newsletters.Where(n => form.NewsletterIds.Contains(n.Id)).ToListAsync(cancellation));
            member.Labels.Clear();
            member.Labels.AddRange(await LabelsAsync(form.Labels, cancellation));
            await db.SaveChangesAsync(cancellation);
            return member;
        }
        catch (DbUpdateConcurrencyException) when (id is { } saved)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict("Someone changed this member while you were saving. Your changes are still in the form.",
                await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == saved, cancellation));
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Invalid(nameof(form.Email), "Another member took that address a moment ago.");
        }
    }

    public Task<Outcome<Done>> DeleteAsync(int id, CancellationToken cancellation = default) => accounts.DeleteAsync(id, cancellation);

    /// <summary>The one find-or-create of labels by name ("Press, donor 2025"): staged with the caller's save.</summary>
    public async Task<List<Label>> LabelsAsync(string? names, CancellationToken cancellation = default)
    {
        var labels = new List<Label>();
        foreach (var name in (names ?? "").Split(',').Select(PlainText.Fold).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var slug = Slugs.From(name);
            if (slug.Length == 0 || labels.Any(l => l.Slug == slug)) continue;
            var label = db.ChangeTracker.Entries<Label>().Select(e => e.Entity).FirstOrDefault(l => l.Slug == slug)
                        ?? await db.Labels.SingleOrDefaultAsync(l => l.Slug == slug, cancellation)
                        ?? db.Labels.Add(new Label { Name = name.Length > 200 ? name[..200] : name, Slug = slug }).Entity;
            labels.Add(label);
        }
        return labels;
    }

    /// <summary>
    /// Creates or updates the member of this address from an import: what the import carries replaces what is kept,
    /// labels are added. Staged: saved with the caller's save. True when the member is new.
    /// </summary>
    public async Task<bool> TakeAsync(GhostMember incoming, CancellationToken cancellation = default)
    {
        var address = MemberAccounts.Normalize(incoming.Email);
        var member = db.ChangeTracker.Entries<Member>().Select(e => e.Entity).FirstOrDefault(m => m.Email == address)
                     ?? await db.Members.Include(m => m.Labels).Include(m => m.Newsletters).SingleOrDefaultAsync(m => m.Email == address, cancellation);
        var created = member is null;
        member ??= db.Members.Add(new Member { Email = address, CreatedAt = incoming.CreatedAt ?? clock.GetUtcNow().UtcDateTime }).Entity;
        member.Name = incoming.Name ?? member.Name;
        member.Note = incoming.Note ?? member.Note;
        member.PaymentCustomerId = incoming.CustomerId ?? member.PaymentCustomerId;
        if (incoming.CreatedAt is { } at) member.CreatedAt = at;
        if (await PaidTierAsync(incoming.Tier, incoming.Complimentary, cancellation) is { } tier)
            Memberships.Hold(member, tier, incoming.Complimentary || member.Complimentary ? ComplimentaryPayments.Key : "imported");
        foreach (var label in await LabelsAsync(string.Join(",", incoming.Labels), cancellation))
            if (!member.Labels.Contains(label)) member.Labels.Add(label);
        member.Newsletters.Clear();
        member.Newsletters.AddRange(incoming.Newsletters is { } slugs
            ? await db.Newsletters.Where(n => slugs.Contains(n.Slug)).ToListAsync(cancellation)
            : await db.Newsletters.Where(n => n.Active && n.SubscribeOnSignUp).ToListAsync(cancellation));
        return created;
    }

    /// <summary>The paid tier an import names (made when the site has none of that name), or for a bare complimentary plan the first paid tier.</summary>
    private async Task<Tier?> PaidTierAsync(string? name, bool complimentary, CancellationToken cancellation)
    {
        if (name is null)
            return complimentary
                ? db.ChangeTracker.Entries<Tier>().Select(e => e.Entity).FirstOrDefault(t => !t.IsFree)
                  ?? await db.Tiers.Where(t => !t.IsFree && t.Active).OrderBy(t => t.Position).FirstOrDefaultAsync(cancellation) ?? NewTier("Complimentary")
                : null;
        var slug = Slugs.From(name);
        return db.ChangeTracker.Entries<Tier>().Select(e => e.Entity).FirstOrDefault(t => t.Slug == slug)
               ?? await db.Tiers.SingleOrDefaultAsync(t => t.Slug == slug, cancellation)
               ?? NewTier(name);

        Tier NewTier(string tierName) => db.Tiers.Add(new Tier { Name = tierName, Slug = Slugs.From(tierName), Description = "Imported." }).Entity;
    }

    /// <summary>A paid tier (the free one exists from the start).</summary>
    public async Task<Outcome<Tier>> CreateTierAsync(string? name, string? description, decimal? monthly, decimal? yearly, string? currency,
        CancellationToken cancellation = default)
    {
        var errors = new Dictionary<string, string>();
        var slug = Slugs.From(name ?? "");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || slug.Length == 0) errors["TierName"] = "Give the tier a name with letters or digits (up to 200 characters).";
        else if (await db.Tiers.AnyAsync(t => t.Slug == slug, cancellation)) errors["TierName"] = "There is a tier of that name already.";
        if (monthly is < 0 or > 1_000_000) errors["TierMonthly"] = "Give a monthly price from 0 to 1,000,000.";
        if (yearly is < 0 or > 10_000_000) errors["TierYearly"] = "Give a yearly price from 0 to 10,000,000.";
        var code = (PlainText.TrimmedOrNull(currency) ?? "USD").ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper)) errors["TierCurrency"] = "Give the currency as three letters, such as USD or EUR.";
        if (errors.Count > 0) return Refusal.Invalid(errors);
        var tier = new Tier
        {
            Name = name!.Trim(), Slug = slug, Description = PlainText.TrimmedOrNull(description), Currency = code,
            MonthlyPrice = (int)Math.Round((monthly ?? 0) * 100), YearlyPrice = (int)Math.Round((yearly ?? 0) * 100),
            Position = await db.Tiers.CountAsync(cancellation),
        };
        db.Tiers.Add(tier);
        await db.SaveChangesAsync(cancellation);
        return tier;
    }
}
