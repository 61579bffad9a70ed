using Microsoft.AspNetCore.Authentication;

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
