using System.ComponentModel.DataAnnotations;

namespace Masthead.Members;

/// <summary>Limits on what one client may ask of the members' pages (Masthead:Members).</summary>
public sealed class MembersOptions
{
    public const string Section = "Masthead:Members";

    /// <summary>Sign-up, sign-in and email-change requests one client address may make in an hour.</summary>
    [Range(1, 100_000)] public int RequestsPerClientPerHour { get; set; } = 30;
}
