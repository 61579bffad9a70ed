using Xinyong.Application.SignIn;
using Xinyong.Security;
using Xinyong.Storage.Audit;

namespace Xinyong.Web.Pages.Account;

/// <summary>
/// A credit subject's self-registration (<see cref="SubjectRegistration"/>): identifier, name and a phone or mail address
/// that receives a verification code, then the code and a password; the subject is signed in at once. A wrong code
/// counts as a failed sign-in of the subject and the address (<see cref="SignInThrottle"/>).
/// </summary>
[AccessRule(AccessRules.Public)]
public sealed class RegisterModel(SubjectRegistration registrations, SignInThrottle throttle, SignInRules rules, AuditChain audit, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }
    public string? Code { get; private set; }
    public string? Name { get; private set; }
    public string? Channel { get; private set; }
    public string? Address { get; private set; }
    public RegistrationStarted? Started { get; private set; }
    public int MinPasswordLength => rules.Enrolment.MinPasswordLength;
    public int ValidMinutes => (int)rules.Enrolment.VerificationValidity.TotalMinutes;

    public void OnGet() { }

    public IActionResult OnPostSend(string code, string name, string channel, string address)
    {
        (Code, Name, Channel, Address) = (code?.Trim(), name?.Trim(), channel, address?.Trim());
        if (Locked(throttle.SubjectKey(code)) is { } locked) return locked;
        try { Started = registrations.Start(code ?? "", name ?? "", channel ?? "", address ?? ""); }
        catch (Refusal r) { Error = r.Message; }
        return Page();
    }

    public async Task<IActionResult> OnPostComplete(long registration, string masked, string code, string verification, string password, string repeat)
    {
        Code = code?.Trim();
        Started = new RegistrationStarted(registration, masked ?? "");
        var key = throttle.SubjectKey(code);
        if (Locked(key) is { } locked) return locked;
        try
        {
            var s = registrations.Complete(registration, code ?? "", verification ?? "", password ?? "", repeat ?? "");
            throttle.Succeeded(key);
            await HttpContext.SignInSubject(s);
            audit.Append($"subject:{s.Ref}", "portal.signin", $"subject:{s.Ref}", "self-registration");
            return LocalRedirect("/self");
        }
        catch (Refusal r)
        {
            if (r.Code == "registration.code-wrong" && throttle.Failed(key, AddressKey) is { } l) return Refuse(l);
            if (r.Code is "registration.code-expired" or "registration.exists" or "registration.subject-unknown" or "registration.code-invalid") Started = null;
            Error = r.Message;
            return Page();
        }
    }

    private string AddressKey => SignInThrottle.AddressKey(HttpContext.Connection.RemoteIpAddress);

    private IActionResult? Locked(string key) => throttle.LockOf(key, AddressKey) is { } l ? Refuse(l) : null;

    private IActionResult Refuse(SignInLock l)
    {
        Started = null;
        Response.Headers.RetryAfter = SignInRefusal.RetryAfter(l, clock);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Error = SignInRefusal.Message(l);
        return Page();
    }
}
