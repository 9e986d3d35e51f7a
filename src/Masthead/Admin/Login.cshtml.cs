using Masthead.Publishing.Addresses;
using Masthead.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

public sealed class LoginModel(StaffAccounts accounts) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() => await accounts.AnyAsync() ? Page() : Redirect("/admin/setup");

    public async Task<IActionResult> OnPostAsync()
    {
        var (outcome, staff, wait) = await accounts.LogInAsync(Email, Password, LoginThrottle.Client(HttpContext));
        switch (outcome)
        {
            case LoginOutcome.Success:
                await HttpContext.SignInAsync(await accounts.StartSessionAsync(staff!));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin/articles");
            case LoginOutcome.TooManyAttempts:
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                ModelState.AddModelError("", $"Too many failed attempts from here: try again in {minutes} minute{(minutes == 1 ? "" : "s")}.");
                Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                ModelState.AddModelError("", "That email and password do not match an account.");
                break;
        }
        Password = "";
        return Page();
    }
}
