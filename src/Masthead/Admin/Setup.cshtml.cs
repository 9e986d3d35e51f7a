using System.ComponentModel.DataAnnotations;
using Masthead.Publishing.Addresses;
using Masthead.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

/// <summary>The one-time page that creates the owner. Once anyone exists it is gone (404): there is no default account.</summary>
public sealed class SetupModel(StaffAccounts accounts) : PageModel
{
    [BindProperty, Required, StringLength(300)] public string Name { get; set; } = "";
    [BindProperty, Required, EmailAddress, StringLength(320)] public string Email { get; set; } = "";
    [BindProperty, Required] public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync() => await accounts.AnyAsync() ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await accounts.AnyAsync()) return NotFound();
        if (await accounts.PasswordProblemAsync(Password, Name, Email) is { } problem) ModelState.AddModelError(nameof(Password), problem);
        if (!ModelState.IsValid) return Page();
        var owner = await accounts.SetUpOwnerAsync(Name, Email, Password);
        if (owner is null) return NotFound();
        await HttpContext.SignInAsync(await accounts.StartSessionAsync(owner));
        return Redirect("/admin/articles");
    }
}
