using Microsoft.AspNetCore.Authorization;
using Xinyong.Measures;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;

namespace Xinyong.Web.Pages.Checks;

/// <summary>
/// <c>/check</c>: the 联合奖惩 check on the web, for window staff and departments that do not call the API (Art. 43-44).
/// A subject and a scenario give the published measures that apply with their basis — the same
/// <see cref="CheckService"/> as <c>POST /api/v1/checks</c>, logged the same way (check log, counts, the subject's
/// access log) — and then the feedback form of <c>POST /api/v1/checks/{checkId}/feedback</c>.
/// Access rule: a signed-in department account, or a staff member whose unit is a department (window staff, who check
/// on behalf of that department and under its code); everyone else is refused with 403.
/// </summary>
[Authorize]
[AccessRule(AccessRules.CheckDesk)]
public sealed class IndexModel(CheckService checks, MeasuresSet rules, AccountStore accounts) : PageModel
{
    /// <summary>The department the check is made for, or null when the signed-in account may not check.</summary>
    public Xinyong.Storage.Accounts.Account? Department { get; private set; }

    /// <summary>The signed-in account.</summary>
    public Xinyong.Storage.Accounts.Account? Actor { get; private set; }

    /// <summary>The scenarios of the published measures in force.</summary>
    public IReadOnlyList<Scenario> Scenarios => rules.Current.Scenarios;

    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Scenario { get; set; }

    /// <summary>The answer of the check just made.</summary>
    public CheckAnswer? Answer { get; private set; }

    /// <summary>For the feedback form: the check and the measures it returned (code, Chinese name).</summary>
    [BindProperty] public string? CheckId { get; set; }
    [BindProperty] public List<string> Returned { get; set; } = [];
    [BindProperty] public List<string> Applied { get; set; } = [];
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Reference { get; set; }

    /// <summary>The feedback recorded.</summary>
    public Feedback? Recorded { get; private set; }

    /// <summary>What is wrong with the input, in Chinese.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>
    /// The department an account checks for: a department itself, or the department that is a staff member's unit.
    /// The one access rule of this page.
    /// </summary>
    public static Xinyong.Storage.Accounts.Account? DepartmentOf(Xinyong.Storage.Accounts.Account? a, AccountStore accounts) => a switch
    {
        { Kind: AccountKinds.Department } => a,
        { Kind: AccountKinds.Staff, Unit: { } unit } when (StaffAccess.Decides(a) || StaffAccess.OpensSubjectSignIn(a))
            && accounts.Get(unit) is { Kind: AccountKinds.Department } d => d,
        _ => null,
    };

    public IActionResult OnGet() => Allowed() ? Page() : Denied();

    /// <summary>Checks the subject in the scenario.</summary>
    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (!Allowed()) return Denied();
        if (string.IsNullOrWhiteSpace(Subject)) Errors.Add("请填写信用主体的统一社会信用代码或公民身份号码。");
        if (string.IsNullOrWhiteSpace(Scenario) || rules.Current.ScenarioOf(Scenario) is null) Errors.Add("请选择核查场景。");
        if (Errors.Count > 0) return Page();
        try
        {
            Answer = await checks.Check(Department!, Subject!.Trim(), Scenario!);
            CheckId = Answer.CheckId;
        }
        catch (Refusal ex) { Errors.AddRange(Messages(ex)); }
        return Page();
    }

    /// <summary>Records what the department applied after the check, and the outcome.</summary>
    public IActionResult OnPostFeedback()
    {
        if (!Allowed()) return Denied();
        if (string.IsNullOrWhiteSpace(CheckId)) return RedirectToPage();
        if (string.IsNullOrWhiteSpace(Outcome)) Errors.Add("请填写实施结果。");
        if (Errors.Count == 0)
        {
            try { Recorded = checks.Feedback(Department!, CheckId, Applied, Outcome!, string.IsNullOrWhiteSpace(Reference) ? null : Reference); }
            catch (Refusal ex) { Errors.AddRange(Messages(ex)); }
        }
        return Page();
    }

    /// <summary>The Chinese name of a returned measure ("code|name" in the form), or the code.</summary>
    public static (string Code, string Name) Split(string returned)
    {
        var parts = returned.Split('|', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : parts[0]);
    }

    private bool Allowed()
    {
        Actor = HttpContext.AccountOf();
        Department = DepartmentOf(Actor, accounts);
        return Department is not null;
    }

    private PageResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>The Chinese part of the refusal's messages (texts stored before issue 12 may still read "中文 / English").</summary>
    private static IEnumerable<string> Messages(Refusal ex) =>
        (ex.Errors.Count > 0 ? ex.Errors.Select(e => e.Message) : [ex.Message]).Select(m => m.Split(" / ")[0]);
}
