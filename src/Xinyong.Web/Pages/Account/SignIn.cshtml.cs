using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Web.Api;

namespace Xinyong.Web.Pages.Account;

/// <summary>
/// Portal sign-in: credit subjects (code + password or one-time code) and staff (account code + bearer token). Both are
/// throttled per account and per client address (<see cref="SignInThrottle"/>): while a key is locked the sign-in is
/// refused with 429 before the secret is checked.
/// </summary>
[AccessRule(AccessRules.Public)]
public sealed class SignInModel(AccountStore accounts, SubjectAccounts subjectAccounts, SignInThrottle throttle, AuditChain audit, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostSubjectAsync(string code, string secret)
    {
        var key = throttle.SubjectKey(code);
        if (Locked(key) is { } locked) return locked;
        var s = subjectAccounts.SignIn(code ?? "", secret ?? "");
        if (s is null) return Failed(key, "代码、密码或验证码不正确，或尚未开通自我查询账户（请向公共信用工作机构申请）。");
        throttle.Succeeded(key);
        await HttpContext.SignInSubject(s);
        audit.Append($"subject:{s.Ref}", "portal.signin", $"subject:{s.Ref}");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/self");
    }

    public async Task<IActionResult> OnPostStaffAsync(string code, string token)
    {
        var key = SignInThrottle.AccountKey(code);
        if (Locked(key) is { } locked) return locked;
        var account = accounts.Authenticate(token ?? "");
        if (account is null || !string.Equals(account.Code, code?.Trim(), StringComparison.Ordinal)) return Failed(key, "账户代码或访问令牌不正确。");
        throttle.Succeeded(key);
        await HttpContext.SignInAccount(account);
        audit.Append(account.Code, "portal.signin", $"account:{account.Code}");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : account.Kind == AccountKinds.Staff ? "/staff" : "/");
    }

    private string AddressKey => SignInThrottle.AddressKey(HttpContext.Connection.RemoteIpAddress);

    private IActionResult? Locked(string key) => throttle.LockOf(key, AddressKey) is { } l ? Refuse(l) : null;

    private IActionResult Failed(string key, string error)
    {
        if (throttle.Failed(key, AddressKey) is { } l) return Refuse(l);
        Error = error;
        return Page();
    }

    private IActionResult Refuse(SignInLock l)
    {
        var until = l.LockedUntil.ToOffset(TimeSpan.FromHours(8));
        var seconds = Math.Max(1, (int)Math.Ceiling((l.LockedUntil - clock.GetUtcNow()).TotalSeconds));
        Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Error = (l.LockKey.StartsWith("address:", StringComparison.Ordinal) ? "本机登录失败次数过多，已暂停登录" : "该账户登录失败次数过多，已暂时锁定") +
                $"，请于{until.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)}（北京时间）后重试，或持有效身份证明到公共信用工作机构申请解除锁定。";
        return Page();
    }
}
