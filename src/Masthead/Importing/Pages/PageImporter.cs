using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Settings;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Importing.Pages;

/// <summary>
/// `masthead import page FILE…`: each page is parsed in full, then written in one transaction, so a refused page
/// writes nothing. Site notices are seeded from the first page that carries them and never overwritten afterwards:
/// once set, they belong to the editors.
/// </summary>
public sealed class PageImporter(MastheadDb db, ArticleUpsert upsert)
{
    public async Task<ImportSummary> ImportFilesAsync(IEnumerable<string> paths, CancellationToken cancellation = default)
    {
        var summary = new ImportSummary();
        foreach (var path in paths)
        {
            try
            {
                var text = await File.ReadAllTextAsync(path, cancellation);
                if (await ImportAsync(text, path, summary.Warnings, cancellation)) summary.Created++;
                else summary.Updated++;
            }
            catch (ImportError error) { summary.Refused.Add(error); }
            catch (IOException error) { summary.Refused.Add(new ImportError(path, 0, error.Message)); }
        }
        return summary;
    }

    /// <returns>true when the page made a new article, false when it updated the one an earlier import made.</returns>
    public async Task<bool> ImportAsync(string text, string file, IList<string>? warnings = null, CancellationToken cancellation = default)
    {
        var page = PageParser.Parse(text, file);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        try
        {
            var settings = await db.SiteSettings.SingleOrDefaultAsync(cancellation);
            if (settings is null) db.SiteSettings.Add(settings = new SiteSettings());
            SeedSettings(settings, page);

            var zone = SiteTime.Zone(settings.TimeZone);
            var created = await upsert.UpsertAsync(ToIncoming(page, zone), cancellation);
            foreach (var bio in page.Bios)
                upsert.SetBio(await upsert.PersonAsync(bio.Name, cancellation), bio.Bio);

            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            if (page.ArticleNote is not null)
                warnings?.Add($"{file}: text after '*' that is neither bio nor boilerplate was kept as the article's note");
            return created;
        }
        catch
        {
            upsert.Reset();
            throw;
        }
    }

    internal static IncomingArticle ToIncoming(ParsedPage page, TimeZoneInfo zone) => new()
    {
        SourceId = "page:" + Slugs.From(page.Headline),
        Slug = page.Headline,
        Headline = page.Headline,
        BodyMarkdown = page.BodyMarkdown,
        Status = ArticleStatus.Published,
        PublishedAt = SiteTime.StartOfDayUtc(page.Date, zone),
        Dateline = page.Dateline,
        Origin = page.Origin is null ? null : new Origin { Outlet = page.Origin.Outlet, Url = page.Origin.Url },
        ReaderNote = page.ArticleNote,
        Bylines = page.Bylines.Select(b => b.Text).ToList(),
        Terms = page.Taxonomy
            .Select(line => KeyValuePair.Create(line.Vocabulary, (IReadOnlyList<string>)line.Terms.Select(t => t.Text).ToList()))
            .ToList(),
    };

    private static void SeedSettings(SiteSettings settings, ParsedPage page)
    {
        var notices = page.Notices;
        if (string.IsNullOrWhiteSpace(settings.Name)) settings.Name = page.Dateline;
        settings.ReaderNote ??= notices.ReaderNote;
        settings.CommentCall ??= notices.CommentCall;
        settings.MembershipCall ??= notices.MembershipCall;
        settings.Disclaimer ??= notices.Disclaimer;
        settings.RepublicationPolicy ??= notices.RepublicationPolicy;
        settings.CopyrightNotice ??= notices.CopyrightNotice;
        settings.MediaContact ??= notices.MediaContact;
    }
}
