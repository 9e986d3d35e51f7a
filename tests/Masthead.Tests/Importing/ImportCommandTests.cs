using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Importing;

public class ImportCommandTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();
    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Import_page_imports_good_pages_and_refuses_a_bad_one_with_file_line_and_reason()
    {
        var folder = TestFolders.NewFolder("pages");
        var good = Path.Combine(folder, "good.txt");
        var bad = Path.Combine(folder, "bad.txt");
        await File.WriteAllTextAsync(good, Pages.Reference, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(bad, "A headline\n\nBy [Someone](#)\n\nGlobal Research, Smarch 16, 2020\n\nBody.\n", TestContext.Current.CancellationToken);

        var (exit, lines) = await app.RunCliAsync("import", "page", good, bad);

        Assert.Equal(1, exit);
        Assert.Equal([$"refused: {bad}, line 5: unparseable date 'Smarch 16, 2020' (expected 'Month D, YYYY', e.g. 'January 16, 2020')", "1 created, 0 updated, 0 skipped, 1 refused"], lines);
        Assert.Equal(["US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General"],
            await app.WithDbAsync(db => db.Articles.Select(a => a.Headline).ToListAsync()));
    }
}
