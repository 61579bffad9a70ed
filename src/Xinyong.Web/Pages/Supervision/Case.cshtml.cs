using Xinyong.Application.Cases;
using Xinyong.Application.Supervision;
using Xinyong.Supervision;
using Xinyong.Web.Features.Supervision;

namespace Xinyong.Web.Pages.Supervision;

/// <summary>
/// <c>/supervision/cases/{id}</c>: a supervision case for those who work on it — the competent authority's staff (review,
/// investigation, extension, pauses and suspension, closing, correction follow-up, publication), the authority of the
/// level above (SM Art. 25 powers, a review request entered for the complainant) and the respondent's own account (its
/// written answer, SM Art. 18). Each form offers only what the case rules let the signed-in account do; a refusal is
/// shown in Chinese beside the forms.
/// </summary>
[AccessRule(AccessRules.Supervision)]
public sealed class CaseModel(SupervisionDesk desk, SupervisionViews views) : PageModel
{
    public SupervisionView Case { get; private set; } = null!;
    public SupervisionRules Rules => desk.Rules;
    /// <summary>The kind's pause and suspension reasons (data/cases/supervision.yaml).</summary>
    public IReadOnlyList<Xinyong.Cases.PauseReason> PauseReasons => desk.Engine.Kinds[SupervisionDesk.Kind].Pauses;
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    /// <summary>Actions the signed-in account may take now (engine action codes, plus extend, pause, resume).</summary>
    public IReadOnlySet<string> Allowed { get; private set; } = new HashSet<string>();
    public bool PauseRunning { get; private set; }
    public IReadOnlyList<Authority> Lower { get; private set; } = [];

    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? RejectReason { get; set; }
    [BindProperty] public string? ToAuthority { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? WorkingDays { get; set; }
    [BindProperty] public string? ApprovedBy { get; set; }
    [BindProperty] public string? PauseReason { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? Result { get; set; }
    [BindProperty] public bool Serious { get; set; }
    [BindProperty] public string? CorrectBy { get; set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Code { get; set; }

    private CaseActor Who => CaseActor.Of(HttpContext.AccountOf()!);

    public IActionResult OnGet(long id) => Load(id) ? Page() : NotFound();

    public IActionResult OnPostReview(long id) => Run(id, () => desk.Review(id, Outcome, Reason, RejectReason, ToAuthority, Who, Version), "审查结果已记录并书面告知有关单位和个人");
    public IActionResult OnPostAnswer(long id) => Run(id, () => desk.Answer(id, Text, Evidence, Who, Version), "书面答复已提交");
    public IActionResult OnPostInvestigate(long id) => Run(id, () => desk.Investigate(id, Method, Note, Who, Version), "调查情况已记录");
    public IActionResult OnPostExtend(long id) => Run(id, () => desk.Extend(id, WorkingDays ?? 0, ApprovedBy, Reason, Who), "结案期限已延长");
    public IActionResult OnPostPause(long id) => Run(id, () => desk.Pause(id, PauseReason, Features.Supervision.SupervisionEndpoints.Date(From, "开始日期"),
        Features.Supervision.SupervisionEndpoints.Date(To, "结束日期"), Note, Who), "已暂停计时");
    public IActionResult OnPostResume(long id) => Run(id, () => desk.Resume(id, Features.Supervision.SupervisionEndpoints.Date(To, "最后一日"), Who), "已恢复计时");
    public IActionResult OnPostClose(long id) => Run(id, () => desk.Close(id, Type, Method, Result, Serious, Features.Supervision.SupervisionEndpoints.Date(CorrectBy, "限期改正日期"), Who, Version), "案件已结案，办理结果已书面告知");
    public IActionResult OnPostCorrected(long id) => Run(id, () => desk.ConfirmCorrection(id, Note, Who), "已确认改正");
    public IActionResult OnPostEscalate(long id) => Run(id, () => desk.Escalate(id, Text, Who), "已依照第二十三条处理");
    public IActionResult OnPostSuperior(long id) => Run(id, () => desk.Superior(id, Action, Reason, Who, Version), "已依照第二十五条处理");
    public IActionResult OnPostPublish(long id) => Run(id, () => desk.Publish(id, Summary, Who), "已公开曝光为典型案例");
    public IActionResult OnPostRespondent(long id) => Run(id, () => desk.CompleteRespondent(id, Code, Who), "已补充被监督单位的统一社会信用代码");
    public IActionResult OnPostReviewRequest(long id) => Run(id, () => desk.RequestReview(id, Reason, null, Who), "复查申请已登记");

    private IActionResult Run(long id, Func<object> action, string done)
    {
        try
        {
            desk.Engine.Read(id, Who);
            action();
            Done = done;
        }
        catch (Refusal r) when (r.Kind != RefusalKind.NotFound) { Error = r.Message; }
        return Load(id) ? Page() : NotFound();
    }

    private bool Load(long id)
    {
        try
        {
            var who = Who;
            var (file, parties) = desk.Engine.Read(id, who);
            Case = views.View(file);
            var def = desk.Engine.Kinds[file.Kind];
            var rules = desk.Engine.RulesOf(file.Kind);
            var allowed = def.ActionsFrom(file.State).Where(a => rules.MayAct(who, file, a, parties)).Select(a => a.Code).ToHashSet();
            if (rules.MayAct(who, file, null, parties) && file.State == SupervisionState.Accepted) allowed.UnionWith(["extend", "pause", "resume"]);
            var owner = Rules.AuthorityOfUnit(file.Unit);
            var mine = desk.Access.AuthorityOf(who.Account);
            if (owner is not null && mine is not null && Rules.Above(owner)?.Region == mine.Region && file.State == SupervisionState.Closed) allowed.Add("review-request");
            Allowed = allowed;
            PauseRunning = Case.Pauses.Any(p => p.To is null);
            Lower = owner is null ? [] : Rules.Authorities.Where(a => a.Parent == owner.Region).ToList();
            return true;
        }
        catch (Refusal r) when (r.Kind == RefusalKind.NotFound) { return false; }
    }
}
