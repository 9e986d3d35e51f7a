using Masthead.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

public sealed class ResetModel(StaffAccounts accounts) : PageModel
{
    [BindProperty] public string Password { get; set; } = "";
    public StaffMember? Member { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Member = await accounts.FindResetAsync(token);
        return Member is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Member = await accounts.FindResetAsync(token);
        if (Member is null) return NotFound();
        if (await accounts.PasswordProblemAsync(Password, Member.Name, Member.Email) is { } problem)
        {
            ModelState.AddModelError(nameof(Password), problem);
            return Page();
        }
        await accounts.ResetPasswordAsync(Member, Password);
        await HttpContext.SignInAsync(await accounts.StartSessionAsync(Member));
        return Redirect("/admin/articles");
    }
}
