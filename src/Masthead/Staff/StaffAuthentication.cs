using System.Security.Claims;
using Masthead.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

public static class StaffAuthentication
{
    public const string LoginPath = "/admin/login";
    public const string CookieName = "masthead-staff";

    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Masthead");
        // One server on SQLite keeps its keys beside its data; servers sharing PostgreSQL share them there, so a login,
        // a form token or a signed link made by one is good on every other.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = sp.GetRequiredService<DatabaseLocation>().IsSqlite
                ? new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(sp.GetRequiredService<DataFolder>().Path, "keys")), NullLoggerFactory.Instance)
                : new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.EntityFrameworkCoreXmlRepository<MastheadDb>(sp, sp.GetRequiredService<ILoggerFactory>())));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = "/";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = LoginPath;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(7);
            options.Events.OnValidatePrincipal = ValidateAsync;
            // The status alone: the back office's 403 page is rendered by ErrorPages, in its layout.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(options =>
        {
            foreach (var policy in new[] { Permissions.Staff, Permissions.ManageSite, Permissions.ManageContent, Permissions.Publish })
                options.AddPolicy(policy, p => p.RequireAuthenticatedUser()
                    .RequireAssertion(context => context.User.Can(policy)));
        });
        services.AddScoped<StaffAccounts>();
        services.AddScoped<LoginThrottle>();
        services.AddScoped<StaffMail>();
        return services;
    }

    public const string SessionClaim = "masthead:session";

    public static ClaimsPrincipal Principal(StaffMember staff, string sessionToken) => new(new ClaimsIdentity(
        [
            new Claim(SessionClaim, sessionToken),
            new Claim(ClaimTypes.NameIdentifier, staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, staff.Name),
            new Claim(ClaimTypes.Role, staff.Role.ToString()),
            new Claim(Permissions.StampClaim, staff.SecurityStamp),
        ], CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>A cookie stays good only while its session is open (not logged out) and its member exists with the same
    /// role and password (the security stamp).</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.StaffId();
        var db = context.HttpContext.RequestServices.GetRequiredService<MastheadDb>();
        var staff = id is null ? null : await StaffAccounts.SessionMemberAsync(db, id.Value, context.Principal!.FindFirstValue(SessionClaim));
        if (staff is null || context.Principal is not { } principal || staff.SecurityStamp != principal.FindFirstValue(Permissions.StampClaim)
            || staff.Role.ToString() != principal.FindFirstValue(ClaimTypes.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
