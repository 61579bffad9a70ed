using QRCoder;
using Xinyong.Application.SignIn;
using Xinyong.Security;

namespace Xinyong.Web.Pages.Account;

/// <summary>
/// An account user's enrolment: with the one-time enrolment code of <c>xinyong user enrol</c>, set a password, then add
/// an authenticator app (QR code or key) and confirm it with its first code. Wrong enrolment or authenticator codes count
/// as failed sign-ins of the account and the address (<see cref="SignInThrottle"/>).
/// </summary>
[AccessRule(AccessRules.Public)]
public sealed class EnrolModel(AccountSignIn signIn, SignInThrottle throttle, SignInRules rules, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }
    public string? Account { get; private set; }
    public string? EnrolmentCode { get; private set; }
    public AuthenticatorEnrolment? Authenticator { get; private set; }
    public int MinPasswordLength => rules.Enrolment.MinPasswordLength;

    /// <summary>The secret in groups of four, easier to type.</summary>
    public string GroupedSecret => string.Join(' ', Authenticator!.Secret.Chunk(4).Select(c => new string(c)));

    /// <summary>The QR code of the <c>otpauth://</c> address as a PNG data address.</summary>
    public string QrDataUri
    {
        get
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(Authenticator!.OtpauthUri, QRCodeGenerator.ECCLevel.M);
            return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        }
    }

    public void OnGet() { }

    public IActionResult OnPostBegin(string account, string enrolmentCode, string password, string repeat)
    {
        (Account, EnrolmentCode) = (account?.Trim(), enrolmentCode?.Trim());
        var key = SignInThrottle.AccountKey(account);
        if (Locked(key) is { } locked) return locked;
        try
        {
            Authenticator = signIn.BeginEnrolment(account ?? "", enrolmentCode ?? "", password ?? "", repeat ?? "");
        }
        catch (Refusal r)
        {
            Error = r.Message;
            return Page();
        }
        return Authenticator is null ? Failed(key, "账户代码或开通码不正确，或开通码已失效（请向平台管理员重新申请）。") : Page();
    }

    public IActionResult OnPostConfirm(string account, string enrolmentCode, string totp)
    {
        (Account, EnrolmentCode) = (account?.Trim(), enrolmentCode?.Trim());
        var key = SignInThrottle.AccountKey(account);
        if (Locked(key) is { } locked) return locked;
        if (signIn.CompleteEnrolment(account ?? "", enrolmentCode ?? "", totp ?? ""))
        {
            throttle.Succeeded(key);
            return LocalRedirect("/signin?done=enrolled");
        }
        Authenticator = signIn.Pending(account ?? "", enrolmentCode ?? "");
        return Failed(key, Authenticator is null ? "账户代码或开通码不正确，或开通码已失效（请向平台管理员重新申请）。" : "动态验证码不正确，请核对手机时间后重新输入。");
    }

    private string AddressKey => SignInThrottle.AddressKey(HttpContext.Connection.RemoteIpAddress);

    private IActionResult? Locked(string key)
    {
        if (throttle.LockOf(key, AddressKey) is not { } l) return null;
        Authenticator = null;
        Response.Headers.RetryAfter = SignInRefusal.RetryAfter(l, clock);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Error = SignInRefusal.Message(l);
        return Page();
    }

    private IActionResult Failed(string key, string error)
    {
        if (throttle.Failed(key, AddressKey) is { } l)
        {
            Authenticator = null;
            Response.Headers.RetryAfter = SignInRefusal.RetryAfter(l, clock);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Error = SignInRefusal.Message(l);
            return Page();
        }
        Error = error;
        return Page();
    }
}
