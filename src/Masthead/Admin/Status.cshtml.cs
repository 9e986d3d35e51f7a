using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

/// <summary>403, 404 and 500 of the back office, in its layout and with a way back (re-executed by ErrorPages).</summary>
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string? RequestId { get; private set; }
    public string WayBack { get; private set; } = "/admin/articles";
    public string WayBackText { get; private set; } = "Back to the articles";

    public void OnGet(int code) => Show(code);

    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        if (!signedIn) (WayBack, WayBackText) = ("/admin/login", "Sign in");
        (Title, Explanation) = code switch
        {
            403 => ("Not allowed", "Your role does not allow this. An administrator can change your role on the Staff page."),
            404 => ("Not found", "There is nothing here: the link may be old, used already, or the item was deleted."),
            _ => ("Something went wrong", "The back office could not finish this request. Nothing you typed was saved by it; go back and try again."),
        };
        if (code >= 500) RequestId = HttpContext.TraceIdentifier;
        // A page of its own asked for directly is not an error; re-executed, it keeps the original status.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null)
            Response.StatusCode = code is >= 400 and < 600 ? code : 404;
    }
}
