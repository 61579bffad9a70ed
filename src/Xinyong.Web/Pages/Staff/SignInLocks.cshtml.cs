namespace Xinyong.Web.Pages.Staff;

/// <summary>
/// <c>/staff/signin-locks</c>: the sign-in locks in force (after repeated failed sign-ins, data/security/signin.yaml)
/// and lifting one, after checking the applicant's identity. Who may lift: <see cref="MayLift"/>. A lift enters the
/// audit chain.
/// </summary>
[AccessRule(AccessRules.SignInLocks)]
public sealed class SignInLocksModel(SignInThrottle throttle) : PageModel
{
    /// <summary>The rule of this resource (<see cref="StaffAccess.LiftsSignInLocks"/>): the credit agency's staff and its
    /// window see and lift sign-in locks; other staff do not.</summary>
    public static bool MayLift(Storage.Accounts.Account? a) => a is not null && StaffAccess.LiftsSignInLocks(a);

    /// <summary>The locks in force.</summary>
    public IReadOnlyList<SignInLock> Locks { get; private set; } = [];

    /// <summary>What was done.</summary>
    public string? Done { get; private set; }

    /// <summary>Why the request was refused.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (!MayLift(HttpContext.AccountOf())) return Forbid();
        Locks = throttle.Active();
        return Page();
    }

    public IActionResult OnPost(string? key, string? reason)
    {
        var staff = HttpContext.AccountOf();
        if (!MayLift(staff)) return Forbid();
        if (string.IsNullOrWhiteSpace(key) || throttle.Lift(key.Trim(), staff!.Code, reason) == 0)
        {
            Error = "该锁定不存在或已解除。";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else Done = $"已解除对“{Describe(key.Trim())}”的登录锁定。";
        Locks = throttle.Active();
        return Page();
    }

    /// <summary>A lock key as staff read it.</summary>
    public static string Describe(string key) => key.Split(':', 2) switch
    {
        ["subject", var r] => $"信用主体 {r}",
        ["code", _] => "未登记的代码",
        ["account", var c] => $"账户 {c}",
        ["address", var ip] => $"访问地址 {ip}",
        _ => key,
    };
}
