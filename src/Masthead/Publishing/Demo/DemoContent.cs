using Masthead.Data;
using Masthead.Importing.Pages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Demo;

/// <summary>
/// A new site is not an empty one: the first start imports the reference article page (shipped inside the executable),
/// unless <c>--no-demo</c> (<c>Masthead:Demo=false</c>) says otherwise or the site already has articles.
/// </summary>
public static class DemoContent
{
    public const string ConfigKey = "Masthead:Demo";

    public static async Task ImportIfEmptyAsync(IServiceProvider services)
    {
        if (!services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MastheadOptions>>().Value.Demo) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        // Servers starting together on one empty store: one imports, the others then find it not empty.
        await using var once = await ClusterLock.TakeAsync(db, "demo-import");
        if (await db.Articles.AnyAsync()) return;
        await scope.ServiceProvider.GetRequiredService<PageImporter>().ImportAsync(ReferencePage(), "demo/article-page.txt");
    }

    public static string ReferencePage()
    {
        var assembly = typeof(DemoContent).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("article-page.txt", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
