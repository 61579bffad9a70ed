using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Web.Api;

namespace Xinyong.Web.Pages.Account;

/// <summary>Signs out of the portal.</summary>
[AccessRule(AccessRules.Public)]
public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PortalAuthentication.Cookie);
        return LocalRedirect("/");
    }
}
