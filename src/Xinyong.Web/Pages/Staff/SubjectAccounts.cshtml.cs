namespace Xinyong.Web.Pages.Staff;

/// <summary>
/// <c>/staff/subject-accounts</c>: staff open a subject's self-query sign-in (Art. 24) — a password, or a one-time code
/// shown once — after checking the applicant's identity at the counter. Every change enters the audit chain.
/// </summary>
[AccessRule(AccessRules.Window)]
public sealed class SubjectAccountsModel(SubjectSignInDesk desk, Xinyong.Security.SignInRules rules) : PageModel
{
    /// <summary>How long a one-time code is valid, in minutes (data/security/signin.yaml).</summary>
    public int ValidMinutes => (int)rules.OneTimeValidity.TotalMinutes;

    /// <summary>Failed sign-ins that void a one-time code.</summary>
    public int MaxAttempts => rules.OneTimeMaxAttempts;

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string Mode { get; set; } = "one-time";
    [BindProperty] public string? Password { get; set; }

    /// <summary>Why the request was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>The subject whose sign-in was set, as staff see it (a natural person masked).</summary>
    public string? Done { get; private set; }

    /// <summary>The one-time code issued, shown once.</summary>
    public string? OneTimeCode { get; private set; }

    public void OnGet() { }

    public IActionResult OnPost()
    {
        try
        {
            var r = desk.Open(HttpContext.AccountOf()!, Code ?? "", Mode, Password);
            if (r is not { } opened) Error = $"平台没有代码为“{Code}”的信用主体。";
            else
            {
                OneTimeCode = opened.OneTimeCode;
                Done = $"{SubjectViews.SubjectName(opened.Subject.Name, opened.Subject.IsNaturalPerson, Audience.Public)}（{opened.Subject.IdMasked}）";
            }
        }
        catch (Refusal ex) { Error = ex.Message; }
        if (Error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        Password = null;
        return Page();
    }
}
