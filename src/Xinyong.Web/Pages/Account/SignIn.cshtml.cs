using System.Globalization;
using Xinyong.Application.SignIn;
using Xinyong.Security;
using Xinyong.Storage.Audit;

namespace Xinyong.Web.Pages.Account;

/// <summary>
/// Portal sign-in: credit subjects (code + password or one-time code), account users (account code + password + TOTP
/// code, <see cref="AccountSignIn"/>), and, while <c>enrolment.tokenSignIn</c> allows it, accounts that have not enrolled
/// with their bearer token. All are throttled per account and per client address (<see cref="SignInThrottle"/>): while
/// a key is locked the sign-in is refused with 429 before the secret is checked.
/// </summary>
[AccessRule(AccessRules.Public)]
public sealed class SignInModel(AccountStore accounts, AccountSignIn accountSignIn, SubjectAccounts subjectAccounts, SignInThrottle throttle, SignInRules rules, AuditChain audit, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the token form is offered.</summary>
    public bool TokenSignIn => rules.Enrolment.TokenSignIn;

    public void OnGet(string? done)
    {
        Notice = done switch
        {
            "enrolled" => "密码和身份验证器已设置，请使用账户代码、密码和动态验证码登录。",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostSubjectAsync(string code, string secret)
    {
        var key = throttle.SubjectKey(code);
        if (Locked(key) is { } locked) return locked;
        var s = subjectAccounts.SignIn(code ?? "", secret ?? "");
        if (s is null) return Failed(key, "代码、密码或验证码不正确，或尚未开通自我查询账户（可自助注册，或向公共信用工作机构申请）。");
        throttle.Succeeded(key);
        await HttpContext.SignInSubject(s);
        audit.Append($"subject:{s.Ref}", "portal.signin", $"subject:{s.Ref}");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/self");
    }

    public async Task<IActionResult> OnPostAccountAsync(string code, string password, string totp)
    {
        var key = SignInThrottle.AccountKey(code);
        if (Locked(key) is { } locked) return locked;
        var account = accountSignIn.SignIn(code ?? "", password ?? "", totp ?? "");
        if (account is null) return Failed(key, "账户代码、密码或动态验证码不正确，或该账户尚未设置密码和身份验证器。");
        throttle.Succeeded(key);
        await HttpContext.SignInAccount(account);
        audit.Append(account.Code, "portal.signin", $"account:{account.Code}", "password+totp");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : account.Kind == AccountKinds.Staff ? "/staff" : "/");
    }

    public async Task<IActionResult> OnPostStaffAsync(string code, string token)
    {
        var key = SignInThrottle.AccountKey(code);
        if (Locked(key) is { } locked) return locked;
        var account = rules.Enrolment.TokenSignIn ? accounts.Authenticate(token ?? "") : null;
        if (account is null || !string.Equals(account.Code, code?.Trim(), StringComparison.Ordinal)) return Failed(key, "账户代码或访问令牌不正确。");
        if (accountSignIn.Enrolled(account.Code))
        {
            Error = "该账户已设置密码和身份验证器，请使用账户代码、密码和动态验证码登录。";
            return Page();
        }
        throttle.Succeeded(key);
        await HttpContext.SignInAccount(account);
        audit.Append(account.Code, "portal.signin", $"account:{account.Code}", "token");
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
        Response.Headers.RetryAfter = SignInRefusal.RetryAfter(l, clock);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Error = SignInRefusal.Message(l);
        return Page();
    }
}

/// <summary>The Chinese answer to a sign-in, enrolment or registration while its key is locked.</summary>
public static class SignInRefusal
{
    /// <summary>Seconds until the lock ends, for <c>Retry-After</c>.</summary>
    public static string RetryAfter(SignInLock l, TimeProvider clock) =>
        Math.Max(1, (int)Math.Ceiling((l.LockedUntil - clock.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Why and until when.</summary>
    public static string Message(SignInLock l)
    {
        var until = l.LockedUntil.ToOffset(TimeSpan.FromHours(8));
        return (l.LockKey.StartsWith("address:", StringComparison.Ordinal) ? "本机登录失败次数过多，已暂停登录" : "该账户登录失败次数过多，已暂时锁定") +
               $"，请于{until.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)}（北京时间）后重试，或持有效身份证明到公共信用工作机构申请解除锁定。";
    }
}
