using Xinyong.Reorganisations;
using Xinyong.Application.Cases;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Reorganisations;
using Xinyong.Storage.Subjects;

namespace Xinyong.Application.Reorganisations;

/// <summary>A court ruling approving a reorganisation plan or settlement, as the credit agency records it.</summary>
/// <param name="Subject">The enterprise's USCC.</param>
/// <param name="Kind">plan (重整计划) or settlement (和解协议).</param>
/// <param name="Court">The court that ruled.</param>
/// <param name="RulingNo">The ruling's number.</param>
/// <param name="RulingDate">The day of the ruling.</param>
/// <param name="PlanFrom">The first day of the plan's period of performance.</param>
/// <param name="PlanTo">Its last day.</param>
public sealed record NewReorganisation(string? Subject, string? Kind, string? Court, string? RulingNo, DateOnly? RulingDate, DateOnly? PlanFrom, DateOnly? PlanTo);

/// <summary>The fields the case keeps in <c>cases.data</c>.</summary>
public sealed record ReorganisationData(string Kind, string Court, string RulingNo, DateOnly RulingDate, DateOnly PlanFrom, DateOnly PlanTo, string? Outcome = null);

/// <summary>Who acts on and reads a reorganisation: the credit agency's staff act (default rules); staff who read the agency and the subject itself read.</summary>
public sealed class ReorganisationKindRules : CaseKindRules
{
    /// <inheritdoc />
    public override string Kind => ReorganisationDesk.Kind;

    /// <inheritdoc />
    public override bool MayRead(CaseActor who, CaseFile file, IReadOnlyList<CaseParty> parties) =>
        base.MayRead(who, file, parties) || who.SubjectId is { } s && s == file.SubjectId;
}

/// <summary>
/// Bankruptcy reorganisation and settlement (国办发〔2025〕22号; national Credit Repair Measures) on the case engine
/// (<c>data/cases/reorganisation.yaml</c>): the credit agency records the court's ruling approving the plan; while it is
/// in force the checks show the constraint and punishment measures based on dishonesty decided on or before the ruling
/// as suspended with the reason (<see cref="Xinyong.Application.Checks.CheckService"/>); completed, that dishonesty is
/// repaired as a repair does (publication, sharing and use end, list entries and measures end, holders of copies are
/// told); failed, the measures apply again. The subject is told at each step; the history enters the audit chain.
/// </summary>
public sealed class ReorganisationDesk(
    CaseEngine engine, ReorganisationStore store, SubjectStore subjects, CatalogSet catalog, RecordChanges changes, Lists.ListEnding lists,
    CorrectionNotices notices, TimeProvider clock)
{
    /// <summary>The case kind.</summary>
    public const string Kind = "reorganisation";

    /// <summary>The handling unit: the credit agency.</summary>
    public const string Unit = "agency";

    /// <summary>The step of recording the outcome after the plan's period.</summary>
    public const string OutcomeStep = "reorganisation-outcome";

    /// <summary>Records a ruling: the measures it covers are suspended at once.</summary>
    /// <exception cref="Refusal">Invalid fields, an unknown subject, or a plan already in force for it.</exception>
    public Reorganisation Record(NewReorganisation n, CaseActor who)
    {
        var today = clock.Today();
        if (string.IsNullOrWhiteSpace(n.Subject)) throw Refusal.Invalid("reorganisation.subject", "须填写企业的统一社会信用代码");
        SubjectRow? subject;
        try { subject = subjects.Find(n.Subject); }
        catch (FormatException) { throw Refusal.Invalid("reorganisation.subject", $"“{n.Subject.Trim()}”不是有效的统一社会信用代码"); }
        if (subject is null) throw Refusal.NotFound("reorganisation.subject-unknown", $"平台没有统一社会信用代码为{n.Subject.Trim()}的信用主体的信息");
        if (subject.IsNaturalPerson) throw Refusal.Invalid("reorganisation.subject", "破产重整、和解适用于企业，不适用于自然人");
        var kind = n.Kind?.Trim() switch
        {
            ReorganisationKinds.Plan or "重整计划" => ReorganisationKinds.Plan,
            ReorganisationKinds.Settlement or "和解协议" => ReorganisationKinds.Settlement,
            _ => throw Refusal.Invalid("reorganisation.kind", "须为 plan（重整计划）或 settlement（和解协议）"),
        };
        var court = Text(n.Court, "court", "作出裁定的人民法院", 200);
        var rulingNo = Text(n.RulingNo, "rulingNo", "裁定书文号", 200);
        var ruling = n.RulingDate ?? throw Refusal.Invalid("reorganisation.rulingDate", "须填写裁定日期");
        if (ruling > today) throw Refusal.Invalid("reorganisation.rulingDate", "裁定日期不能晚于今天");
        var from = n.PlanFrom ?? ruling;
        var to = n.PlanTo ?? throw Refusal.Invalid("reorganisation.planTo", "须填写重整计划（和解协议）执行期限的最后一日");
        if (from < ruling) throw Refusal.Invalid("reorganisation.planFrom", "执行期限不能早于裁定日期");
        if (to < from) throw Refusal.Invalid("reorganisation.planTo", "执行期限的最后一日不能早于其第一日");

        var data = new ReorganisationData(kind, court, rulingNo, ruling, from, to);
        Reorganisation? row = null;
        var file = engine.Open(Kind, new CaseOpening(Unit, subject.Id, CaseContext.WriteData(data), [new NewParty("subject", subject.Name, SubjectId: subject.Id)]), who, ctx =>
        {
            if (store.InForceFor(ctx.Connection, ctx.Transaction, subject.Id) is { } open)
                throw Refusal.Conflict("reorganisation.in-force", $"该企业已有执行中的{open.KindName}（{open.Number}，{open.RulingNo}）");
            row = new Reorganisation
            {
                Id = ctx.Case.Id, Number = ctx.Case.Number, SubjectId = subject.Id, SubjectRef = subject.Ref, SubjectName = subject.Name, Kind = kind, Court = court,
                RulingNo = rulingNo, RulingDate = ruling, PlanFrom = from, PlanTo = to, Status = ReorganisationStatuses.InForce, CreatedAt = ctx.At,
            };
            store.Insert(ctx.Connection, ctx.Transaction, row);
            ctx.OpenStep(OutcomeStep, to);
            ctx.Notify(Mailbox.OfSubject(subject.Id), $"{row.KindName}执行期间失信惩戒措施暂停",
                $"{row.SuspensionReason}。{row.KindName}执行完毕的，裁定前的失信信息予以信用修复，相关失信约束和惩戒措施终止；未能执行的，相关措施恢复。");
            ctx.Detail = $"记录{court}{rulingNo}（{WorkingCalendar.Iso(ruling)}）裁定批准{row.KindName}，执行期限{WorkingCalendar.Iso(from)}至{WorkingCalendar.Iso(to)}；裁定前失信行为的失信约束和惩戒措施暂停";
        });
        return store.Get(file.Id)!;
    }

    /// <summary>
    /// The plan was performed: the dishonesty it covers is repaired in the same transaction — the negative records decided
    /// on or before the ruling stop being published and used, the serious-dishonesty list entries started by then end, so
    /// every measure on them ends, and the holders of copies are told.
    /// </summary>
    public Reorganisation Complete(long id, string? note, CaseActor who, int? version = null)
    {
        var g = Get(id);
        var text = Optional(note);
        engine.Act(id, "complete", who, null, ctx =>
        {
            var (c, tx) = (ctx.Connection, ctx.Transaction);
            if (!store.End(c, tx, id, ReorganisationStatuses.Completed, ctx.Today)) throw Changed(g);
            var actor = ctx.Who.Actor;
            var negative = catalog.Versions.SelectMany(v => v.Items.Values).Where(i => i.Nature == Nature.Negative).Select(i => i.Code).ToHashSet();
            var recordIds = store.CoveredRecords(c, tx, g.SubjectId, g.RulingDate, negative);
            var ended = new List<long>();
            foreach (var r in recordIds)
            {
                changes.Withhold(c, tx, r, actor.Code, "repaired", $"{g.KindName}{g.Number}执行完毕，裁定前的失信信息予以信用修复");
                ended.AddRange(lists.EndForRecord(c, tx, r, "repaired", actor.Code));
                notices.Send(c, tx, RecordReader.Get(c, tx, r)!, RecordChangeKinds.Withheld, Kind, id, actor);
            }
            foreach (var e in store.CoveredEntries(c, tx, g.SubjectId, g.RulingDate))
                if (lists.End(c, tx, e, "repaired", actor.Code, $"{g.KindName}{g.Number}执行完毕")) ended.Add(e);
            ctx.Write(ctx.Read<ReorganisationData>() with { Outcome = ReorganisationStatuses.Completed });
            ctx.Notify(Mailbox.OfSubject(g.SubjectId), $"{g.KindName}执行完毕，失信惩戒措施终止",
                $"您的{g.KindName}（{g.RulingNo}）已执行完毕：裁定前的失信信息（{recordIds.Count}条）已予以信用修复、停止公示{(ended.Count > 0 ? "，已移出严重失信主体名单" : "")}，相关失信约束和惩戒措施终止（国办发〔2025〕22号；《黑龙江省社会信用条例》第四十条）。");
            ctx.Detail = $"{g.KindName}执行完毕{(text is null ? "" : "：" + text)}；失信信息{(recordIds.Count == 0 ? "无" : string.Join("、", recordIds))}停止公示，名单条目{(ended.Count == 0 ? "无" : string.Join("、", ended.Distinct()))}移出，措施终止";
        }, version);
        return store.Get(id)!;
    }

    /// <summary>The plan failed (execution ended by the court, or not performed): the suspended measures apply again.</summary>
    public Reorganisation Fail(long id, string? reasons, CaseActor who, int? version = null)
    {
        var g = Get(id);
        var text = Text(reasons, "reasons", "未能执行的情况（如人民法院裁定终止执行）", 2000);
        engine.Act(id, "fail", who, null, ctx =>
        {
            if (!store.End(ctx.Connection, ctx.Transaction, id, ReorganisationStatuses.Failed, ctx.Today)) throw Changed(g);
            ctx.Write(ctx.Read<ReorganisationData>() with { Outcome = ReorganisationStatuses.Failed });
            ctx.Notify(Mailbox.OfSubject(g.SubjectId), $"{g.KindName}未能执行，失信惩戒措施恢复",
                $"您的{g.KindName}（{g.RulingNo}）未能执行：{text}。暂停的失信约束和惩戒措施自{ctx.Today:yyyy年M月d日}起恢复（国办发〔2025〕22号）。");
            ctx.Detail = $"{g.KindName}未能执行：{text}；暂停的失信约束和惩戒措施恢复";
        }, version);
        return store.Get(id)!;
    }

    /// <summary>One reorganisation.</summary>
    public Reorganisation Get(long id) => store.Get(id) ?? throw Refusal.NotFound("reorganisation.not-found", $"没有编号为{id}的破产重整（和解）记录");

    /// <summary>All reorganisations, those in force first.</summary>
    public IReadOnlyList<Reorganisation> All() => store.All();

    private static Refusal Changed(Reorganisation g) => Refusal.Conflict("reorganisation.state", $"{g.Number}已不在执行中");

    private static string Text(string? value, string field, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) throw Refusal.Invalid($"reorganisation.{field}", $"{field}：须填写{label}");
        if (value.Trim().Length > max) throw Refusal.Invalid($"reorganisation.{field}", $"{field}：{label}不能超过{max}个字符");
        return value.Trim();
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 2000)];
}
