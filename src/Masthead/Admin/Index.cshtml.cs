using Masthead.Publishing.Addresses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Admin;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/admin/articles");
}
