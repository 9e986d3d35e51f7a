using System.ComponentModel.DataAnnotations;

namespace Masthead.Members;

/// <summary>Masthead:Members — limits on what one client may ask of the members' pages, and who takes payments.</summary>
public sealed class MembersOptions
{
    public const string Section = "Masthead:Members";

    /// <summary>Sign-up, sign-in and email-change requests one client address may make in an hour.</summary>
    [Range(1, 100_000)] public int RequestsPerClientPerHour { get; set; } = 30;

    /// <summary>The <see cref="IPaymentProvider"/> for paid tiers; "complimentary" (staff grant them) is the only one so far.</summary>
    [AllowedValues(ComplimentaryPayments.Key)] public string PaymentProvider { get; set; } = ComplimentaryPayments.Key;
}
