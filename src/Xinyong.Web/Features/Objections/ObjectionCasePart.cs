using Xinyong.Application.Objections;
using Xinyong.Cases;
using Xinyong.Objections;
using Xinyong.Storage.Accounts;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Features.Objections;

/// <summary>
/// The objection's part on the generic case page: <c>_Objection</c> with the objection's view, and <c>_ObjectionForms</c>
/// with the competent unit's steps (assistance, clock pauses, the decision: correct or withhold the record, end the list
/// entry, or reject with reasons) and an assisting unit's answer, each taken in <see cref="ObjectionDesk"/>.
/// </summary>
public sealed class ObjectionCasePart(ObjectionViews views, ObjectionDesk desk)
    : CaseKindPart(CaseKinds.Objection, "Objection", (caller, id) => views.For(caller, id, "portal"))
{
    /// <inheritdoc/>
    public override bool MayAct(Account staff, long id, object view) =>
        ObjectionDesk.MayAct(staff, desk.Get(id)!) && ((ObjectionView)view).Status == ObjectionStatus.Open.Code;

    /// <inheritdoc/>
    public override string Post(string handler, Account staff, long id, IFormCollection form)
    {
        switch (handler)
        {
            case "Assist":
                desk.RequestAssistance(id, staff, Field(form, "unit"), Field(form, "question"));
                return "已发出协助核查通知。";
            case "Answer":
                desk.AnswerAssistance(id, Number(form, "assistanceId"), staff, Field(form, "answer"));
                return "已反馈核查结果。";
            case "Pause":
                desk.StartPause(id, staff, Field(form, "kind"),
                    CaseResults.Date(Field(form, "from"), "from") ?? throw Refusal.Invalid("objection.invalid-from", "暂停开始日期为必填项"),
                    CaseResults.Date(Field(form, "to"), "to"), Field(form, "note"));
                return "已暂停计时。";
            case "Resume":
                desk.EndPause(id, Number(form, "pauseId"), staff,
                    CaseResults.Date(Field(form, "to"), "to") ?? throw Refusal.Invalid("objection.invalid-to", "暂停的最后一日为必填项"));
                return "已恢复计时。";
            case "Decide":
                Decide(id, staff, Field(form, "decision"), Field(form, "reasons"),
                    form.Keys.Where(k => k.StartsWith("Fields[", StringComparison.Ordinal) && k.EndsWith(']'))
                        .ToDictionary(k => k["Fields[".Length..^1], k => Field(form, k)));
                return "已作出处理决定。";
            default:
                return base.Post(handler, staff, id, form);
        }
    }

    /// <summary>The decision: a correction carries only the fields the form changed.</summary>
    private void Decide(long id, Account staff, string? decision, string? reasons, Dictionary<string, string?> fields)
    {
        var (outcome, action) = decision switch
        {
            ObjectionActions.Correct => (ObjectionStatus.Upheld, ObjectionActions.Correct),
            ObjectionActions.Withhold => (ObjectionStatus.Upheld, ObjectionActions.Withhold),
            ObjectionActions.EndListing => (ObjectionStatus.Upheld, ObjectionActions.EndListing),
            "reject" => (ObjectionStatus.Rejected, (string?)null),
            _ => throw Refusal.Invalid("objection.invalid-outcome", "请选择处理决定"),
        };
        var current = desk.Get(id) is { } o ? views.View(o).Record?.Fields : null;
        var changed = action == ObjectionActions.Correct
            ? fields.Where(f => (f.Value ?? "") != (current?.GetValueOrDefault(f.Key) ?? "")).ToDictionary(f => f.Key, f => string.IsNullOrWhiteSpace(f.Value) ? null : f.Value)
            : null;
        desk.Decide(id, staff, new DecisionRequest(outcome, action, reasons, changed is { Count: > 0 }), changed);
    }

    /// <summary>A number field (0 when absent or not a number, which the desk refuses as not found).</summary>
    private static long Number(IFormCollection form, string name) => long.TryParse(Field(form, name), out var n) ? n : 0;
}
