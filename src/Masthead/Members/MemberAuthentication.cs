using System.Globalization;
using System.Security.Claims;
using Masthead.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Members;

/// <summary>The members' cookie: a scheme of its own, apart from the staff's, so neither ever stands for the other.</summary>
public static class MemberAuthentication
{
    public const string Scheme = "member";
    public const string CookieName = "masthead-member";
    private const string StampClaim = "masthead:member-stamp";

    public static AuthenticationBuilder AddMemberCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = "/";
            options.Cookie.HttpOnly = true;
            // Lax: a member following a link from a newsletter arrives signed in.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/members/signin";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(180);
            options.Events.OnValidatePrincipal = ValidateAsync;
        });

    public static ClaimsPrincipal Principal(Member member) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, member.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(StampClaim, member.SecurityStamp),
        ], Scheme));

    public static Task SignInAsync(HttpContext http, Member member) => http.SignInAsync(Scheme, Principal(member));

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>The signed-in member's id, or null; never the staff cookie's.</summary>
    public static async Task<int?> MemberIdAsync(HttpContext http)
    {
        if (!http.Request.Cookies.ContainsKey(CookieName)) return null;
        var result = await http.AuthenticateAsync(Scheme);
        return result.Succeeded && int.TryParse(result.Principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>A cookie stays good while its member exists with the same stamp (deleting the account or changing the email ends it).</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<MastheadDb>();
        var ok = int.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id);
        var stamp = ok ? await db.Members.AsNoTracking().Where(m => m.Id == id).Select(m => m.SecurityStamp).SingleOrDefaultAsync() : null;
        if (stamp is null || stamp != context.Principal!.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
