using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Web.Api;

namespace Xinyong.Web.Pages.Account;

/// <summary>Portal sign-in of staff and units with their account code and bearer token.</summary>
public sealed class SignInModel(AccountStore accounts, AuditChain audit) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string code, string token)
    {
        var account = accounts.Authenticate(token);
        if (account is null || !string.Equals(account.Code, code?.Trim(), StringComparison.Ordinal))
        {
            Error = "账户代码或访问令牌不正确。";
            return Page();
        }
        await HttpContext.SignInAccount(account);
        audit.Append(account.Code, "portal.signin", $"account:{account.Code}");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : account.Kind == AccountKinds.Staff ? "/staff" : "/");
    }
}
