using Masthead.Publishing.Addresses;
using Masthead.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

public sealed class InviteModel(StaffAccounts accounts) : PageModel
{
    [BindProperty] public string Password { get; set; } = "";
    public StaffMember? Invited { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Invited = await accounts.FindInvitationAsync(token);
        return Invited is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Invited = await accounts.FindInvitationAsync(token);
        if (Invited is null) return NotFound();
        if (await accounts.PasswordProblemAsync(Password, Invited.Name, Invited.Email) is { } problem)
        {
            ModelState.AddModelError(nameof(Password), problem);
            return Page();
        }
        await accounts.AcceptInvitationAsync(Invited, Password);
        await HttpContext.SignInAsync(await accounts.StartSessionAsync(Invited));
        return Redirect("/admin/articles");
    }
}
