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
        var (outcome, staff) = await accounts.LogInAsync(Email, Password);
        switch (outcome)
        {
            case LoginOutcome.Success:
                await HttpContext.SignInAsync(StaffAuthentication.Principal(staff!));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin/articles");
            case LoginOutcome.LockedOut:
                ModelState.AddModelError("", $"Too many failed attempts: this account is locked for {StaffAccounts.LockoutDuration.TotalMinutes:0} minutes.");
                break;
            default:
                ModelState.AddModelError("", "That email and password do not match an account.");
                break;
        }
        Password = "";
        return Page();
    }
}
