using System.Security.Claims;
using Masthead.Articles;

namespace Masthead.Staff;

/// <summary>What each role may do. Every back-office page and endpoint asks here, on the server.</summary>
public static class Permissions
{
    public const string Staff = "staff";
    /// <summary>Site settings and staff: Owner and Administrator.</summary>
    public const string ManageSite = "manage-site";
    /// <summary>Anyone's articles, terms, people, corrections: Editor and above.</summary>
    public const string ManageContent = "manage-content";
    /// <summary>Publishing (own articles for Authors) and uploading media: Author and above.</summary>
    public const string Publish = "publish";

    public const string StampClaim = "masthead:stamp";

    public static bool Allows(StaffRole role, string policy) => policy switch
    {
        Staff => true,
        ManageSite => role <= StaffRole.Administrator,
        ManageContent => role <= StaffRole.Editor,
        Publish => role <= StaffRole.Author,
        _ => false,
    };

    public static StaffRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<StaffRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static int? StaffId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool Can(this ClaimsPrincipal user, string policy) => user.Role() is { } role && Allows(role, policy);

    /// <summary>Own: created by them, or carrying the byline of the person their account is linked to.</summary>
    public static bool Owns(StaffMember staff, Article article) =>
        article.CreatedById == staff.Id || (staff.PersonId is { } person && article.Bylines.Any(b => b.PersonId == person));

    public static bool CanEdit(StaffMember staff, Article article) =>
        Allows(staff.Role, ManageContent)
        || (Owns(staff, article) && (staff.Role == StaffRole.Author
            || article.Status is ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Unpublished));

    public static bool CanPublish(StaffMember staff, Article article) =>
        Allows(staff.Role, ManageContent) || (staff.Role == StaffRole.Author && Owns(staff, article));
}
