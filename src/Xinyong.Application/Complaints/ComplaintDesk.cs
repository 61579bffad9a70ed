using Xinyong.Application.Cases;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Notifications;

namespace Xinyong.Application.Complaints;

/// <summary>The fields of a complaint kept with its case.</summary>
/// <param name="Collector">The registry code of the collector complained against.</param>
/// <param name="CollectorName">Its name when filed.</param>
/// <param name="Facts">What the collector did that infringes the complainant's rights.</param>
/// <param name="Request">What the complainant asks for.</param>
/// <param name="Answer">The written answer, once given.</param>
/// <param name="AnsweredOn">The day of the written answer.</param>
/// <param name="Reasons">Why the complaint was not accepted.</param>
public sealed record ComplaintData(string Collector, string CollectorName, string Facts, string? Request, string? Answer = null, DateOnly? AnsweredOn = null, string? Reasons = null);

/// <summary>A complaint as filed (by a signed-in subject, or anyone with a name and a contact).</summary>
public sealed record NewComplaint(string Collector, string Name, string Contact, string Facts, string? Request, long? SubjectId);

/// <summary>
/// Who acts on complaints: the credit agency's staff (acting for the credit authority that receives complaints,
/// Art. 41 (2)); who reads them: staff who read all units, and the complainant when signed in as the subject.
/// </summary>
public sealed class ComplaintRules : CaseKindRules
{
    /// <inheritdoc />
    public override string Kind => ComplaintDesk.Kind;

    /// <inheritdoc />
    public override bool MayRead(CaseActor who, CaseFile file, IReadOnlyList<CaseParty> parties) =>
        base.MayRead(who, file, parties) || who.SubjectId is { } s && parties.Any(p => p.Role == "complainant" && p.SubjectId == s);
}

/// <summary>
/// Complaints against credit-service firms and other collectors of non-public credit information (Art. 41 (2), 43 (2)) on
/// the case engine (<c>data/cases/collector-complaint.yaml</c>): filed against a registered collector, accepted (or not,
/// with reasons), answered in writing within 20 working days of acceptance (the step <c>complaint-answer</c>).
/// </summary>
public sealed class ComplaintDesk(CaseEngine engine, CollectorRegistry collectors)
{
    /// <summary>The case kind.</summary>
    public const string Kind = "collector-complaint";

    /// <summary>The handling unit: complaints go to the credit authority, whose platform staff are the credit agency's.</summary>
    public const string Unit = "agency";

    /// <summary>Files a complaint and returns its case.</summary>
    /// <exception cref="Refusal">Invalid (a field missing), NotFound (no such collector).</exception>
    public CaseFile File(NewComplaint n, CaseActor who)
    {
        var collector = collectors.Get(n.Collector?.Trim() ?? "") ?? throw Refusal.NotFound("complaint.collector-unknown", "登记名录中没有该信息采集单位，请从名录中选择");
        Require(n.Name, "name", "投诉人姓名或名称", 200);
        Require(n.Contact, "contact", "联系方式", 200);
        Require(n.Facts, "facts", "投诉事实和理由", 4000);
        var data = new ComplaintData(collector.Code, collector.Name, n.Facts.Trim(), string.IsNullOrWhiteSpace(n.Request) ? null : n.Request.Trim());
        return engine.Open(Kind, new CaseOpening(Unit, n.SubjectId, CaseContext.WriteData(data),
            [new NewParty("complainant", n.Name.Trim(), SubjectId: n.SubjectId, Contact: n.Contact.Trim()), new NewParty("respondent", collector.Name)]),
            who, ctx => ctx.Notify(new Mailbox(Recipients.Unit, Unit), "新的信息采集单位投诉", $"收到对{collector.Name}的投诉，请及时决定是否受理（《黑龙江省社会信用条例》第四十一条第二款）。"),
            $"投诉{collector.Name}（{collector.KindLabel}）");
    }

    /// <summary>Accepts a complaint: the written answer is then due within 20 working days.</summary>
    public CaseFile Accept(long id, CaseActor who, int? version = null) =>
        engine.Act(id, "accept", who, "已受理，自受理之日起二十个工作日内书面答复", ctx => Tell(ctx, "投诉已受理",
            $"您的投诉（{ctx.Case.Number}）已于{ctx.Today:yyyy年M月d日}受理，将自受理之日起二十个工作日内书面答复（《黑龙江省社会信用条例》第四十一条第二款）。"), version);

    /// <summary>Does not accept a complaint, with reasons.</summary>
    public CaseFile NotAccept(long id, string? reasons, CaseActor who, int? version = null)
    {
        Require(reasons, "reasons", "不予受理的理由", 2000);
        return engine.Act(id, "not-accept", who, reasons!.Trim(), ctx =>
        {
            ctx.Write(ctx.Read<ComplaintData>() with { Reasons = reasons.Trim() });
            Tell(ctx, "投诉不予受理", $"您的投诉（{ctx.Case.Number}）不予受理：{reasons.Trim()}");
        }, version);
    }

    /// <summary>Records how the complaint is being checked.</summary>
    public CaseFile Note(long id, string? note, CaseActor who, int? version = null)
    {
        Require(note, "note", "核查情况", 2000);
        return engine.Act(id, "note", who, note!.Trim(), null, version);
    }

    /// <summary>Answers the complainant in writing: the case ends.</summary>
    public CaseFile Answer(long id, string? answer, CaseActor who, int? version = null)
    {
        Require(answer, "answer", "书面答复内容", 4000);
        return engine.Act(id, "answer", who, answer!.Trim(), ctx =>
        {
            ctx.Write(ctx.Read<ComplaintData>() with { Answer = answer.Trim(), AnsweredOn = ctx.Today });
            Tell(ctx, "投诉书面答复", $"对您的投诉（{ctx.Case.Number}）的书面答复：{answer.Trim()}");
        }, version);
    }

    private static void Tell(CaseContext ctx, string title, string body)
    {
        var complainant = ctx.Party("complainant");
        if (complainant?.SubjectId is { } s) ctx.Notify(Mailbox.OfSubject(s), title, body, complainant.Contact);
    }

    private static void Require(string? value, string field, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) throw Refusal.Invalid($"complaint.{field}", $"须填写{label}");
        if (value.Trim().Length > max) throw Refusal.Invalid($"complaint.{field}", $"{label}不能超过{max}个字符");
    }
}
