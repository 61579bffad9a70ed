using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Web.Api;

namespace Xinyong.Web.Pages.Account;

/// <summary>Portal sign-in: credit subjects (code + password or one-time code) and staff (account code + bearer token).</summary>
[AccessRule(AccessRules.Public)]
public sealed class SignInModel(AccountStore accounts, SubjectAccounts subjectAccounts, AuditChain audit) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostSubjectAsync(string code, string secret)
    {
        var s = subjectAccounts.SignIn(code ?? "", secret ?? "");
        if (s is null)
        {
            Error = "代码、密码或验证码不正确，或尚未开通自我查询账户（请向公共信用工作机构申请）。";
            return Page();
        }
        await HttpContext.SignInSubject(s);
        audit.Append($"subject:{s.Ref}", "portal.signin", $"subject:{s.Ref}");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/self");
    }

    public async Task<IActionResult> OnPostStaffAsync(string code, string token)
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
