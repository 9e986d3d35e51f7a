using Masthead.Data;
using Masthead.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Admin.Newsletters;

/// <summary>One send's report: how many the server accepted, refused, has still to take, or may have got (unconfirmed).</summary>
public sealed class SendModel(MastheadDb db, NewsletterSends sends) : BackOfficePage(db)
{
    public SendReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Report = await sends.ReportAsync(id);
        return Report is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(int id)
    {
        var outcome = await sends.RetryFailedAsync(id);
        if (outcome.Refusal is not null) return NotFound();
        Flash = $"{outcome.Value} failed message(s) put back in the queue.";
        return Redirect($"/admin/newsletters/send/{id}");
    }
}
