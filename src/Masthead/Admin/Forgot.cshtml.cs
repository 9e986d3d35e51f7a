using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

/// <summary>Asks for a reset link. The answer is the same whether or not the address has an account, and so is its time (the mail leaves in the background).</summary>
public sealed class ForgotModel(StaffAccounts accounts, StaffMail mail) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    public bool Sent { get; private set; }
    public bool CanSend => mail.CanSend;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!mail.CanSend) return Page();
        if (await accounts.StartResetAsync(Email) is { } reset) await mail.ResetAsync(reset.Member, reset.Token);
        Sent = true;
        return Page();
    }
}
