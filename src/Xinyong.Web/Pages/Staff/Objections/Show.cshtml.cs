using Xinyong.Objections;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Objections;
using Xinyong.Web.Features.Objections;
using Xinyong.Web.Pages.Cases;
using Xinyong.Application.Objections;

namespace Xinyong.Web.Pages.Staff.Objections;

/// <summary>
/// An objection at the competent unit: every step's due date, and the steps the unit takes — assistance, clock pauses,
/// the decision (correct or withhold the record, end the list entry, or reject with reasons); an assisting unit answers here.
/// </summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(ObjectionDesk desk, ObjectionViews views, TimeProvider clock) : CaseDeskPage<ObjectionView>
{
    /// <summary>Today (Beijing), the default of the date inputs.</summary>
    public string Today => CaseFormat.Date(clock.Today());

    public ObjectionView? Objection => Case;

    /// <summary>Whether the staff member decides (the competent unit, the objection open).</summary>
    public bool MayDecide => MayAct;

    [BindProperty] public Dictionary<string, string?> Fields { get; set; } = [];

    public Task<IActionResult> OnPostAssistAsync(long id, string? unit, string? question) =>
        Act(id, "已发出协助核查通知。", staff => desk.RequestAssistance(id, staff, unit, question));

    public Task<IActionResult> OnPostAnswerAsync(long id, long assistanceId, string? answer) =>
        Act(id, "已反馈核查结果。", staff => desk.AnswerAssistance(id, assistanceId, staff, answer));

    public Task<IActionResult> OnPostPauseAsync(long id, string? kind, string? from, string? to, string? note) =>
        Act(id, "已暂停计时。", staff => desk.StartPause(id, staff, kind,
            CaseResults.Date(from, "from") ?? throw Refusal.Invalid("objection.invalid-from", "暂停开始日期为必填项"), CaseResults.Date(to, "to"), note));

    public Task<IActionResult> OnPostResumeAsync(long id, long pauseId, string? to) =>
        Act(id, "已恢复计时。", staff => desk.EndPause(id, pauseId, staff, CaseResults.Date(to, "to") ?? throw Refusal.Invalid("objection.invalid-to", "暂停的最后一日为必填项")));

    public Task<IActionResult> OnPostDecideAsync(long id, string? decision, string? reasons) => Act(id, "已作出处理决定。", staff =>
    {
        var (outcome, action) = decision switch
        {
            "correct" => (ObjectionStatuses.Upheld, ObjectionActions.Correct),
            "withhold" => (ObjectionStatuses.Upheld, ObjectionActions.Withhold),
            "end-listing" => (ObjectionStatuses.Upheld, ObjectionActions.EndListing),
            "reject" => (ObjectionStatuses.Rejected, (string?)null),
            _ => throw Refusal.Invalid("objection.invalid-outcome", "请选择处理决定"),
        };
        var current = desk.Get(id) is { } o ? views.View(o).Record?.Fields : null;
        var changed = action == ObjectionActions.Correct
            ? Fields.Where(f => (f.Value ?? "") != (current?.GetValueOrDefault(f.Key) ?? "")).ToDictionary(f => f.Key, f => string.IsNullOrWhiteSpace(f.Value) ? null : f.Value)
            : null;
        desk.Decide(id, staff, new DecisionRequest(outcome, action, reasons, changed is { Count: > 0 }), changed);
    });

    protected override ObjectionView Read(Caller caller, long id) => views.For(caller, id, "portal");

    protected override bool Acts(Xinyong.Storage.Accounts.Account staff, long id, ObjectionView view) =>
        ObjectionDesk.MayAct(staff, desk.Get(id)!) && view.Status == ObjectionStatuses.Open;
}
