using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Members;

/// <summary>
/// How a member comes to hold a paid tier (Masthead:Members:PaymentProvider). A provider that takes payments sends a
/// signed-in member to its checkout and, once paid, confirms through <see cref="Memberships.HoldAsync"/> — the one write
/// of a member's tier, which staff grants and imports use too.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The configuration's name for it.</summary>
    string Name { get; }

    /// <summary>Whether readers can start paying on the site; if not, the sign-up page shows <see cref="HowToJoin"/> under the paid tiers.</summary>
    bool TakesPayments { get; }

    /// <summary>What a reader is told about joining a paid tier.</summary>
    string HowToJoin { get; }

    /// <summary>The address of the checkout for this member and tier, or a refusal the sign-up page shows.</summary>
    Task<Outcome<string>> CheckoutAsync(Member member, Tier tier, string returnUrl, CancellationToken cancellation);
}

/// <summary>Ghost's complimentary plan: staff grant a paid tier by hand, nothing is charged.</summary>
public sealed class ComplimentaryPayments : IPaymentProvider
{
    public const string Key = "complimentary";

    public string Name => Key;
    public bool TakesPayments => false;
    public string HowToJoin => "Everyone starts on the free tier. Paid tiers are granted by the publication: write to us after signing up.";

    public Task<Outcome<string>> CheckoutAsync(Member member, Tier tier, string returnUrl, CancellationToken cancellation) =>
        Task.FromResult<Outcome<string>>(Refusal.Conflict($"{tier.Name} cannot be bought on this site: the publication grants it. Write to us and we will set it up."));
}

/// <summary>The one write of which tier a member holds, and through whom.</summary>
public sealed class Memberships(MastheadDb db)
{
    /// <summary>
    /// Staged on the member (saved with the caller's save): a paid tier, or the free one (null or a free tier).
    /// A tier held through the complimentary provider is a grant; any other provider's is a paid one, with its customer id.
    /// </summary>
    public static void Hold(Member member, Tier? tier, string provider, string? customerId = null)
    {
        var paid = tier is { IsFree: false };
        (member.Tier, member.TierId) = (paid ? tier : null, paid ? tier!.Id : null);
        member.Complimentary = paid && provider == ComplimentaryPayments.Key;
        if (customerId is not null) member.PaymentCustomerId = customerId;
    }

    /// <summary>What a provider calls when a payment went through (or a subscription ended: the free tier).</summary>
    public async Task<Outcome<Member>> HoldAsync(int memberId, string? tierSlug, string provider, string? customerId, CancellationToken cancellation = default)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, cancellation);
        if (member is null) return Refusal.NotFound("That member no longer exists.");
        var tier = tierSlug is null ? null : await db.Tiers.SingleOrDefaultAsync(t => t.Slug == tierSlug, cancellation);
        if (tierSlug is not null && tier is null) return Refusal.Invalid("tier", $"There is no tier “{tierSlug}”.");
        Hold(member, tier, provider, customerId);
        await db.SaveChangesAsync(cancellation);
        return member;
    }
}
