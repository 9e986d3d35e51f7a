using Masthead.Publishing.Addresses;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

/// <summary>POST only, with antiforgery, so that no link on another site can log a member out.</summary>
public sealed class LogoutModel(Masthead.Staff.StaffAccounts accounts) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin/articles");

    public async Task<IActionResult> OnPostAsync()
    {
        await accounts.EndSessionAsync(User);
        await HttpContext.SignOutAsync();
        return Redirect("/admin/login");
    }
}
