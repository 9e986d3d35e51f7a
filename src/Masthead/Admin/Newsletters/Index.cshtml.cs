using Masthead.Data;
using Masthead.Newsletters;
using Masthead.Publishing.Addresses;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Newsletters;

public sealed record NewsletterRow(Newsletter Newsletter, int Subscribers);
public sealed record ArticleChoice(int Id, string Headline, string Visibility);

/// <summary>Newsletters, sending an article to one, a test to one address, and the latest sends with their reports.</summary>
public sealed class IndexModel(MastheadDb db, NewsletterSends sends, NewsletterEditor editor, SiteAddress address) : BackOfficePage(db)
{
    public IReadOnlyList<NewsletterRow> Newsletters { get; private set; } = [];
    public IReadOnlyList<ArticleChoice> Articles { get; private set; } = [];
    public IReadOnlyList<SendReport> Sends { get; private set; } = [];

    [BindProperty] public int ArticleId { get; set; }
    [BindProperty] public int NewsletterId { get; set; }
    [BindProperty] public Audience Audience { get; set; }
    [BindProperty] public string? TestAddress { get; set; }
    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public string? NewDescription { get; set; }
    [BindProperty] public string? NewSenderName { get; set; }
    [BindProperty] public string? NewReplyTo { get; set; }
    [BindProperty] public bool NewSubscribeOnSignUp { get; set; } = true;

    public async Task OnGetAsync(int? article)
    {
        if (article is { } chosen && ArticleId == 0) ArticleId = chosen;
        Newsletters = await Db.Newsletters.AsNoTracking().OrderBy(n => n.Position).ThenBy(n => n.Name)
            .Select(n => new NewsletterRow(n, Db.Members.Count(m => m.BouncedAt == null && m.Newsletters.Any(s => s.Id == n.Id)))).ToListAsync();
        Articles = await Masthead.Articles.ArticleQueries.PublishedPosts(Db).OrderByDescending(a => a.PublishedAt).Take(50)
            .Select(a => new ArticleChoice(a.Id, a.Headline, a.Visibility.ToString())).ToListAsync();
        Sends = await sends.RecentAsync();
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        var outcome = await sends.RequestAsync(ArticleId, NewsletterId, Audience, User.StaffId(), address.Base);
        if (outcome.Value is { } report)
        {
            Flash = $"\"{report.Subject}\" is on its way to {report.Total} subscriber(s) of {report.Newsletter}.";
            return Redirect($"/admin/newsletters/send/{report.Id}");
        }
        return await RefusedAsync(outcome.Refusal!);
    }

    public async Task<IActionResult> OnPostTestAsync()
    {
        var outcome = await sends.SendTestAsync(ArticleId, NewsletterId, TestAddress, address.Base);
        if (outcome.Refusal is { } refusal) return await RefusedAsync(refusal);
        Flash = $"A test was sent to {TestAddress!.Trim()}.";
        return Redirect("/admin/newsletters?article=" + ArticleId);
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!User.Can(Permissions.ManageSite)) return Forbid();
        var outcome = await editor.CreateAsync(NewName, NewDescription, NewSenderName, NewReplyTo, NewSubscribeOnSignUp);
        if (outcome.Value is { } newsletter)
        {
            Flash = $"Newsletter \"{newsletter.Name}\" created.";
            return Redirect("/admin/newsletters");
        }
        return await RefusedAsync(outcome.Refusal!);
    }

    private async Task<IActionResult> RefusedAsync(Refusal refusal)
    {
        ShowErrors(refusal.Errors);
        await OnGetAsync(null);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
