using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Publishing.Theme;
using Masthead.Staff;

namespace Masthead.Admin.Articles;

/// <summary>/admin/articles/preview/{id}: the saved article, whatever its status, through the public theme's article template.</summary>
public static class ArticlePreview
{
    public static IEndpointRouteBuilder MapArticlePreview(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/admin/articles/preview/{id:int}", async (int id, HttpContext http, ArticleEditor editor, SitePages pages,
            Data.MastheadDb db, CancellationToken cancellation) =>
        {
            var article = await editor.LoadAsync(id, cancellation);
            if (article is null) return Results.NotFound();
            var me = await db.Staff.FindAsync([http.User.StaffId()], cancellation);
            if (me is null || !Permissions.CanEdit(me, article)) return Results.Forbid();
            var site = await pages.SiteAsync(cancellation);
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            return await pages.RenderAsync("article", "Preview: " + article.Headline,
                new() { ["article"] = ArticleQueries.ToView(article, site.Zone) }, cancellation);
        }).RequireAuthorization(Permissions.Staff);
        return routes;
    }
}
