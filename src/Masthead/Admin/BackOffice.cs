using Masthead.Articles.Editing;
using Masthead.Media;
using Masthead.Publishing.Links;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.FileProviders;

namespace Masthead.Admin;

/// <summary>
/// The editorial back office under /admin: Razor Pages (Admin/**.cshtml), which give every form antiforgery and
/// model binding with the typed values kept on a refused save. Roles are checked by policy per folder and page, and
/// per article in the handlers.
/// </summary>
public static class BackOffice
{
    public const string Prefix = "admin";

    public static IServiceCollection AddBackOffice(this IServiceCollection services)
    {
        services.AddStaffAuthentication();
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Admin";
            options.Conventions.Add(new PrefixRoutes());
            options.Conventions.AuthorizeFolder("/", Permissions.Staff);
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/Setup");
            options.Conventions.AllowAnonymousToPage("/Invite");
            options.Conventions.AllowAnonymousToPage("/Forgot");
            options.Conventions.AllowAnonymousToPage("/Reset");
            options.Conventions.AllowAnonymousToPage("/Status");
            options.Conventions.AuthorizeFolder("/Staff", Permissions.ManageSite);
            options.Conventions.AuthorizePage("/Settings", Permissions.ManageSite);
            options.Conventions.AuthorizePage("/ContentKeys", Permissions.ManageSite);
            options.Conventions.AuthorizePage("/Events", Permissions.ManageSite);
            options.Conventions.AuthorizeFolder("/Taxonomy", Permissions.ManageContent);
            options.Conventions.AuthorizeFolder("/People", Permissions.ManageContent);
            options.Conventions.AuthorizeFolder("/Newsletters", Permissions.ManageContent);
            options.Conventions.AuthorizeFolder("/Members", Permissions.ManageSite);
            options.Conventions.AuthorizeFolder("/Media", Permissions.Publish);
            options.Conventions.AuthorizeFolder("/Comments", Permissions.Publish);
        });
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        return services;
    }

    public static IApplicationBuilder UseBackOfficeAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Admin", "assets")),
            RequestPath = "/" + Prefix + "/assets",
        });

    public static IEndpointRouteBuilder MapBackOffice(this IEndpointRouteBuilder routes)
    {
        routes.MapRazorPages();
        routes.MapMedia();
        routes.MapSiteIcons();
        return routes;
    }

    /// <summary>Pages live in Admin/ and answer under /admin/.</summary>
    private sealed class PrefixRoutes : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            foreach (var selector in model.Selectors.Where(s => s.AttributeRouteModel is not null))
                selector.AttributeRouteModel!.Template = AttributeRouteModel.CombineTemplates(Prefix, selector.AttributeRouteModel.Template);
        }
    }
}
