using Masthead.Events;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

public sealed class EventsModel(EventReport report) : PageModel
{
    public IReadOnlyList<ConsumerStatus> Status { get; private set; } = [];
    public IReadOnlyList<FailingDelivery> Failing { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellation)
    {
        Status = await report.StatusAsync(cancellation);
        Failing = await report.FailingAsync(cancellation: cancellation);
    }
}
